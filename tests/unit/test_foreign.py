"""Story similarity where the encoder does not cover a language (``match.foreign``)."""

from __future__ import annotations

from dataclasses import replace

from newstrace.index.embed import load_encoder
from newstrace.index.sentences import SentenceFeatures, text_features
from newstrace.match.foreign import foreign_names_dice, topic_overlap
from newstrace.match.kinds import PairFeatures, story_similarity
from newstrace.text.topics import topic_words

_BASE = PairFeatures(verbatim_a=0.0, verbatim_b=0.0, aligned_a=0.0, aligned_b=0.0,
                     mean_score=0.0, passages=0, cross_lingual=False, cosine=0.0,
                     shared_names=3, names_dice=0.2, shared_numbers=0, days_apart=1.0)


def _overlap(a: SentenceFeatures, b: SentenceFeatures) -> float:
    found = topic_overlap(a, b)
    assert found is not None
    return found


def test_words_stand_in_for_the_cosine_in_one_foreign_language() -> None:
    alike = replace(_BASE, foreign=True, topic=0.8)
    apart = replace(_BASE, foreign=True, topic=0.1)
    assert story_similarity(alike) > story_similarity(apart) > story_similarity(
        replace(_BASE, foreign=True, topic=0.0))
    # across two languages: names and aligned text on the same scale
    across = replace(_BASE, foreign=True, cross_lingual=True, topic=None)
    assert story_similarity(across) == round(0.3 * 0.6 / 0.5, 4)
    assert story_similarity(replace(_BASE, foreign=False, cosine=0.9)) > story_similarity(_BASE)


def test_names_meet_by_sound_and_texts_by_their_words() -> None:
    first, second, other = text_features([
        ("a", "ru", "Путин встретился с Макроном в Москве в 2024 году.", None),
        ("b", "ru", "Владимир Путин и Эммануэль Макрон провели встречу в Москве.", None),
        ("c", "ru", "Сборная выиграла чемпионат по хоккею в Праге.", None)], load_encoder())
    assert foreign_names_dice(first, second) > foreign_names_dice(first, other) == 0.0
    assert _overlap(first, second) > _overlap(first, other) == 0.0


def test_inflected_words_meet_by_their_stems() -> None:
    """"Regierung" and "Regierungen", "Wahlen" and "Wahl": surface words miss them."""
    first, second, other = text_features([
        ("a", "de", "Die Regierungen beraten über die Wahlen und die neuen Steuern.", None),
        ("b", "de", "Die Regierung berät über die Wahl und eine neue Steuer.", None),
        ("c", "de", "Der Fußballverein gewann das Pokalfinale in Berlin.", None)],
        load_encoder())
    assert _overlap(first, second) > _overlap(first, other) == 0.0
    # a language with no stemmer keeps its words whole: they share less
    whole = [replace(f, language="xx", topic_words=topic_words(text, "xx")) for f, text in (
        (first, "Die Regierungen beraten über die Wahlen und die neuen Steuern."),
        (second, "Die Regierung berät über die Wahl und eine neue Steuer."))]
    assert _overlap(*whole) < _overlap(first, second)
    assert topic_overlap(replace(first, topic_words=None), second) is None  # no reading


def test_unspaced_texts_meet_by_pairs_of_characters() -> None:
    first, second, other = text_features([
        ("a", "zh", "政府今天宣布新的经济计划，总理表示将增加投资。", None),
        ("b", "zh", "总理宣布经济计划，政府将增加基础设施投资。", None),
        ("c", "zh", "足球队在决赛中获胜，球迷庆祝到深夜。", None)], load_encoder())
    assert _overlap(first, second) > _overlap(first, other) == 0.0
    thai = replace(first, language="th", topic_words=topic_words("ข่าว", "th"))
    assert thai.topic_words is None and topic_overlap(thai, thai) is None


def test_sentences_aligned_on_vectors_that_say_nothing_are_no_reuse() -> None:
    """Two Japanese texts "align" whole on the English encoder's vectors: only verbatim text
    counts in one uncovered language, and names alone never make one story there."""
    aligned = replace(_BASE, foreign=True, aligned_a=1.0, aligned_b=1.0, topic=None)
    assert story_similarity(aligned) == story_similarity(replace(aligned, aligned_a=0.0,
                                                                 aligned_b=0.0))
    names_only = replace(aligned, names_dice=1.0)
    assert story_similarity(names_only) < 0.525  # SAME_STORY


def test_one_shared_year_is_no_shared_name() -> None:
    first, second = text_features([
        ("a", "ja", "東京で2020年に会議が開かれた。", None),
        ("b", "ja", "大阪で2020年に祭りがあった。", None)], load_encoder())
    assert first.doc_figures & second.doc_figures
    assert foreign_names_dice(first, second) == 0.0


def test_nothing_to_compare_is_not_nothing_shared() -> None:
    """A side with no topic word gives no overlap (None: names and verbatim text decide),
    and a text of unknown language beside a German one is compared by surface words."""
    german, empty, unknown = text_features([
        ("a", "de", "Die Regierung beschließt neue Steuern für Unternehmen.", None),
        ("b", "de", "Ja, und so?", None),
        ("c", None, "Die Regierung beschließt neue Steuern für Unternehmen.", None)],
        load_encoder())
    assert empty.topic_words is not None and len(empty.topic_words) == 0
    assert topic_overlap(german, empty) is None
    assert unknown.topic_words is None and topic_overlap(german, unknown) == 1.0
    scored = replace(_BASE, foreign=True, names_dice=0.5, verbatim_a=0.3, topic=None)
    assert story_similarity(scored) > story_similarity(replace(scored, topic=0.0))
