"""Freed memory is handed back between stages (the dense bench measures how much)."""

from __future__ import annotations

import platform
from pathlib import Path
from typing import Any

import pytest

from newstrace.memory import _trim, release_memory
from newstrace.store.index import Index
from newstrace.trace import trace


def test_release_memory_finds_glibcs_trim_where_there_is_one() -> None:
    release_memory()  # never fails, whatever the platform
    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        assert _trim() is not None


def test_trace_lets_the_page_cache_go_once_the_report_inputs_are_read(
        corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scans of every document and relation fill SQLite's page cache (up to 256 MB);
    ``trace`` lets it go before the report's structures are made, not after."""
    calls: list[str] = []
    for name in ("documents", "relations", "release_page_cache"):
        original = getattr(Index, name)

        def recorded(self: Index, *args: object, _name: str = name,
                     _original: Any = original) -> Any:
            calls.append(_name)
            return _original(self, *args)
        monkeypatch.setattr(Index, name, recorded)
    report = trace([str(corpus_dir)])
    assert report["relations"]
    last_read = max(i for i, c in enumerate(calls) if c in ("documents", "relations"))
    assert "release_page_cache" in calls[last_read:], calls
