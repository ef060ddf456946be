"""How SemEval's machine translations are scored (``evaluate.mt_pairs``): an original and its
translation found, siblings neither found nor false, a translation between two groups false
unless read as one text, and unread when no label covers it."""

from __future__ import annotations

from typing import Any

from newstrace.evaluate.mt_pairs import score_mt_pairs

RECORDS = [{"id": "100", "lang": "en"}, {"id": "100it", "lang": "it"},
           {"id": "100es", "lang": "es"}, {"id": "200", "lang": "en"},
           {"id": "200zh", "lang": "zh"}, {"id": "300", "lang": "de"}]


def _report(pairs: list[tuple[str, str]]) -> tuple[dict[str, Any], dict[str, str]]:
    docs = [{"id": f"d{r['id']}", "locator": f"loc{r['id']}", "language": r["lang"]}
            for r in RECORDS]
    relations = [{"kind": "translation", "source": f"d{a}", "derived": f"d{b}"}
                 for a, b in pairs]
    return {"documents": docs, "relations": relations}, {f"loc{r['id']}": r["id"]
                                                         for r in RECORDS}


def test_found_siblings_and_false() -> None:
    report, ids = _report([("100", "100it"), ("100it", "100es"), ("200zh", "300"),
                           ("100", "300")])
    labels = {frozenset(("200zh", "300")): False}
    score = score_mt_pairs(report, ids, RECORDS, labels)
    assert score.found == {"en-it": 1, "en-es": 0, "en-zh": 0}
    assert score.translations == {"en-it": 1, "en-es": 1, "en-zh": 1}
    assert (score.false, score.unread) == (2, 1)  # 200zh-300 read as two texts; 100-300 unread


def test_a_pair_read_as_one_text_is_no_false_translation() -> None:
    report, ids = _report([("200zh", "300")])
    score = score_mt_pairs(report, ids, RECORDS, {frozenset(("200zh", "300")): True})
    assert (score.false, score.unread) == (0, 0)


def test_a_translation_within_one_language_is_false() -> None:
    report, ids = _report([("100", "200")])  # two English articles
    score = score_mt_pairs(report, ids, RECORDS, {})
    assert (score.false, score.unread) == (1, 0)


def test_one_half_scores_its_own_groups_only() -> None:
    from newstrace.evaluate.halves import half_of
    report, ids = _report([("100", "100it"), ("200", "200zh")])
    for half in ("tune", "gate"):
        score = score_mt_pairs(report, ids, RECORDS, {}, half)
        expected = {g for g in ("100", "200") if half_of(g) == half}
        assert sum(score.translations.values()) == (2 if "100" in expected else 0) + (
            1 if "200" in expected else 0)
        assert sum(score.found.values()) == len(expected)
