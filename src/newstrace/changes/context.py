"""What every change detector reads: the two documents, their quotations, one group's texts."""

from __future__ import annotations

from dataclasses import dataclass, field

from newstrace.changes.groups import Group
from newstrace.changes.quotes import Quote, find_quotes
from newstrace.model import Change, Document, Span
from newstrace.text.names import capitalised, words_folded

__all__ = ["PairText", "change"]


@dataclass(slots=True)
class PairText:
    """A derivation pair as the detectors see it (source first), with per-document caches."""

    source: Document
    derived: Document
    cross_lingual: bool = False
    source_quotes: tuple[Quote, ...] = field(init=False)
    derived_quotes: tuple[Quote, ...] = field(init=False)
    #: Names each document capitalises mid-sentence, and every word of it, folded.
    source_names: set[str] = field(init=False)
    derived_names: set[str] = field(init=False)
    source_words: set[str] = field(init=False)
    derived_words: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.source_quotes = find_quotes(self.source.text, self.source.paragraphs)
        self.derived_quotes = find_quotes(self.derived.text, self.derived.paragraphs)
        self.source_names = capitalised(self.source.text)[0]
        self.derived_names = capitalised(self.derived.text)[0]
        self.source_words = words_folded(self.source.text)
        self.derived_words = words_folded(self.derived.text)

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
