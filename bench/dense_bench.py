"""The whole ``trace`` on a dense crawl: a handful of events, every page sharing names and
quotations with hundreds of others, as in a real crawl of one news cycle.

Built from the AllSides crawl (``../shared/data/allsides``) with the patterns read on its
development sample: the articles of a few months are the independent reports; a pool of
public statements (the quotations most outlets shared) is quoted into them, so hundreds of
reports share the same quoted words without copying; wire stories are reprinted by many
sites under a dateline and a trimmed tail (copies and excerpts that share a wire credit);
reports reuse a few paragraphs of another's narrative (partials); and sites post updated
versions of their own stories (a new lead on the old text). All choices come from one seed.

Printed: documents/s of the whole trace, peak memory, relations per document, planted wire
copies and partials found as derivations, independent reports sharing only quotations
reported as derivations (should be none), the largest story; and, in the same run, the
verbatim-only reuse engine (``stages.verbatim.add_documents``) as the named peer.

    .venv/bin/python bench/dense_bench.py --docs 10000
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_bench import forked, peak_mb

from newstrace.engine.local import LocalEngine
from newstrace.stages.verbatim import add_documents
from newstrace.store.index import Index
from newstrace.trace import trace

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "allsides"
MONTHS = ("2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06", "2019-12",
          "2019-10", "2019-11")
#: Sixty outlets, told apart by letters (a site's name is read without digits).
SITES = tuple(f"{a}{b}news.example" for a in "bcdfghjklm" for b in "aeiouy")
#: (name, share of the documents)
MIX = (("report", 0.32), ("wire", 0.25), ("partial", 0.18), ("version", 0.25))
#: A planted pair: (source record id or "wire:<n>", derived record id, kind).
Planted = list[tuple[str, str, str]]


def _articles(data: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The reports' raw material (long enough articles of a few months, by id) and the
    public statements (the quotations shared by most outlets)."""
    pool = []
    with gzip.open(data / "articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if (record.get("date") or "")[:7] in MONTHS and len(record["text"]) > 1500:
                pool.append(record)
    pool.sort(key=lambda r: r["id"])
    with open(data / "silver_shared_quotes.jsonl", encoding="utf-8") as handle:
        quotes = [json.loads(line) for line in handle]
    quotes.sort(key=lambda q: (-q["n_docs"], q["quote"]))
    return pool, [q["quote"].strip(" ,.") for q in quotes[:60]]


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def _quoted(text: str, statements: list[str], rng: random.Random) -> str:
    """The report with two or three public statements quoted into it."""
    paragraphs = _paragraphs(text)
    for statement in rng.sample(statements, rng.randint(2, 3)):
        at = rng.randint(1, max(1, len(paragraphs) - 1))
        speaker = rng.choice(("the president said", "she said", "he told reporters",
                              "the statement said", "he wrote on Twitter"))
        paragraphs.insert(at, f"“{statement},” {speaker}.")
    return "\n\n".join(paragraphs)


def build(size: int, seed: int = 19, data: Path = DATA) -> tuple[list[dict[str, Any]],
                                                                   Planted]:
    """``size`` JSONL records (id, url, date, title, text) and the planted derivations."""
    pool, statements = _articles(data)
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    planted: Planted = []
    reports = [dict(r) for r in pool[:max(50, int(size * MIX[0][1]))]]
    for number, report in enumerate(reports):
        report["text"] = _quoted(report["text"], statements, rng)
        report["url"] = f"https://{SITES[number % len(SITES)]}/news/{report['id']}"
        records.append(report)
    wires = pool[len(reports):len(reports) + max(5, int(size * MIX[1][1]) // 10)]
    for number in range(int(size * MIX[1][1])):
        wire = wires[number % len(wires)]
        paragraphs = _paragraphs(wire["text"])
        keep = len(paragraphs) if number % 3 else max(3, len(paragraphs) * 2 // 3)
        text = "WASHINGTON (AP) — " + "\n\n".join(paragraphs[:keep])
        ident = f"wire{number:05d}"
        records.append({"id": ident, "url": f"https://{SITES[number % len(SITES)]}/ap/{ident}",
                        "date": wire.get("date"), "title": f"{wire['title']} ({number})",
                        "text": text, "authors": ["Associated Press"]})
        planted.append((f"wire:{wire['id']}", ident, "wire"))
    # A partial is a report of its own (an article no other document uses) that lifts a
    # few paragraphs of another report's narrative.
    hosts = pool[len(reports) + len(wires):]
    for number in range(min(int(size * MIX[2][1]), len(hosts))):
        giver, host = rng.choice(reports), hosts[number]
        lent = _paragraphs(giver["text"])[2:5]
        paragraphs = _paragraphs(_quoted(host["text"], statements, rng))
        ident = f"partial{number:05d}"
        records.append({"id": ident, "url": f"https://{rng.choice(SITES)}/p/{ident}",
                        "date": giver.get("date"), "title": f"Analysis {number}",
                        "text": "\n\n".join(paragraphs[:3] + lent + paragraphs[3:8])})
        planted.append((giver["id"], ident, "partial"))
    for number in range(size - len(records)):
        old = reports[number % len(reports)]
        ident = f"version{number:05d}"
        records.append({"id": ident, "url": old["url"] + f"?update={number}",
                         "date": old.get("date"), "title": old["title"] + " (updated)",
                         "text": "UPDATE: officials gave new figures on Tuesday.\n\n"
                                 + old["text"]})
        planted.append((old["id"], ident, "version"))
    return records, planted


def run_trace(records: list[dict[str, Any]], planted: Planted, workers: int
              ) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "dense.jsonl"
        with open(path, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        start = time.perf_counter()
        with LocalEngine(workers) as engine:
            report = trace([str(path)], engine=engine)
        elapsed = time.perf_counter() - start
    ours = {d["id"]: records[int(d["locator"].split("#")[1]) - 1]["id"]
            for d in report["documents"]}
    kinds = {}
    for r in report["relations"]:
        a, b = ours[r["source"]], ours[r["derived"]]
        kinds[(min(a, b), max(a, b))] = r["kind"]
    derivation = {"duplicate", "excerpt", "rewrite", "translation", "partial"}
    found: dict[str, list[bool]] = {}
    wires: dict[str, list[str]] = {}
    for source, derived, kind in planted:
        if kind == "wire":
            wires.setdefault(source, []).append(derived)
            continue
        got = kinds.get((min(source, derived), max(source, derived)))
        found.setdefault(kind, []).append(got in derivation)
    for copies in wires.values():
        for a, b in itertools.pairwise(copies):
            found.setdefault("wire", []).append(kinds.get((min(a, b), max(a, b))) in derivation)
    report_ids = {r["id"] for r in records if not r["id"].startswith(("wire", "partial",
                                                                        "version"))}
    between = [k for (a, b), k in kinds.items() if a in report_ids and b in report_ids]
    return {"docs_per_s": len(records) / elapsed, "seconds": elapsed, "peak_mb": peak_mb(),
            "relations_per_doc": len(report["relations"]) / len(records),
            **{f"{k}_found": sum(v) / len(v) for k, v in sorted(found.items())},
            "reports_linked": len(between),
            "reports_as_copies": sum(k in derivation for k in between),
            "largest_story": max(len(s["members"]) for s in report["stories"]),
            "inferred_origins": sum(1 for s in report["stories"] if s["inferred_origin"])}


def run_verbatim(records: list[dict[str, Any]], workers: int) -> dict[str, Any]:
    from newstrace.ingest.pipeline import ingest
    from newstrace.model import Document
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "dense.jsonl"
        with open(path, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        docs = [d for d in ingest([str(path)]) if isinstance(d, Document)]
        start = time.perf_counter()
        with Index(Path(scratch) / "v.db", engine=LocalEngine(workers)) as index:
            add_documents(index, sorted(docs, key=lambda d: d.id))
            elapsed = time.perf_counter() - start
    return {"docs_per_s": len(records) / elapsed, "peak_mb": peak_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} is absent")
    records, planted = build(args.docs)
    print(f"corpus: {len(records)} documents "
          f"({sum(1 for p in planted if p[2] == 'wire')} wire copies, "
          f"{sum(1 for p in planted if p[2] == 'partial')} partials, "
          f"{sum(1 for p in planted if p[2] == 'version')} versions)")
    ours = forked(run_trace, records, planted, args.workers)
    peer = forked(run_verbatim, records, args.workers)
    print(f"newstrace trace: {ours['docs_per_s']:.1f} docs/s ({ours['seconds']:.0f} s), "
          f"peak {ours['peak_mb']:.0f} MB, {ours['relations_per_doc']:.1f} relations/doc; "
          f"wire copies found {ours.get('wire_found', 0):.1%}, partials "
          f"{ours.get('partial_found', 0):.1%}, versions {ours.get('version_found', 0):.1%}; "
          f"independent reports linked {ours['reports_linked']}, as copies "
          f"{ours['reports_as_copies']}; largest story {ours['largest_story']}, "
          f"inferred origins {ours['inferred_origins']}")
    print(f"peer, verbatim reuse engine only: {peer['docs_per_s']:.0f} docs/s, "
          f"peak {peer['peak_mb']:.0f} MB")
    print(f"ratio trace/verbatim throughput: {ours['docs_per_s'] / peer['docs_per_s']:.2f}")


if __name__ == "__main__":
    main()
