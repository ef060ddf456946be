"""The later stages (``stages.stories``, ``stages.claims``, ``stages.changes``) run on an
index's documents and relations give exactly what the report writes: the report only
assembles their records, so a stage skipped, run twice on other inputs or fed the relations
before they are reconciled would show here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newstrace.engine.local import LocalEngine
from newstrace.provenance.claims import claim_order
from newstrace.stages.changes import start_changes, transcribed, unpacked
from newstrace.stages.claims import find_claims
from newstrace.stages.stories import tell
from newstrace.store.index import Index
from newstrace.trace import trace

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def test_the_report_is_the_later_stages_records(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    report = trace([str(CORPUS)], db=db)
    with Index(db) as index:
        docs, relations = index.documents(), index.relations()
    told = tell(docs, relations)
    assert [s.to_json() for s in told.stories] == report["stories"]
    written = {(r["source"], r["derived"]): r for r in report["relations"]}
    assert sorted((r.source, r.derived) for r in told.relations) == sorted(written)
    # reconciling changed something on the demo (siblings of one absent original), so a
    # report built on the relations as stored would differ
    assert _records(told.relations) == _records(written.values(), written=True)
    assert _records(relations) != _records(told.relations)

    claims = sorted(find_claims(docs, told), key=claim_order)
    assert [c.to_json() for c in claims] == report["claims"] and claims

    by_id = {d.id: d for d in docs}
    with LocalEngine(2) as engine:
        changes = start_changes(by_id, told.relations, engine)()
    assert changes and {key: unpacked(data) for key, data in changes.items()} == {
        key: r["changes"] for key, r in written.items() if "changes" in r}
    differ = transcribed(told.relations, by_id)
    assert differ and differ == {key: r["transcriptions"] for key, r in written.items()
                                 if "transcriptions" in r}


def _records(relations: Any, written: bool = False) -> list[str]:
    """Relations as sorted canonical JSON lines (a written record without what the report
    adds under it)."""
    records = [{k: v for k, v in r.items() if k not in ("changes", "transcriptions")}
               for r in relations] if written else [r.to_json() for r in relations]
    return sorted(json.dumps(r, sort_keys=True) for r in records)
