"""trace, add and query from the command line, on the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newstrace.cli import app

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
