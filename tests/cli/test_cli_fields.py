"""A dump's own fields from the command line: ``--site-field`` and ``--id-field`` name the
documents, failures say why, and progress is plain lines when not on a terminal."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newstrace.cli import app

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
    assert [line.split()[1] for line in lines] == ["read", "indexed", "related", "changes"]
    assert "newstrace: indexed 3/3 done in" in result.stderr
