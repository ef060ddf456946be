"""The hostile corpus (``scripts/hostile_corpus.py``): every input becomes documents or
failures naming it, the good captures beside them are kept, nothing raises, memory stays
bounded."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from hostile_corpus import GOOD, write_hostile_corpus

from newstrace.ingest.readers import printable

#: Peak memory the run may take (the issue's bound).
PEAK_BYTES = 1 << 30


def test_every_hostile_input_is_accounted_for(tmp_path: Path) -> None:
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    expected = {printable(k): v for k, v in write_hostile_corpus(corpus).items()}
    assert len(expected) >= 60
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run = subprocess.run([sys.executable, "-m", "newstrace", "ingest", str(corpus), "--json",
                          "--workers", "1"], capture_output=True, timeout=600)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    stderr = run.stderr.decode("utf-8")
    assert run.returncode == 0 and "Traceback" not in stderr, stderr[-2000:]
    records = [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]
    got: dict[str, list[str]] = {}
    for record in records:
        got.setdefault(os.path.relpath(record["path"], corpus), []).append(record["type"])
        if record["type"] == "failure":
            assert record["reason"] and record["locator"], record
    for name, outcome in expected.items():
        assert name in got, f"{name!r}: no document and no failure"
        kind = "document" if "document" in got[name] else "failure"
        assert outcome in ("either", kind), (name, outcome, got[name])
    assert all("document" in got[name] for name in GOOD)
    documents = sum(r["type"] == "document" for r in records)
    assert f"{len(records)} records: {documents} documents, {len(records) - documents} " \
           "failures" in stderr
    if before < peak:  # this run set the children's peak
        assert peak < PEAK_BYTES, f"peak memory {peak / 2**20:.0f} MiB"
