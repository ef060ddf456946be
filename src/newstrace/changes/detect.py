"""The changes stage: typed differences for every derivation pair, in reading order.

A pure kernel over two documents and the passages that align them: the passages become
sentence groups (``groups``), each group goes through every detector, and the sentences no
group holds become ``sentence_dropped`` and ``sentence_added`` — one change per run of
consecutive sentences, so an excerpt's omitted tail is one change, not one per sentence.
Across languages numbers are compared by their value in any language's writing
(``crossfigures``), a person's surname changed under a kept first name is read
(``crossnames``), and a negation present on one side only (``crossnegation``, each
language's own negators): quotations, qualifiers and times are read by English word lists,
which would see every translated word as a change. Against a
text that lost its punctuation in conversion (no quotation mark, apostrophe or dash left)
neither quotations nor numbers are compared, and a name differing only in the letters the
conversion dropped is the same name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

import numpy as np

from newstrace.bounded import RecentMap
from newstrace.changes.attribution import attribution_changes, hedge_changes
from newstrace.changes.context import DocView, PairText, change
from newstrace.changes.crossfigures import cross_figure_changes
from newstrace.changes.crossnames import cross_name_changes
from newstrace.changes.crossnegation import cross_negation_changes
from newstrace.changes.entities import entity_changes
from newstrace.changes.figures import figure_changes
from newstrace.changes.groups import Group, sentence_groups
from newstrace.changes.misquotes import quote_changes
from newstrace.changes.negation import negation_changes
from newstrace.engine.packed import Packed
from newstrace.engine.protocol import Engine, sends, start_shared
from newstrace.index.sentences import content_words
from newstrace.match.kinds import DERIVATIONS
from newstrace.model import Change, Document, Passage, Relation, Span
from newstrace.text.quotes import quote_words

__all__ = ["CHANGE_KINDS", "OWN_REUSE_KINDS", "changes_for", "detect_changes", "relation_changes",
           "start_changes"]

CHANGE_KINDS = ("quote_altered", "quote_trimmed", "quote_unquoted", "quote_added",
                "negation_flipped",
                "number_changed", "qualifier_changed", "time_shifted", "attribution_removed",
                "attribution_changed", "hedge_removed", "hedge_added", "entity_changed",
                "sentence_added", "sentence_dropped")
_DETECTORS: tuple[Callable[[PairText, Group], list[Change]], ...] = (
    quote_changes, negation_changes, figure_changes, attribution_changes, hedge_changes,
    entity_changes)
#: Across languages: figures by their value in any language's writing (``crossfigures``), a
#: surname changed (``crossnames``), a negation lost or gained (``crossnegation``).
_CROSS_DETECTORS: tuple[Callable[[PairText, Group], list[Change]], ...] = (
    cross_figure_changes, cross_name_changes, cross_negation_changes)
_CROSS_LINGUAL = frozenset({"number_changed", "entity_changed", "negation_flipped"})
#: What a text that lost its punctuation (``quotes.marks_stripped``) cannot show: where its
#: quotations are, and its numbers ("7–6, 6–1" is printed "76, 61").
_READ_BY_MARKS = frozenset({"quote_altered", "quote_trimmed", "quote_unquoted", "quote_added",
                            "number_changed"})
T = TypeVar("T")
#: How much of a dropped or added run a change quotes.
_EXCERPT = 240


def _runs(indices: Sequence[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _clip(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[:_EXCERPT].rsplit(" ", 1)[0] + " …"


#: Texts longer than this count the words of their unaligned runs from the positions of
#: their words, found once: a pasted 5 MB query is the copy in a thousand relations, and
#: splitting its unaligned runs again for each cost a quarter of the query.
_LONG_TEXT = 100_000
_WORD = re.compile(r"\S+")


@functools.lru_cache(maxsize=4)
def _word_starts(text: str) -> np.ndarray:
    """Where each word of a long ``text`` starts (a few long texts remembered)."""
    return np.fromiter((m.start() for m in _WORD.finditer(text)), dtype=np.int64)


def _words(text: str, span: Span) -> int:
    if len(text) <= _LONG_TEXT:
        return len(text[span.start:span.end].split())
    starts = _word_starts(text)
    return int(np.searchsorted(starts, span.end) - np.searchsorted(starts, span.start))


def _unaligned(doc: Document, indices: Sequence[int], dropped: bool) -> list[Change]:
    out: list[Change] = []
    last = len(doc.sentences) - 1
    for first, end in _runs(indices):
        span = Span(doc.sentences[first].start, doc.sentences[end].end)
        text = doc.text[span.start:min(span.end, span.start + _EXCERPT + 1)]
        count = end - first + 1
        words = _words(doc.text, span)
        sentences = f"{count} sentence{'s' if count > 1 else ''} ({words} words)"
        if dropped:
            where = (" — the copy ends before them" if end == last and first > 0
                     else " — the copy starts after them" if first == 0 and end < last
                     else "")
            out.append(change("sentence_dropped", "low", span, None, _clip(text), "",
                              f"{sentences} of the source are not in the copy{where}"))
        else:
            out.append(change("sentence_added", "low", None, span, "", _clip(text),
                              f"{sentences} of the copy have no counterpart in the source"))
    return out


def _unchanged(pair: PairText, group: Group) -> bool:
    """Whether a group's two sides are the same words with the same quotation marks: a
    verbatim copy, where no detector can find anything (the common case, read fast)."""
    a_text, b_text = pair.a(group), pair.b(group)
    return a_text == b_text or (quote_words(a_text) == quote_words(b_text)
                                and _marks(a_text) == _marks(b_text))


#: An aligned group's two sides are one statement (an edited copy of a sentence) from this
#: Dice overlap of their content words. Below it they are two sentences that only look
#: alike (a rewrite's loose alignment, two reporters' own sentences on one event): on the
#: tuning half of the labelled AllSides changes, 36 of 38 high or medium flags under it were
#: false (misaligned numbers, names, negations), while real ones stood at 0.46-0.97.
CORRESPONDS = 0.5
#: From this Dice overlap the group is one sentence edited (a copy that changed a few words):
#: every change keeps its severity. Between ``CORRESPONDS`` and this the sentence was
#: reworded, and only quotation changes (with a negation read inside a quotation), figures
#: for the same counted thing and credits swapped for a vague stand-in keep theirs (see
#: ``_needs_edit``); on the labelled AllSides changes
#: negations, times, qualifiers, hedges, names, credits and added or unquoted quotations
#: flagged in reworded sentences were real in 2 of 45 cases (synonyms, a quote extended,
#: a date written another way).
EDITED = 0.8
#: ... or when at most this many content words differ in all (a word swapped, a hedge or
#: a name dropped): a short sentence with one name replaced is an edit, whatever its Dice.
SWAPPED = 3
#: A group of more sentences than this a side is a loose stretch of a rewrite, not one
#: statement edited: what differs inside it is not paired word for word.
GROUP_SENTENCES = 4


def _calibrated(pair: PairText, group: Group, found: list[Change]) -> list[Change]:
    """The group's changes, low when its two sides are not one statement: what differs
    between two different sentences is not what a copy changed."""
    if all(c.severity == "low" for c in found):
        return found
    a, b = content_words(pair.a(group)), content_words(pair.b(group))
    dice = 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0
    sentences = max(len(group.a), len(group.b))
    if dice >= CORRESPONDS and sentences <= GROUP_SENTENCES:
        if dice >= EDITED or len(a ^ b) <= SWAPPED:
            return found
        quoted = {(c.source, c.derived) for c in found if c.kind == "quote_altered"}
        why = (f" (low: the aligned sentences are reworded, {dice:.0%} of their content "
               "words shared, and a rewording says this another way as often as it changes it)")
        return [replace(c, severity="low", explanation=c.explanation + why)
                if c.severity != "low" and _needs_edit(c, quoted) else c for c in found]
    why = (f" (low: the aligned sentences share {dice:.0%} of their content words, so they "
           "may be two different statements)" if dice < CORRESPONDS else
           f" (low: {sentences} sentences aligned as one group, too loose to pair their "
           "words)")
    return [c if c.severity == "low" else replace(c, severity="low",
                                                  explanation=c.explanation + why)
            for c in found]


def _needs_edit(c: Change, quoted: set[tuple[Span | None, Span | None]]) -> bool:
    """Whether a change keeps its severity only in an edited copy of one sentence: not a
    quotation's words or a figure for the same thing (compared word for word whatever the
    wording around them), a negation read inside a quotation, or a credit swapped for a
    vague stand-in ("told the AP" -> "told reporters", the laundering move)."""
    if c.kind in ("quote_altered", "number_changed"):
        return False
    if c.kind == "negation_flipped" and (c.source, c.derived) in quoted:
        return False
    return not (c.kind == "attribution_removed" and c.after)


def _spelling(c: Change) -> bool:
    """Whether a name "changed" only in letters a conversion lost ("Mysłajek" printed
    "Mys_ajek"): the same letters once every non-ASCII or non-letter character is gone."""
    def ascii_letters(text: str) -> str:
        return "".join(ch for ch in text.lower() if "a" <= ch <= "z")
    return c.kind in ("entity_changed", "attribution_changed") and bool(c.before) \
        and ascii_letters(c.before) == ascii_letters(c.after)


def _marks(text: str) -> int:
    return sum(text.count(mark) for mark in "“”\"«»„")


def detect_changes(source: Document, derived: Document, passages: Sequence[Passage],
                   cross_lingual: bool = False, views: tuple[DocView, DocView] | None = None
                   ) -> tuple[Change, ...]:
    """Every typed change of ``derived`` against ``source`` (passages: ``a`` in the source).

    ``views`` are the two documents already read (``DocView.of``), when a caller has them.
    """
    groups = sentence_groups(source.sentences, derived.sentences, passages)
    source_view, derived_view = views or (DocView.of(source), DocView.of(derived))
    pair = PairText(source_view, derived_view, cross_lingual)
    found: list[Change] = []
    stripped = source_view.stripped or derived_view.stripped
    for group in groups.groups:
        if _unchanged(pair, group):
            continue
        detectors = _CROSS_DETECTORS if cross_lingual else _DETECTORS
        here = [c for detector in detectors for c in detector(pair, group)
                if (not cross_lingual or c.kind in _CROSS_LINGUAL)
                and not (stripped and (c.kind in _READ_BY_MARKS or _spelling(c)))]
        if here and not cross_lingual:
            here = _calibrated(pair, group, here)
        found.extend(here)
    found.extend(_unaligned(source, groups.dropped, dropped=True))
    found.extend(_unaligned(derived, groups.added, dropped=False))
    unique = {(c.kind, c.source, c.derived, c.before, c.after): c for c in found}
    return tuple(sorted(unique.values(), key=Change.sort_key))


#: A site's later report reusing its own earlier text (a follow-up, a rework) is not a copy:
#: what it changed is its own editing ("earlier this year" a season later, a reworded lead),
#: so its changes are listed at ``low``. On the AllSides development crawl 3 of 17 high or
#: medium changes read on such pairs were real. Versions of one page (a duplicate, an
#: excerpt) keep their severities: a silent edit of a published article matters.
OWN_REUSE_KINDS = ("partial", "rewrite")


def relation_changes(source: Document, derived: Document, relation: Relation,
                     cross_lingual: bool = False,
                     views: tuple[DocView, DocView] | None = None) -> tuple[Change, ...]:
    """``detect_changes`` on a relation's passages, weighed by what the relation is."""
    found = detect_changes(source, derived, relation.passages, cross_lingual, views)
    if relation.kind not in OWN_REUSE_KINDS or not (relation.features or {}).get("same_site"):
        return found
    return tuple(c if c.severity == "low" else replace(
        c, severity="low", explanation=f"{c.explanation} (one site reusing its own text in "
                                       "another report: its editing, not a copy's)")
        for c in found)


#: Documents' readings a worker keeps, the most recently used: pairs come sorted by source,
#: so a source is read once for all its copies. Kept whole, each worker's readings grew with
#: the corpus (on the dense 10k bench a worker reads 6,400 documents, 28 KB each: 180 MB).
VIEWS_KEPT = 2_048


class _Views:
    """Documents read as the pairs need them, by their place in ``docs``, the most recently
    used kept (one cache per worker, ``VIEWS_KEPT``)."""

    def __init__(self, docs: Sequence[Document] | Packed[Document]) -> None:
        self.docs = docs
        self.read: RecentMap[int, DocView] = RecentMap(VIEWS_KEPT)

    def __call__(self, at: int) -> DocView:
        return self.read.get_or_make(at, self._view)

    def _view(self, at: int) -> DocView:
        return DocView.of(self.docs[at])


@dataclass(frozen=True)
class _Derivations(Generic[T]):
    """What every pair's changes read: the documents and the derivations, as lists for
    forked workers, or packed to be sent (``engine.packed``: forked workers that read them
    as objects copied the pages under them, at 100,000 generated documents 1.6-1.8 GB a
    worker). ``sides`` holds each derivation's source and derived document as places in
    ``views``."""

    views: _Views
    relations: Sequence[Relation] | Packed[Relation]
    sides: np.ndarray
    shape: Callable[[tuple[Change, ...]], T]


def _pair_changes(context: _Derivations[T], at: int) -> T:
    """Derivation ``at``'s changes, shaped."""
    relation = context.relations[at]
    source, derived = (context.views(int(side)) for side in context.sides[at])
    languages = (source.doc.language, derived.doc.language)
    cross = bool(all(languages) and languages[0] != languages[1])
    return context.shape(relation_changes(source.doc, derived.doc, relation, cross,
                                          (source, derived)))


def _as_found(changes: tuple[Change, ...]) -> tuple[Change, ...]:
    return changes


def changes_for(docs: Mapping[str, Document], relations: Iterable[Relation],
                engine: Engine | None = None) -> dict[tuple[str, str], tuple[Change, ...]]:
    """The changes of every derivation relation, keyed by (source id, derived id).

    Pairs are taken by source, so each worker reads an origin once for all its copies.
    """
    return start_changes(docs, relations, _as_found, engine)()


def start_changes(docs: Mapping[str, Document], relations: Iterable[Relation],
                  shape: Callable[[tuple[Change, ...]], T], engine: Engine | None = None,
                  background: bool = False, send: bool = False
                  ) -> Callable[[], dict[tuple[str, str], T]]:
    """``changes_for`` started on ``engine``'s workers, each pair's changes passed through
    ``shape`` there (the report wants them as JSON: made by the workers, a plain structure
    also crosses the pipe faster than objects). The call returned waits for the result, so
    the caller can do other work (writing the rest of the report) meanwhile, and with
    ``background`` the workers take only the cores that work leaves idle
    (``Engine.map_shared``). With ``send`` (``engine.packed.worth_sending``) the documents
    and derivations are packed and sent to the workers rather than inherited."""
    derivations = sorted((r for r in relations if r.kind in DERIVATIONS),
                         key=lambda r: (r.source, r.derived))
    read = sorted({d for r in derivations for d in (r.source, r.derived)})
    place = {doc_id: at for at, doc_id in enumerate(read)}
    sides = np.array([(place[r.source], place[r.derived]) for r in derivations],
                     dtype=np.int32).reshape(-1, 2)
    send = sends(engine, send, len(derivations))
    documents = [docs[d] for d in read]
    context = _Derivations(_Views(Packed(documents) if send else documents),
                           Packed(derivations) if send else derivations, sides, shape)
    pending = start_shared(engine, _pair_changes, context, range(len(derivations)),
                           background=background, send=send)

    def collect() -> dict[tuple[str, str], T]:
        return {(r.source, r.derived): changes
                for r, changes in zip(derivations, pending(), strict=True)}

    return collect
