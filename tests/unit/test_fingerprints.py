from __future__ import annotations

import pickle

import numpy as np

from newstrace.config import ReuseConfig
from newstrace.index.candidates import (
    corpus_candidates,
    document_keys,
    pairs_sharing_keys,
    pairs_with_newer,
)
from newstrace.index.minhash import MinHasher
from newstrace.index.shingles import (
    fingerprint_text,
    sample_mask,
    shingle_hashes,
    token_hashes,
)
from newstrace.index.unique import sorted_unique
from newstrace.text.tokens import token_norms, tokenize


def hashes(text: str) -> np.ndarray:
    return token_hashes(tokenize(text).norm)


def test_shingles_ignore_quotes_case_space_and_punctuation() -> None:
    curly = "He said he “couldn’t  not think about it,” she said."
    straight = 'he said he "couldn\'t not think about it" she said'
    assert np.array_equal(shingle_hashes(hashes(curly), 4), shingle_hashes(hashes(straight), 4))


def test_shingles_depend_on_order() -> None:
    assert not np.array_equal(shingle_hashes(hashes("a b c d"), 4),
                              shingle_hashes(hashes("d c b a"), 4))


def test_token_norms_match_tokenize() -> None:
    text = "İstanbul’s ﬁne STRASSE, l’été — Don’t stop."
    assert token_norms(text) == list(tokenize(text).norm)


def test_sampling_is_content_defined() -> None:
    values = shingle_hashes(hashes(" ".join(f"w{i}" for i in range(400))), 5)
    mask = sample_mask(values, 4)
    assert 0.15 < mask.mean() < 0.35
    assert np.array_equal(sample_mask(values[10:], 4), mask[10:])


def test_minhash_is_seeded_and_estimates_jaccard() -> None:
    left = np.arange(1000, dtype=np.uint64) * np.uint64(2654435761)
    right = np.concatenate([left[:500], np.arange(5000, 5500, dtype=np.uint64)])
    hasher = MinHasher(256, seed=7)
    a, b = hasher.signature(left), hasher.signature(right)
    assert np.array_equal(a, MinHasher(256, seed=7).signature(left))
    assert abs((a == b).mean() - 1 / 3) < 0.1  # true Jaccard 500 / 1500


def test_pairs_sharing_keys_respects_the_document_frequency_band() -> None:
    keys = np.array([1, 1, 2, 2, 9, 9, 9], dtype=np.uint64)
    docs = np.array([0, 1, 0, 1, 0, 1, 2])
    both = pairs_sharing_keys(keys, docs, max_df=3, min_shared=2)
    assert (both.left.tolist(), both.right.tolist(), both.shared.tolist()) == ([0], [1], [3])
    banded = pairs_sharing_keys(keys, docs, max_df=2, min_shared=1)
    assert banded.shared.tolist() == [2]  # key 9 is in three documents: boilerplate


def test_pairs_with_newer_documents_are_those_of_the_full_grouping() -> None:
    rng = np.random.default_rng(11)
    table = np.unique(np.stack([rng.integers(0, 300, 4000), rng.integers(0, 120, 4000)],
                               axis=1), axis=0)  # sorted by key, then document; each once
    keys, docs = table[:, 0].astype(np.uint64), table[:, 1]
    newer = np.arange(100, 120)
    for min_shared in (1, 2, 3):
        full = pairs_sharing_keys(keys, docs, max_df=10**6, min_shared=min_shared)
        keep = np.isin(full.right, newer)
        found = pairs_with_newer(keys, docs, newer, min_shared=min_shared)
        assert found.left.tolist() == full.left[keep].tolist()
        assert found.right.tolist() == full.right[keep].tolist()
        assert found.shared.tolist() == full.shared[keep].tolist()


def test_a_short_excerpt_of_a_long_article_is_a_candidate() -> None:
    words = [f"word{i}" for i in range(2000)]
    article = " ".join(words)
    excerpt = " ".join(words[700:760])  # 3% of the article
    other = " ".join(f"other{i}" for i in range(500))
    config = ReuseConfig()
    hasher = MinHasher(config.num_perm, config.seed + 1)
    keys = [document_keys(token_hashes(token_norms(t)), config, hasher)
            for t in (article, excerpt, other)]
    assert list(corpus_candidates(keys, config)) == [(0, 1)]


def test_sorted_unique_is_np_unique_even_when_empty() -> None:
    for values in (np.array([5, 1, 5, 3, 1, 1], dtype=np.uint64), np.empty(0, np.uint64)):
        distinct, counts = sorted_unique(values, counts=True)
        expected, expected_counts = np.unique(values, return_counts=True)
        assert distinct.tolist() == expected.tolist()
        assert counts.tolist() == expected_counts.tolist()
    assert document_keys(hashes("Too short."), ReuseConfig(),
                         MinHasher(64, 1))[0].shape == (0,)


def test_fingerprints_travel_whole_through_pickle() -> None:
    for text in ("He said “no” — twice, on Tuesday.", "", "one"):
        full = fingerprint_text("a", text)
        slim = full.with_offsets()  # pickled as one packed array
        for before in (full, slim):
            after = pickle.loads(pickle.dumps(before))
            assert (after.doc_id, after.text, after.text_length) == (
                before.doc_id, before.text, before.text_length)
            assert after.token_hashes.tolist() == before.token_hashes.tolist()
            assert [a.tolist() for a in after.token_offsets()] == [
                b.tolist() for b in before.token_offsets()]
