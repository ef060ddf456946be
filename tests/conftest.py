"""Shared fixtures: where the seeds, the evaluation data and the demo corpus are."""

from __future__ import annotations

from pathlib import Path

import pytest

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
