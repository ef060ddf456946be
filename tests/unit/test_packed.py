"""Records packed into one buffer (``engine.packed``): the same records back, and a forked
child reading them copies none of its parent's pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newstrace.engine.packed import Packed
from newstrace.model import Document


def _records(count: int) -> list[dict[str, object]]:
    return [{"id": f"r{i}", "text": f"sentence {i}. " * 40,
             "spans": [(j, j + 7) for j in range(0, 200, 8)]} for i in range(count)]


def test_records_come_back_equal_and_in_order() -> None:
    records = _records(300)
    packed = Packed(records)
    assert len(packed) == 300
    assert packed[0] == records[0] and packed[299] == records[299] and packed[-1] == records[-1]
    assert list(packed) == records
    assert packed.nbytes < sum(len(str(r)) for r in records)  # deflated
    with pytest.raises(IndexError):
        packed[300]
    with pytest.raises(IndexError):
        packed[-301]
    assert list(Packed([])) == []


def test_documents_round_trip() -> None:
    doc = Document(id="d1", path="p", locator="p#1", format="text", site="a.example",
                   text="“Quoted,” she said. Second one.")
    assert Packed([doc])[0] == doc


def _private_dirty_kb() -> int:
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith("Private_Dirty:"):
            return int(line.split()[1])
    raise AssertionError("no Private_Dirty line")


def _read_all(records: object) -> int:
    """In a forked child: read every record, and say how many kB of pages that copied."""
    before = _private_dirty_kb()
    total = 0
    for i in range(len(records)):  # type: ignore[arg-type]
        record = records[i]  # type: ignore[index]
        total += len(record["text"]) + len(record["spans"])
    assert total
    return _private_dirty_kb() - before


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists() or os.name != "posix",
                    reason="needs Linux's /proc and fork")
def test_a_forked_child_reading_packed_records_copies_few_pages() -> None:
    """Read as objects, each record's reference counts are written and its pages copied
    into the child; read from the buffer, only the objects the child makes are its own.

    Measured in a fresh interpreter: in one that has run hundreds of tests, the heap is full
    of freed slots on pages the child shares, and the objects the child makes land on them
    (one run of the suite: 6.4 MB copied reading the buffer, against about 0.15 MB alone).
    """
    found = subprocess.run([sys.executable, "-c", _MEASURE], capture_output=True, text=True,
                           check=True, cwd=Path(__file__).parent, timeout=120)
    as_objects, from_buffer = json.loads(found.stdout)
    assert min(as_objects) > 10_000, as_objects  # kB copied reading the objects
    assert max(from_buffer) < min(as_objects) / 5, (from_buffer, as_objects)


_MEASURE = """
import gc, json
from test_packed import _records, _read_all
from newstrace.engine.forked import fork_start
from newstrace.engine.packed import Packed
records = _records(6000)  # about 60 MB of objects
packed = Packed(records)
gc.collect()
as_objects = fork_start(_read_all, [records] * 2, workers=2, min_items=1)()
from_buffer = fork_start(_read_all, [packed] * 2, workers=2, min_items=1)()
print(json.dumps([as_objects, from_buffer]))
"""
