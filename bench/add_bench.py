"""``add`` in several calls against one ``trace`` of the union: how far the reports differ.

A user who traces a crawl and adds tomorrow's pages expects the report one ``trace`` of
everything would give. The corpus is the trace benchmark's (originals, excerpts, copies in
another site's chrome, spun rewrites), written as text files. The peer, in the same run, is
one ``trace`` over all of them; then the files are added to a new index in ``--calls``
calls (``trace`` with ``--db``, the path ``newstrace add`` takes), split two ways: in the
order the corpus lists them (its originals first, as a crawl meets sources before their
copies) and shuffled. Each split's report is compared with the peer's, relation by
relation (the pair of files, then its kind and direction), and on the planted
derivations.

Printed per split: seconds (and the ratio to the one trace), the peer's related pairs and
derivations found again, with the same kind and the same direction, the relations only
the calls report, and the planted rewrites, excerpts and copies found.

    .venv/bin/python bench/add_bench.py --docs 10000 [--calls 3]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_bench import Planted
from trace_bench import build, write

from newstrace.engine.local import LocalEngine
from newstrace.match.kinds import DERIVATIONS
from newstrace.trace import trace

#: A relation as compared: (source file, derived file) -> kind.
Found = dict[tuple[str, str], str]


def relations(report: dict[str, Any]) -> Found:
    """The report's relations keyed by the files of their two documents."""
    name = {d["id"]: Path(d["locator"]).name for d in report["documents"]}
    return {(name[r["source"]], name[r["derived"]]): r["kind"] for r in report["relations"]}


def traced(paths: list[list[str]], workers: int, db: Path | None) -> tuple[Found, float]:
    """The relations of the last call's report after tracing ``paths`` call by call."""
    start = time.perf_counter()
    report: dict[str, Any] = {}
    with LocalEngine(workers) as engine:
        for part in paths:
            report = trace(part, db=db, engine=engine)
    return relations(report), time.perf_counter() - start


def compare(peer: Found, calls: Found) -> dict[str, Any]:
    """How much of the peer's report the calls found again, and what they added."""
    def unordered(found: Found) -> dict[frozenset[str], tuple[tuple[str, str], str]]:
        return {frozenset(pair): (pair, kind) for pair, kind in found.items()}

    ours, theirs = unordered(peer), unordered(calls)
    shared = ours.keys() & theirs.keys()
    derivations = [p for p in ours if ours[p][1] in DERIVATIONS]
    return {
        "related": f"{len(shared)} of {len(ours)}",
        "same_kind": sum(ours[p][1] == theirs[p][1] for p in shared),
        "derivations": f"{sum(p in theirs and theirs[p][1] in DERIVATIONS for p in derivations)}"
                       f" of {len(derivations)}",
        "same_derivation": sum(p in theirs and theirs[p] == ours[p] for p in derivations),
        "kinds_changed": dict(Counter(f"{ours[p][1]}->{theirs[p][1]}" for p in shared
                                      if ours[p][1] != theirs[p][1]).most_common(4)),
        "only_in_calls": len(theirs.keys() - ours.keys()),
        "derivations_only_in_calls": sum(theirs[p][1] in DERIVATIONS
                                         for p in theirs.keys() - ours.keys()),
    }


def planted_found(found: Found, names: dict[str, str], planted: Planted) -> dict[str, str]:
    """Planted derivations reported as a derivation, by kind."""
    file_of = {doc_id: name for name, doc_id in names.items()}
    pairs = {frozenset(p): kind for p, kind in found.items()}
    hits: dict[str, list[bool]] = {}
    for source, derived, kind in planted:
        got = pairs.get(frozenset((file_of[source], file_of[derived])))
        hits.setdefault(kind, []).append(got in DERIVATIONS)
    return {kind: f"{sum(v)}/{len(v)}" for kind, v in sorted(hits.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--calls", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    docs, planted = build(args.docs)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        folder.mkdir()
        names = write(docs, folder)
        files = [str(folder / name) for name in sorted(names)]
        peer, seconds = traced([files], args.workers, None)
        print(f"one trace: {len(docs)} documents in {seconds:.1f} s, {len(peer)} relations, "
              f"planted found {planted_found(peer, names, planted)}")
        shuffled = list(files)
        random.Random(args.seed).shuffle(shuffled)
        for label, order in (("listed", files), ("shuffled", shuffled)):
            size = -(-len(order) // args.calls)
            parts = [order[i:i + size] for i in range(0, len(order), size)]
            found, took = traced(parts, args.workers, Path(scratch) / f"{label}.db")
            print(f"{args.calls} calls, {label}: {took:.1f} s (x{took / seconds:.2f}), "
                  f"{compare(peer, found)}, planted found {planted_found(found, names, planted)}")


if __name__ == "__main__":
    main()
