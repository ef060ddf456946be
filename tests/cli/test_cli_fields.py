"""A dump's own fields from the command line: ``--site-field`` and ``--id-field`` name the
documents, failures say why, and progress is plain lines when not on a terminal."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.errors import UsageError

runner = CliRunner()

_STORY = ("The city council voted on Tuesday to close three branch libraries next year, a "
          "decision the mayor said would save four million dollars and critics called short "
          "sighted. Library staff will be moved to the central branch, officials said.")


def _dump(tmp_path: Path) -> Path:
    records = [
        {"article_id": "ap-1", "publisher": "Associated Press", "text": _STORY},
        {"article_id": "cd-7", "publisher": "https://www.citydesk.example/news",
         "text": _STORY + " The council meets again in March."},
        {"article_id": "ap-1", "publisher": "Elsewhere", "text": "A repeated id."},
        {"article_id": "zz-9", "publisher": "Nobody", "notes": "no text field here"},
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + "{not json\n",
                    encoding="utf-8")
    return path


def test_site_and_id_fields_name_the_documents(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["trace", str(_dump(tmp_path)), "-o", str(out),
                                 "--site-field", "publisher", "--id-field", "article_id"])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    named = {d["locator"]: d["site"] for d in report["documents"]}
    assert named == {"dump.jsonl#ap-1": "Associated Press", "dump.jsonl#cd-7": "citydesk.example"}
    reasons = {f["locator"]: f["reason"] for f in report["failures"]}
    assert reasons["dump.jsonl#3"] == "line 3: the id 'ap-1' was already used on line 1"
    assert "no text field" in reasons["dump.jsonl#zz-9"]
    assert "not valid JSON" in reasons["dump.jsonl#5"]


def test_failures_are_summarised_with_their_reasons(tmp_path: Path) -> None:
    result = runner.invoke(app, ["trace", str(_dump(tmp_path)), "-o", str(tmp_path / "r.json"),
                                 "--text-field", "content"])
    assert result.exit_code == 2  # a wrong --text-field reads nothing
    assert ("failed: no 'content' field (its fields: article_id, publisher, text); name "
            "another with --text-field: 3 records, first dump.jsonl#1") in result.stderr
    added = runner.invoke(app, ["add", str(_dump(tmp_path)), "--db", str(tmp_path / "i.db"),
                                "--id-field", "article_id"])
    assert "failed: the id 'ap-1' was already used on line 1: 1 record" in added.stderr


def test_progress_is_plain_lines_off_a_terminal(tmp_path: Path) -> None:
    result = runner.invoke(app, ["trace", str(_dump(tmp_path)), "-o", str(tmp_path / "r.json")])
    lines = [line for line in result.stderr.splitlines() if line.startswith("newstrace: ")]
    stages = [line.split()[1] for line in lines]
    assert stages == [s for s in ("read", "cleaned", "indexed", "aligned", "related",
                                  "changes", "written") for _ in (0, 1)]
    assert lines[0].endswith("…") and "done in" in lines[1]  # a line as it starts and ends
    # reading is timed from its start, not from the first record the corpus passes let go
    assert lines[0] == "newstrace: read 0 …" and lines[1].startswith("newstrace: read 5 done")
    assert "newstrace: indexed 3/3 done in" in result.stderr
    added = runner.invoke(app, ["add", str(_dump(tmp_path)), "--db", str(tmp_path / "i.db")])
    said = [line.split()[1] for line in added.stderr.splitlines()
            if line.startswith("newstrace: ")]
    assert said == [s for s in ("read", "cleaned", "indexed", "aligned", "related", "report")
                    for _ in (0, 1)]
    # the report on stdout: no "written" stage on stderr; quiet: no stage at all
    shown = runner.invoke(app, ["trace", str(_dump(tmp_path))])
    assert "newstrace: changes and claims" in shown.stderr and "written" not in shown.stderr
    assert shown.stdout.lstrip().startswith("{")
    quiet = runner.invoke(app, ["trace", str(_dump(tmp_path)), "-q", "-o", str(tmp_path / "q")])
    assert quiet.exit_code == 0 and "newstrace:" not in quiet.stderr
    # a report that cannot be written is not "done"
    failed = runner.invoke(app, ["trace", str(_dump(tmp_path)), "-o",
                                 str(tmp_path / "missing" / "r.json")])
    assert failed.exit_code != 0
    assert "newstrace: written 0/1 stopped after" in failed.stderr
    assert "written 0/1 done" not in failed.stderr


def test_rich_markup_in_names_titles_and_reasons_is_shown_as_text(tmp_path: Path) -> None:
    """"[/]" in a file name, a title or a failure reason once crashed the summary tables
    (rich read it as a closing tag); every table and line now prints them as they are."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "[").mkdir()  # the path "[/]scoop.txt" holds rich's closing tag
    (folder / "[" / "]scoop.txt").write_text(_STORY, "utf-8")
    (folder / "titles.jsonl").write_text(
        json.dumps({"title": "[/] Harbour closes", "text": _STORY + " More."}) + "\n", "utf-8")
    (folder / "[red]table.csv").write_text("id,[/]\n1,x\n", "utf-8")
    for command in (["trace", str(folder), "-o", str(tmp_path / "r.json")],
                    ["ingest", str(folder)],
                    ["add", str(folder), "--db", str(tmp_path / "i.db")]):
        result = runner.invoke(app, command, terminal_width=200)
        assert result.exit_code == 0, (command, result.output)
        assert "Traceback" not in result.output
    shown = runner.invoke(app, ["ingest", str(folder), "--no-site-templates"],
                          env={"COLUMNS": "400"}).output
    assert "[/]scoop.txt" in shown and "[/] Harbour closes" in shown, shown
    assert "[red]table.csv" in shown


def test_a_db_that_is_not_an_index_is_a_usage_error(tmp_path: Path) -> None:
    not_db = tmp_path / "notes.db"
    not_db.write_text("my notes, not an index")
    for command in (["add", str(_dump(tmp_path)), "--db", str(not_db)],
                    ["query", str(_dump(tmp_path)), "--db", str(not_db)],
                    ["claims", "--db", str(not_db)]):
        result = runner.invoke(app, command)
        assert result.exit_code != 0 and isinstance(result.exception, UsageError), command
        assert "is not a newstrace index" in str(result.exception)
    assert not_db.read_text() == "my notes, not an index"
    import sqlite3

    other = tmp_path / "other-app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    result = runner.invoke(app, ["query", str(_dump(tmp_path)), "--db", str(other)])
    assert "is an SQLite database but not a newstrace index (its tables: notes)" in str(
        result.exception)
    with sqlite3.connect(other) as conn:  # untouched: no newstrace tables added
        assert [n for (n,) in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]


def test_a_report_on_stdout_from_a_terminal_is_on_stdout(tmp_path: Path, monkeypatch) -> None:
    """With progress bars on a terminal (rich swaps ``sys.stdout`` while they show), the
    report without ``-o`` is written once they are gone: to stdout, whole, not into the
    bars' console."""
    import rich.console

    import newstrace.cli.index_cmd as index_cmd

    monkeypatch.setattr(index_cmd, "err_console", lambda: rich.console.Console(
        stderr=True, markup=False, force_terminal=True))
    result = runner.invoke(
        app, ["trace", str(_dump(tmp_path)), "--site-field", "publisher",
              "--id-field", "article_id", "--workers", "2"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["documents"]) == 2 and '"documents"' not in result.stderr
