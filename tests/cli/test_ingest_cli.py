"""The ingest command end to end: good input, bad input, exit codes."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli import app

runner = CliRunner()
ARTICLE = ("Headline of a good article\n\nThe harbour council met on Tuesday and approved the "
           "budget. Members said the vote was close but fair, and the works start in May.\n")


def records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "good.txt").write_text(ARTICLE)
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes(
        ("Titre de l'article\n\nLe maire a déclaré que la fête aura lieu malgré la pluie. "
         "Les habitants sont très contents de cette décision.\n").encode("latin-1"))
    with open(folder / "huge.txt", "w") as handle:
        chunk = "word " * 200_000
        for _ in range(53):
            handle.write(chunk)
    warc = (corpus_dir / "02_dailyledger.warc.gz").read_bytes()
    (folder / "truncated.warc.gz").write_bytes(warc[:1500])
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * 10_000 + "<p>deep</p>" + "</div>" * 10_000 + "</body></html>")
    lines = [json.dumps({"text": ARTICLE}), "{not json", json.dumps({"text": ARTICLE + " "})]
    (folder / "broken.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_bad_input_yields_every_good_document_and_one_failure_each(bad_folder: Path) -> None:
    missing = str(bad_folder / "does-not-exist")
    result = runner.invoke(app, ["ingest", str(bad_folder), missing, "--json", "--quiet"])
    assert result.exit_code == 0, result.output
    out = records(result.stdout)
    docs = [r for r in out if r["type"] == "document"]
    failures = {str(r["locator"] or r["path"]).split("/")[-1]: r["reason"]
                for r in out if r["type"] == "failure"}
    assert sorted(str(d["locator"]) for d in docs) == [
        "broken.jsonl#1", "broken.jsonl#3", "good.txt", "latin1.txt"]
    assert set(failures) == {"image.png", "empty.txt", "huge.txt", "truncated.warc.gz",
                             "deep.html", "broken.jsonl#2", "does-not-exist"}
    assert "PNG" in str(failures["image.png"])
    assert "empty" in str(failures["empty.txt"])
    assert "MB limit" in str(failures["huge.txt"])
    assert "truncated" in str(failures["truncated.warc.gz"])
    assert "line 2" in str(failures["broken.jsonl#2"])
    assert "no such file" in str(failures["does-not-exist"])
    latin = next(d for d in docs if d["locator"] == "latin1.txt")
    assert "déclaré" in str(latin["text"])
    assert "Traceback" not in result.output


def test_bad_input_runs_in_bounded_memory(bad_folder: Path) -> None:
    # The peak of this process's own memory (VmHWM): ru_maxrss would also count the copy of
    # the test runner a fork made before exec, however large the runner had grown.
    script = ("import resource, sys; from newstrace.cli import main; sys.argv=['newstrace',"
              f"'ingest', {str(bad_folder)!r}, '--json', '--quiet', '--workers', '1'];\n"
              "try: main()\nexcept SystemExit: pass\n"
              "try: peak = next(int(l.split()[1]) for l in open('/proc/self/status') "
              "if l.startswith('VmHWM'))\n"
              "except OSError: peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
              "print('RSS', peak, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    rss_kb = int(done.stderr.rsplit("RSS", 1)[1].split()[0])
    assert rss_kb < 400_000, done.stderr  # the 53 MB file is refused from its size, not read


def test_exit_codes(bad_folder: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["ingest", str(bad_folder), "--quiet"]).exit_code == 0
    strict = runner.invoke(app, ["ingest", str(bad_folder), "--strict", "--quiet"])
    assert strict.exit_code == 1
    nothing = runner.invoke(app, ["ingest", str(bad_folder / "image.png"), "--quiet"])
    assert nothing.exit_code == 2
    assert runner.invoke(app, ["ingest", str(tmp_path / "x"), "--json"]).exit_code == 2


def test_demo_corpus_json(corpus_dir: Path) -> None:
    result = runner.invoke(app, ["ingest", str(corpus_dir), "--json", "--quiet"])
    assert result.exit_code == 0
    docs = [r for r in records(result.stdout) if r["type"] == "document"]
    assert len(docs) == 9
    original = next(d for d in docs if d["locator"] == "01_northwire_original.html")
    assert original["site"] == "northwire.example"
    assert original["published"] == "2025-03-14"
    assert str(original["text"]).startswith("HALLOWAY (Northwire)")
    for chrome in ("ADVERTISEMENT", "Skip to main content", "More on the Marrow", "Samir Haddad",
                   "All rights reserved", "Share"):
        assert chrome not in str(original["text"])
    text, spans = str(original["text"]), original["sentences"]
    assert isinstance(spans, list)
    assert all(text[s:e].strip() == text[s:e] for s, e in spans)


def test_output_is_deterministic(corpus_dir: Path) -> None:
    first = runner.invoke(app, ["ingest", str(corpus_dir), "--json", "--quiet"]).stdout
    second = runner.invoke(app, ["ingest", str(corpus_dir), "--json", "--quiet",
                                 "--workers", "2"]).stdout
    assert first == second


def test_table_output(corpus_dir: Path) -> None:
    result = runner.invoke(app, ["ingest", str(corpus_dir / "07_unrelated_council_budget.txt")])
    assert result.exit_code == 0
    assert "Pellham" in result.stdout and "2025-03-12" in result.stdout


@pytest.mark.parametrize("command", [[], ["ingest"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.stdout


def test_gzipped_text_capture(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    out = records(runner.invoke(app, ["ingest", str(tmp_path), "--json", "--quiet"]).stdout)
    assert out[0]["title"] == "Headline of a good article"
