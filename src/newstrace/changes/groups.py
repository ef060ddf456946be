"""Aligned sentence groups of a derivation pair, recovered from its passages.

A relation's passages come from two aligners: sentence groups (a rewrite's reworded
sentences, one passage each) and verbatim runs (an excerpt is one long passage; a rewrite has
short ones inside reworded sentences). Changes are judged sentence against sentence, so both
kinds are brought to sentences here: every derived sentence a passage covers is linked to the
source sentences its part of the passage maps to, and the connected sentences form one group.
A passage of one or two sentences a side links them all (a rewrite's aligned sentence, a
merged or split one). In a longer one — a verbatim run, or a reworded passage grown from
several aligned sentences — an offset maps across in proportion to the passage's lengths: a
verbatim run is the same text up to small edits, and a reworded passage keeps its sentences'
order, so each sentence meets the one or two at its place, not every sentence of the other
side (which would put unrelated numbers and names side by side).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.model import Passage, Span
from newstrace.unionfind import UnionFind

__all__ = ["Group", "SentenceGroups", "sentence_groups"]

#: A sentence belongs to a passage when the passage covers this share of it (or
#: ``_MIN_CHARS`` characters): a verbatim run that grazes a sentence's last words does not
#: make the sentence aligned.
_MIN_SHARE = 0.3
_MIN_CHARS = 40


@dataclass(frozen=True, slots=True)
class Group:
    """Source sentences ``a`` aligned to derived sentences ``b``, with the spans they cover."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    a_span: Span
    b_span: Span


@dataclass(frozen=True, slots=True)
class SentenceGroups:
    """The aligned groups of a pair, and the sentences of each side that no group holds."""

    groups: tuple[Group, ...]
    dropped: tuple[int, ...]  # source sentences
    added: tuple[int, ...]  # derived sentences


def _overlapping(sentences: Sequence[Span], starts: list[int], lo: int, hi: int
                 ) -> list[int]:
    """Indices of the sentences that ``[lo, hi)`` covers enough of."""
    first = max(0, bisect.bisect_right(starts, lo) - 1)
    out: list[int] = []
    for i in range(first, len(sentences)):
        s = sentences[i]
        if s.start >= hi:
            break
        inside = min(s.end, hi) - max(s.start, lo)
        if inside > 0 and (inside >= _MIN_SHARE * len(s) or inside >= _MIN_CHARS):
            out.append(i)
    return out


def _link_passage(p: Passage, sa: Sequence[Span], sb: Sequence[Span], starts_a: list[int],
                  starts_b: list[int], union: UnionFind[int]) -> None:
    """Link the sentences ``p`` aligns; source sentence ``i`` is node ``i``, derived
    sentence ``j`` node ``len(sa) + j`` (integers: tuples as nodes made this stage slow)."""
    in_a = _overlapping(sa, starts_a, p.a.start, p.a.end)
    in_b = _overlapping(sb, starts_b, p.b.start, p.b.end)
    if not in_a or not in_b:
        return
    shift = len(sa)
    if len(in_a) <= 2 and len(in_b) <= 2:
        for i in in_a:
            for j in in_b:
                union.union(i, shift + j)
        return
    ratio = len(p.a) / max(1, len(p.b))
    for j in in_b:
        lo = max(sb[j].start, p.b.start)
        hi = min(sb[j].end, p.b.end)
        mapped_lo = p.a.start + int((lo - p.b.start) * ratio)
        mapped_hi = p.a.start + int((hi - p.b.start) * ratio)
        for i in _overlapping(sa, starts_a, mapped_lo, max(mapped_hi, mapped_lo + 1)):
            union.union(i, shift + j)


def sentence_groups(source_sentences: Sequence[Span], derived_sentences: Sequence[Span],
                    passages: Sequence[Passage]) -> SentenceGroups:
    """Groups of aligned sentences (ordered by the derived text) and the unaligned rest.

    In each passage ``a`` is the source span and ``b`` the derived one.
    """
    starts_a = [s.start for s in source_sentences]
    starts_b = [s.start for s in derived_sentences]
    shift = len(source_sentences)
    union: UnionFind[int] = UnionFind()
    for p in passages:
        _link_passage(p, source_sentences, derived_sentences, starts_a, starts_b, union)
    members: dict[int, tuple[list[int], list[int]]] = {}
    for node in list(union.parent):
        lists = members.setdefault(union.find(node), ([], []))
        if node < shift:
            lists[0].append(node)
        else:
            lists[1].append(node - shift)
    groups = []
    for a_list, b_list in members.values():
        if not a_list or not b_list:
            continue
        a, b = tuple(sorted(a_list)), tuple(sorted(b_list))
        groups.append(Group(a, b, Span(source_sentences[a[0]].start, source_sentences[a[-1]].end),
                            Span(derived_sentences[b[0]].start, derived_sentences[b[-1]].end)))
    groups.sort(key=lambda g: (g.b, g.a))
    used_a = {i for g in groups for i in g.a}
    used_b = {j for g in groups for j in g.b}
    return SentenceGroups(
        tuple(groups),
        tuple(i for i in range(len(source_sentences)) if i not in used_a),
        tuple(j for j in range(len(derived_sentences)) if j not in used_b))
