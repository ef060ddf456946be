"""The whole ``trace`` at scale, with rewrites: documents/s, rewrite recall, peak memory.

The corpus is the reuse benchmark's (Reuters-21578 and BBC News originals, excerpts of 10-60%
of an article, whole copies in another site's chrome) with one derivative in four replaced
by a generated rewrite: a spinner's word swaps from a table of news synonyms, function words
dropped and fillers put in (so few four-word runs survive), a third of the sentences moved
to a neighbour's place, one in eight dropped. The documents are
written as text files and traced end to end (read, clean, index, align, relate, stories,
report) with ``newstrace.trace``, in a forked child so the peak memory is the trace's own.

Printed: documents/s for the whole trace; the share of planted rewrites found as a
derivation of their source (and as ``rewrite``); the same for excerpts and copies; peak
memory. The peer in the same run is the verbatim-only reuse engine (``add_documents`` on the
same documents), which finds no rewrite: the ratio says what the semantic stage costs.

    .venv/bin/python bench/trace_bench.py --docs 10000 [--encoder minilm] [--rescore minilm]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_bench import Planted, build_corpus, make_doc, peak_mb

from newstrace.engine.local import LocalEngine
from newstrace.index.embed import load_encoder
from newstrace.model import Document
from newstrace.stages.verbatim import add_documents
from newstrace.store.index import Index
from newstrace.text.segment import split_sentences
from newstrace.trace import trace

SYNONYMS = {
    "said": "stated", "says": "states", "about": "roughly", "people": "individuals",
    "government": "administration", "company": "firm", "companies": "firms",
    "increase": "rise", "increased": "rose", "decrease": "fall", "buy": "purchase",
    "bought": "purchased", "sell": "offload", "sold": "offloaded", "big": "large",
    "new": "fresh", "market": "marketplace", "shares": "stocks", "profit": "earnings",
    "expected": "anticipated", "announced": "unveiled", "help": "assist", "show": "reveal",
    "showed": "revealed", "also": "additionally", "but": "however", "many": "numerous",
    "week": "seven days", "month": "four weeks", "year": "twelve months", "told": "informed",
    "plan": "scheme", "plans": "schemes", "start": "begin", "started": "began",
    "end": "conclude", "ended": "concluded", "country": "nation", "percent": "per cent",
    "officials": "authorities", "agreed": "consented", "rise": "climb", "fell": "dropped",
    "strong": "robust", "weak": "feeble", "major": "leading", "chief": "head",
}
_WORD = re.compile(r"[A-Za-z]+")


_DROPPABLE = frozenset({"the", "a", "an", "that", "of", "its", "their"})
_FILLERS = ("reportedly", "notably", "in fact", "indeed", "meanwhile", "also")


def _spin_sentence(sentence: str, rng: random.Random) -> str:
    """Synonyms in, one function word in two dropped, a filler every dozen words: what an
    article spinner does to break every run of four copied words."""
    out: list[str] = []
    for word in sentence.split(" "):
        bare = _WORD.fullmatch(word.strip(",.;:"))
        if bare and word.lower() in _DROPPABLE and rng.random() < 0.5:
            continue
        out.append(_WORD.sub(_swap, word))
        if rng.random() < 0.08:
            out.append(rng.choice(_FILLERS))
    return " ".join(out)


def _swap(match: re.Match[str]) -> str:
    word = match.group()
    new = SYNONYMS.get(word.lower())
    if new is None:
        return word
    return new.capitalize() if word[0].isupper() else new


def spin(text: str, rng: random.Random) -> str | None:
    """A spun rewrite: every sentence reworded, some moved to a neighbour's place or dropped."""
    sentences = [s.slice(text) for s in split_sentences(text)]
    if len(sentences) < 4:
        return None
    kept = [s for s in sentences if rng.random() >= 0.125]
    for i in range(len(kept) - 1):
        if rng.random() < 0.33:
            kept[i], kept[i + 1] = kept[i + 1], kept[i]

    return " ".join(_spin_sentence(s, rng) for s in kept)


def build(size: int, seed: int = 11) -> tuple[list[Document], Planted]:
    """The reuse benchmark's corpus with one derivative in four replaced by a rewrite."""
    docs, planted = build_corpus(size)
    by_id = {d.id: d for d in docs}
    rng = random.Random(seed)
    out_planted: Planted = []
    replaced: dict[str, Document] = {}
    for number, (source, derived, kind) in enumerate(planted):
        if number % 4 == 0:
            text = spin(by_id[source].text, rng)
            if text:
                rewrite = make_doc(f"derived/rewrite-{number}", text)
                replaced[derived] = rewrite
                out_planted.append((source, rewrite.id, "rewrite"))
                continue
        out_planted.append((source, derived, kind))
    return [replaced.get(d.id, d) for d in docs], out_planted


def write(docs: list[Document], folder: Path) -> dict[str, str]:
    """Each document as a text file of three-sentence paragraphs (as captures come), and
    the benchmark id of each file."""
    names: dict[str, str] = {}
    for number, doc in enumerate(docs):
        path = folder / f"{number:06d}.txt"
        sentences = [s.slice(doc.text) for s in split_sentences(doc.text)]
        paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        names[f"{number:06d}.txt"] = doc.id
    return names


def run_trace(docs: list[Document], planted: Planted, workers: int,
              encoder: str | None, rescore: str | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        folder.mkdir()
        names = write(docs, folder)
        model = load_encoder(encoder)
        rescorer = load_encoder(rescore) if rescore else None
        start = time.perf_counter()
        with LocalEngine(workers) as engine:
            report = trace([str(folder)], engine=engine, encoder=model, rescorer=rescorer)
        elapsed = time.perf_counter() - start
    ours = {d["id"]: names[d["locator"]] for d in report["documents"]}
    relations = {(ours[r["source"]], ours[r["derived"]]): r["kind"] for r in report["relations"]}
    found: dict[str, list[bool]] = {}
    exact: list[bool] = []
    for source, derived, kind in planted:
        kind_found = relations.get((source, derived)) or relations.get((derived, source))
        found.setdefault(kind, []).append(kind_found not in (None, "same_story", "same_topic"))
        if kind == "rewrite":
            exact.append(kind_found == "rewrite")
    name = model.name + (f", rescored with {rescorer.name}" if rescorer else "")
    return {"docs_per_s": len(docs) / elapsed, "seconds": elapsed, "encoder": name,
            **{f"{k}_found": sum(v) / len(v) for k, v in sorted(found.items())},
            "rewrites_as_rewrite": sum(exact) / max(1, len(exact)), "peak_mb": peak_mb(),
            "stories": report["summary"]["stories"]}


def run_verbatim(docs: list[Document], planted: Planted, workers: int,
                 encoder: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        with Index(Path(scratch) / "v.db", engine=LocalEngine(workers)) as index:
            add_documents(index, docs)
            elapsed = time.perf_counter() - start
            pairs = {(a, b) for a, b, _ in index.verbatim_rows()}
    rewrites = [(s, d) for s, d, k in planted if k == "rewrite"]
    hit = sum((s, d) in pairs or (d, s) in pairs for s, d in rewrites)
    return {"docs_per_s": len(docs) / elapsed, "seconds": elapsed,
            "rewrite_found": hit / max(1, len(rewrites)), "peak_mb": peak_mb()}


def _child(job: str, docs: list[Document], planted: Planted, workers: int,
           encoder: str | None, queue: Any, rescore: str | None = None) -> None:
    queue.put(run_trace(docs, planted, workers, encoder, rescore) if job == "trace"
              else run_verbatim(docs, planted, workers, encoder))


def in_child(job: str, docs: list[Document], planted: Planted, workers: int,
             encoder: str | None, rescore: str | None = None) -> dict[str, Any]:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_child, args=(job, docs, planted, workers, encoder, queue,
                                                          rescore))
    child.start()
    result: dict[str, Any] = queue.get()
    child.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--encoder", default=None)
    parser.add_argument("--rescore", default=None, help="e.g. minilm (extra [minilm])")
    args = parser.parse_args()
    docs, planted = build(args.docs)
    kinds = {k: sum(1 for p in planted if p[2] == k) for k in ("excerpt", "copy", "rewrite")}
    print(f"corpus: {len(docs)} documents, planted {kinds}")
    ours = in_child("trace", docs, planted, args.workers, args.encoder, args.rescore)
    peer = in_child("verbatim", docs, planted, args.workers, args.encoder)
    print(f"newstrace trace ({ours['encoder']}): {ours['docs_per_s']:.0f} docs/s "
          f"({ours['seconds']:.1f} s), rewrites found {ours['rewrite_found']:.1%} "
          f"(as rewrite {ours['rewrites_as_rewrite']:.1%}), excerpts "
          f"{ours['excerpt_found']:.1%}, copies {ours['copy_found']:.1%}, "
          f"peak {ours['peak_mb']:.0f} MB, {ours['stories']} stories")
    print(f"peer, verbatim reuse engine only: {peer['docs_per_s']:.0f} docs/s, rewrites found "
          f"{peer['rewrite_found']:.1%}, peak {peer['peak_mb']:.0f} MB")
    print(f"ratio trace/verbatim throughput: {ours['docs_per_s'] / peer['docs_per_s']:.2f}")


if __name__ == "__main__":
    main()
