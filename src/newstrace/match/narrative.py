"""Narrative reuse: how much of what two texts share is the reporter's own words.

Independent reports of one event share public words (quotations, quoted posts, datelines,
photo credits; ``text.public``); copies share narrative. This kernel splits a pair's aligned
material into the two, so the relation rules count only narrative reuse as evidence of
copying and report the rest as evidence of one event.

A stretch counts as public when it is public on *either* side: a copy that drops the marks
around a quotation ("quote_unquoted") still shares the speaker's words, not the reporter's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.match.sentences import SentencePair
from newstrace.model import Passage, Span
from newstrace.text.public import narrative_share, outside

__all__ = ["CLOSE_SENTENCE", "NARRATIVE_SENTENCE", "SEED_WORDS", "Narrative", "narrative",
           "narrative_lengths", "shares_narrative"]

#: A sentence (or sentence group) is narrative when at least this share of it lies outside
#: public words on both sides.
NARRATIVE_SENTENCE = 0.5
#: An aligned narrative sentence pair this similar retells one sentence (a spinner's or an
#: editor's rewording); two reporters telling one fact in their own words score 0.45-0.65
#: (the AllSides development crawl's labelled pairs, BASIL's independent reports).
CLOSE_SENTENCE = 0.7
#: A verbatim passage with this many narrative words is worth aligning the pair's sentences
#: for: pairs whose shared text is only quotations are decided from it alone.
SEED_WORDS = 12


def narrative_lengths(spans: Sequence[Span], public: Sequence[Span]) -> tuple[int, ...]:
    """Characters of each sentence outside public words: made once per document, read by
    every pair it is in."""
    return tuple(outside(s, public) for s in spans)


def shares_narrative(verbatim: Sequence[Passage], public_a: Sequence[Span],
                     public_b: Sequence[Span]) -> bool:
    """Whether any verbatim passage holds ``SEED_WORDS`` narrative words."""
    return any(round(p.words * _share(p, public_a, public_b)) >= SEED_WORDS for p in verbatim)


@dataclass(frozen=True, slots=True)
class Narrative:
    """The narrative part of a pair's aligned material.

    ``words`` and ``public_words`` split the verbatim passages' words; ``aligned_a`` and
    ``aligned_b`` are the shares of each side's narrative text (outside public words) covered
    by narrative reuse (verbatim, or aligned narrative sentences); ``score`` is the mean
    similarity of the aligned narrative sentence pairs, ``pairs`` their number and ``close``
    the share of them at ``CLOSE_SENTENCE`` or above.
    """

    words: int
    public_words: int
    aligned_a: float
    aligned_b: float
    score: float
    pairs: int
    close: float = 0.0


def _share(passage: Passage, public_a: Sequence[Span], public_b: Sequence[Span]) -> float:
    return min(narrative_share(passage.a, public_a), narrative_share(passage.b, public_b))


def _group_share(spans: Sequence[Span], public: Sequence[Span], lengths: Sequence[int],
                 indices: tuple[int, ...]) -> float:
    """``narrative_share`` of a group of sentences; a single sentence's from its
    ``narrative_lengths`` (the same figure: a pair's hundreds of aligned sentences made it
    the aligner's costliest step)."""
    if len(indices) == 1:
        span = spans[indices[0]]
        return lengths[indices[0]] / len(span) if len(span) else 1.0
    return narrative_share(Span(spans[indices[0]].start, spans[indices[-1]].end), public)


def narrative(spans_a: Sequence[Span], spans_b: Sequence[Span], public_a: Sequence[Span],
              public_b: Sequence[Span], verbatim: Sequence[Passage],
              pairs: Sequence[SentencePair], lengths_a: Sequence[int] | None = None,
              lengths_b: Sequence[int] | None = None) -> Narrative:
    """Split a pair's verbatim passages and aligned sentences (``spans_a``/``spans_b`` are
    the two documents' sentence spans, ``lengths_a``/``lengths_b`` their
    ``narrative_lengths`` when already made) into narrative and public reuse."""
    if lengths_a is None:
        lengths_a = narrative_lengths(spans_a, public_a)
    if lengths_b is None:
        lengths_b = narrative_lengths(spans_b, public_b)
    words = public_words = 0
    covered_a = covered_b = 0
    for passage in verbatim:
        share = _share(passage, public_a, public_b)
        narrative_words = round(passage.words * share)
        words += narrative_words
        public_words += passage.words - narrative_words
        covered_a += outside(passage.a, public_a) if share >= NARRATIVE_SENTENCE else 0
        covered_b += outside(passage.b, public_b) if share >= NARRATIVE_SENTENCE else 0
    kept: list[SentencePair] = []
    seen_a: set[int] = set()
    seen_b: set[int] = set()
    aligned_a = aligned_b = 0
    for pair in pairs:
        if min(_group_share(spans_a, public_a, lengths_a, pair.a),
               _group_share(spans_b, public_b, lengths_b, pair.b)) < NARRATIVE_SENTENCE:
            continue
        kept.append(pair)
        aligned_a += sum(lengths_a[i] for i in pair.a if i not in seen_a)
        aligned_b += sum(lengths_b[j] for j in pair.b if j not in seen_b)
        seen_a.update(pair.a)
        seen_b.update(pair.b)
    total_a, total_b = sum(lengths_a), sum(lengths_b)
    return Narrative(
        words=words, public_words=public_words,
        aligned_a=min(1.0, max(covered_a, aligned_a) / total_a) if total_a else 0.0,
        aligned_b=min(1.0, max(covered_b, aligned_b) / total_b) if total_b else 0.0,
        score=sum(p.score for p in kept) / len(kept) if kept else 0.0, pairs=len(kept),
        close=sum(p.score >= CLOSE_SENTENCE for p in kept) / len(kept) if kept else 0.0)
