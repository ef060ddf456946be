"""Growing reused passages from aligned sentences: edges taken in, summaries told apart."""

from __future__ import annotations

import pytest

from newstrace.evaluate.pan import _beyond_copies, _near_copies, _shares_words, summaries
from newstrace.index.embed import load_encoder
from newstrace.index.sentences import SentenceFeatures, text_features, word_pairs
from newstrace.match.passages import cluster_passages
from newstrace.match.sentences import SentenceConfig, SentencePair, loose_pairs
from newstrace.model import Passage, Span


def _text(prefix: str, count: int) -> str:
    return " ".join(f"{prefix} sentence number {i} says something about item {i} today."
                    for i in range(count))


@pytest.fixture(scope="module")
def docs() -> tuple[SentenceFeatures, SentenceFeatures]:
    susp, source = text_features([("s", "en", _text("Suspicious", 40), None),
                                  ("r", "en", _text("Source", 30), None)], load_encoder())
    return susp, source


def _pairs(*triples: tuple[int, int, float]) -> list[SentencePair]:
    return [SentencePair((a,), (b,), score, 0.5) for a, b, score in triples]


def _cluster(docs: tuple[SentenceFeatures, SentenceFeatures], pairs: list[SentencePair],
             extend: bool) -> list[tuple[int, int]]:
    susp, source = docs
    found = cluster_passages(susp, source, pairs, seed_score=0.5, gap=3, min_seeds=2,
                             single_score=0.75, single_words=15, extend=extend)
    starts = [s.start for s in susp.spans]
    return [(starts.index(p.a.start), max(i for i, s in enumerate(starts) if s < p.a.end))
            for p in found]


def test_a_passage_takes_in_the_weaker_pairs_at_its_edges(
        docs: tuple[SentenceFeatures, SentenceFeatures]) -> None:
    pairs = _pairs((4, 4, 0.44), (5, 5, 0.8), (6, 6, 0.8), (7, 7, 0.45), (20, 20, 0.45))
    assert _cluster(docs, pairs, extend=False) == [(5, 6)]
    assert _cluster(docs, pairs, extend=True) == [(4, 7)]


def test_weak_pairs_alone_make_no_passage(
        docs: tuple[SentenceFeatures, SentenceFeatures]) -> None:
    assert _cluster(docs, _pairs((4, 4, 0.44), (5, 5, 0.45)), extend=True) == []


def test_a_summary_draws_on_the_whole_source(
        docs: tuple[SentenceFeatures, SentenceFeatures]) -> None:
    susp, source = docs
    spread = _pairs((10, 0, 0.7), (11, 8, 0.6), (12, 15, 0.6), (13, 27, 0.7))
    found = summaries(susp, source, spread, SentenceConfig())
    assert len(found) == 1
    assert found[0].b.start == source.spans[0].start and found[0].b.end == source.spans[-1].end
    assert found[0].a.start == susp.spans[10].start


def test_a_copied_run_with_a_stray_seed_is_no_summary(
        docs: tuple[SentenceFeatures, SentenceFeatures]) -> None:
    susp, source = docs
    copied = _pairs((10, 5, 0.9), (11, 6, 0.9), (12, 7, 0.9), (13, 28, 0.6))
    assert summaries(susp, source, copied, SentenceConfig()) == []


def test_seeds_need_content_words_on_both_sides(
        docs: tuple[SentenceFeatures, SentenceFeatures]) -> None:
    susp, source = docs
    pairs = _pairs((5, 5, 0.9), (6, 6, 0.9))
    words = min(susp.word_counts[5], source.word_counts[5])
    kwargs = {"seed_score": 0.5, "gap": 3, "min_seeds": 2, "single_score": 0.75,
              "single_words": 15}
    assert cluster_passages(susp, source, pairs, seed_words=words, **kwargs)
    assert not cluster_passages(susp, source, pairs, seed_words=words + 1, **kwargs)


def test_a_weak_reworded_passage_apart_from_the_copied_ones_is_dropped(
        docs: tuple[SentenceFeatures, SentenceFeatures]) -> None:
    susp, source = docs

    def passage(first: int, last: int) -> Passage:
        return Passage(Span(susp.spans[first].start, susp.spans[last].end),
                       Span(source.spans[first].start, source.spans[last].end),
                       "paraphrase", 0.7, 20)

    copied = (Passage(passage(5, 6).a, passage(5, 6).b, "verbatim", 1.0, 20),)
    near, apart = passage(7, 8), passage(25, 27)
    two_seeds = _pairs((7, 7, 0.7), (8, 8, 0.7), (25, 25, 0.7), (27, 27, 0.7))
    kept = _near_copies([near, apart], copied, susp, source, two_seeds, SentenceConfig())
    assert kept == [near]
    three_seeds = [*two_seeds, *_pairs((26, 26, 0.7))]
    assert _near_copies([near, apart], copied, susp, source, three_seeds,
                        SentenceConfig()) == [near, apart]
    assert _near_copies([near, apart], (), susp, source, two_seeds,
                        SentenceConfig()) == [near, apart]


def test_loose_pairs_only_widen_a_passage(docs: tuple[SentenceFeatures, SentenceFeatures]
                                          ) -> None:
    susp, source = docs
    seeds = _pairs((5, 5, 0.8), (6, 6, 0.8))
    edge = _pairs((7, 7, 0.3))
    kwargs = {"seed_score": 0.5, "gap": 3, "min_seeds": 2, "single_score": 0.75,
              "single_words": 15, "extend": True}
    widened = cluster_passages(susp, source, seeds, edges=edge, **kwargs)
    assert [(p.a.end, p.b.end) for p in widened] == [(susp.spans[7].end, source.spans[7].end)]
    assert cluster_passages(susp, source, _pairs((20, 20, 0.8)), edges=edge, **kwargs) == []


def test_loose_pairs_share_words_off_the_path() -> None:
    a, b = text_features([("a", "en", "Storms flooded the coastal towns of Brittany. "
                                      "Ministers met on Monday.", None),
                          ("b", "en", "Officials spoke. Coastal towns in Brittany were "
                                      "flooded by storms.", None)], load_encoder())
    loose = loose_pairs(a, b, [], SentenceConfig(loose_cosine=0.0, loose_min_words=3))
    assert [(p.a, p.b) for p in loose] == [((0,), (1,))]
    assert loose_pairs(a, b, [SentencePair((0,), (1,), 0.9, 0.9)],
                       SentenceConfig(loose_cosine=0.0, loose_min_words=3)) == []


def test_a_sentence_passage_around_a_long_exact_copy_needs_seeds_beyond_it(
        docs: tuple[SentenceFeatures, SentenceFeatures]) -> None:
    susp, source = docs

    def passage(first: int, last: int, kind: str, score: float) -> Passage:
        return Passage(Span(susp.spans[first].start, susp.spans[last].end),
                       Span(source.spans[first].start, source.spans[last].end), kind, score, 40)

    copy, guessed = passage(5, 9, "verbatim", 1.0), passage(4, 11, "paraphrase", 0.8)
    assert len(copy.a) >= SentenceConfig().copy_chars
    inside = _pairs((6, 6, 0.9), (7, 7, 0.9))
    config = SentenceConfig()
    assert _beyond_copies([guessed], (copy,), susp, source, inside, config) == []
    one_beyond = [*inside, *_pairs((10, 10, 0.7))]
    assert _beyond_copies([guessed], (copy,), susp, source, one_beyond, config) == []
    two_beyond = [*one_beyond, *_pairs((11, 11, 0.7))]
    assert _beyond_copies([guessed], (copy,), susp, source, two_beyond, config) == [guessed]
    apart = passage(20, 22, "paraphrase", 0.7)
    assert _beyond_copies([apart], (copy,), susp, source, _pairs((21, 21, 0.7)),
                          config) == [apart]
    loose_copy = passage(5, 9, "verbatim", 0.8)
    short_copy = passage(5, 6, "verbatim", 1.0)
    for weak in (loose_copy, short_copy):
        assert _beyond_copies([guessed], (weak,), susp, source, inside, config) == [guessed]


def test_word_pairs_keep_order_and_nearness_but_not_glue() -> None:
    pairs = word_pairs("The storm flooded the old harbour of Brest", window=2)
    assert ("storm", "flood") in pairs and ("flood", "old") in pairs
    assert ("flood", "storm") not in pairs  # ordered
    assert ("storm", "harbo") not in pairs  # three content words apart
    assert not any("the" in pair for pair in pairs)


def test_a_passage_found_by_meaning_needs_words_in_common(
        docs: tuple[SentenceFeatures, SentenceFeatures]) -> None:
    susp, source = docs
    text = "Storm surges flooded the harbour towns while ministers argued over flood barriers."
    reworded = "While ministers argued over flood barriers, storm surges flooded harbour towns."
    topical = "Coastal defences cost money; a parliament debated sea walls for the region."
    config = SentenceConfig(min_word_pairs=6)
    whole = Span(0, len(text))

    def passage(other: str) -> Passage:
        return Passage(whole, Span(0, len(other)), "paraphrase", 0.7, 12)

    assert _shares_words(passage(reworded), text, reworded, susp, source, [], config)
    assert not _shares_words(passage(topical), text, topical, susp, source, [], config)
