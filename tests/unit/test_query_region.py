"""A long pasted text is compared with each candidate over the region it matches, and what
is found points at the right place of the whole paste."""

from __future__ import annotations

import random
import re
from pathlib import Path

from newstrace import Document, ingest
from newstrace.index.embed import load_encoder
from newstrace.index.sentences import sentence_features
from newstrace.match.orient import text_marks
from newstrace.match.pair import cut_input, make_input
from newstrace.model import Span
from newstrace.stages.answer import answer_query
from newstrace.stages.region import REGION_SENTENCES, cut
from newstrace.store.index import Index
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
    # its changes are read over the part of the paste the excerpt covers, and point into
    # the whole paste: no "sentence added" for the other articles of a long paste
    low = min(p["derived"][0] for p in passages)
    high = max(p["derived"][1] for p in passages)
    changes = found["relation"].get("changes", [])
    assert changes and all(c["kind"] != "sentence_added" for c in changes)
    for change in changes:
        if change["derived"] is not None:
            start, end = change["derived"]
            assert low - 2000 <= start <= end <= high + 2000, change
            assert change["after"][:40].strip(" …") in doc.text[start:end + 1], change


def test_a_cuts_input_is_the_whole_querys_share_of_it() -> None:
    """``cut_input`` takes a cut's public words, quotations and orientation evidence from the
    whole query, as reading the cut alone would give them."""
    text = "\n\n".join([
        "WASHINGTON (AP) — The council met on Monday to discuss the harbour budget.",
        'The mayor said "we will not close the ferry" before the vote, as CNN reported.',
        "By Jane Smith",
        "Officials said the school road would reopen, according to Reuters.",
        'Source link: "the festival goes on," the organisers wrote in a statement.'])
    doc = Document(id="q", path="p", locator="q", format="text", text=text,
                   paragraphs=_paragraphs(text), sentences=_paragraphs(text))
    features = sentence_features([doc], load_encoder())[0]
    marks = text_marks(doc.text)
    whole = make_input(doc, features, marks)
    for first, last in ((1, 3), (0, 1), (2, 4)):
        part, part_features, offset = cut(doc, features, first, last)
        got = cut_input(whole, part, part_features, offset, marks)
        alone = make_input(part, part_features)
        assert (got.public, got.quotes, got.voiced, got.narrative) == (
            alone.public, alone.quotes, alone.voiced, alone.narrative), (first, last)
        assert got.info == alone.info, (first, last)


def _paragraphs(text: str) -> tuple[Span, ...]:
    """The paragraphs of ``text`` (one sentence each in the test above)."""
    out, at = [], 0
    for piece in text.split("\n\n"):
        out.append(Span(at, at + len(piece)))
        at += len(piece) + 2
    return tuple(out)


def test_two_relations_whose_cuts_start_together_read_their_own_cut() -> None:
    """An article and a truncated copy of it both match one place of a long paste: their
    changes are read over their own parts of it (a shared name for two cuts starting at one
    sentence gave the whole article a false "the copy ends before them")."""
    from newstrace.match.verbatim import Passage
    from newstrace.model import Relation
    from newstrace.stages.answer import _changes
    from newstrace.text.segment import split_paragraphs, split_sentences

    def make(doc_id: str, text: str) -> Document:
        return Document(id=doc_id, path=doc_id, locator=doc_id, format="text", text=text,
                        paragraphs=tuple(split_paragraphs(text)),
                        sentences=tuple(split_sentences(text)))

    article = "\n\n".join(f"The harbour council voted on item {n} of the plan on Monday."
                          for n in ("one two three four five six seven eight".split()))
    half = article[:article.index("\n\nThe harbour council voted on item five")]
    filler = _filler(REGION_SENTENCES + 10)
    paste = make("paste", filler + "\n\n" + article + "\n\n" + filler)
    at = paste.text.index(article)
    whole, cut_copy = make("whole", article), make("half", half)
    relations = [Relation(d.id, paste.id, "excerpt", True, 1.0, 0.1, (Passage(
        Span(0, len(d.text)), Span(at, at + len(d.text)), "verbatim", 1.0, 10),), (), ())
        for d in (whole, cut_copy)]
    found = _changes(paste, {d.id: d for d in (paste, whole, cut_copy)}, relations, None)
    assert not [c for c in found.get(("whole", "paste"), ()) if c.kind == "sentence_dropped"]
    assert not [c for c in found.get(("half", "paste"), ()) if c.kind == "sentence_added"]
