from __future__ import annotations

import math

from newstrace.evaluate.pan import Case, score_cases


def test_a_perfect_detection_scores_one() -> None:
    case = Case(100, 50, 200, 50)
    score = score_cases([([case], [case])])
    assert (score.precision, score.recall, score.granularity, score.plagdet) == (1, 1, 1, 1)


def test_a_split_detection_raises_granularity() -> None:
    case = Case(0, 100, 0, 100)
    halves = [Case(0, 50, 0, 50), Case(50, 50, 50, 50)]
    score = score_cases([([case], halves)])
    assert score.recall == 1 and score.precision == 1 and score.granularity == 2
    assert math.isclose(score.plagdet, 1 / math.log2(3))


def test_detection_must_overlap_in_both_documents() -> None:
    score = score_cases([([Case(0, 100, 0, 100)], [Case(0, 100, 500, 100)])])
    assert score.recall == 0 and score.precision == 0


def test_detections_without_cases_count_against_precision() -> None:
    score = score_cases([([Case(0, 100, 0, 100)], [Case(0, 100, 0, 100)]),
                         ([], [Case(0, 10, 0, 10)])])
    assert score.precision == 0.5 and score.pairs_with_detections == 2
