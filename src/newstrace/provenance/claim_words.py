"""The words two claims are compared on: each mention's stems and the sets made from them,
and the rule for one speaker's statements, which compares what they say besides the names
(``SAID_WORDS``).

A claim of a much-linked report is compared with many others, so each mention's sets are
made on first use and the most recently used kept (``STEMS_KEPT``), as are the hashed
lists of a report's mentions that ``index.hashsets.exact_dice`` compares many at once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np

from newstrace.bounded import RecentMap
from newstrace.index.hashsets import HashedSets, exact_shared, joined_sets, set_hashes
from newstrace.index.sentences import content_words, stem
from newstrace.provenance.claim_extract import SPEECH_VERBS, ExtractedClaim
from newstrace.text.immutables import fold
from newstrace.text.names import capitalised
from newstrace.text.quotes import quote_words

__all__ = ["FORMS", "LISTS_KEPT", "SAID_HELD", "SAID_SHARE", "SAID_WITHIN", "SAID_WORDS",
           "STEMS_KEPT", "Stems", "said_alike", "said_close", "stems"]


#: One speaker's statements share his name, title and office whatever he says: his
#: different statements on the crawls shared 0.15-0.38 of their stems, as much as the seeds'
#: translation-laundered retellings of one statement (Osechkin's and Prigozhin's in 003,
#: 0.29-0.32), and a static encoder puts both at cosine 0.5-0.9. What separates them is
#: what is said besides who says it: the content words left once the names (capitalised
#: mid-sentence, the speaker's with the title around it) and the frame ("testified",
#: "according to") are taken out (``FORMS``' "said"). On the tuning half of the
#: labelled pairs with one speaker, the same statement told twice shared 3 or more of those
#: at 0.33 of them or more; different statements 2 at most, or 3-4 at 0.19 at most (the
#: story's words: "economy", "package", "relief"). A statement too short to share three
#: (fewer than ``SAID_WORDS`` such words) holds most of its words but the speaker's name in
#: the other's (Prigozhin "denies an affair with Wagner" / "denies he has any ties to
#: Wagner": two of its three, ``SAID_WITHIN``); different short ones held half at most.
SAID_WORDS = 3
SAID_SHARE = 0.25
SAID_WITHIN = 2 / 3
SAID_HELD = 2


def stems(text: str) -> frozenset[str]:
    """Content words cut to five letters: "recruits", "recruiting", "recruitment" agree."""
    return frozenset(stem(w) for w in content_words(text))


#: Mentions whose word sets a ``Stems`` keeps (each form apart), and lists of mentions
#: hashed: the most recently used. At 10,000 generated documents the largest group's links
#: read 13,840 mentions' stems (20 MB) and hashed 4,590 lists of one form; kept whole, each
#: forked worker's copy grew with the corpus (about 155 MB a worker at 30,000). A report's
#: spoken claims are hashed in four forms, so four times as many lists are kept.
STEMS_KEPT, LISTS_KEPT = 16_384, 16_384


class Stems:
    """Each mention's content-word stems and the other word sets claims are compared on
    (``FORMS``), computed on first use (a claim of a much-linked report is compared with
    many others), as sets and hashed; the most recently used are kept (``STEMS_KEPT``,
    ``LISTS_KEPT``)."""

    def __init__(self, mentions: Sequence[ExtractedClaim]) -> None:
        self.mentions = mentions
        self.known: RecentMap[int, frozenset[str]] = RecentMap(STEMS_KEPT)
        self.forms: dict[str, RecentMap[int, frozenset[str]]] = {
            form: RecentMap(STEMS_KEPT) for form in FORMS}
        #: Each mention's text without its speaker's name, read by two forms, made once.
        self.unspoken: RecentMap[int, str] = RecentMap(STEMS_KEPT)
        self._makers = {form: functools.partial(self._make, form) for form in FORMS}
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
        """One of a mention's word sets (``FORMS``)."""
        return self.forms[form].get_or_make(index, self._makers[form])

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

    def _make(self, form: str, index: int) -> frozenset[str]:
        if form == "quoted":
            return frozenset(quote_words(self.mentions[index].text))
        text = self.unspoken.get_or_make(index, self._unspoken)
        return _said(text) if form == "said" else stems(text)

    def _unspoken(self, index: int) -> str:
        mention = self.mentions[index]
        return _without(mention.text, _speaker_run(mention.text, mention.speaker))


#: The words that say a statement is someone's ("testified", "according to"), not what it
#: says: two of one speaker's statements share them whatever they say.
_FRAME = frozenset(stem(w) for w in SPEECH_VERBS.split("|")) | {stem("according")}
_WORD = re.compile(r"[\w’'.-]+")


def _speaker_run(text: str, speaker: str | None) -> list[tuple[int, int]]:
    """Where the speaker's name stands with the capitalised words around it ("New York Gov.
    Andrew Cuomo"): each word whose five letters are a word of the speaker's, widened to
    the capitalised words next to it (``_joined``)."""
    if not speaker:
        return []
    own = {stem(w) for w in speaker.split()}
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    runs: list[tuple[int, int]] = []
    for at, (_start, _end, word) in enumerate(words):
        if stem(fold(word.strip(".’'"))) not in own or not word[:1].isupper():
            continue
        first = last = at
        while first > 0 and _joined(text, words[first - 1], words[first]):
            first -= 1
        while last + 1 < len(words) and _joined(text, words[last], words[last + 1]):
            last += 1
        runs.append((words[first][0], words[last][1]))
    return runs


def _joined(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    """Whether two words stand in one run of capitalised words: both capitalised, with
    only spaces between them ("Thursday, Trump" is two runs)."""
    return left[2][:1].isupper() and right[2][:1].isupper() \
        and text[left[1]:right[0]].isspace()


def _without(text: str, runs: list[tuple[int, int]]) -> str:
    for start, end in sorted(runs, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


def _said(text: str) -> frozenset[str]:
    """What a statement (``text``, its speaker's name taken out) says besides who says it
    and of whom: its content words but names (capitalised mid-sentence, each part of a
    hyphenated one) and the words of its frame, cut to five letters. Names are taken out as
    words, not stems, so "Police" does not take "policy" with it."""
    middle, _initial = capitalised(text)
    names = set(middle) | {part for name in middle for part in name.split("-")}
    return frozenset(stem(w) for w in content_words(text) if w not in names) - _FRAME


#: The word sets ``Stems.form`` makes: a quotation's words ("quoted"), what a statement says
#: besides the names ("said"), and its stems but its speaker's name and the capitalised
#: words around it ("spoken": what a short statement is compared on, the names it speaks of
#: included, "denies an affair with Wagner").
FORMS = ("quoted", "said", "spoken")


def said_alike(a: list[int], b: list[int], stem: Stems) -> np.ndarray:
    """Whether each of a's mentions says what each of b's says, one speaker's statements
    judged by what is said besides the names (``SAID_WORDS``), a short one by how much of
    it the other holds (``SAID_WITHIN``); the values ``said_close`` gives pair by pair."""
    said_a, said_b = stem.hashed(a, "said"), stem.hashed(b, "said")
    common = exact_shared(said_a, said_b)
    total = said_a.sizes[:, None] + said_b.sizes[None, :]
    share = np.where(total > 0, (2 * common) / np.maximum(total, 1), 0.0)
    short = np.minimum(said_a.sizes[:, None], said_b.sizes[None, :]) < SAID_WORDS
    alike = (common >= SAID_WORDS) & (share >= SAID_SHARE)
    if short.any():
        spoken_a, spoken_b = stem.hashed(a, "spoken"), stem.hashed(b, "spoken")
        held = exact_shared(spoken_a, spoken_b)
        smaller = np.minimum(spoken_a.sizes[:, None], spoken_b.sizes[None, :])
        within = np.where(smaller > 0, held / np.maximum(smaller, 1), 0.0)
        alike |= short & (held >= SAID_HELD) & (within >= SAID_WITHIN)
    return alike


def said_close(i: int, j: int, stem: Stems) -> bool:
    """``said_alike`` of one pair of mentions."""
    x, y = stem.form("said", i), stem.form("said", j)
    common = len(x & y)
    if common >= SAID_WORDS and 2 * common / (len(x) + len(y)) >= SAID_SHARE:
        return True
    if min(len(x), len(y)) >= SAID_WORDS:
        return False
    x, y = stem.form("spoken", i), stem.form("spoken", j)
    held = len(x & y)
    return held >= SAID_HELD and held / min(len(x), len(y)) >= SAID_WITHIN
