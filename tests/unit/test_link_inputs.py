"""The claims' link inputs packed to be sent (``provenance.link_inputs``): read back as the
objects they were packed from, whatever the order of reading."""

from __future__ import annotations

import pickle
import random

import pytest

from newstrace.model import Document, Span
from newstrace.provenance.claim_extract import ExtractedClaim
from newstrace.provenance.link_inputs import PackedDocuments, PackedMentions


def _mentions(counts: list[int]) -> tuple[list[ExtractedClaim], list[range]]:
    mentions: list[ExtractedClaim] = []
    runs = []
    for d, count in enumerate(counts):
        runs.append(range(len(mentions), len(mentions) + count))
        mentions += [ExtractedClaim(f"d{d}", "quote", Span(i, i + 3), f"words {d} {i}", i,
                                    speaker="smith" if i % 2 else None)
                     for i in range(count)]
    return mentions, runs


def test_mentions_are_indexed_as_the_list_they_came_from() -> None:
    mentions, runs = _mentions([3, 1, 7, 2, 5] * 300)
    packed = pickle.loads(pickle.dumps(PackedMentions(mentions, runs[::-1])))  # as sent
    assert len(packed) == len(mentions)
    order = list(range(len(mentions)))
    random.Random(3).shuffle(order)
    assert [packed[i] for i in order] == [mentions[i] for i in order]
    assert list(packed[5:12]) == mentions[5:12]
    with pytest.raises(IndexError):
        packed[len(mentions)]


def test_runs_that_leave_a_gap_are_refused() -> None:
    mentions, runs = _mentions([2, 2])
    with pytest.raises(ValueError):
        PackedMentions(mentions, runs[:1])
    with pytest.raises(ValueError):
        PackedMentions(mentions, [])


def test_a_batch_without_mentions_packs_to_nothing() -> None:
    """A batch whose pages state no claim (no quotation, figure or event) has no runs."""
    assert len(PackedMentions([], [])) == 0


def test_documents_are_read_by_id() -> None:
    docs = {f"d{i}": Document(id=f"d{i}", path="p", locator=f"p#{i}", format="text",
                              text=f"Text {i}. Another sentence.") for i in range(700)}
    packed = pickle.loads(pickle.dumps(PackedDocuments(docs, sorted(docs))))
    for doc_id in ["d5", "d699", "d5", "d0"]:
        assert packed[doc_id] == docs[doc_id]
    with pytest.raises(KeyError):
        packed["elsewhere"]
