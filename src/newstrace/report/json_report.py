"""The canonical JSON report (documented field by field in docs/schema.md).

Everything is sorted by content (documents by id, relations by source and derived id,
failures by path), and serialised with sorted keys, so the same input gives byte-identical
output whatever the order it was read in or the number of workers.
"""

from __future__ import annotations

import json
from typing import Any

from newstrace.config import ReuseConfig
from newstrace.match.relation import Relation
from newstrace.model import Document, Failure
from newstrace.provenance.reconcile import reconcile
from newstrace.provenance.stories import build_stories

__all__ = ["REPORT_SCHEMA", "build_report", "dump_report"]

#: Version of the report's layout; bumped on any incompatible change.
REPORT_SCHEMA = 2


def build_report(docs: list[Document], relations: list[Relation], failures: list[Failure],
                 config: ReuseConfig, encoder: str | None = None) -> dict[str, Any]:
    """The report as a JSON-ready mapping."""
    from newstrace import __version__

    relations = reconcile({d.id: d.published for d in docs}, relations)
    stories = build_stories((d.id for d in docs), relations)
    return {
        "newstrace": __version__,
        "schema": REPORT_SCHEMA,
        "config": config.to_json(),
        "encoder": encoder,
        "summary": {
            "documents": len(docs),
            "relations": len(relations),
            "failures": len(failures),
            "by_kind": _count_kinds(relations),
            "stories": len(stories),
            "events": len({s.event for s in stories}),
            "topics": len({s.topic for s in stories}),
        },
        "stories": [s.to_json() for s in stories],
        "documents": [d.to_json() for d in sorted(docs, key=lambda d: d.id)],
        "relations": [r.to_json() for r in sorted(relations,
                                                  key=lambda r: (r.source, r.derived))],
        "failures": [f.to_json() for f in sorted(failures,
                                                 key=lambda f: (f.path, f.locator or ""))],
    }


def _count_kinds(relations: list[Relation]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for relation in relations:
        counts[relation.kind] = counts.get(relation.kind, 0) + 1
    return dict(sorted(counts.items()))


def dump_report(report: dict[str, Any]) -> str:
    """Serialise a report deterministically (sorted keys, UTF-8 kept, two-space indent)."""
    return json.dumps(report, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
