"""The changes stage: what each derivation changed from its source (``changes.detect``), and
where two independent reports of one story transcribe a statement differently
(``changes.transcriptions``).

The derivations' changes are found on the engine's workers in the background and come back
packed (``start_changes``), so that the caller writes the rest of the report meanwhile and
holds each relation's changes as compact bytes until it writes them (``unpacked``).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from newstrace.changes.detect import start_changes as start_detecting
from newstrace.changes.transcriptions import Statements, statements, transcriptions
from newstrace.engine.packed import record_bytes, record_value
from newstrace.engine.protocol import Engine
from newstrace.match.kinds import one_story
from newstrace.model import Change, Document, Relation

__all__ = ["Pending", "packed", "start_changes", "transcribed", "unpacked"]

#: The call that waits for the workers: each derivation's changes, packed, keyed by
#: (source id, derived id).
Pending = Callable[[], dict[tuple[str, str], bytes]]


def start_changes(docs: Mapping[str, Document], relations: Iterable[Relation],
                  engine: Engine | None = None, send: bool = False) -> Pending:
    """Every derivation's changes, started on ``engine``'s workers in the background (they
    take the cores the caller's own work leaves idle); the call returned waits for them.
    With ``send`` the documents and derivations are sent to the workers packed."""
    return start_detecting(docs, relations, packed, engine, background=True, send=send)


def packed(changes: tuple[Change, ...]) -> bytes:
    """A derivation's changes as compact JSON, UTF-8 and deflated, made on a worker and
    read back (``unpacked``) as its relation is written. At 100,000 generated documents
    (1.7 million changes) the changes held as mappings until the relations were written took
    the report stage past 4.5 GB; as text they would still take over a GB (a text with one
    curly quote is held at two bytes a character); deflated, about a fifth of that (the
    generated 10k's: 24 MB as text, 5.1 MB deflated).
    ``json.loads`` gives back the same values, so the report's bytes do not change."""
    return zlib.compress(record_bytes([c.to_json() for c in changes]), 1)


def unpacked(data: bytes) -> list[dict[str, Any]]:
    """The changes ``packed`` packed, as the report's mappings."""
    found: list[dict[str, Any]] = record_value(zlib.decompress(data))
    return found


def transcribed(relations: Iterable[Relation | None], docs: Mapping[str, Document]
                ) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Under each link of two reports of one story (``match.kinds.one_story``), the
    statements they transcribe differently (``changes.transcriptions``): a finding of its
    own, no copy's misquote. Keyed by (source id, derived id); None entries (relations
    already written and let go) are skipped."""
    read: dict[str, Statements] = {}

    def quotes(doc_id: str) -> Statements:
        if doc_id not in read:
            read[doc_id] = statements(docs[doc_id])
        return read[doc_id]

    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for relation in relations:
        if relation is not None and one_story(relation.kind, relation.features):
            differ = transcriptions(docs[relation.source], docs[relation.derived],
                                    quotes(relation.source), quotes(relation.derived))
            if differ:
                found[(relation.source, relation.derived)] = [c.to_json() for c in differ]
    return found
