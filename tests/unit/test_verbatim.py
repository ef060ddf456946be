from __future__ import annotations

from newstrace.config import ReuseConfig
from newstrace.index.shingles import fingerprint_text
from newstrace.match.verbatim import align_verbatim, coverage
from newstrace.model import Span

SOURCE = " ".join(f"alpha{i}" for i in range(100))


def align(a: str, b: str):  # type: ignore[no-untyped-def]
    return align_verbatim(fingerprint_text("a", a), fingerprint_text("b", b), ReuseConfig())


def test_an_excerpt_is_one_passage_with_exact_offsets() -> None:
    words = SOURCE.split()
    excerpt = "Intro words here. " + " ".join(words[20:60]) + " and an end."
    result = align(SOURCE, excerpt)
    assert len(result.passages) == 1
    passage = result.passages[0]
    assert passage.a.slice(SOURCE) == " ".join(words[20:60])
    assert passage.b.slice(excerpt) == " ".join(words[20:60])
    assert result.coverage_a == len(" ".join(words[20:60])) / len(SOURCE)


def test_small_edits_are_bridged_into_one_passage() -> None:
    words = SOURCE.split()
    edited = [*words[:40], "CHANGED", *words[41:70], "added", "words", *words[70:]]
    result = align(SOURCE, " ".join(edited))
    assert len(result.passages) == 1
    assert result.passages[0].score < 1.0
    assert result.coverage_a > 0.95


def test_shared_phrases_are_not_passages() -> None:
    common = "said in a statement on Tuesday that the company"
    result = align(f"The minister {common} would appeal.", f"A spokesman {common} regrets it.")
    assert result.passages == ()


def test_white_space_quotes_and_case_do_not_break_a_passage() -> None:
    curly = "Speaking on condition of anonymity, she said her boyfriend wasn’t among the " \
            "volunteers, although with years left, he “couldn’t not think about it.”"
    straight = 'speaking on condition of anonymity she said her boyfriend wasn\'t among the  ' \
               'volunteers although with years left he "couldn\'t not think about it"'
    result = align(curly, straight)
    assert len(result.passages) == 1 and result.coverage_b > 0.97


def test_coverage_counts_overlaps_once() -> None:
    assert coverage([Span(0, 10), Span(5, 20), Span(30, 40)], 100) == 0.3
