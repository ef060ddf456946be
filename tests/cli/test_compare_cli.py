"""compare and claims from the command line: changes side by side, claims by carriers."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.report import kept as kept_module
from newstrace.store.index import Index

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


def test_claims_are_the_kept_reports_and_an_old_one_is_built_again(
        tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``claims`` reads the report ``add`` kept (built once, not again); an index whose
    report is missing gets it built and kept; one that cannot be written gets the same
    claims built in memory."""
    db = tmp_path / "i.db"
    assert runner.invoke(app, ["add", str(corpus_dir), "--db", str(db), "--quiet",
                               "--no-report"]).exit_code == 0
    with Index(db) as index:
        assert index.kept_claims("minilm-static") is None
    built = runner.invoke(app, ["claims", "--db", str(db), "--json"])
    assert built.exit_code == 0, built.output
    with Index(db) as index:
        kept = index.kept_claims("minilm-static")
    assert kept is not None and [json.loads(line) for line in built.stdout.splitlines()] == kept

    def no_second_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("the kept report was built again")

    with monkeypatch.context() as patched:
        patched.setattr(kept_module, "build_report", no_second_build)
        again = runner.invoke(app, ["claims", "--db", str(db), "--json"])
        assert again.exit_code == 0, again.output
        assert again.stdout == built.stdout
        fewer = runner.invoke(app, ["claims", "--db", str(db), "--json", "--min-carriers", "4"])
        wanted = [c for c in kept if len(c["carriers"]) >= 4]
        assert 0 < len(wanted) < len(kept)
        assert [json.loads(line) for line in fewer.stdout.splitlines()] == wanted

    unkept = tmp_path / "unkept.db"
    assert runner.invoke(app, ["add", str(corpus_dir), "--db", str(unkept), "--quiet",
                               "--no-report"]).exit_code == 0
    builds = []
    real_build = kept_module.build_report

    def counted(*args: Any, **kwargs: Any) -> dict[str, Any]:
        builds.append(1)
        return real_build(*args, **kwargs)

    def read_only(*args: object, **kwargs: object) -> None:  # as SQLite says it (root or not)
        raise sqlite3.OperationalError("attempt to write a readonly database")

    def no_lock_file(*args: object, **kwargs: object) -> None:  # a read-only folder
        raise PermissionError(13, "Permission denied")

    for refused in (("keep_report", read_only), ("writing", no_lock_file)):
        with monkeypatch.context() as patched:
            patched.setattr(kept_module, "build_report", counted)
            patched.setattr(Index, *refused)
            in_memory = runner.invoke(app, ["claims", "--db", str(unkept), "--json"])
        assert in_memory.exit_code == 0, in_memory.output
        assert in_memory.stdout == built.stdout and len(builds) == 1  # built once
        builds.clear()
        with Index(unkept) as index:
            assert index.kept_claims() is None  # nothing was written
    assert runner.invoke(app, ["claims", "--db", str(db), "--min-carriers", "1"]).exit_code == 2
