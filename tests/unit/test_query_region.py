"""A long pasted text is compared with each candidate over the region it matches, and what
is found points at the right place of the whole paste."""

from __future__ import annotations

import random
import re
from pathlib import Path

from newstrace import Document, ingest
from newstrace.index.embed import load_encoder
from newstrace.store.answer import answer_query
from newstrace.store.index import Index
from newstrace.store.region import REGION_SENTENCES
from newstrace.trace import trace

WORDS = ("council budget harbour ferry school road bridge tax station market river park "
         "library museum hospital festival police court weather train airport port").split()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _filler(count: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    return "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + "."
                       for _ in range(count))


def test_an_excerpt_inside_a_long_paste_is_found_where_it_is(corpus_dir: Path,
                                                            tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    report = trace([str(corpus_dir)], db=db)
    original = next(d for d in report["documents"]
                    if d["locator"] == "01_northwire_original.html")
    excerpt = (corpus_dir / "03_riverside_courier_excerpt.txt").read_text(encoding="utf-8")
    paste = tmp_path / "paste.txt"
    paste.write_text(_filler(900) + "\n\n" + excerpt + "\n\n" + _filler(900, seed=4),
                     encoding="utf-8")
    (doc,) = [d for d in ingest([str(paste)]) if isinstance(d, Document)]
    assert len(doc.sentences) > REGION_SENTENCES  # compared region by region
    with Index(db) as index:
        answer = answer_query(index, doc, load_encoder())
    found = next(item for item in answer["reused"]
                 if item["document"]["id"] == original["id"])
    passages = found["relation"]["passages"]
    assert passages
    for passage in passages:
        start, end = passage["derived"]  # in the whole paste, not in the region
        source_start, source_end = passage["source"]
        if passage["kind"] == "verbatim":  # the same words (quote marks may differ)
            assert _words(doc.text[start:end]) == _words(
                original["text"][source_start:source_end])
    assert any(p["kind"] == "verbatim" for p in passages)
