"""The words two claims are compared on: each mention's stems and the sets made from them.

A claim of a much-linked report is compared with many others, so each mention's sets are
made on first use and the most recently used kept (``STEMS_KEPT``), as are the hashed
lists of a report's mentions that ``index.hashsets.exact_dice`` compares many at once.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from newstrace.bounded import RecentMap
from newstrace.index.hashsets import HashedSets, joined_sets, set_hashes
from newstrace.index.sentences import content_words, stem
from newstrace.provenance.claim_extract import ExtractedClaim
from newstrace.text.names import capitalised
from newstrace.text.quotes import quote_words

__all__ = ["FORMS", "LISTS_KEPT", "STEMS_KEPT", "Stems", "stems"]


def stems(text: str) -> frozenset[str]:
    """Content words cut to five letters: "recruits", "recruiting", "recruitment" agree."""
    return frozenset(stem(w) for w in content_words(text))


#: Mentions whose stems (and quotation words) a ``Stems`` keeps, and lists of mentions
#: hashed: the most recently used. At 10,000 generated documents the largest group's links
#: read 13,840 mentions' stems (20 MB) and hashed 4,590 lists; kept whole, each forked
#: worker's copy grew with the corpus (about 155 MB a worker at 30,000).
STEMS_KEPT, LISTS_KEPT = 16_384, 4_096


class Stems:
    """Each mention's content-word stems and quotation words, computed on first use (a
    claim of a much-linked report is compared with many others), as sets and hashed; the
    most recently used are kept (``STEMS_KEPT``, ``LISTS_KEPT``)."""

    def __init__(self, mentions: Sequence[ExtractedClaim]) -> None:
        self.mentions = mentions
        self.known: RecentMap[int, frozenset[str]] = RecentMap(STEMS_KEPT)
        self.forms: dict[str, RecentMap[int, frozenset[str]]] = {
            form: RecentMap(STEMS_KEPT) for form in FORMS}
        self.joined: RecentMap[tuple[str, tuple[int, ...]], HashedSets] = RecentMap(
            LISTS_KEPT)

    def __call__(self, index: int) -> frozenset[str]:
        return self.known.get_or_make(index, self._stems)

    def dice(self, i: int, j: int) -> float:
        """Dice overlap of two mentions' stems (``word_dice`` without copying the sets)."""
        x, y = self(i), self(j)
        return 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0

    def quote_dice(self, i: int, j: int) -> float:
        """``word_dice`` of two quotations' words, each mention's set made once."""
        x, y = self.form("quoted", i), self.form("quoted", j)
        return 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0

    def form(self, form: str, index: int) -> frozenset[str]:
        """One of a mention's word sets (``FORMS``): its quotation words ("quoted"), its
        stems but those of its capitalised words ("said": what is said besides who says it
        and of whom), or its stems but its speaker's name ("spoken")."""
        return self.forms[form].get_or_make(index, functools.partial(FORMS[form],
                                                                     self.mentions))

    def hashed(self, indices: Sequence[int], form: str = "stems") -> HashedSets:
        """The stems (or another ``form``) of these mentions, hashed for ``exact_dice``:
        ``dice`` (``quote_dice``) of many pairs at once. Kept per list of mentions: a
        report's spoken claims are the same list in every link it has."""
        return self.joined.get_or_make((form, tuple(indices)), self._hashed)

    def _hashed(self, key: tuple[str, tuple[int, ...]]) -> HashedSets:
        form, indices = key
        return joined_sets([set_hashes(self(i) if form == "stems" else self.form(form, i))
                            for i in indices], unions=False)

    def _stems(self, index: int) -> frozenset[str]:
        return stems(self.mentions[index].text)


def _quote_words(mentions: Sequence[ExtractedClaim], index: int) -> frozenset[str]:
    return frozenset(quote_words(mentions[index].text))


def _said(mentions: Sequence[ExtractedClaim], index: int) -> frozenset[str]:
    text = mentions[index].text
    middle, initial = capitalised(text)
    return stems(text) - {stem(w) for w in middle | initial}


def _spoken(mentions: Sequence[ExtractedClaim], index: int) -> frozenset[str]:
    speaker = mentions[index].speaker or ""
    return stems(mentions[index].text) - {stem(w) for w in speaker.split()}


#: The word sets ``Stems.form`` makes.
FORMS = {"quoted": _quote_words, "said": _said, "spoken": _spoken}
