"""The canonical JSON report (documented field by field in docs/schema.md).

Everything is sorted by content (documents by id, relations by source and derived id,
failures by path), and serialised with sorted keys, so the same input gives byte-identical
output whatever the order it was read in or the number of workers.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import IO, Any

from newstrace.config import ReuseConfig
from newstrace.engine.local import LocalEngine
from newstrace.engine.packed import record_value, worth_sending
from newstrace.engine.protocol import Engine
from newstrace.index.embed import Encoder
from newstrace.ingest.tally import tally
from newstrace.memory import release_memory
from newstrace.model import Claim, Document, Failure, Relation
from newstrace.provenance.claims import claim_order
from newstrace.report.spool import Spooled
from newstrace.stages.changes import start_changes, transcribed, unpacked
from newstrace.stages.claims import find_claims
from newstrace.stages.stories import tell
from newstrace.version import __version__

__all__ = ["REPORT_SCHEMA", "build_report", "dump_report", "report_writer", "write_report"]

#: Version of the report's layout; bumped on any incompatible change.
REPORT_SCHEMA = 7


def build_report(docs: list[Document], relations: list[Relation], failures: list[Failure],
                 config: ReuseConfig, encoder: str | None = None,
                 engine: Engine | None = None,
                 model: Encoder | None = None, rescorer: str | None = None,
                 spool: bool = False) -> dict[str, Any]:
    """The report as a JSON-ready mapping: the later stages run in order on the related
    documents (``stages.stories``: relations reconciled, stories built; ``stages.claims``:
    the claims carried by two documents or more, independent reports' statements compared
    with ``model``, the shipped encoder when None; ``stages.changes``: every derivation's
    changes, read on ``engine``'s workers while the report's JSON is made) and their records
    written. With ``spool``, the documents, relations and claims are kept on disk
    (``report.spool.Spooled``), each relation's objects let go once its record is written:
    ``write_report`` gives the same bytes, in a fraction of the memory."""
    told = tell(docs, relations)
    relations, stories = told.relations, told.stories
    send = worth_sending(len(docs))  # workers sent packed inputs, not forked (large runs)
    claims_json, claimed, circular = _claim_records(
        spool, find_claims(docs, told, model, engine, send))
    del told  # ``relations`` is let go below, once ordered
    release_memory()  # what finding the claims held, before the report's JSON is made
    # The changes' workers run in the background while this process writes everything else
    # as JSON: they fill the cores that its serial steps leave idle. They start once the
    # claims are found, giving up the overlap with the claims' serial steps: started
    # before, four forked children copied the heap at once (generated 30k: the process
    # tree's peak 2,102 -> 1,613 MB; dense 10k bench: changes and claims 40.3 -> 41.1 s).
    pending = start_changes({d.id: d for d in docs}, relations, engine, send)
    ordered: list[Relation | None] = [*sorted(relations, key=_pair)]
    by_kind, count = _count(r.kind for r in relations), len(relations)
    del relations  # ``ordered`` holds them, and lets each go once written
    report: dict[str, Any] = {
        "newstrace": __version__,
        "schema": REPORT_SCHEMA,
        "config": config.to_json(),
        "encoder": encoder,
        "rescorer": rescorer,
        "claims": claims_json,
        "stories": [s.to_json() for s in stories],
        "documents": _records(spool, (d.to_json() for d in sorted(docs, key=lambda d: d.id))),
        "failures": [f.to_json() for f in sorted(failures,
                                                 key=lambda f: (f.path, f.locator or ""))],
    }
    differ = transcribed(ordered, {d.id: d for d in docs})
    changes = pending()
    del pending  # it holds every derivation: each is let go once written below
    written, kinds = _records(spool), dict[str, int]()
    last: tuple[tuple[str, str], list[dict[str, Any]]] | None = None
    for position, relation in enumerate(ordered):
        assert relation is not None
        record, key = relation.to_json(), (relation.source, relation.derived)
        if key in differ:
            record["transcriptions"] = differ[key]
        if last is not None and last[0] == key:  # a pair listed twice: its changes again
            record["changes"] = last[1]
        elif key in changes:  # each decoded once, let go once written
            last = key, unpacked(changes.pop(key))
            record["changes"] = last[1]
            for change in last[1]:
                kinds[change["kind"]] = kinds.get(change["kind"], 0) + 1
        written.append(record)
        if spool:
            ordered[position] = None
    report["relations"] = written
    report["summary"] = {
        "documents": len(docs),
        "relations": count,
        "failures": len(failures),
        "inputs": [t.to_json() for t in tally([*docs, *failures])],
        "by_kind": by_kind,
        "stories": len(stories),
        "events": len({s.event for s in stories}),
        "topics": len({s.topic for s in stories}),
        "changes": dict(sorted(kinds.items())),
        "misquotes": kinds.get("quote_altered", 0),
        "claims": claimed,
        "circular_claims": circular,
    }
    return report


def _pair(relation: Relation) -> tuple[str, str]:
    return relation.source, relation.derived


def _records(spool: bool, records: Iterable[dict[str, Any]] = ()
             ) -> list[dict[str, Any]] | Spooled:
    """Records in a list, or spooled to disk."""
    return Spooled(records) if spool else list(records)


def _claim_records(spool: bool, claims: Iterable[Claim]
                   ) -> tuple[list[dict[str, Any]] | Spooled, int, int]:
    """The claims' records in the report's order (``claim_order``), how many, and how many
    are circular. Spooled, each claim is written to disk as it is found and only its place
    kept, then the records are copied in order: at 100,000 generated documents the claims
    held as objects until all were found took hundreds of MB at the run's peak."""
    if not spool:
        ordered = sorted(claims, key=claim_order)
        return [c.to_json() for c in ordered], len(ordered), sum(c.circular for c in ordered)
    found, places, circular = Spooled(), [], 0
    try:
        for claim in claims:
            places.append((claim_order(claim), len(found)))
            found.append(claim.to_json())
            circular += claim.circular
        places.sort()
        return Spooled(found[place] for _, place in places), len(places), circular
    finally:
        found.close()


def _count(kinds: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items()))


#: The canonical serialisation: sorted keys, UTF-8 kept, two-space indent.
_CANONICAL: dict[str, Any] = {"ensure_ascii": False, "sort_keys": True, "indent": 2}


def dump_report(report: dict[str, Any]) -> str:
    """Serialise a report deterministically (``_CANONICAL``), as one string."""
    if not _spooled(report):
        return json.dumps(report, **_CANONICAL) + "\n"
    text = io.StringIO()
    write_report(report, text)
    return text.getvalue()


def write_report(report: dict[str, Any], handle: IO[str], engine: Engine | None = None
                 ) -> None:
    """Write ``dump_report``'s text to ``handle``: ``json.dump`` writes it chunk by chunk,
    never as one string (a 100k-document report's text runs to gigabytes, which the
    report's objects already hold once in memory). Lists spooled to disk (``Spooled``) are
    written record by record, in the same canonical form, byte for byte, their records
    serialised ``_WRITTEN_BLOCK`` at a time by ``engine.map`` (None: here; a local engine
    made for it, ``report_writer``, holds a few blocks at a time, not the report).

    Why on workers: an indented dump runs in the standard library's pure-Python encoder
    (its C encoder does not indent), so the dense 10k's 298 MB report took 22 s on one
    core, after every other stage had finished; a record's indented text does not depend
    on what surrounds it but for its indent, which ``_indented`` adds."""
    if not _spooled(report):
        json.dump(report, handle, **_CANONICAL)
        handle.write("\n")
        return
    handle.write("{")
    for number, key in enumerate(sorted(report)):
        handle.write(",\n  " if number else "\n  ")
        handle.write(json.dumps(key, ensure_ascii=False) + ": ")
        value = report[key]
        if not isinstance(value, Spooled):
            for chunk in json.JSONEncoder(**_CANONICAL).iterencode(value):
                handle.write(chunk.replace("\n", "\n  "))
        elif not value:
            handle.write("[]")
        else:
            handle.write("[\n    ")
            blocks = value.packed(_WRITTEN_BLOCK)
            texts = map(_indented, blocks) if engine is None else engine.map(_indented, blocks)
            for position, text in enumerate(texts):
                if position:
                    handle.write(",\n    ")
                handle.write(text)
            handle.write("\n  ]")
    handle.write("\n}\n" if report else "}\n")


#: Records of a spooled list serialised per call of ``_indented`` (a few MB of text).
_WRITTEN_BLOCK = 256


def report_writer(engine: Engine, documents: int = 0) -> LocalEngine | None:
    """An engine for ``write_report`` beside ``engine``: as many local processes, one block
    of records per task and four per process out at once (so what is held does not grow
    with the report), or None (write in this process) for an engine that is not local,
    whose job would carry the report through a cluster's driver and back for a file this
    process writes anyway. For a report of many ``documents``
    (``engine.packed.worth_sending``) its workers come from the fork server
    (``LocalEngine``'s ``fresh``): forked at the end of a large run, each copied the pages
    it filled (a generated 30k: 290 MB a worker, 37 MB from the server). Enter it as a
    context; its workers end with it."""
    if not isinstance(engine, LocalEngine):
        return None
    return LocalEngine(engine.processes, chunksize=1, max_in_flight=4 * engine.processes,
                       min_parallel=2, fresh=worth_sending(documents))


def _indented(packed: list[bytes]) -> str:
    """Packed records (``Spooled.packed``) of a list two levels deep in the report, as
    ``dump_report`` writes them there: each in the canonical form, indented four more spaces
    (a JSON string holds no raw line break, so every one is the encoder's), joined as list
    items. Decoded here, not where they are read: decoding is a third of the work."""
    return ",\n    ".join(
        json.dumps(record_value(data), **_CANONICAL).replace("\n", "\n    ")
        for data in packed)


def _spooled(report: dict[str, Any]) -> bool:
    return any(isinstance(value, Spooled) for value in report.values())
