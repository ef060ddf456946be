"""The report's long lists spooled to disk (``report.spool``) read back as the records
written, and the canonical report is byte-identical whether they are spooled or not."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest

from newstrace.engine.local import LocalEngine
from newstrace.engine.packed import SEND_FROM
from newstrace.model import Carrier, Change, Claim, Span
from newstrace.report.json_report import (
    _claim_records,
    dump_report,
    report_writer,
    write_report,
)
from newstrace.report.spool import Spooled
from newstrace.stages.changes import packed, unpacked

_RECORDS = [{"id": f"d{n}", "kind": "partial", "score": n / 7, "spans": [[n, n + 3]],
             "text": "Zoë’s “quote” — 41 000 €", "none": None, "empty": {}}
            for n in range(600)]  # more than one read-ahead block


def test_records_come_back_as_written() -> None:
    spooled = Spooled(_RECORDS)
    assert len(spooled) == 600 and spooled == _RECORDS and list(spooled) == _RECORDS
    assert spooled[0] == _RECORDS[0] and spooled[-1] == _RECORDS[-1]
    assert spooled[257:260] == _RECORDS[257:260] and spooled[::250] == _RECORDS[::250]
    with pytest.raises(IndexError):
        spooled[600]
    assert spooled != _RECORDS[:-1] and bool(Spooled()) is False
    inner = [a["id"] + b["id"] for a in spooled[:3] for b in spooled]  # two readers at once
    assert len(inner) == 1800
    spooled.append({"id": "late"})
    assert spooled[600] == {"id": "late"} and len(spooled) == 601


def test_tuples_come_back_as_lists_that_serialise_the_same() -> None:
    assert Spooled([{"span": (1, 2)}])[0] == {"span": [1, 2]}


def _report(listed: Any) -> dict[str, Any]:
    return {"summary": {"relations": 2, "by_kind": {"a": 1}}, "schema": 7,
            "relations": listed(_RECORDS[:50]), "claims": listed([]),
            "documents": listed(_RECORDS[50:52]), "stories": [], "encoder": None}


def test_the_canonical_report_is_the_same_bytes_spooled() -> None:
    plain, spooled = _report(list), _report(Spooled)
    assert dump_report(spooled) == dump_report(plain)
    streamed = io.StringIO()
    write_report(spooled, streamed)
    assert streamed.getvalue() == dump_report(plain)
    assert dump_report({"claims": Spooled()}) == dump_report({"claims": []})


def _parent(_: int) -> int:
    return os.getppid()


@pytest.mark.parametrize("documents", [10, SEND_FROM])
def test_records_serialised_on_workers_are_the_same_bytes(documents: int) -> None:
    """``write_report`` with the engine ``report_writer`` makes serialises blocks of spooled
    records on its workers (more blocks than it holds out at once here) and writes them in
    order; for a large report its workers come from the fork server, with the same bytes."""
    many = {"relations": Spooled(_RECORDS * 12), "claims": Spooled(_RECORDS[:3]),
            "documents": Spooled(), "stories": [{"id": "s1"}]}
    expected = dump_report({k: list(v) for k, v in many.items()})
    writer = report_writer(LocalEngine(2), documents)
    assert writer is not None and writer.fresh == (documents >= SEND_FROM)
    with writer:
        streamed = io.StringIO()
        write_report(many, streamed, writer)
        parents = set(writer.map(_parent, range(64)))
    assert streamed.getvalue() == expected
    assert (os.getpid() in parents) != writer.fresh  # fresh: the fork server's children
    assert streamed.getvalue().count('"id": "d599"') == 12


def _claim(claim_id: str, carriers: int, origins: int, circular: bool = False) -> Claim:
    held = tuple(Carrier(f"d{n}", Span(0, 4), "text", None, None, (f"d{n}",))
                 for n in range(carriers))
    return Claim(claim_id, "quote", "text", None, held,
                 tuple(f"d{n}" for n in range(origins)), ("d0", None), circular)


def test_claims_spooled_as_found_are_written_in_the_reports_order() -> None:
    """Spooled, the claims go to disk as they are found and are sorted afterwards (most
    carried, most origins, id; claims that tie stay in the order found), as in memory."""
    found = [_claim("claim-b", 2, 1), _claim("claim-a", 2, 1, circular=True),
             _claim("claim-c", 5, 1), _claim("claim-c", 5, 1, circular=True),
             _claim("claim-z", 2, 2)]
    spooled, claimed, circular = _claim_records(True, iter(found))
    listed = _claim_records(False, iter(found))
    assert isinstance(spooled, Spooled) and (claimed, circular) == (5, 2) == listed[1:]
    assert spooled == listed[0]
    assert [(c["id"], c["circular"]) for c in spooled] == [
        ("claim-c", False), ("claim-c", True), ("claim-z", False), ("claim-a", True),
        ("claim-b", False)]


def test_changes_cross_from_the_workers_packed_and_read_back_the_same() -> None:
    """A derivation's changes travel deflated and come back as the records they were:
    curly quotes, a crawl's lone surrogate, figures and a missing side kept."""
    changes = (Change("quote_altered", "high", Span(3, 40), Span(5, 41), "“not now”",
                      "“now”\udc9d", "the copy dropped a negation"),
               Change("sentence_added", "low", None, Span(0, 9), "", "Zoë’s 41 000 €",
                      "1 sentence (3 words) of the copy have no counterpart"))
    data = packed(changes)
    assert isinstance(data, bytes) and unpacked(data) == [c.to_json() for c in changes]
    assert unpacked(packed(())) == []
