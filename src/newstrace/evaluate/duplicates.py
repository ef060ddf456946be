"""Exact-duplicate recall on BBC News and Reuters-21578.

The truth is computed from the raw data: captures whose bodies are equal after collapsing
white space. newstrace must relate every such pair as ``duplicate``, through the index's
two stages as ``newstrace trace`` runs them: the verbatim stage aligns, the semantic stage
decides the relation.
"""

from __future__ import annotations

import html
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from newstrace.engine.protocol import Engine
from newstrace.index.embed import load_encoder
from newstrace.ingest.build import build_document
from newstrace.model import Document, RawRecord
from newstrace.stages.semantic import relate_pending
from newstrace.stages.verbatim import add_documents
from newstrace.store.index import Index

__all__ = ["DuplicateScores", "bbc_records", "duplicate_recall", "reuters_records"]

_REUTERS = re.compile(r"<REUTERS(.*?)</REUTERS>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)


@dataclass(frozen=True, slots=True)
class DuplicateScores:
    """How many true duplicate pairs exist and how many newstrace related as duplicates."""

    documents: int
    true_pairs: int
    found_pairs: int
    missed: tuple[tuple[str, str], ...]

    @property
    def recall(self) -> float:
        """Share of true pairs found."""
        return self.found_pairs / self.true_pairs if self.true_pairs else 1.0


def bbc_records(root: Path) -> Iterator[RawRecord]:
    """Every BBC article as a text capture (first line the headline)."""
    for path in sorted(root.glob("*/*.txt")):
        locator = f"{path.parent.name}/{path.name}"
        yield RawRecord(str(path), locator, path.read_text(encoding="latin-1"), "text")


def reuters_records(root: Path) -> Iterator[RawRecord]:
    """Every Reuters-21578 story with a body, as a text capture with its title."""
    for path in sorted(root.glob("reut2-*.sgm")):
        raw = path.read_text(encoding="latin-1")
        for number, story in enumerate(_REUTERS.finditer(raw), start=1):
            body = _BODY.search(story.group(1))
            if body is None:
                continue
            title = _TITLE.search(story.group(1))
            yield RawRecord(str(path), f"{path.name}#{number}", html.unescape(body.group(1)),
                            "text", title=html.unescape(title.group(1)) if title else None)


def _true_pairs(records: list[RawRecord]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for record in records:
        groups[" ".join(record.content.split())].append(record.locator)
    return {tuple(sorted(pair)) for members in groups.values()  # type: ignore[misc]
            for pair in combinations(members, 2)}


def duplicate_recall(records: list[RawRecord], engine: Engine | None = None
                     ) -> DuplicateScores:
    """Index the records and check every true duplicate pair is a ``duplicate`` relation."""
    truth = _true_pairs(records)
    docs = [d for d in (build_document(r) for r in records) if isinstance(d, Document)]
    locator = {d.id: d.locator for d in docs}
    with tempfile.TemporaryDirectory() as scratch, \
            Index(Path(scratch) / "dups.db", engine=engine) as index:
        add_documents(index, sorted(docs, key=lambda d: d.id))
        relate_pending(index, load_encoder())
        found = {tuple(sorted((locator[r.source], locator[r.derived])))
                 for r in index.relations() if r.kind == "duplicate"}
    missed = tuple(sorted(truth - found))  # type: ignore[arg-type]
    return DuplicateScores(len(docs), len(truth), len(truth) - len(missed), missed)
