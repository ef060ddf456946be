"""Reuse engine at scale: newstrace's index vs datasketch MinHashLSH on planted excerpts.

Builds a corpus of N documents from Reuters-21578 and BBC News plus generated derivatives —
excerpts of 10-60% of an article (contiguous runs of its sentences) and whole copies wrapped
in another site's chrome — then, on the same documents:

- newstrace: ``add_documents`` (``stages.verbatim``) into a fresh SQLite index on
  ``--workers`` processes; documents/s, the share of planted excerpts and copies found as
  sharing text with their source, peak memory of the process, and the median ``query_verbatim``
  latency for articles from the corpus;
- datasketch ``MinHashLSH(threshold=0.5)`` over the same 5-word shingle hashes (the peer the
  issue names): the share of planted derivatives whose source the LSH query returns,
  documents/s to build and query, peak memory.

Each system runs in its own forked child, so the peak-memory figures are its own.

    .venv/bin/python bench/reuse_bench.py --docs 10000
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from newstrace.config import ReuseConfig
from newstrace.engine.local import LocalEngine
from newstrace.evaluate.duplicates import bbc_records, reuters_records
from newstrace.index.shingles import shingle_hashes, token_hashes
from newstrace.model import Document
from newstrace.stages.verbatim import add_documents, query_verbatim
from newstrace.store.index import Index
from newstrace.text.segment import segment_document, split_sentences
from newstrace.text.tokens import token_norms

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
CHROME = [("Home | World | Business | Sport\n\n",
           "\n\n© 2005 Harbour Herald. All rights reserved."),
          ("Evening Post - Latest news\n\n", "\n\nShare this story. Follow us for more news."),
          ("METRO TIMES\n\n", "\n\nRead more stories like this on our website.")]


def originals() -> list[tuple[str, str]]:
    """(locator, text) of every Reuters story with a body and every BBC article."""
    out = [(r.locator, r.content) for r in reuters_records(DATA / "reuters21578")]
    out += [(r.locator, r.content.split("\n", 1)[-1]) for r in bbc_records(DATA / "bbc")]
    return [(loc, " ".join(text.split())) for loc, text in out if len(text.split()) >= 20]


def make_doc(locator: str, text: str) -> Document:
    return segment_document(Document(id=Document.make_id(locator, text), path=locator,
                                     locator=locator, format="text", text=text))


def excerpt(text: str, rng: random.Random) -> str | None:
    """A contiguous run of sentences covering 10-60% of the text's words."""
    sentences = [s.slice(text) for s in split_sentences(text)]
    total = len(text.split())
    want = rng.uniform(0.10, 0.60) * total
    if len(sentences) < 3 or want < 15:
        return None
    start = rng.randrange(len(sentences))
    chosen: list[str] = []
    for sentence in sentences[start:] + sentences[:start]:
        chosen.append(sentence)
        if len(" ".join(chosen).split()) >= want:
            break
    return " ".join(chosen)


Planted = list[tuple[str, str, str]]


def build_corpus(size: int, seed: int = 7) -> tuple[list[Document], Planted]:
    """Documents and the planted (source id, derived id, "excerpt" or "copy") triples."""
    rng = random.Random(seed)
    base = originals()
    rng.shuffle(base)
    docs = [make_doc(loc, text) for loc, text in base[: size // 2]]
    planted: Planted = []
    long_enough = [d for d in docs if len(d.text.split()) >= 150]
    number = 0
    while len(docs) < size:
        source = rng.choice(long_enough)
        number += 1
        if number % 3:
            part = excerpt(source.text, rng)
            if part is None:
                continue
            derived, kind = make_doc(f"derived/excerpt-{number}", part), "excerpt"
        else:
            head, foot = CHROME[number % len(CHROME)]
            derived, kind = make_doc(f"derived/copy-{number}", head + source.text + foot), "copy"
        docs.append(derived)
        planted.append((source.id, derived.id, kind))
    return docs, planted


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_newstrace(docs: list[Document], planted: Planted, workers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        with Index(Path(scratch) / "bench.db", engine=LocalEngine(workers)) as index:
            add_documents(index, docs)
            elapsed = time.perf_counter() - start
            pairs = {(a, b) for a, b, _ in index.verbatim_rows()}
            pairs |= {(b, a) for a, b in pairs}
            hits = [(source, derived) in pairs for source, derived, _ in planted]
            by_id = {d.id: d for d in docs}
            sample = [by_id[derived] for _, derived, _ in planted[:60]]
            latencies = []
            for doc in sample:
                began = time.perf_counter()
                query_verbatim(index, doc)
                latencies.append(time.perf_counter() - began)
    return {"docs_per_s": len(docs) / elapsed, "seconds": elapsed,
            **_recalls(hits, planted), "peak_mb": peak_mb(),
            "query_ms_median": 1000 * statistics.median(latencies)}


def run_datasketch(docs: list[Document], planted: Planted) -> dict[str, Any]:
    from datasketch import MinHash, MinHashLSH

    config = ReuseConfig()
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=config.num_perm)
    sketches = {}
    for doc in docs:
        shingles = np.unique(shingle_hashes(token_hashes(token_norms(doc.text)),
                                            config.shingle_k))
        sketch = MinHash(num_perm=config.num_perm, hashfunc=int)
        sketch.update_batch((shingles & np.uint64(0xFFFFFFFF)).tolist())  # its 32-bit scheme
        sketches[doc.id] = sketch
        lsh.insert(doc.id, sketch)
    elapsed = time.perf_counter() - start
    hits = [source in lsh.query(sketches[derived]) for source, derived, _ in planted]
    return {"docs_per_s": len(docs) / elapsed, "seconds": elapsed,
            **_recalls(hits, planted), "peak_mb": peak_mb()}


def _recalls(hits: list[bool], planted: Planted) -> dict[str, float]:
    """Recall over all planted derivatives, and over excerpts and copies apart."""
    excerpts = [h for h, (_, _, kind) in zip(hits, planted, strict=True) if kind == "excerpt"]
    copies = [h for h, (_, _, kind) in zip(hits, planted, strict=True) if kind == "copy"]
    return {"recall": sum(hits) / len(hits),
            "excerpt_recall": sum(excerpts) / max(len(excerpts), 1),
            "copy_recall": sum(copies) / max(len(copies), 1)}


def _run_into(queue: Any, job: Callable[..., dict[str, Any]], *args: Any) -> None:
    try:
        result = job(*args)
    except Exception as exc:  # report it to the parent instead of leaving it waiting
        result = {"error": f"{type(exc).__name__}: {exc}"}
    queue.put(result)


def forked(job: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """``job(*args)`` in a forked child, so that its peak memory is its own; a failure in
    the child ends the benchmark with its reason."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_run_into, args=(queue, job, *args))
    child.start()
    result: dict[str, Any] = queue.get()
    child.join()
    if "error" in result:
        sys.exit(f"{job.__name__} failed: {result['error']}")
    return result


def in_child(job: str, docs: list[Document], planted: Planted,
             workers: int) -> dict[str, Any]:
    if job == "newstrace":
        return forked(run_newstrace, docs, planted, workers)
    return forked(run_datasketch, docs, planted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-peer", action="store_true", help="Do not run datasketch.")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} is absent: the benchmark builds its corpus from Reuters and BBC")
    began = time.perf_counter()
    docs, planted = build_corpus(args.docs)
    excerpts = sum(kind == "excerpt" for _, _, kind in planted)
    print(f"corpus: {len(docs)} documents, {len(planted)} planted derivatives "
          f"({excerpts} excerpts of 10-60%, {len(planted) - excerpts} copies with chrome), "
          f"built in {time.perf_counter() - began:.0f} s")
    ours = in_child("newstrace", docs, planted, args.workers)
    print(f"newstrace index : {ours['docs_per_s']:7.0f} docs/s ({ours['seconds']:.0f} s, "
          f"{args.workers} workers), found: excerpts {ours['excerpt_recall']:.2%}, "
          f"copies {ours['copy_recall']:.2%}, "
          f"peak {ours['peak_mb']:.0f} MB, query median {ours['query_ms_median']:.0f} ms")
    if args.skip_peer:
        return
    peer = in_child("datasketch", docs, planted, 1)
    print(f"datasketch LSH  : {peer['docs_per_s']:7.0f} docs/s ({peer['seconds']:.0f} s, "
          f"1 process), found: excerpts {peer['excerpt_recall']:.2%}, "
          f"copies {peer['copy_recall']:.2%}, peak {peer['peak_mb']:.0f} MB")
    ratio = ours["excerpt_recall"] / max(peer["excerpt_recall"], 1e-9)
    print(f"  excerpt recall newstrace / datasketch: {ratio:.2f}, "
          f"speed newstrace / datasketch: {ours['docs_per_s'] / peer['docs_per_s']:.2f}")


if __name__ == "__main__":
    main()
