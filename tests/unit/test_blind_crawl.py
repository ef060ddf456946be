"""The blind crawl is shown in aggregate only (``eval crawl --json`` leaves out its pairs),
and the crawls after the development one never share an article."""

from __future__ import annotations

from newstrace.cli.evaluate_cmd import _shown
from newstrace.evaluate.crawls import (
    AGGREGATE_ONLY,
    BLIND_MONTHS,
    CRAWLS,
    FRESH_MONTHS,
    HELD_OUT_MONTHS,
    LABELS,
    SPRING_MONTHS,
)


def test_the_blind_crawls_disagreements_are_not_shown() -> None:
    assert "blind" in CRAWLS and "blind" in AGGREGATE_ONLY and LABELS["blind"][0] is not None
    scores = {"precision": 0.8, "disagreements": [{"id_a": "x", "id_b": "y"}]}
    assert _shown(scores, "blind") == {"precision": 0.8}
    assert _shown(scores, "fresh") == scores


def test_the_later_crawls_months_do_not_overlap() -> None:
    """``months_crawl`` leaves out only the development crawl: the held-out, fresh, blind
    and spring crawls hold none of each other's articles because their months differ."""
    months = [*HELD_OUT_MONTHS, *FRESH_MONTHS, *BLIND_MONTHS, *SPRING_MONTHS]
    assert len(set(months)) == len(months)
