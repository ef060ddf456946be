"""Sentence readings kept for the run (``SentenceMemo``) and text readings made ahead of the
pair inputs (``read_text``): the same features and inputs, less work."""

from __future__ import annotations

import numpy as np
import pytest

from newstrace.index import sentences
from newstrace.index.embed import load_encoder
from newstrace.index.hashsets import HashedSets
from newstrace.index.sentences import SentenceFeatures, SentenceMemo, text_features
from newstrace.ingest.build import build_document
from newstrace.match.pair_input import make_input, read_text
from newstrace.model import Document, RawRecord

FIRST = ("A cargo barge ran aground on the Marrow River early Thursday. It spilled about "
         "12,000 litres of toluene near Halloway. \u201cWe are testing the water,\u201d "
         "Mayor Ines Albrecht said.")
SECOND = ("It spilled about 12,000 litres of toluene near Halloway. Brenmoor Logistics, "
          "which owns the barge, said it was cooperating. It spilled about 12,000 litres "
          "of toluene near Halloway.")


def _same_sets(a: HashedSets, b: HashedSets) -> bool:
    return all(np.array_equal(x, y) and x.dtype == y.dtype for x, y in zip(
        (a.items, a.owner, a.sizes, a.next_union), (b.items, b.owner, b.sizes, b.next_union),
        strict=True))


def _same(a: SentenceFeatures, b: SentenceFeatures) -> bool:
    return (a.spans == b.spans and a.word_counts == b.word_counts and a.doc_keys == b.doc_keys
            and _same_sets(a.key_sets, b.key_sets) and _same_sets(a.word_sets, b.word_sets)
            and np.array_equal(a.vectors, b.vectors))


@pytest.mark.parametrize("capacity", [64 << 20, 300, 0])
def test_kept_readings_give_the_features_of_fresh_ones(
        capacity: int, monkeypatch: pytest.MonkeyPatch) -> None:
    encoder = load_encoder()
    items = [("a", "en", FIRST, None), ("b", "en", SECOND, None)]
    alone = text_features(items, encoder)
    read: list[str] = []
    original = sentences._read_sentence
    monkeypatch.setattr(sentences, "_read_sentence",
                        lambda text: read.append(text) or original(text))
    memo = SentenceMemo(capacity)
    first = text_features(items, encoder, memo=memo)
    # the repeated sentence is read once, within a call as across calls
    assert len(read) == len(set(read)) == 4
    again = text_features(items[::-1], encoder, memo=memo)
    if capacity > 1 << 20:
        assert len(memo) == 4  # every sentence kept where there is room
    assert len(read) == 4 + (4 - len(memo))  # only what was not kept is read again
    for got, want in zip(first + again[::-1], alone + alone, strict=True):
        assert _same(got, want)


def test_readings_made_ahead_give_the_same_pair_input() -> None:
    doc = build_document(RawRecord("barge.txt", "barge.txt", FIRST, "text"))
    assert isinstance(doc, Document)
    features = text_features([(doc.id, doc.language, doc.text, tuple(doc.sentences))],
                             load_encoder())[0]
    ahead = make_input(doc, features, readings=read_text(doc))
    assert ahead == make_input(doc, features)
    assert ahead.quotes and ahead.public  # the quotation was read


def test_a_bounded_map_keeps_entries_only_within_its_budget() -> None:
    from newstrace.bounded import BoundedMap
    kept: BoundedMap[str, int] = BoundedMap(100)
    assert kept.keep("a", 1, 60) and not kept.keep("b", 2, 60) and kept.keep("c", 3, 40)
    assert ("a" in kept, "b" in kept, kept.get("b"), kept["c"]) == (True, False, None, 3)
    assert len(kept) == 2 and kept.held_bytes == 100
