"""A large table of captures (JSON lines, CSV) is read in the parent and its records built on
every worker: the same documents, in the same order, as one process reading it."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from newstrace.engine.local import LocalEngine
from newstrace.ingest import readers
from newstrace.ingest.pipeline import ingest
from newstrace.ingest.readers import TABLE_BYTES, is_table
from newstrace.model import Document


def _records(count: int) -> list[str]:
    body = " ".join(f"The council met on day {n} to weigh the bridge repairs." for n in range(60))
    return [json.dumps({"id": f"r{n}", "url": f"https://ledger{n % 7}.example/{n}",
                        "text": f"Report number {n}. {body}"}) for n in range(count)]


def test_only_a_large_table_is_read_in_the_parent(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(_records(400)) + "\n", encoding="utf-8")
    assert big.stat().st_size >= TABLE_BYTES and is_table(str(big))
    packed = tmp_path / "big.jsonl.gz"  # a gzipped table, as large once packed
    noise = [json.dumps({"id": f"g{n}", "text": hashlib.sha512(str(n).encode()).hexdigest()})
             for n in range(24_000)]
    packed.write_bytes(gzip.compress("\n".join(noise).encode()))
    assert packed.stat().st_size >= TABLE_BYTES and is_table(str(packed))
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(_records(3)) + "\n", encoding="utf-8")
    assert not is_table(str(small))
    page = tmp_path / "page.html"
    page.write_text("<html><body>" + "<p>A long page.</p>" * 80_000 + "</body></html>",
                    encoding="utf-8")
    assert not is_table(str(page))
    assert not is_table(str(tmp_path / "missing.jsonl"))


def test_a_large_table_gives_the_same_documents_on_any_number_of_workers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _records(400)
    rows[17] = "{not json"
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(rows) + "\n", encoding="utf-8")

    def read(workers: int) -> list[tuple[str, ...]]:
        with LocalEngine(workers) as engine:
            return [(i.id, i.locator, i.text) if isinstance(i, Document)
                    else ("failure", i.locator or "", i.reason)
                    for i in ingest([str(big)], engine=engine)]

    alone, shared = read(1), read(2)
    monkeypatch.setattr(readers, "TABLE_BYTES", 1 << 40)  # the file as one worker's item
    as_one_item = read(2)
    assert alone == shared == as_one_item
    assert len(alone) == 400 and sum(r[0] == "failure" for r in alone) == 1
