"""The seeds' and the demo corpus's reports, traced once for all golden tests (read only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newstrace.trace import trace


@pytest.fixture(scope="session")
def seeds_report(seeds_dir: Path) -> dict[str, Any]:
    return trace([str(seeds_dir)])


@pytest.fixture(scope="session")
def demo_report(corpus_dir: Path) -> dict[str, Any]:
    return trace([str(corpus_dir)])
