"""What cleaning keeps of texts that hold no page chrome at all: nothing should be lost.

Article texts already extracted (WMT21's news documents and their translations, the BBC
corpus, BASIL, OneStopEnglish) are read as a user's captures are read (``ingest``), and each
document's cleaned text is measured against the text it came with. Every character cut
there is article text lost: a sentence full of names or figures read as a menu, a Japanese
paragraph read as a word or two (``clean.prose``). A document counts as losing when less
than ``LOST_BELOW`` of its text is left; the headline, which the cleaner takes off as the
title, is a few percent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newstrace.evaluate.halves import half_of
from newstrace.ingest.build import build_document
from newstrace.ingest.readers import ReadOptions, read_paths
from newstrace.model import Document, RawRecord

__all__ = ["LOST_BELOW", "Kept", "kept", "read_records"]

#: A document keeping less than this share of its text lost some of its article.
LOST_BELOW = 0.8


@dataclass(frozen=True, slots=True)
class Kept:
    """How many documents were read, and how many lost text (``LOST_BELOW``)."""

    documents: int
    losing: int
    #: The documents that lost most, (share kept, locator), at most ten.
    worst: tuple[tuple[float, str], ...] = ()


def read_records(paths: Iterable[Path], half: str | None = None) -> list[RawRecord]:
    """The captures in ``paths`` as ``ingest`` reads them (JSON lines, text files...), of one
    half by locator (``evaluate.halves``) or all."""
    out = []
    for item in read_paths([str(p) for p in paths], ReadOptions()):
        if isinstance(item, RawRecord) and (half is None or half_of(item.locator) == half):
            out.append(item)
    return out


def kept(records: Iterable[RawRecord]) -> Kept:
    """How much of each record's text its cleaned document keeps."""
    shares = []
    for record in records:
        built = build_document(record)
        text = built.text if isinstance(built, Document) else ""
        shares.append((round(len(text) / max(1, len(record.content.strip())), 4),
                       record.locator))
    shares.sort()
    return Kept(len(shares), sum(1 for share, _ in shares if share < LOST_BELOW),
                tuple(shares[:10]))
