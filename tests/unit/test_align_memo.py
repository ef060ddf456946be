"""Sentence alignments kept by the content of a pair's sides (``match.pair.AlignMemo``): the
next pair of the same two texts under other ids reuses the alignment, with the same relation."""

from __future__ import annotations

import dataclasses

import pytest

from newstrace.config import ReuseConfig
from newstrace.index.embed import load_encoder
from newstrace.index.sentences import sentence_features
from newstrace.index.shingles import fingerprint
from newstrace.ingest.build import build_document
from newstrace.match import pair
from newstrace.match.pair import align_memo, compare_pair, make_input
from newstrace.match.sentences import SentenceConfig
from newstrace.match.verbatim import align_verbatim
from newstrace.model import Document, RawRecord

WIRE = ("WASHINGTON (AP) — A cargo barge ran aground on the Marrow River early Thursday, "
        "spilling about 12,000 litres of toluene near Halloway. Brenmoor Logistics, which "
        "owns the barge, said it was cooperating with the river authority. The town shut "
        "its water intake at noon and opened two emergency taps at the fire station. "
        "\u201cWe are testing the water every hour,\u201d Mayor Ines Albrecht said. Crews "
        "laid a boom across the channel by evening. The authority said the toluene would "
        "thin out within three days. Schools in Halloway will stay open on Friday.")


def _doc(ident: str, site: str, text: str = WIRE) -> Document:
    return build_document(RawRecord(ident, f"https://{site}/{ident}", text, "text"))


def _compare(a: Document, b: Document, memo: pair.AlignMemo | None) -> dict:
    features = sentence_features([a, b], load_encoder())
    left, right = (make_input(d, f) for d, f in zip((a, b), features, strict=True))
    reuse = ReuseConfig()
    verbatim = align_verbatim(fingerprint(a, reuse.seed), fingerprint(b, reuse.seed), reuse)
    relation = compare_pair(left, right, verbatim, ("shingles",), SentenceConfig(), memo=memo)
    assert relation is not None
    return relation.to_json()


def test_equal_texts_have_one_content_key_and_a_changed_word_another() -> None:
    encoder = load_encoder()
    one, two, edited = sentence_features(
        [_doc("a", "one.example"), _doc("b", "two.example"),
         _doc("c", "one.example", WIRE.replace("three days", "four days"))], encoder)
    assert one.content_key() == two.content_key()  # the id is not part of it
    assert one.content_key() != edited.content_key()
    # other vectors (a rescorer's) are another content
    assert dataclasses.replace(one, vectors=one.vectors * 0.5).content_key() != one.content_key()


def test_a_kept_alignment_gives_the_relation_made_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    source = _doc("wire-1", "first.example")
    copies = [_doc(f"wire-{n}", f"site{n}.example") for n in (2, 3)]
    fresh = [_compare(source, copy, None) for copy in copies]
    made: list[str] = []
    original = pair.align_sentences
    monkeypatch.setattr(pair, "align_sentences",
                        lambda fa, fb, *rest: made.append(fb.doc_id) or original(fa, fb, *rest))
    memo = align_memo()
    kept = [_compare(source, copy, memo) for copy in copies]
    assert kept == fresh
    assert fresh[0]["kind"] == "duplicate" and fresh[0]["passages"]
    assert made == [copies[0].id]  # the second copy's alignment was the first's
    assert len(memo) == 1
