"""Shared fixtures: where the seeds, the evaluation data and the demo corpus are, and their
reports traced once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newstrace.trace import trace

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
CORPUS = ROOT / "examples" / "corpus"


def require(path: Path) -> Path:
    """Skip the test, naming the path, when shared data is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent (shared data lives beside the repository)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return require(SEEDS)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return require(DATA)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def seeds_report(seeds_dir: Path) -> dict[str, Any]:
    """The seeds' report, traced once for every test that only reads it."""
    return trace([str(seeds_dir)])


@pytest.fixture(scope="session")
def seed(seeds_report: dict[str, Any]) -> dict[str, str]:
    """Each seed's document id by its number ("000" ... "004")."""
    return {d["locator"][:3]: d["id"] for d in seeds_report["documents"]}


@pytest.fixture(scope="session")
def demo_report(corpus_dir: Path) -> dict[str, Any]:
    """The demo corpus's report, traced once for every test that only reads it."""
    return trace([str(corpus_dir)])


def script_corpus(folder: Path) -> Path:
    """Two captures of one article whose text holds a ``<script>`` tag: an excerpt pair that
    every view renders, for the escaping tests."""
    body = ("The council met on Monday to approve the budget for the new library wing. "
            "<script>alert('owned')</script> The vote passed by seven to two after a long "
            "debate about the cost of the roof and the heating system in winter.")
    (folder / "a.txt").write_text("Council backs library\n\n" + body + "\n")
    (folder / "b.txt").write_text("Library wing approved\n\n" + body + "\n")
    return folder


def added_index(captures: Path, db: Path) -> Path:
    """``newstrace add CAPTURES --db DB`` from the command line, checked; the index."""
    from typer.testing import CliRunner

    from newstrace.cli import app

    result = CliRunner().invoke(app, ["add", str(captures), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return db
