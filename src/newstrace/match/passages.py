"""Passages of a pair from both aligners: verbatim runs first, aligned sentences for the rest.

Verbatim passages are exact to the word; sentence pairs add what was reworded or translated.
A sentence pair whose derived sentence lies mostly inside a verbatim passage adds nothing and
is dropped. ``merge_adjacent`` joins passages that follow each other on both sides, the unit
PAN scores (one detection per reused passage, not one per sentence).
"""

from __future__ import annotations

from collections.abc import Sequence

from newstrace.index.sentences import SentenceFeatures
from newstrace.match.sentences import SentencePair
from newstrace.model import Passage, Span

__all__ = ["VERBATIM_WORDS", "combined_passages", "covered", "is_seed", "merge_adjacent",
           "sentence_passages"]

#: A sentence pair whose content words overlap this much was copied, not reworded.
VERBATIM_WORDS = 0.9


def covered(span: Span, passages: Sequence[Passage], side: str) -> float:
    """The share of ``span`` inside ``passages`` on ``side`` ("a" or "b")."""
    inside = 0
    for p in passages:
        other = p.a if side == "a" else p.b
        inside += max(0, min(span.end, other.end) - max(span.start, other.start))
    return inside / max(1, len(span))


def sentence_passages(fa: SentenceFeatures, fb: SentenceFeatures,
                      pairs: Sequence[SentencePair], min_score: float = 0.0
                      ) -> list[Passage]:
    """One passage per aligned sentence group scoring at least ``min_score``."""
    cross = bool(fa.language and fb.language and fa.language != fb.language)
    out: list[Passage] = []
    for pair in pairs:
        if pair.score < min_score:
            continue
        a = Span(fa.spans[pair.a[0]].start, fa.spans[pair.a[-1]].end)
        b = Span(fb.spans[pair.b[0]].start, fb.spans[pair.b[-1]].end)
        kind = ("translation" if cross
                else "verbatim" if pair.words >= VERBATIM_WORDS else "paraphrase")
        out.append(Passage(a, b, kind, pair.score, fa.word_counts[pair.a[0]]))
    return out


def combined_passages(verbatim: Sequence[Passage], sentences: Sequence[Passage],
                      max_inside: float = 0.5) -> tuple[Passage, ...]:
    """Verbatim passages plus the sentence passages they do not already hold, ordered in a."""
    extra = [p for p in sentences if covered(p.b, verbatim, "b") <= max_inside
             and covered(p.a, verbatim, "a") <= max_inside]
    return tuple(sorted([*verbatim, *extra], key=lambda p: (p.a.start, p.b.start)))


def merge_adjacent(passages: Sequence[Passage], max_gap: int) -> list[Passage]:
    """Join passages that overlap or follow each other within ``max_gap`` characters on both
    sides."""
    merged: list[Passage] = []
    for p in sorted(passages, key=lambda p: (p.b.start, p.a.start)):
        if merged:
            last = merged[-1]
            near_b = p.b.start - last.b.end <= max_gap
            near_a = (p.a.start - last.a.end <= max_gap
                      and last.a.start - p.a.end <= max_gap)
            if near_b and near_a:
                words = last.words + p.words
                score = (last.score * last.words + p.score * p.words) / max(1, words)
                kind = last.kind if last.kind == p.kind else "paraphrase"
                merged[-1] = Passage(Span(min(last.a.start, p.a.start), max(last.a.end, p.a.end)),
                                     Span(min(last.b.start, p.b.start), max(last.b.end, p.b.end)),
                                     kind, score, words)
                continue
        merged.append(p)
    return merged


def is_seed(pair: SentencePair, fa: SentenceFeatures, fb: SentenceFeatures,
            seed_score: float, seed_words: int) -> bool:
    """Whether an aligned pair seeds a passage: it scores ``seed_score`` and both its
    sentences hold ``seed_words`` content words (``cluster_passages``)."""
    return (pair.score >= seed_score and fa.word_counts[pair.a[0]] >= seed_words
            and fb.word_counts[pair.b[0]] >= seed_words)


def _extended(group: list[SentencePair], weak: Sequence[SentencePair]) -> list[SentencePair]:
    """``group`` with the weak pairs adjacent to it on both sides, until none is left."""
    out = list(group)
    left = list(weak)
    grown = True
    while grown:
        grown = False
        for p in list(left):
            if any((abs(p.a[0] - q.a[-1]) <= 1 and abs(p.b[0] - q.b[-1]) <= 1)
                   or (abs(q.a[0] - p.a[-1]) <= 1 and abs(q.b[0] - p.b[-1]) <= 1) for q in out):
                out.append(p)
                left.remove(p)
                grown = True
    return out


def cluster_passages(fa: SentenceFeatures, fb: SentenceFeatures,
                     pairs: Sequence[SentencePair], *, seed_score: float, gap: int,
                     min_seeds: int, single_score: float, single_words: int = 10,
                     source_gap: int | None = None, extend: bool = False,
                     seed_words: int = 0, edges: Sequence[SentencePair] = ()
                     ) -> list[Passage]:
    """Reused passages grown from aligned sentences (seeds) that lie close on both sides
    (kept per pair under ``SentenceFeatures.content_key``: read only the fields it digests).

    Seeds within ``gap`` sentences of each other in both documents form one passage, which
    spans every sentence between its first and last seed: the sentences in between were
    reworded too much to align alone but belong to the same reused passage (the seeding and
    extension of Sanchez-Perez, Sidorov and Gelbukh, PAN 2014). A passage needs
    ``min_seeds`` seeds, or one seed scoring ``single_score`` over ``single_words`` content
    words: a lone, short, similar sentence in an unrelated document is a coincidence far more
    often than reuse (PAN 2013 01-no-plagiarism: no false seed above 0.5 with 15 words).
    ``source_gap`` (sentences of ``fb``; ``gap`` when None) lets seeds lie further apart on
    that side: a summary's consecutive sentences draw on a whole source. With ``extend``,
    an accepted passage also takes in the weaker aligned pairs (under ``seed_score``) next
    to it on both sides, repeatedly: a reused passage's edges are often reworded most;
    ``edges`` are further pairs that may only extend a passage that way (never seed one).
    A seed needs ``seed_words`` content words on both sides: two pages on one subject share
    headings ("Von Willebrand Disease") and empty lines of dots, which say nothing of reuse.
    """
    reach = gap if source_gap is None else source_gap
    seeds = sorted((p for p in pairs if is_seed(p, fa, fb, seed_score, seed_words)),
                   key=lambda p: (p.a, p.b))
    groups: list[list[SentencePair]] = []
    for seed in seeds:
        for group in groups:
            # the latest seeds first: the nearest, so a long copy's passage is not
            # searched from its start for every new seed
            if any(abs(seed.a[0] - other.a[-1]) <= gap and abs(seed.b[0] - other.b[-1]) <= reach
                   for other in reversed(group)):
                group.append(seed)
                break
        else:
            groups.append([seed])
    weak = sorted([*(p for p in pairs if p.score < seed_score), *edges],
                  key=lambda p: (p.a, p.b))
    out: list[Passage] = []
    for seeded in groups:
        span_a = range(min(p.a[0] for p in seeded), max(p.a[-1] for p in seeded) + 1)
        words = sum(fa.word_counts[i] for i in span_a)
        best = max(p.score for p in seeded)
        if len(seeded) < min_seeds and (best < single_score or words < single_words):
            continue
        group = _extended(seeded, weak) if extend else seeded
        first_a = min(p.a[0] for p in group)
        last_a = max(p.a[-1] for p in group)
        first_b = min(p.b[0] for p in group)
        last_b = max(p.b[-1] for p in group)
        words = sum(fa.word_counts[first_a:last_a + 1])
        score = sum(p.score for p in group) / len(group)
        cross = bool(fa.language and fb.language and fa.language != fb.language)
        copied = all(p.words >= VERBATIM_WORDS for p in group)
        kind = "translation" if cross else "verbatim" if copied else "paraphrase"
        out.append(Passage(Span(fa.spans[first_a].start, fa.spans[last_a].end),
                           Span(fb.spans[first_b].start, fb.spans[last_b].end),
                           kind, score, words))
    return sorted(out, key=lambda p: (p.a.start, p.b.start))
