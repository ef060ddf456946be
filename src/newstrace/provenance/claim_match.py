"""Which claims of two documents are the same claim.

Two routes. A derivation was aligned sentence by sentence, so a claim of the copy is the
claim of the source sentences its sentence is aligned to — even reworded, translated or
altered; an altered one (another number, other words inside the quotation marks) is kept as
a *variant* with the reason. Documents that report one event independently (same_story or
same_topic links) share no alignment, so their claims are matched on content: a figure by
its value and what it counts, an event by its year and its words, a quotation by its words,
a statement (or a quotation) of one speaker by what it says besides the names, or, without
a speaker in common, by meaning (embedding cosine), words and a shared name together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from newstrace.changes.entities import same_name
from newstrace.changes.groups import sentence_groups
from newstrace.changes.misquotes import difference
from newstrace.index.hashsets import exact_dice, exact_shared
from newstrace.index.sentences import stem
from newstrace.model import Document, Passage
from newstrace.provenance.claim_extract import ExtractedClaim
from newstrace.provenance.claim_words import Stems, said_alike, said_close
from newstrace.text.immutables import NUMBER_WORDS
from newstrace.text.names import name_tokens
from newstrace.text.quotes import quote_words, word_dice

__all__ = ["ALONG", "INDEPENDENT", "SPOKEN", "Bars", "Link", "MentionVectors", "aligned_links",
           "alike", "independent_links"]

#: A copy's quotation is the source's when this share of words is shared (same aligned
#: sentences); independent reports quoting one person share more of the words.
ALIGNED_QUOTE = 0.3
INDEPENDENT_QUOTE = 0.5
#: ... but quotations of two different named speakers only this close: on the tuning half of
#: the labelled pairs, two people's quotations sharing half their words ("a pretty good
#: relationship" / "a pretty good understanding with the Democrats") were different claims
#: at 0.53, and one quotation the two reports gave to different people (a text message read
#: out by its recipient) shared all its words.
OTHER_SPEAKER_QUOTE = 0.8
#: ... and three content words (five-letter stems) in common: "statement of the offense" and
#: "out of the blue" share half their words, "of the". Set on the tuning half of the
#: labelled pairs, where every quotation told twice shared three or more, and two people's
#: "But that's not going to be the case" / "... is overreaching" none; read afterwards on
#: the gate half, four different pairs over half their words shared two at most. A shorter
#: quotation whose content words (two or more) are all in the other is one claim too ("to
#: the city and the world", "we do not condone violence").
QUOTE_CONTENT = 3
QUOTE_HELD = 2
#: Two statements with no speaker in common are one claim when their sentences are this
#: close (embedding cosine), share this much of their content words (Dice of five-letter
#: stems) and a name (``ALONG``: with the same speaker, the first cosine and shares). A
#: static encoder puts any two short quotations of one story at cosine 0.7-0.9, so meaning
#: alone never decides; the word share does, set on the seeds' independent AP and CNN
#: reports and the demo's Gazette.
#: Set on the seeds and the demo, then read on the tuning half of claims labelled on real
#: crawls (``evaluate/labels/allsides_claim_pairs.jsonl``: the spring and fresh crawls read
#: by people; the held-out crawl's were read after these rules were set). Two sentences
#: dating something to the same year recall one event when they share ``event_words`` of
#: their content words: at 0.25 the labelled crawls' different events of one year (the 2016
#: election, the 1999 acquittal) shared 0.18-0.39 and came out as one claim; one event told
#: twice shared 0.42 or more, and two of eight 0.26. Statements with no speaker in common
#: that were different shared up to 0.39; one speaker's statements, ``claim_words.SAID_WORDS``.
SAME_SPEAKER_COSINE = 0.5
NO_SPEAKER_COSINE = 0.6


@dataclass(frozen=True, slots=True)
class Bars:
    """The shares of content words (five-letter stems) two claims must have in common."""

    no_speaker_words: float  # no speaker in common (and a name in common)
    event_words: float  # one year
    #: One speaker's statements: the share with a close meaning (``SAME_SPEAKER_COSINE``)
    #: and the share alone; None: judged by what is said besides the names
    #: (``claim_words.SAID_WORDS``).
    speaker: tuple[float, float] | None = None


#: Between independent reports.
INDEPENDENT = Bars(no_speaker_words=0.4, event_words=0.4)
#: Two claims each already carried along alignments, merged through one more alignment (a
#: copy states its source's claim): they need only to be alike, as first set on the seeds
#: (a share or a small count still needs a word in common, as between reports).
ALONG = Bars(no_speaker_words=0.3, event_words=0.25, speaker=(0.15, 0.25))
#: A figure between independent reports is one claim by its value and what it counts; but
#: a share ("30 percent") or a small count ("two candidates") says too little on its own:
#: on the labelled crawls every such pair whose texts shared no other word was two
#: different figures (a poll's 30% and a vote's 30%), so those need a word in common
#: besides the counted one.
SMALL_COUNT = 10
_NUMBER_STEMS = frozenset(stem(w) for w in NUMBER_WORDS)
_PER_CENT = frozenset({"per", "cent"})  # "per cent" is the counted word in two
#: The kinds of claim compared by meaning (a figure or an event is matched by its value).
SPOKEN = ("quote", "statement")
#: Cosines are rounded to this many places before any threshold: one pair's product taken
#: alone (``alike``) and inside a matrix (``independent_links``) differ in the last bits.
_COSINE_PLACES = 6


class MentionVectors:
    """The unit vectors of some mentions (the spoken claims of independently linked reports,
    the only ones whose meaning is compared), a zero row for every other mention; indexed
    like the matrix of every mention's row it stands for.

    That matrix was nine rows in ten zeros or never read: a figure or an event is matched by
    its value, not its meaning (on the generated bench 30% of the mentions are spoken), and
    at 100,000 documents it was most of the claims stage's memory.
    """

    __slots__ = ("rows", "where")

    def __init__(self, count: int, which: Sequence[int], vectors: np.ndarray) -> None:
        zero = np.zeros((1, vectors.shape[1] if vectors.ndim == 2 else 1), dtype=np.float32)
        self.rows = np.vstack([vectors.astype(np.float32, copy=False).reshape(
            len(which), zero.shape[1]), zero])
        self.where = np.full(count, len(which), dtype=np.int64)
        self.where[np.asarray(which, dtype=np.int64)] = np.arange(len(which))

    def __getitem__(self, index: int | Sequence[int]) -> np.ndarray:
        return self.rows[self.where[index]]


#: What comparing mentions by meaning reads: every mention's row, or ``MentionVectors``.
Vectors = np.ndarray | MentionVectors


@dataclass(frozen=True, slots=True)
class Link:
    """Mention ``a`` and mention ``b`` are one claim; ``variant`` says how ``b`` differs."""

    a: int
    b: int
    variant: str | None = None
    independent: bool = False  # found by content between independent reports


def _figure_link(a: ExtractedClaim, b: ExtractedClaim) -> tuple[bool, str | None]:
    if a.value == b.value:
        return True, None
    if a.counted is not None and a.counted == b.counted:
        return True, f"number changed: {a.value} -> {b.value}"
    return False, None


def _aligned_pair(a: ExtractedClaim, b: ExtractedClaim, candidates: int, cross: bool
                  ) -> tuple[bool, str | None]:
    """Whether claims in aligned sentences are one claim (``candidates``: how many claims of
    that kind the source sentences hold; ``cross``: the copy is a translation, whose words
    are all different and whose quotations are not misquotes for it)."""
    if a.kind != b.kind:
        return False, None
    if a.kind == "figure":
        return _figure_link(a, b)
    if a.kind == "event":
        return (True, None) if a.value == b.value else (
            candidates == 1, f"year changed: {a.value} -> {b.value}")
    if a.kind == "quote":
        overlap = word_dice(quote_words(a.text), quote_words(b.text))
        if cross:
            return candidates == 1 or overlap > 0, None
        if overlap >= ALIGNED_QUOTE or candidates == 1:
            before, after = quote_words(a.text), quote_words(b.text)
            return True, None if before == after \
                else f"quotation altered: {difference(before, after)}"
        return False, None
    if a.speaker and b.speaker and not same_name(a.speaker, b.speaker):
        return (True, f"speaker changed: {a.speaker} -> {b.speaker}") if candidates == 1 \
            else (False, None)
    return True, None


def aligned_links(source: Document, derived: Document, passages: Sequence[Passage],
                  mentions: Sequence[ExtractedClaim], ids: Mapping[str, Sequence[int]]
                  ) -> list[Link]:
    """Links from the claims of ``derived`` to those of the source sentences they align to.

    ``mentions`` holds every extracted claim; ``ids`` each document's indices into it.
    """
    groups = sentence_groups(source.sentences, derived.sentences, passages)
    cross = bool(source.language and derived.language and source.language != derived.language)
    in_source: dict[int, list[int]] = {}
    for i in ids.get(source.id, ()):
        in_source.setdefault(mentions[i].sentence, []).append(i)
    group_of = {j: g for g in groups.groups for j in g.b}
    links: list[Link] = []
    for m in ids.get(derived.id, ()):
        group = group_of.get(mentions[m].sentence)
        if group is None:
            continue
        pool = [i for s in group.a for i in in_source.get(s, ())]
        same_kind = [i for i in pool if mentions[i].kind == mentions[m].kind]
        for i in pool:
            linked, variant = _aligned_pair(mentions[i], mentions[m], len(same_kind), cross)
            if linked:
                links.append(Link(i, m, variant))
                break
    return links


def _names(text: str) -> frozenset[str]:
    return name_tokens(text, frozenset())


def independent_links(a_ids: Sequence[int], b_ids: Sequence[int],
                      mentions: Sequence[ExtractedClaim], vectors: Vectors,
                      stem: Stems | None = None) -> list[Link]:
    """Links between the claims of two independent reports (``vectors``: one unit row per
    mention, the embedding of its text), one to one: each claim takes its best match, so
    two claims of one speaker do not merge through a third."""
    stem = stem or Stems(mentions)
    scored: list[tuple[float, int, int]] = []
    figures: dict[tuple[str | None, str | None], list[int]] = {}
    for j in b_ids:
        if mentions[j].kind == "figure":
            figures.setdefault((mentions[j].value, mentions[j].counted), []).append(j)
    events: dict[str | None, list[int]] = {}
    for j in b_ids:
        if mentions[j].kind == "event":
            events.setdefault(mentions[j].value, []).append(j)
    for i in a_ids:
        mine = mentions[i]
        if mine.kind == "figure":
            scored.extend((2.0, i, j) for j in figures.get((mine.value, mine.counted), ())
                          if _figures_agree(i, j, mentions, stem))
        elif mine.kind == "event":
            scored.extend((1.0 + shared, i, j) for j in events.get(mine.value, ())
                          if (shared := stem.dice(i, j)) >= INDEPENDENT.event_words)
    scored += _spoken_links([i for i in a_ids if mentions[i].kind in SPOKEN],
                            [j for j in b_ids if mentions[j].kind in SPOKEN],
                            mentions, vectors, stem)
    used_a: set[int] = set()
    used_b: set[int] = set()
    links: list[Link] = []
    for _score, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            links.append(Link(i, j, independent=True))
    return links


def _spoken_links(spoken_a: list[int], spoken_b: list[int],
                  mentions: Sequence[ExtractedClaim], vectors: Vectors, stem: Stems
                  ) -> list[tuple[float, int, int]]:
    """(score, i, j) of every pair of spoken claims ``_spoken_score`` scores, computed for
    all pairs at once: a statement of a much-quoted report meets hundreds, and scoring
    pair by pair was most of the claims' time on a dense crawl. The values are
    ``_spoken_score``'s to the bit (the word shares in float64, ``exact_dice``)."""
    if not spoken_a or not spoken_b:
        return []
    cosine = np.round(vectors[spoken_a] @ vectors[spoken_b].T,
                      _COSINE_PLACES).astype(np.float64)
    quotes_a = np.array([mentions[i].kind == "quote" for i in spoken_a])
    quotes_b = np.array([mentions[j].kind == "quote" for j in spoken_b])
    both = quotes_a[:, None] & quotes_b[None, :]
    words = np.zeros(cosine.shape)
    if both.any():
        words = exact_dice(stem.hashed(spoken_a, "quoted"), stem.hashed(spoken_b, "quoted"))
    speaking = _same_speakers([mentions[i].speaker for i in spoken_a],
                              [mentions[j].speaker for j in spoken_b])
    named_a = np.array([bool(mentions[i].speaker) for i in spoken_a])
    named_b = np.array([bool(mentions[j].speaker) for j in spoken_b])
    others = named_a[:, None] & named_b[None, :] & ~speaking
    stems_a, stems_b = stem.hashed(spoken_a), stem.hashed(spoken_b)
    shared = exact_dice(stems_a, stems_b)
    quoted = both & (words >= np.where(others, OTHER_SPEAKER_QUOTE, INDEPENDENT_QUOTE))
    if quoted.any():
        common = exact_shared(stems_a, stems_b)
        smaller = np.minimum(stems_a.sizes[:, None], stems_b.sizes[None, :])
        quoted &= _quoted_content(common, smaller)
    said = ~quoted & speaking  # ``INDEPENDENT``'s rule for one speaker: ``said_alike``
    if said.any():
        said &= said_alike(spoken_a, spoken_b, stem)
    loose = ~quoted & ~speaking & (cosine >= NO_SPEAKER_COSINE) \
        & (shared >= INDEPENDENT.no_speaker_words)
    out = [(1.0 + float(words[r, c]), spoken_a[r], spoken_b[c])
           for r, c in zip(*np.nonzero(quoted), strict=True)]
    out += [(float(cosine[r, c] + shared[r, c]), spoken_a[r], spoken_b[c])
            for r, c in zip(*np.nonzero(said), strict=True)]
    out += [(float(cosine[r, c] + shared[r, c]), spoken_a[r], spoken_b[c])
            for r, c in zip(*np.nonzero(loose), strict=True)
            if any(same_name(x, y) for x in _names(mentions[spoken_a[r]].text)
                   for y in _names(mentions[spoken_b[c]].text))]
    return out


def _quoted_content(common: int | np.ndarray, smaller: int | np.ndarray) -> bool | np.ndarray:
    """Whether two quotations sharing ``common`` content stems, the shorter holding
    ``smaller``, share enough of them (``QUOTE_CONTENT``, ``QUOTE_HELD``): for one pair
    (ints) or every pair at once (arrays), the same rule."""
    return (common >= QUOTE_CONTENT) | ((common >= QUOTE_HELD) & (common == smaller))


def _same_speakers(a: list[str | None], b: list[str | None]) -> np.ndarray:
    """Whether each a's speaker and each b's are both named and one person
    (``same_name``, asked once per pair of distinct speakers)."""
    named = sorted({s for s in b if s})
    code = {s: k for k, s in enumerate(named)}
    columns = np.array([code.get(s, -1) if s else -1 for s in b], dtype=np.int64)
    out = np.zeros((len(a), len(b)), dtype=bool)
    matches: dict[str, np.ndarray] = {}
    for row, speaker in enumerate(a):
        if not speaker:
            continue
        found = matches.get(speaker)
        if found is None:
            found = matches[speaker] = np.array(
                [k for k, other in enumerate(named) if same_name(speaker, other)],
                dtype=np.int64)
        out[row] = np.isin(columns, found)
    return out


def alike(i: int, j: int, mentions: Sequence[ExtractedClaim], vectors: Vectors,
          stem: Stems, bars: Bars = INDEPENDENT) -> bool:
    """Whether two mentions are one claim by the rules for independent reports (used to
    check a new member against the claim it would join, so that claims do not chain), with
    ``bars`` the shares of words asked (``ALONG``: two claims joined by an alignment)."""
    a, b = mentions[i], mentions[j]
    if a.kind == "figure" or b.kind == "figure":
        return a.kind == b.kind and (a.value, a.counted) == (b.value, b.counted) \
            and _figures_agree(i, j, mentions, stem)
    if a.kind == "event" or b.kind == "event":
        return a.kind == b.kind and a.value == b.value and \
            stem.dice(i, j) >= bars.event_words
    cosine = round(float(vectors[i] @ vectors[j]), _COSINE_PLACES)
    return _spoken_score(a, b, cosine, stem, i, j, bars) is not None


def _figures_agree(i: int, j: int, mentions: Sequence[ExtractedClaim], known: Stems) -> bool:
    """Whether two figures of one value and one counted word, in independent reports, say
    enough to be one claim: a share or a small count needs a word in common besides what it
    counts (see ``SMALL_COUNT``)."""
    a = mentions[i]
    if a.counted != "percent" and not _small(a.value):
        return True
    counted = stem(a.counted or "")[:4]  # "week" and "weeks" cut to five letters differ
    return any(not w.startswith(counted)
               for w in (known(i) & known(j)) - _NUMBER_STEMS - _PER_CENT)


def _small(value: str | None) -> bool:
    try:
        return float(value or "") < SMALL_COUNT
    except ValueError:
        return False


def _spoken_score(a: ExtractedClaim, b: ExtractedClaim, cosine: float, stem: Stems,
                  i: int, j: int, bars: Bars = INDEPENDENT) -> float | None:
    """How alike two spoken claims (mentions ``i`` and ``j``) are (cosine plus word share),
    or None when they are not one claim by the rules above. The word share is computed
    only when needed."""
    if a.kind == b.kind == "quote":
        words = stem.quote_dice(i, j)
        others = bool(a.speaker and b.speaker and not same_name(a.speaker, b.speaker))
        if words >= (OTHER_SPEAKER_QUOTE if others else INDEPENDENT_QUOTE) and _quoted_content(
                len(stem(i) & stem(j)), min(len(stem(i)), len(stem(j)))):
            return 1.0 + words
    if a.speaker and b.speaker and same_name(a.speaker, b.speaker):
        shared = stem.dice(i, j)
        close = said_close(i, j, stem) if bars.speaker is None else (
            (cosine >= SAME_SPEAKER_COSINE and shared >= bars.speaker[0])
            or shared >= bars.speaker[1])
    elif cosine < NO_SPEAKER_COSINE:
        return None
    else:
        shared = stem.dice(i, j)
        close = shared >= bars.no_speaker_words and any(
            same_name(x, y) for x in _names(a.text) for y in _names(b.text))
    return cosine + shared if close else None
