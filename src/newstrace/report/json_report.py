"""The canonical JSON report (documented field by field in docs/schema.md).

Everything is sorted by content (documents by id, relations by source and derived id,
failures by path), and serialised with sorted keys, so the same input gives byte-identical
output whatever the order it was read in or the number of workers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from newstrace.changes.detect import start_changes
from newstrace.changes.transcriptions import Statements, statements, transcriptions
from newstrace.config import ReuseConfig
from newstrace.engine.protocol import Engine
from newstrace.index.embed import Encoder
from newstrace.ingest.tally import tally
from newstrace.match.relation import Relation
from newstrace.memory import release_memory
from newstrace.model import Change, Document, Failure
from newstrace.provenance.claims import build_claims
from newstrace.provenance.reconcile import reconcile
from newstrace.provenance.stories import build_stories
from newstrace.version import __version__

__all__ = ["REPORT_SCHEMA", "build_report", "dump_report", "write_report"]

#: Version of the report's layout; bumped on any incompatible change.
REPORT_SCHEMA = 7


def build_report(docs: list[Document], relations: list[Relation], failures: list[Failure],
                 config: ReuseConfig, encoder: str | None = None,
                 engine: Engine | None = None,
                 model: Encoder | None = None, rescorer: str | None = None
                 ) -> dict[str, Any]:
    """The report as a JSON-ready mapping: relations reconciled, stories built, the changes
    of every derivation (under its relation, read on ``engine``'s workers while the claims
    are found) and the claims carried by two documents or more (``model`` compares
    independent reports' statements; the shipped encoder when None)."""
    relations = reconcile({d.id: d.published for d in docs}, relations)
    stories = build_stories((d.id for d in docs), relations)
    # The changes' workers run in the background while this process finds the claims and
    # writes everything else as JSON: they fill the cores that those serial steps leave idle.
    pending = start_changes({d.id: d for d in docs}, relations, _changes_json, engine,
                            background=True)
    claims = build_claims(docs, relations, stories, model, engine=engine)
    release_memory()  # what finding the claims held, before the report's JSON is made
    ordered = sorted(relations, key=lambda r: (r.source, r.derived))
    report: dict[str, Any] = {
        "newstrace": __version__,
        "schema": REPORT_SCHEMA,
        "config": config.to_json(),
        "encoder": encoder,
        "rescorer": rescorer,
        "claims": [c.to_json() for c in claims],
        "stories": [s.to_json() for s in stories],
        "documents": [d.to_json() for d in sorted(docs, key=lambda d: d.id)],
        "relations": [r.to_json() for r in ordered],
        "failures": [f.to_json() for f in sorted(failures,
                                                 key=lambda f: (f.path, f.locator or ""))],
    }
    _add_transcriptions(ordered, report["relations"], {d.id: d for d in docs})
    changes = pending()
    for relation, out in zip(ordered, report["relations"], strict=True):
        found = changes.get((relation.source, relation.derived))
        if found is not None:
            out["changes"] = found
    every = [c["kind"] for found in changes.values() for c in found]
    report["summary"] = {
        "documents": len(docs),
        "relations": len(relations),
        "failures": len(failures),
        "inputs": [t.to_json() for t in tally([*docs, *failures])],
        "by_kind": _count(r.kind for r in relations),
        "stories": len(stories),
        "events": len({s.event for s in stories}),
        "topics": len({s.topic for s in stories}),
        "changes": _count(every),
        "misquotes": sum(kind == "quote_altered" for kind in every),
        "claims": len(claims),
        "circular_claims": sum(c.circular for c in claims),
    }
    return report


def _add_transcriptions(relations: list[Relation], out: list[dict[str, Any]],
                        docs: dict[str, Document]) -> None:
    """Under each same_story link, the statements its two reports transcribe differently
    (``changes.transcriptions``): a finding of its own, no copy's misquote."""
    read: dict[str, Statements] = {}

    def quotes(doc_id: str) -> Statements:
        if doc_id not in read:
            read[doc_id] = statements(docs[doc_id])
        return read[doc_id]

    for relation, record in zip(relations, out, strict=True):
        if relation.kind == "same_story":
            found = transcriptions(docs[relation.source], docs[relation.derived],
                                   quotes(relation.source), quotes(relation.derived))
            if found:
                record["transcriptions"] = [c.to_json() for c in found]


def _changes_json(changes: tuple[Change, ...]) -> list[dict[str, Any]]:
    return [c.to_json() for c in changes]


def _count(kinds: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items()))


#: The canonical serialisation: sorted keys, UTF-8 kept, two-space indent.
_CANONICAL: dict[str, Any] = {"ensure_ascii": False, "sort_keys": True, "indent": 2}


def dump_report(report: dict[str, Any]) -> str:
    """Serialise a report deterministically (``_CANONICAL``), as one string."""
    return json.dumps(report, **_CANONICAL) + "\n"


def write_report(report: dict[str, Any], handle: IO[str]) -> None:
    """Write ``dump_report``'s text to ``handle``: ``json.dump`` writes it chunk by chunk,
    never as one string (a 100k-document report's text runs to gigabytes, which the
    report's objects already hold once in memory)."""
    json.dump(report, handle, **_CANONICAL)
    handle.write("\n")
