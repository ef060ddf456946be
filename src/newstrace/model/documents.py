"""What is read: spans, raw records, failures, documents, and the changes a copy made.

Offsets always point into ``Document.text`` (the clean article text); no stage keeps copies of
text it can slice. Ids are content hashes, so the same capture read twice gets the same id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ["SEVERITIES", "Change", "Document", "Failure", "RawRecord", "Span", "document_from_json",
           "iso_day"]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into a document's clean text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def slice(self, text: str) -> str:
        """The text this span claims."""
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def __reduce__(self) -> tuple[type[Span], tuple[int, int]]:
        # Positional rebuild: cheaper than the frozen dataclass's field-by-field pickling.
        return Span, (self.start, self.end)


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One capture as a reader found it, before extraction.

    ``content`` is decoded text. ``locator`` names the record stably inside the input
    (a path relative to the input root, plus ``#n`` for the n-th record of a container), so
    that ids do not depend on where the corpus lies on disk.
    """

    path: str
    locator: str
    content: str
    format: str  # "html" | "text"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    captured: str | None = None  # e.g. the WARC-Date of the record
    byline: str | None = None  # the authors a record names (a dump's "authors" field)
    site: str | None = None  # the site or outlet a record names (a dump's "publisher" field)


@dataclass(frozen=True, slots=True)
class Failure:
    """A capture that could not be read: where it was and why, in plain words."""

    path: str
    reason: str
    locator: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The failure as a JSON-ready mapping (``type`` is ``"failure"``)."""
        return {"type": "failure", "path": self.path, "locator": self.locator,
                "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Document:
    """A clean article with its metadata and its segmentation.

    ``published`` is an ISO date (``YYYY-MM-DD``) or ``None``; ``published_source`` says where
    it was found (``html-meta``, ``text-date-line``, ``text-byline``, ``text-iso-stamp``,
    ``record-field``...). ``captured`` is when the page was archived (WARC-Date), which is not
    the publication date. ``credit`` is a source the page itself names (``Source: leparis``);
    ``byline`` the authors its record or markup names ("Jonathan Lemire, Associated Press").
    ``repeated`` holds the sentences its site carries on other pages too
    (``clean.templates.mark_site_repeats``), or is ``None`` where the corpus was not read.
    """

    id: str
    path: str
    locator: str
    format: str
    text: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    captured: str | None = None
    language: str | None = None
    credit: str | None = None
    byline: str | None = None
    paragraphs: tuple[Span, ...] = field(default_factory=tuple)
    sentences: tuple[Span, ...] = field(default_factory=tuple)
    repeated: tuple[Span, ...] | None = None

    @staticmethod
    def make_id(locator: str, text: str) -> str:
        """A stable content hash of where a document came from and what it says."""
        digest = hashlib.blake2b(digest_size=8)
        digest.update(locator.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Spans travel as flat integers: pickling thousands of small objects per document
        # would cost more than building the document did.
        head = tuple(getattr(self, name) for name in _DOC_FIELDS)
        repeated = None if self.repeated is None else _flatten(self.repeated)
        return (_rebuild_document,
                (head, _flatten(self.paragraphs), _flatten(self.sentences), repeated))

    def to_json(self) -> dict[str, Any]:
        """The document as a JSON-ready mapping (``type`` is ``"document"``)."""
        return {
            "type": "document",
            "id": self.id,
            "path": self.path,
            "locator": self.locator,
            "format": self.format,
            "url": self.url,
            "site": self.site,
            "title": self.title,
            "published": self.published,
            "published_source": self.published_source,
            "captured": self.captured,
            "language": self.language,
            "credit": self.credit,
            "byline": self.byline,
            "text": self.text,
            "paragraphs": [[s.start, s.end] for s in self.paragraphs],
            "sentences": [[s.start, s.end] for s in self.sentences],
            "repeated": (None if self.repeated is None
                         else [[s.start, s.end] for s in self.repeated]),
        }


_DOC_FIELDS = ("id", "path", "locator", "format", "text", "url", "site", "title", "published",
               "published_source", "captured", "language", "credit", "byline")


def iso_day(value: str | None) -> date | None:
    """The day of a ``published`` or ``captured`` value (an ISO date or time), or None when
    there is none or it is no date."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def document_from_json(record: dict[str, Any]) -> Document:
    """The inverse of ``Document.to_json``."""
    fields: dict[str, Any] = {name: record.get(name) for name in _DOC_FIELDS}
    repeated = record.get("repeated")
    return Document(**fields,
                    paragraphs=tuple(Span(s, e) for s, e in record.get("paragraphs", ())),
                    sentences=tuple(Span(s, e) for s, e in record.get("sentences", ())),
                    repeated=None if repeated is None else tuple(Span(s, e) for s, e in repeated))


def _flatten(spans: tuple[Span, ...]) -> tuple[int, ...]:
    return tuple(offset for span in spans for offset in (span.start, span.end))


def _spans(flat: tuple[int, ...]) -> tuple[Span, ...]:
    return tuple(Span(flat[i], flat[i + 1]) for i in range(0, len(flat), 2))


def _rebuild_document(head: tuple[Any, ...], paragraphs: tuple[int, ...],
                      sentences: tuple[int, ...], repeated: tuple[int, ...] | None = None
                      ) -> Document:
    fields: dict[str, Any] = dict(zip(_DOC_FIELDS, head, strict=True))
    return Document(**fields, paragraphs=_spans(paragraphs), sentences=_spans(sentences),
                    repeated=None if repeated is None else _spans(repeated))


#: Severity of a Change, strongest first: ``high`` changes what a reader takes as fact or as
#: someone's words (a misquote, a flipped negation, another number); ``medium`` shifts
#: emphasis, certainty or credit; ``low`` is editing that keeps the meaning.
SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class Change:
    """A typed difference between a derived document and its source, on an aligned pair.

    ``source`` and ``derived`` are the spans it concerns (None on the side where the text is
    absent, as for a dropped or an added sentence); ``before`` and ``after`` are the words
    that changed; ``explanation`` says in one line what changed and why it matters.
    """

    kind: str
    severity: str
    source: Span | None
    derived: Span | None
    before: str
    after: str
    explanation: str

    def to_json(self) -> dict[str, Any]:
        """The change as a JSON-ready mapping."""
        return {"kind": self.kind, "severity": self.severity,
                "source": [self.source.start, self.source.end] if self.source else None,
                "derived": [self.derived.start, self.derived.end] if self.derived else None,
                "before": self.before, "after": self.after,
                "explanation": self.explanation}

    def sort_key(self) -> tuple[int, int, str, str]:
        """Changes read in the derived text's order, then the source's."""
        return (self.derived.start if self.derived else 1 << 60,
                self.source.start if self.source else 1 << 60, self.kind, self.after)
