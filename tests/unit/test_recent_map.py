"""``bounded.RecentMap``, and the workers' memos that use it: what is let go is made again,
and the report does not change."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newstrace.bounded import RecentMap
from newstrace.changes.detect import _Views
from newstrace.engine.local import LocalEngine
from newstrace.model import Span
from newstrace.provenance.claim_extract import ExtractedClaim
from newstrace.provenance.claim_words import Stems
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


def test_stems_kept_one_at_a_time_are_the_stems(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``Stems`` that keeps one entry of each kind answers as one that keeps them all."""
    texts = ["“We will not raise the harbour fees this year,” the mayor said.",
             "The council voted 7-2 to close the northern quay in spring.",
             "“We will raise no fees,” Mayor Alvarez told reporters on Tuesday."]
    mentions = [ExtractedClaim("d", "quote" if t.startswith("“") else "statement",
                               Span(0, len(t)), t, k) for k, t in enumerate(texts)]
    kept_all = Stems(mentions)
    monkeypatch.setattr("newstrace.provenance.claim_words.STEMS_KEPT", 1)
    monkeypatch.setattr("newstrace.provenance.claim_words.LISTS_KEPT", 1)
    one = Stems(mentions)
    pairs = [(i, j) for i in range(3) for j in range(3)] * 2  # each asked again after others
    assert [one.dice(i, j) for i, j in pairs] == [kept_all.dice(i, j) for i, j in pairs]
    assert [one.quote_dice(i, j) for i, j in pairs] == [kept_all.quote_dice(i, j)
                                                        for i, j in pairs]
    for form in ("stems", "quoted", "said", "spoken"):
        for indices in ([0, 2], [1], [0, 2]):
            mine, theirs = one.hashed(indices, form), kept_all.hashed(indices, form)
            assert mine.items.tolist() == theirs.items.tolist()
            assert mine.sizes.tolist() == theirs.sizes.tolist()
    assert (len(one.known), len(one.joined)) == (1, 1)
    assert all(len(kept) == 1 for kept in one.forms.values())


def test_memos_of_one_entry_give_the_same_report(corpus_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The changes' document readings and the claims' stems kept one at a time: readings
    are made again as the pairs need them (counted: more than with the default memos), and
    the report is the same bytes."""
    made: Counter[str] = Counter()

    def counted(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(self: Any, key: Any) -> Any:
            made[name] += 1
            return method(self, key)
        return wrapper

    monkeypatch.setattr(_Views, "_view", counted("views", _Views._view))
    monkeypatch.setattr(Stems, "_stems", counted("stems", Stems._stems))
    with LocalEngine(1) as engine:  # in this process, where the calls are counted
        reference = dump_report(trace([str(corpus_dir)], engine=engine))
    default = dict(made)
    made.clear()
    monkeypatch.setattr("newstrace.changes.detect.VIEWS_KEPT", 1)
    monkeypatch.setattr("newstrace.provenance.claim_words.STEMS_KEPT", 1)
    monkeypatch.setattr("newstrace.provenance.claim_words.LISTS_KEPT", 1)
    with LocalEngine(1) as engine:
        assert dump_report(trace([str(corpus_dir)], engine=engine)) == reference
    assert made["views"] > default["views"] > 0, (made, default)
    assert made["stems"] > default["stems"] > 0, (made, default)
