"""How a query's time grows with the pasted text: ``answer_query`` (what ``newstrace query``
and the web app's query form run) on texts of 10 KB, 100 KB, 1 MB and 5 MB, against the demo
corpus's index and against a real crawl's (the AllSides development crawl, 1,419 articles,
``../shared/data/allsides``), with the growth exponent fitted on the log-log points.

A pasted text is built from the real crawl's articles, shuffled and joined until it has the
size asked for (distinct articles: a paste repeating a few texts is mostly removed by the
cleaning, as repeated page furniture). Against the crawl's own index it is the worst case,
every part of it matching something; against the demo's index it is the common case of a
long text that matches little, where the cost is reading it and looking it up. Each query
has a time budget (``--budget``, seconds); one that runs past it is stopped, as the web app
stops it, and printed as such. The peer is the same paste's reading alone (extraction, cleaning and
segmentation: ``build_document``), which any answer must pay.

    .venv/bin/python bench/query_bench.py [--sizes 10000,100000,1000000,5000000] [--budget 300]
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import random
import sys
import tempfile
import time
from pathlib import Path

from newstrace.errors import QueryStopped
from newstrace.evaluate.crawls import development_crawl
from newstrace.index.embed import load_encoder
from newstrace.ingest.build import build_document
from newstrace.ingest.readers import ReadOptions, read_capture
from newstrace.model import RawRecord
from newstrace.stages.answer import answer_query
from newstrace.store.index import Index
from newstrace.trace import trace

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "allsides"


def _paste(texts: list[str], size: int, seed: int = 5) -> str:
    pool = list(texts)
    random.Random(seed).shuffle(pool)
    out, length = [], 0
    while length < size:
        for text in pool:
            out.append(text)
            length += len(text) + 2
            if length >= size:
                break
    return "\n\n".join(out)[:size]


def _past(deadline: float) -> bool:
    return time.monotonic() > deadline


def _run(db: Path, texts: list[str], sizes: list[int], budget: float, scratch: Path
         ) -> list[tuple[int, float]]:
    encoder = load_encoder()
    points = []
    for size in sizes:
        path = scratch / f"paste-{size}.txt"
        path.write_text(_paste(texts, size), encoding="utf-8")
        start = time.perf_counter()
        record = next(read_capture(str(path), "pasted.txt", ReadOptions(max_bytes=size * 2)))
        doc = build_document(record) if isinstance(record, RawRecord) else record
        reading = time.perf_counter() - start
        stop = functools.partial(_past, time.monotonic() + budget)
        start = time.perf_counter()
        try:
            with Index(db) as index:
                answer = answer_query(index, doc, encoder,  # type: ignore[arg-type]
                                      stop=stop)
            found = len(answer["reused"]) + len(answer["reused_by"]) + len(answer["linked"])
            took = time.perf_counter() - start
            points.append((size, took))
            print(f"  {size / 1000:>7,.0f} KB: {took:7.2f} s, {found} documents related "
                  f"(reading the paste alone: {reading:.2f} s)", flush=True)
        except QueryStopped:
            print(f"  {size / 1000:>7,.0f} KB: stopped at the {budget:g} s budget "
                  f"(reading the paste alone: {reading:.2f} s)", flush=True)
    if len(points) >= 2:
        xs = [math.log(s) for s, _ in points]
        ys = [math.log(max(t, 1e-3)) for _, t in points]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs)
        print(f"  growth exponent over the completed queries: {slope:.2f}")
    return points


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000,5000000")
    parser.add_argument("--budget", type=float, default=300.0)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="newstrace-query-bench-") as folder:
        scratch = Path(folder)
        if not DATA.is_dir():
            print(f"{DATA} is absent: nothing to paste")
            return 0
        records = development_crawl(DATA)
        texts = [r["text"] for r in records]
        demo_db = scratch / "demo.db"
        demo = trace([str(ROOT / "examples" / "corpus")], db=demo_db)
        print(f"demo corpus ({len(demo['documents'])} documents), pastes of crawl articles:")
        _run(demo_db, texts, sizes, args.budget, scratch)
        dump = scratch / "crawl.jsonl"
        dump.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        crawl_db = scratch / "crawl.db"
        trace([str(dump)], db=crawl_db)
        print(f"AllSides development crawl ({len(records)} documents), pastes of its own "
              "articles:")
        _run(crawl_db, texts, sizes, args.budget, scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
