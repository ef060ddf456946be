"""A site's versions of one article from the command line: seed 000's AP article updated
four times over three days on one site, its lead reprinted by three other sites. Before,
the site-template pass took the versions' shared paragraphs for the site's furniture and
stripped them (two versions left empty, the reprints reported as ``same_story``); now every
text is kept and every reprint is a copy or an excerpt of each version holding it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from newstrace.cli import app

runner = CliRunner()


def test_an_articles_versions_on_one_site_keep_their_text(
        tmp_path: Path, seeds_report: dict[str, Any]) -> None:
    original = next(d for d in seeds_report["documents"] if d["locator"].startswith("000"))
    paragraphs = [original["text"][a:b] for a, b in original["paragraphs"]]
    assert len(paragraphs) >= 6
    versions = {f"v{n}": "\n\n".join(paragraphs[:2 + n]) for n in range(5)}
    lead = "\n\n".join(paragraphs[:2])
    records = [{"id": name, "url": f"https://apnews.example/article/troops-{name}",
                "date": f"2022-08-{11 + n // 2}", "text": text}
               for n, (name, text) in enumerate(versions.items())]
    records += [{"id": f"r{n}", "url": f"https://paper{n}.example/world/troops",
                 "date": "2022-08-12", "text": lead} for n in range(3)]
    dump, out = tmp_path / "crawl.jsonl", tmp_path / "report.json"
    dump.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = runner.invoke(app, ["trace", str(dump), "--id-field", "id", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    name = {d["id"]: d["locator"].split("#")[1] for d in report["documents"]}
    texts = {name[d["id"]]: d["text"] for d in report["documents"]}
    assert all(texts[v] == text for v, text in versions.items())
    kinds = {frozenset((name[r["source"]], name[r["derived"]])): r["kind"]
             for r in report["relations"]}
    for reprint in ("r0", "r1", "r2"):
        assert kinds[frozenset((reprint, "v0"))] == "duplicate"
        assert all(kinds[frozenset((reprint, v))] == "excerpt" for v in versions if v != "v0")
