"""Relation kinds from pair features, and orientation signals."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

from newstrace.match.kinds import (
    EVENT_DAYS,
    SAME_STORY,
    STORY_DAYS,
    PairFeatures,
    decide_kind,
    one_story,
    story_similarity,
)
from newstrace.match.orient import OrientInfo, orient
from newstrace.match.pair import PairInput, quoting_side
from newstrace.model import Passage, Span

NONE = PairFeatures(verbatim_a=0.0, verbatim_b=0.0, aligned_a=0.0, aligned_b=0.0,
                    mean_score=0.0, passages=0, cross_lingual=False, cosine=0.0,
                    shared_names=0, names_dice=0.0, shared_numbers=0, days_apart=None)


def kind(**changes: object) -> str | None:
    decided = decide_kind(replace(NONE, **changes))  # type: ignore[arg-type]
    return decided[0] if decided else None


#: Narrative reuse of a real copy: hundreds of the reporter's own words shared verbatim.
TOLD = dict(narrative_words=400, narrative_a=0.9, narrative_b=0.9, narrative_score=0.8)


def test_containment_rules_come_first() -> None:
    assert kind(verbatim_a=0.95, verbatim_b=0.92, passages=1, **TOLD) == "duplicate"
    decided = decide_kind(replace(NONE, verbatim_a=0.25, verbatim_b=0.97, passages=1, **TOLD))
    assert decided is not None and decided[:2] == ("excerpt", "b")


def test_aligned_sentences_make_a_rewrite_or_across_languages_a_translation() -> None:
    assert kind(aligned_a=0.9, aligned_b=0.95, mean_score=0.75, passages=3,
                **TOLD) == "rewrite"
    assert kind(aligned_a=0.6, aligned_b=0.7, mean_score=0.8, passages=2,
                cross_lingual=True) == "translation"
    assert kind(aligned_a=0.9, aligned_b=0.95, mean_score=0.4, passages=1, **TOLD) == "partial"


def test_shared_public_words_are_one_event_not_a_copy() -> None:
    """Verbatim text that lies inside quotations is two reports of one statement."""
    quoted = dict(verbatim_a=0.95, verbatim_b=0.92, passages=2, narrative_words=4,
                  public_words=180)
    decided = decide_kind(replace(NONE, **quoted))  # type: ignore[arg-type]
    assert decided is not None and decided[0] == "same_story"
    assert "public words" in decided[2][0]
    assert kind(**quoted, days_apart=90.0) == "same_topic"
    # the same share of aligned sentences, but only the quotations among them are close
    assert kind(aligned_a=0.8, aligned_b=0.7, mean_score=0.8, passages=3, narrative_words=0,
                public_words=150, narrative_a=0.4, narrative_b=0.7,
                narrative_score=0.5) == "same_story"
    # narrative verbatim below the copy floor but a strong partial passage is still reuse
    assert kind(verbatim_a=0.2, verbatim_b=0.3, passages=1, narrative_words=60,
                public_words=10) == "partial"


def test_a_rewrite_without_verbatim_narrative_needs_a_credit_or_the_whole_text() -> None:
    """Two reporters telling one event in their own words align a few narrative sentences
    (BASIL's New York Times and Fox News on the IRS and same-sex couples): not a rewrite
    unless the texts name a common source or retell each other whole."""
    thin = dict(aligned_a=0.23, aligned_b=0.61, mean_score=0.74, passages=4,
                narrative_words=1, public_words=66, narrative_a=0.17, narrative_b=0.58,
                narrative_score=0.65, narrative_close=0.25)
    assert kind(**thin) == "same_story"
    assert kind(**thin, credited=True) == "rewrite"  # "according to Fox News"
    assert kind(**thin, same_site=True, days_apart=0.0) == "rewrite"  # a write-through
    assert kind(**{**thin, "narrative_words": 60}) == "rewrite"
    # a spin that removed every credit and every verbatim word, retelling the whole text
    spun = {**thin, "narrative_a": 0.9, "narrative_b": 0.85, "narrative_close": 0.6}
    assert kind(**spun) == "rewrite"
    assert kind(**{**spun, "narrative_close": 0.3}) == "same_story"
    # a short spin of a long article: the whole of the short one retold
    condensed = {**thin, "narrative_a": 0.3, "narrative_b": 0.95, "narrative_close": 0.6}
    assert kind(**condensed) == "rewrite"
    assert kind(**{**condensed, "narrative_b": 0.7}) == "same_story"


def test_no_reuse_but_shared_names_is_a_link_capped_by_time() -> None:
    close = dict(cosine=0.95, names_dice=0.4, shared_names=12, aligned_a=0.2)
    assert kind(**close) == "same_story"
    assert kind(**close, days_apart=400.0) == "same_topic"
    assert kind(cosine=0.5, names_dice=0.02, shared_names=1) is None


def test_one_events_reports_lie_days_apart_and_one_storys_weeks() -> None:
    """A link is one event's (``same_story``) within ``EVENT_DAYS``; later, another
    development, which claims still compare statements across while within
    ``STORY_DAYS`` (``one_story``); a weak link never is one story."""
    close = dict(cosine=0.95, names_dice=0.4, shared_names=12, aligned_a=0.2)
    assert kind(**close, days_apart=float(EVENT_DAYS)) == "same_story"
    later = replace(NONE, **close, days_apart=EVENT_DAYS + 1.0)  # type: ignore[arg-type]
    decided = decide_kind(later)
    assert decided is not None and decided[0] == "same_topic"
    assert one_story("same_topic", dataclasses.asdict(later))
    gone = replace(later, days_apart=STORY_DAYS + 1.0)
    assert not one_story("same_topic", dataclasses.asdict(gone))
    weak = replace(NONE, cosine=0.9, names_dice=0.15, shared_names=3, days_apart=1.0)
    assert kind(cosine=0.9, names_dice=0.15, shared_names=3, days_apart=1.0) == "same_topic"
    assert not one_story("same_topic", dataclasses.asdict(weak))
    assert one_story("same_story", None) and not one_story("rewrite", dataclasses.asdict(later))
    quoted = replace(NONE, passages=1, public_words=40, days_apart=10.0)
    assert decide_kind(quoted) is not None and one_story("same_topic", dataclasses.asdict(quoted))
    # an undated pair's same_topic comes from reconcile's inferred dates: ruled apart
    assert not one_story("same_topic", dataclasses.asdict(replace(later, days_apart=None)))
    # one site's furniture is judged by its story similarity alone, as decide_kind does
    boxed = replace(quoted, same_site=True, site_repeated=0.9, cosine=0.9, names_dice=0.15,
                    shared_names=3, days_apart=5.0)
    decided = decide_kind(boxed)
    assert decided is not None and decided[0] == "same_topic"
    assert not one_story("same_topic", dataclasses.asdict(boxed))


def test_story_similarity_grows_with_names_and_cosine() -> None:
    low = story_similarity(replace(NONE, cosine=0.6, names_dice=0.05))
    high = story_similarity(replace(NONE, cosine=0.95, names_dice=0.4))
    assert 0.0 <= low < SAME_STORY <= high <= 1.0


INFO = OrientInfo(None, None, 0, frozenset(), "", False, False, False, False)


def test_containment_and_dates_orient() -> None:
    inside = orient(INFO, INFO, inner="a")
    assert not inside.a_is_source and inside.known
    earlier = orient(replace(INFO, published="2025-03-14"), replace(INFO, published="2025-03-20"))
    assert earlier.a_is_source and "was published first" in earlier.signals[0]


def test_information_loss_and_credits_orient() -> None:
    wire = replace(INFO, agencies=3, own_name="northwire", published="2025-03-14")
    copy = replace(INFO, credits=frozenset({"northwire"}), own_name="dailyledger",
                   published="2025-03-14")
    result = orient(copy, wire, names=("copy", "wire"))
    assert not result.a_is_source and result.known
    assert any("credits wire's own outlet" in s for s in result.signals)


def test_the_side_quoting_the_others_own_text_is_the_copy() -> None:
    """A report holding in quotation marks what the other prints as its own text (an op-ed,
    a statement) quotes it: flipping the signal's sign must fail here."""
    quoting = orient(INFO, INFO, quoting="a", names=("report", "op-ed"))
    assert not quoting.a_is_source and quoting.known
    assert "report quotes words the other prints as its own text" in quoting.signals[0]
    assert orient(INFO, INFO, quoting="b").a_is_source


def _side(quotes: tuple[Span, ...] = (), voiced: tuple[Span, ...] = ()) -> PairInput:
    return PairInput(None, INFO, 1000, "x", quotes=quotes,  # type: ignore[arg-type]
                     voiced=voiced)


def test_quoting_side_reads_which_text_holds_the_shared_words_in_marks() -> None:
    """The quoting side holds the words in marks; the other prints them in its own first
    person (an op-ed, a statement). Without that voice, a text without the marks may be a
    copy that dropped them: no signal."""
    passage = Passage(Span(0, 100), Span(50, 150), "verbatim", 1.0, 25)
    op_ed = _side(voiced=(Span(40, 160),))
    assert quoting_side((passage,), _side((Span(0, 100),)), op_ed) == "a"
    assert quoting_side((passage,), _side(voiced=(Span(0, 90),)), _side((Span(40, 160),))) \
        == "b"
    assert quoting_side((passage,), _side((Span(0, 100),)), _side()) == ""  # no voice
    assert quoting_side((passage,), _side((Span(0, 100),)),
                        _side((Span(40, 160),), (Span(40, 160),))) == ""  # both quote
    short = Passage(Span(0, 40), Span(0, 40), "verbatim", 1.0, 8)
    assert quoting_side((short,), _side((Span(0, 40),)), _side(voiced=(Span(0, 40),))) == ""


def test_no_signal_is_a_coin_toss() -> None:
    result = orient(INFO, INFO)
    assert result.probability == 0.5 and not result.known


def test_passages_across_languages_need_no_shared_words() -> None:
    """A translated passage shares no word verbatim, narrative or quoted: what the aligner
    matched by meaning is the evidence (WMT21: 22 same-document pairs were lost without)."""
    assert kind(aligned_a=0.2, aligned_b=0.3, mean_score=0.6, passages=2,
                cross_lingual=True) == "partial"
    assert kind(aligned_a=0.2, aligned_b=0.3, mean_score=0.6, passages=2) != "partial"
