"""trace, add and query from the command line, on the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.errors import UsageError
from newstrace.report.json_report import dump_report
from newstrace.store.index import Index
from newstrace.trace import trace

runner = CliRunner()


def test_trace_writes_the_report(tmp_path: Path, corpus_dir: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["trace", str(corpus_dir), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    loc = {d["id"]: d["locator"] for d in report["documents"]}
    kinds = {(loc[r["source"]], loc[r["derived"]]): r["kind"] for r in report["relations"]}
    original = "01_northwire_original.html"
    assert kinds[(original, "03_riverside_courier_excerpt.txt")] == "excerpt"
    copy = "02_dailyledger.warc.gz#1"
    assert kinds.get((original, copy), kinds.get((copy, original))) == "duplicate"
    assert not any("07_" in a or "07_" in b for a, b in kinds)  # the unrelated story
    assert report["summary"]["documents"] == 9


def test_trace_to_stdout_is_the_same_report(tmp_path: Path, corpus_dir: Path) -> None:
    out = tmp_path / "r.json"
    runner.invoke(app, ["trace", str(corpus_dir), "-o", str(out), "-q"])
    stdout = runner.invoke(app, ["trace", str(corpus_dir), "-q", "--workers", "1"]).stdout
    assert stdout == out.read_text()


def test_the_written_report_is_dump_reports_text(tmp_path: Path, corpus_dir: Path) -> None:
    out = tmp_path / "r.json"
    runner.invoke(app, ["trace", str(corpus_dir), "-o", str(out), "-q"])
    text = out.read_text(encoding="utf-8")
    assert text == dump_report(json.loads(text))
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no partial file left
    # the command line spools the report's long lists to disk: the same bytes as in memory
    assert text == dump_report(trace([str(corpus_dir)]))


def test_a_report_stopped_while_written_leaves_the_previous_one(
        tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "r.json"
    out.write_text("the previous report\n", encoding="utf-8")

    def stopped(report: dict[str, object], handle: object) -> None:
        handle.write("{\n  \"claims\": [")  # type: ignore[attr-defined]
        raise KeyboardInterrupt

    monkeypatch.setattr("newstrace.cli.index_cmd.write_report", stopped)
    result = runner.invoke(app, ["trace", str(corpus_dir), "-o", str(out), "-q"])
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "the previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_a_report_written_through_a_link_reaches_its_target(tmp_path: Path,
                                                             corpus_dir: Path) -> None:
    target = tmp_path / "kept" / "r.json"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    result = runner.invoke(app, ["trace", str(corpus_dir), "-o", str(link), "-q"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and json.loads(target.read_text())["summary"]["documents"] == 9
    folder = runner.invoke(app, ["trace", str(corpus_dir), "-o", str(tmp_path), "-q"])
    assert isinstance(folder.exception, UsageError) and "is a folder" in str(folder.exception)


def test_add_then_query(tmp_path: Path, corpus_dir: Path) -> None:
    db = str(tmp_path / "i.db")
    first = runner.invoke(app, ["add", str(corpus_dir), "--db", db, "--json"])
    assert json.loads(first.stdout)["added"] == 9
    second = runner.invoke(app, ["add", str(corpus_dir), "--db", db, "--json"])
    again = json.loads(second.stdout)
    assert again == {"added": 0, "skipped": 9, "aligned": 0, "related": 0,
                     "relations": json.loads(first.stdout)["relations"], "failures": 0,
                     "documents": 9}
    answer = runner.invoke(app, ["query", str(corpus_dir / "03_riverside_courier_excerpt.txt"),
                                 "--db", db, "--json"])
    record = json.loads(answer.stdout)
    sources = [item["document"]["locator"] for item in record["reused"]]
    assert "01_northwire_original.html" in sources
    assert all(item["relation"]["passages"] for item in record["reused"])
    # A faithful excerpt: only its omitted tail is a change.
    assert all({c["kind"] for c in item["relation"]["changes"]} <= {"sentence_dropped"}
               for item in record["reused"])
    spun = runner.invoke(app, ["query", str(corpus_dir / "04_topnewsdaily_rewrite.txt"),
                               "--db", db, "--json"])
    kinds = {c["kind"] for item in json.loads(spun.stdout)["reused"]
             for c in item["relation"]["changes"]}
    assert {"number_changed", "quote_altered"} <= kinds


def test_query_without_an_index_says_so(tmp_path: Path, corpus_dir: Path) -> None:
    result = runner.invoke(app, ["query", str(corpus_dir / "07_unrelated_council_budget.txt"),
                                 "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no index" in result.output


def test_eval_pan_json_and_xml(tmp_path: Path, data_dir: Path) -> None:
    pan = data_dir / "pan13-train"
    result = runner.invoke(app, ["eval", "pan", str(pan), "--json", "--limit", "20",
                                 "--out", str(tmp_path / "xml")])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)  # what the product itself reports for each pair
    assert scores["02-no-obfuscation"]["plagdet"] > 0.85
    assert "overall (whole source)" in scores and "05-summary-obfuscation (whole source)" in scores
    written = list((tmp_path / "xml" / "02-no-obfuscation").glob("*.xml"))
    assert len(written) == 20
    assert 'name="detected-plagiarism"' in written[0].read_text()
    tuned = runner.invoke(app, ["eval", "pan", str(pan), "--json", "--limit", "20",
                                "--rules", "pan", "--half", "gate"])
    assert tuned.exit_code == 0, tuned.output
    assert json.loads(tuned.stdout)["02-no-obfuscation"]["pairs"] == 20
    wrong = runner.invoke(app, ["eval", "pan", str(pan), "--half", "both"])
    assert wrong.exit_code == 2 and "tune, gate" in wrong.output


def test_trace_summary_shows_who_reuses_whom(tmp_path: Path, corpus_dir: Path) -> None:
    result = runner.invoke(app, ["trace", str(corpus_dir), "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 0
    assert "relations (source -> derived; links last)" in result.stderr  # stdout: data
    assert "excerpt" in result.stderr and "duplicate" in result.stderr
    assert "stories" in result.stderr and "minilm-static" in result.stderr


def test_trace_json_gives_scripts_the_summary(tmp_path: Path, corpus_dir: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["trace", str(corpus_dir), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout)
    assert line["report"] == str(out)
    assert line["summary"] == json.loads(out.read_text())["summary"]
    assert line["summary"]["misquotes"] >= 1 and "newstrace trace" not in result.output


def test_trace_table_counts_misquotes_and_claims(tmp_path: Path, corpus_dir: Path) -> None:
    result = runner.invoke(app, ["trace", str(corpus_dir), "-o", str(tmp_path / "r.json")],
                           env={"COLUMNS": "160"})
    assert result.exit_code == 0
    for row in ("origins copied", "misquotes", "claims (circular)", "changes (high/medium)"):
        assert row in result.output, row


def _site_corpus(folder: Path) -> Path:
    """Five pages of one site, each its own story under the site's footer sentence (template
    text trace removes), and one page of another site."""
    folder.mkdir()
    footer = "Sign in to read every Harbour Herald story on your phone, tablet and laptop."
    stories = ["The ferry to Eastport will run twice a day from Monday, the operator said.",
               "Council members voted to repair the old library roof before the winter.",
               "A new bakery opened on Quay Street with a queue around the corner.",
               "The rowing club won its first regional title in twelve years on Sunday.",
               "Fishermen reported the best herring catch since the harbour was dredged."]
    lines = [{"id": f"h{n}", "url": f"https://harbourherald.example/{n}", "title": f"Story {n}",
              "date": f"2025-03-{10 + n}", "text": f"{story}\n\n{footer}"}
             for n, story in enumerate(stories)]
    lines.append({"id": "o1", "url": "https://otherpaper.example/1", "title": "Ferry",
                  "date": "2025-03-12", "text": stories[0] + "\n\n" + footer})
    path = folder / "crawl.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_add_reads_and_relates_one_input_as_trace_does(tmp_path: Path) -> None:
    """The same documents (the site's footer removed from its pages by the corpus passes, the
    other site's copy kept whole) and the same relations, in either command."""
    path = _site_corpus(tmp_path / "in")
    traced = json.loads(runner.invoke(app, ["trace", str(path), "-q", "--workers", "1"]).stdout)
    db = tmp_path / "i.db"
    assert runner.invoke(app, ["add", str(path), "--db", str(db), "-q"]).exit_code == 0
    with Index(db) as index:
        added = {d.id: d for d in index.documents()}
        related = sorted((r.source, r.derived, r.kind) for r in index.relations())
    assert {i: d.text for i, d in added.items()} == {
        d["id"]: d["text"] for d in traced["documents"]}
    assert not any("Sign in" in d.text for d in added.values() if "harbourherald" in str(d.url))
    assert any("Sign in" in d.text for d in added.values())  # the other site's page keeps it
    assert related == sorted((r["source"], r["derived"], r["kind"]) for r in traced["relations"])
