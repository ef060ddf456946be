"""The hostile corpus (``scripts/hostile_corpus.py``): every input becomes documents or
failures naming it, the good captures beside them are kept, nothing raises, memory stays
bounded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from hostile_corpus import GOOD, REASONS, TEXTS, write_hostile_corpus

from newstrace.ingest.readers import printable

#: Peak memory the run may take (the issue's bound).
PEAK_BYTES = 1 << 30
#: ``newstrace ingest DIR --json --workers 1``, then this process's own peak memory (VmHWM,
#: KiB; ru_maxrss would count the copy of the test runner a fork made before exec).
_RUN = ("import resource, sys\nfrom newstrace.cli import main\n"
        "sys.argv = ['newstrace', 'ingest', sys.argv[1], '--json', '--workers', '1']\n"
        "code = 0\ntry:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "try:\n    peak = next(int(l.split()[1]) for l in open('/proc/self/status')"
        " if l.startswith('VmHWM'))\n"
        "except (OSError, StopIteration):\n"
        "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print('PEAK', peak, file=sys.stderr)\nsys.exit(code or 0)\n")


def test_every_hostile_input_is_accounted_for(tmp_path: Path) -> None:
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    expected = {printable(k): v for k, v in write_hostile_corpus(corpus).items()}
    assert len(expected) >= 60
    try:
        run = subprocess.run([sys.executable, "-c", _RUN, str(corpus)], capture_output=True,
                             timeout=600)
    finally:
        (corpus / "closed").chmod(0o755)  # so that pytest can remove the corpus
    stderr = run.stderr.decode("utf-8")
    peak = int(stderr.rsplit("PEAK", 1)[1].split()[0]) * 1024
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
    for name, reason in REASONS.items():
        assert any(reason in r.get("reason", "") for r in records
                   if os.path.relpath(r["path"], corpus) == name), (name, reason)
    for name, words in TEXTS.items():
        assert any(words in r.get("text", "") for r in records
                   if os.path.relpath(r["path"], corpus) == name), (name, words)
    documents = sum(r["type"] == "document" for r in records)
    assert f"{len(records)} records: {documents} documents, {len(records) - documents} " \
           "failures" in stderr
    assert peak < PEAK_BYTES, f"peak memory {peak / 2**20:.0f} MiB"
