"""Sentence alignment: the DP path, merges and splits, reordering, and the similarity."""

from __future__ import annotations

import numpy as np
import pytest

from newstrace.index.embed import load_encoder
from newstrace.index.hashsets import hashed_sets
from newstrace.index.sentences import SentenceFeatures, text_features
from newstrace.match import sentences as aligner
from newstrace.match.sentences import SentenceConfig, align_sentences

SOURCE = (
    "A cargo barge ran aground on the Marrow River early Thursday. "
    "It spilled about 12,000 litres of toluene near Halloway. "
    "Mayor Ines Albrecht closed the town's water intake. "
    "Brenmoor Logistics, which owns the barge, said it was cooperating. "
    "The river authority will test the water on Friday."
)
REWRITE = (
    "Early on Thursday a freight barge became stranded on the Marrow River. "
    "Roughly 12,000 litres of toluene leaked close to Halloway, and Mayor Ines Albrecht "
    "shut the water intake of the town. "
    "On Friday the river authority is going to test the water. "
    "The barge's owner, Brenmoor Logistics, said it was cooperating."
)


@pytest.fixture(scope="module")
def pair() -> tuple[SentenceFeatures, SentenceFeatures]:
    a, b = text_features([("a", "en", SOURCE, None), ("b", "en", REWRITE, None)],
                         load_encoder())
    return a, b


def test_rewrite_sentences_find_their_sources_with_a_merge_and_a_swap(
        pair: tuple[SentenceFeatures, SentenceFeatures]) -> None:
    found = {(p.a, p.b) for p in align_sentences(*pair)}
    assert ((0,), (0,)) in found
    assert ((1, 2), (1,)) in found  # two source sentences merged into one
    assert ((4,), (2,)) in found and ((3,), (3,)) in found  # moved around


def test_scores_are_in_unit_range_and_order_follows_the_derived_text(
        pair: tuple[SentenceFeatures, SentenceFeatures]) -> None:
    pairs = align_sentences(*pair)
    assert all(0.0 <= p.score <= 1.0 for p in pairs)
    assert [p.b for p in pairs] == sorted(p.b for p in pairs)


def test_unrelated_text_aligns_nothing() -> None:
    a, b = text_features([
        ("a", "en", SOURCE, None),
        ("b", "en", "The library reopens in May with a children's wing. Council approved "
                    "the budget on Tuesday after a long debate about the roof.", None)],
        load_encoder())
    assert align_sentences(a, b) == []


def test_empty_documents_align_to_nothing(pair: tuple[SentenceFeatures, SentenceFeatures]
                                          ) -> None:
    empty = SentenceFeatures("e", "en", (), np.zeros((0, 128), dtype=np.float32), (), "x",
                             np.zeros(128, dtype=np.float32), frozenset(), hashed_sets(()),
                             hashed_sets(()))
    assert align_sentences(pair[0], empty) == [] and align_sentences(empty, pair[1]) == []


def test_a_stricter_threshold_never_aligns_more(
        pair: tuple[SentenceFeatures, SentenceFeatures]) -> None:
    loose = align_sentences(*pair, SentenceConfig(threshold=0.3))
    strict = align_sentences(*pair, SentenceConfig(threshold=0.7))
    assert len(strict) <= len(loose)


def test_the_scalar_dp_takes_the_same_path_as_the_vectorised_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    for trial in range(400):
        n, m = int(rng.integers(1, 40)), int(rng.integers(1, 40))
        # Dense gains, and sparse ones (a few positive cells, as most pairs have): the
        # scalar DP visits only the positive cells.
        low = -0.5 if trial % 2 else -6.0

        def gains(rows: int, cols: int, low: float = low) -> np.ndarray:
            # Coarse steps make ties, where the two must also agree.
            return (np.round(rng.uniform(low, 0.6, (rows, cols)) * 10) / 10).astype(np.float32)

        g11, g21, g12 = gains(n, m), gains(max(n - 1, 0), m), gains(n, max(m - 1, 0))
        monkeypatch.setattr(aligner, "_SCALAR_CELLS", 10**9)
        scalar = aligner._path(g11, g21, g12)
        monkeypatch.setattr(aligner, "_SCALAR_CELLS", 0)
        assert aligner._path(g11, g21, g12) == scalar
