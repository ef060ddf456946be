"""What each input became: every record read is one document or one failure.

A run over many files must say, per input, how many records it held and what became of
them ("crawl.csv: 612 records: 609 documents, 3 failures"), so that a user sees at once
when a file lost records, instead of finding out from a count that looks plausible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newstrace.model import Document, Failure

__all__ = ["InputTally", "Tallies", "records_line", "tally"]


@dataclass(frozen=True, slots=True)
class InputTally:
    """One input's records: how many became documents and how many failures."""

    path: str
    documents: int
    failures: int

    @property
    def records(self) -> int:
        """Records read from the input: each one a document or a failure."""
        return self.documents + self.failures

    def to_json(self) -> dict[str, Any]:
        """The tally as a JSON-ready mapping."""
        return {"path": self.path, "records": self.records, "documents": self.documents,
                "failures": self.failures}


class Tallies:
    """Documents and failures counted per input path as they stream past."""

    def __init__(self) -> None:
        self._counts: dict[str, list[int]] = {}

    def add(self, item: Document | Failure) -> None:
        """Count one document or failure under its input."""
        self._counts.setdefault(item.path, [0, 0])[isinstance(item, Failure)] += 1

    def inputs(self) -> list[InputTally]:
        """The tally of every input seen, in path order."""
        return [InputTally(path, docs, failed)
                for path, (docs, failed) in sorted(self._counts.items())]


def tally(items: Iterable[Document | Failure]) -> list[InputTally]:
    """Documents and failures counted per input path, in path order."""
    counts = Tallies()
    for item in items:
        counts.add(item)
    return counts.inputs()


def records_line(tallies: Iterable[InputTally]) -> str:
    """"N records: D documents, F failures" over the tallies."""
    found = list(tallies)
    docs = sum(t.documents for t in found)
    failed = sum(t.failures for t in found)
    return f"{docs + failed} records: {docs} documents, {failed} failures"
