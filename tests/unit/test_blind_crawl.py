"""The blind crawl is shown in aggregate only: ``eval crawl --json`` leaves out its pairs."""

from __future__ import annotations

from newstrace.cli.evaluate_cmd import _shown
from newstrace.evaluate.crawls import AGGREGATE_ONLY, CRAWLS, LABELS


def test_the_blind_crawls_disagreements_are_not_shown() -> None:
    assert "blind" in CRAWLS and "blind" in AGGREGATE_ONLY and LABELS["blind"][0] is not None
    scores = {"precision": 0.8, "disagreements": [{"id_a": "x", "id_b": "y"}]}
    assert _shown(scores, "blind") == {"precision": 0.8}
    assert _shown(scores, "fresh") == scores
