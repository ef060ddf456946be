"""``bounded.RecentMap``, and the workers' memos that use it: what is let go is made again,
and the report does not change."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.bounded import RecentMap
from newstrace.report.json_report import dump_report
from newstrace.trace import trace


def test_a_recent_map_lets_the_least_recently_used_go() -> None:
    made: list[str] = []

    def make(key: str) -> str | None:
        made.append(key)
        return None if key == "none" else key.upper()

    kept: RecentMap[str, str | None] = RecentMap(2)
    assert kept.get_or_make("a", make) == "A" and kept.get_or_make("none", make) is None
    assert kept.get_or_make("a", make) == "A"  # kept: "a" is now the most recent
    assert kept.get_or_make("none", make) is None  # a kept None is not made again
    assert made == ["a", "none"]
    kept.get_or_make("b", make)  # room for "b": "a", used before "none", goes
    assert ("a" in kept, "none" in kept, "b" in kept, len(kept)) == (False, True, True, 2)
    assert kept.get_or_make("a", make) == "A" and made == ["a", "none", "b", "a"]
    with pytest.raises(ValueError):
        RecentMap(0)


def test_memos_of_one_entry_give_the_same_report(corpus_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The changes' document readings and the claims' stems kept one at a time: every
    reading is made again as the pairs need it, and the report is the same bytes."""
    reference = dump_report(trace([str(corpus_dir)]))
    monkeypatch.setattr("newstrace.changes.detect.VIEWS_KEPT", 1)
    monkeypatch.setattr("newstrace.provenance.claim_match.STEMS_KEPT", 1)
    monkeypatch.setattr("newstrace.provenance.claim_match.LISTS_KEPT", 1)
    assert dump_report(trace([str(corpus_dir)])) == reference
