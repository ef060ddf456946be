"""compare and claims from the command line: changes side by side, claims by carriers."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newstrace.cli import app

runner = CliRunner()


def test_compare_json_names_the_source_and_every_planted_change(corpus_dir: Path) -> None:
    # Given in the wrong order: orientation still finds the original.
    result = runner.invoke(app, ["compare", str(corpus_dir / "04_topnewsdaily_rewrite.txt"),
                                 str(corpus_dir / "01_northwire_original.html"), "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["source"]["locator"] == "01_northwire_original.html"
    assert answer["relation"]["kind"] == "rewrite"
    kinds = {c["kind"] for c in answer["changes"]}
    assert {"quote_altered", "negation_flipped", "number_changed",
            "attribution_removed"} <= kinds
    assert answer["encoder"] == "minilm-static"


def test_compare_as_given_keeps_the_order(corpus_dir: Path) -> None:
    result = runner.invoke(app, ["compare", str(corpus_dir / "04_topnewsdaily_rewrite.txt"),
                                 str(corpus_dir / "01_northwire_original.html"), "--json",
                                 "--as-given"])
    answer = json.loads(result.stdout)
    assert answer["source"]["locator"] == "04_topnewsdaily_rewrite.txt"
    assert "direction as given on the command line" in answer["relation"]["reasons"]


def test_compare_table_shows_the_changes_beside_the_text(corpus_dir: Path) -> None:
    result = runner.invoke(app, ["compare", str(corpus_dir / "01_northwire_original.html"),
                                 str(corpus_dir / "04_topnewsdaily_rewrite.txt")],
                           env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "rewrite" in result.stdout and "negation_flipped" in result.stdout
    assert "We are telling everyone" in result.stdout.replace("\n", " ").replace("│", " ") \
        or "telling everyone" in result.stdout


def test_compare_of_unrelated_captures_says_so(corpus_dir: Path) -> None:
    result = runner.invoke(app, ["compare", str(corpus_dir / "01_northwire_original.html"),
                                 str(corpus_dir / "07_unrelated_council_budget.txt"),
                                 "--json"])
    answer = json.loads(result.stdout)
    assert answer["relation"] is None and answer["changes"] == []


def test_compare_of_an_unreadable_file_exits_2(tmp_path: Path, corpus_dir: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["compare", str(empty),
                                 str(corpus_dir / "01_northwire_original.html")])
    assert result.exit_code == 2


def test_claims_from_an_index(tmp_path: Path, corpus_dir: Path) -> None:
    db = str(tmp_path / "i.db")
    assert runner.invoke(app, ["add", str(corpus_dir), "--db", db, "--quiet"]).exit_code == 0
    result = runner.invoke(app, ["claims", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    volume = next(c for c in claims if "12,000 litres" in c["text"])
    assert volume["independent_origins"] == 1 and volume["circular"]
    assert all(len(c["carriers"]) >= 2 for c in claims)
    table = runner.invoke(app, ["claims", "--db", db, "--limit", "3"],
                          env={"COLUMNS": "160"})
    assert "circular reporting" in table.stdout
    missing = runner.invoke(app, ["claims", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2
