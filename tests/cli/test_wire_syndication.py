"""A wire story carried by more sites than the postings keep a shingle for
(``ReuseConfig.max_df``): seed 000's AP article on sixty sites. Its shingles propose no
verbatim pair, so the copies were compared by their sentences alone and every pair was
reported as a ``rewrite`` (or, reconciled, ``same_story``); now a pair whose sentences align
closely is aligned verbatim too, and every copy is a ``duplicate`` of the others. Each copy
prints the AP byline above the text (cut from it with the header, kept as the document's
byline): the copies are siblings under the AP wire story, inferred, not in the corpus."""

from __future__ import annotations

import itertools
import json
import string
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.config import ReuseConfig

runner = CliRunner()


def test_a_wire_story_on_more_sites_than_max_df_is_found_as_copies(
        tmp_path: Path, seeds_report: dict[str, Any]) -> None:
    original = next(d for d in seeds_report["documents"] if d["locator"].startswith("000"))
    sites = ["".join(letters) for letters in itertools.product(string.ascii_lowercase,
                                                                repeat=2)]
    copies = ReuseConfig().max_df + 10
    records = [{"id": f"c{n}", "url": f"https://www.{sites[n]}times.com/world/troops",
                "date": f"2022-08-{11 + n % 3}",
                "text": "Russia struggles to replenish its troops in Ukraine\n\nBy The Associated "
                        "Press\n\n" + original["text"]}
               for n in range(copies)]
    dump, out = tmp_path / "crawl.jsonl", tmp_path / "report.json"
    dump.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = runner.invoke(app, ["trace", str(dump), "--id-field", "id", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["documents"]) == copies
    assert report["relations"] and {r["kind"] for r in report["relations"]} == {"duplicate"}
    assert {d["byline"] for d in report["documents"]} == {"The Associated Press"}
    # every copy is tied to the others: one story, from the AP wire, none the other's source
    assert len(report["stories"]) == 1
    assert report["stories"][0]["inferred_origin"]["agency"] == "AP"
    assert not any(r["oriented"] for r in report["relations"])
