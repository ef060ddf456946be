"""The changes stage: typed differences for every derivation pair, in reading order.

A pure kernel over two documents and the passages that align them: the passages become
sentence groups (``groups``), each group goes through every detector, and the sentences no
group holds become ``sentence_dropped`` and ``sentence_added`` — one change per run of
consecutive sentences, so an excerpt's omitted tail is one change, not one per sentence.
Across languages only numbers are compared: quotations, negations, qualifiers and times are
read by English word lists, which would see every translated word as a change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from newstrace.changes.attribution import attribution_changes, hedge_changes
from newstrace.changes.context import PairText, change
from newstrace.changes.entities import entity_changes
from newstrace.changes.figures import figure_changes
from newstrace.changes.groups import Group, sentence_groups
from newstrace.changes.misquotes import quote_changes
from newstrace.changes.negation import negation_changes
from newstrace.match.kinds import DERIVATIONS
from newstrace.match.relation import Relation
from newstrace.match.verbatim import Passage
from newstrace.model import Change, Document, Span

__all__ = ["CHANGE_KINDS", "changes_for", "detect_changes"]

CHANGE_KINDS = ("quote_altered", "quote_unquoted", "quote_added", "negation_flipped",
                "number_changed", "qualifier_changed", "time_shifted", "attribution_removed",
                "attribution_changed", "hedge_removed", "hedge_added", "entity_changed",
                "sentence_added", "sentence_dropped")
_DETECTORS: tuple[Callable[[PairText, Group], list[Change]], ...] = (
    quote_changes, negation_changes, figure_changes, attribution_changes, hedge_changes,
    entity_changes)
_CROSS_LINGUAL = frozenset({"number_changed"})
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


def _unaligned(doc: Document, indices: Sequence[int], dropped: bool) -> list[Change]:
    out: list[Change] = []
    last = len(doc.sentences) - 1
    for first, end in _runs(indices):
        span = Span(doc.sentences[first].start, doc.sentences[end].end)
        text = doc.text[span.start:span.end]
        count = end - first + 1
        words = len(text.split())
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


def detect_changes(source: Document, derived: Document, passages: Sequence[Passage],
                   cross_lingual: bool = False) -> tuple[Change, ...]:
    """Every typed change of ``derived`` against ``source`` (passages: ``a`` in the source)."""
    groups = sentence_groups(source.sentences, derived.sentences, passages)
    pair = PairText(source, derived, cross_lingual)
    found: list[Change] = []
    for group in groups.groups:
        for detector in _DETECTORS:
            found.extend(c for c in detector(pair, group)
                         if not cross_lingual or c.kind in _CROSS_LINGUAL)
    found.extend(_unaligned(source, groups.dropped, dropped=True))
    found.extend(_unaligned(derived, groups.added, dropped=False))
    unique = {(c.kind, c.source, c.derived, c.before, c.after): c for c in found}
    return tuple(sorted(unique.values(), key=Change.sort_key))


def changes_for(docs: Mapping[str, Document], relations: Iterable[Relation]
                ) -> dict[tuple[str, str], tuple[Change, ...]]:
    """The changes of every derivation relation, keyed by (source id, derived id)."""
    out: dict[tuple[str, str], tuple[Change, ...]] = {}
    for r in relations:
        if r.kind not in DERIVATIONS:
            continue
        source, derived = docs[r.source], docs[r.derived]
        cross = bool(source.language and derived.language
                     and source.language != derived.language)
        out[(r.source, r.derived)] = detect_changes(source, derived, r.passages, cross)
    return out
