"""What every change detector reads: the two documents, their quotations and names, one
group's texts. What is read per document is computed once per document (``DocView``), not
once per pair: an origin with a hundred copies is read once."""

from __future__ import annotations

from dataclasses import dataclass

from newstrace.changes.groups import Group
from newstrace.changes.quotes import Quote, find_quotes
from newstrace.model import Change, Document, Span
from newstrace.text.names import capitalised, words_folded

__all__ = ["DocView", "PairText", "change"]


@dataclass(frozen=True, slots=True)
class DocView:
    """A document with its quotations, the names it capitalises mid-sentence and every word
    it uses (folded)."""

    doc: Document
    quotes: tuple[Quote, ...]
    names: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, doc: Document) -> DocView:
        """Read one document."""
        return cls(doc, find_quotes(doc.text, doc.paragraphs),
                   frozenset(capitalised(doc.text)[0]), frozenset(words_folded(doc.text)))


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


def change(kind: str, severity: str, source: Span | None, derived: Span | None,
           before: str, after: str, explanation: str) -> Change:
    """A Change with its before and after text trimmed of surrounding white space."""
    return Change(kind, severity, source, derived, before.strip(), after.strip(), explanation)
