"""What every change detector reads: the two documents, their quotations and names, one
group's texts. What is read per document is computed once per document (``DocView``), not
once per pair: an origin with a hundred copies is read once."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from newstrace.changes.groups import Group
from newstrace.model import Change, Document, Span
from newstrace.text.names import capitalised, words_folded
from newstrace.text.quotes import Quote, find_quotes, marks_stripped, speech_joins

__all__ = ["NEAR", "DocView", "PairText", "change"]

#: How far around an aligned group ``PairText.around`` reads.
NEAR = 400


class DocView:
    """A document with its quotations, the names it capitalises mid-sentence and every word
    it uses (folded), each read on first use: a verbatim copy, whose aligned sentences are
    all unchanged, never needs them."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @classmethod
    def of(cls, doc: Document) -> DocView:
        """One document, to be read as the detectors ask."""
        return cls(doc)

    @functools.cached_property
    def quotes(self) -> tuple[Quote, ...]:
        return find_quotes(self.doc.text, self.doc.paragraphs)

    @functools.cached_property
    def joins(self) -> tuple[Quote, ...]:
        """Quotations split by a speech tag, rejoined (``quotes.speech_joins``)."""
        return speech_joins(self.doc.text, self.quotes)

    @functools.cached_property
    def stripped(self) -> bool:
        """Whether the text lost its punctuation marks (``quotes.marks_stripped``)."""
        return marks_stripped(self.doc.text)

    @functools.cached_property
    def names(self) -> frozenset[str]:
        return frozenset(capitalised(self.doc.text)[0])

    @functools.cached_property
    def words(self) -> frozenset[str]:
        return frozenset(words_folded(self.doc.text))


@dataclass(frozen=True, slots=True)
class PairText:
    """A derivation pair as the detectors see it: the source's view, then the copy's."""

    source_view: DocView
    derived_view: DocView
    cross_lingual: bool = False

    @property
    def source(self) -> Document:
        return self.source_view.doc

    @property
    def derived(self) -> Document:
        return self.derived_view.doc

    def a(self, group: Group) -> str:
        """The source text of a group."""
        return self.source.text[group.a_span.start:group.a_span.end]

    def b(self, group: Group) -> str:
        """The derived text of a group."""
        return self.derived.text[group.b_span.start:group.b_span.end]

    def around(self, group: Group, derived: bool) -> str:
        """A group's text on one side with ``NEAR`` characters either way: where a hedge or
        a negation the group lost may still stand (the neighbouring sentence), since a
        group's edge is not a paragraph's."""
        text, span = ((self.derived.text, group.b_span) if derived
                      else (self.source.text, group.a_span))
        return text[max(0, span.start - NEAR):span.end + NEAR]


def change(kind: str, severity: str, source: Span | None, derived: Span | None,
           before: str, after: str, explanation: str) -> Change:
    """A Change with its before and after text trimmed of surrounding white space."""
    return Change(kind, severity, source, derived, before.strip(), after.strip(), explanation)
