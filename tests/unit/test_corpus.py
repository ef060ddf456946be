"""The semantic stage's candidate corpus: a batch proposes what one-by-one adding proposes."""

from __future__ import annotations

import json

import numpy as np
import pytest

import newstrace.stages.corpus as corpus_module
from newstrace.stages.corpus import Corpus, Found, names_to_store


def _documents(count: int, seed: int) -> tuple[np.ndarray, list[frozenset[str]]]:
    """Unit vectors in a few tight clusters (so neighbours pass the cosine floor) and names
    drawn from a small pool (so some are shared by many documents)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(6, 16))
    vectors = centres[rng.integers(0, 6, count)] + 0.3 * rng.normal(size=(count, 16))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    vectors = vectors.astype(np.float16).astype(np.float32)  # as stored, as ``add`` reads them
    pool = [f"name{k}" for k in range(12)]
    names = [frozenset(rng.choice(pool, size=int(rng.integers(0, 6)), replace=False).tolist())
             for _ in range(count)]
    return vectors, names


def _one_by_one(vectors: np.ndarray, names: list[frozenset[str]], max_df: int) -> list[Found]:
    corpus = Corpus()
    out = []
    for rowid, (vector, own) in enumerate(zip(vectors, names, strict=True), start=1):
        out.append(corpus.propose(vector, own, max_df))
        corpus.append(rowid, vector, own)
    return out


@pytest.mark.parametrize("batch", [1, 7, 40, 200])
def test_a_batch_proposes_what_adding_one_by_one_proposes(batch: int,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setattr(corpus_module, "_BLOCK_CELLS", 300)  # several blocks per batch
    vectors, names = _documents(120, seed=batch)
    expected = _one_by_one(vectors, names, max_df=10)
    corpus = Corpus()
    got: list[Found] = []
    for start in range(0, len(vectors), batch):
        rowids = list(range(start + 1, min(start + batch, len(vectors)) + 1))
        got += corpus.add(rowids, vectors[start:start + batch], names[start:start + batch],
                          max_df=10)
    assert got == expected
    assert sum("vectors" in gen for found in got for gen in found.values()) > 100
    assert sum("immutables" in gen for found in got for gen in found.values()) > 10


def test_a_name_counts_as_rare_by_the_documents_before_it() -> None:
    """A name held by many later documents of the batch does not stop an earlier one from
    sharing it: rarity is judged on what came before, as a later run would judge it."""
    names = [frozenset({"a", "b", "c"})] * 4
    vectors = np.eye(4, 8, dtype=np.float32)  # orthogonal: no vector neighbours
    found = Corpus().add([1, 2, 3, 4], vectors, names, max_df=1)
    assert found[1] == {1: {"immutables"}}
    assert found[2] == {} and found[3] == {}  # by then each name is held by two or more


def test_a_batch_reads_vectors_at_their_stored_precision() -> None:
    """What one run adds proposes what a run resumed from the stored (float16) corpus does."""
    vectors, names = _documents(60, seed=5)
    noisy = vectors + np.float32(1e-4) * np.random.default_rng(1).normal(size=vectors.shape
                                                                       ).astype(np.float32)
    whole = Corpus().add(list(range(1, 61)), noisy, names, max_df=10)
    first = Corpus()
    first.add(list(range(1, 31)), noisy[:30], names[:30], max_df=10)
    stored = [(r, v.astype(np.float16).tobytes(), json.dumps(sorted(n)))
              for r, v, n in zip(first.rowids, first.vectors, first.names, strict=True)]
    resumed = Corpus(stored).add(list(range(31, 61)), noisy[30:], names[30:], max_df=10)
    assert whole[30:] == resumed


def _multilingual(count: int, seed: int) -> tuple[np.ndarray, list[str | None],
                                                   list[frozenset[str]]]:
    """Orthogonal-ish vectors (no neighbour passes the cosine floor), languages of three
    kinds and none, and crossing keys from a small pool (so heaps fill)."""
    rng = np.random.default_rng(seed)
    vectors = np.zeros((count, count), dtype=np.float32)
    vectors[np.arange(count), np.arange(count)] = 1.0
    languages = [None if rng.random() < 0.1 else str(rng.choice(["en", "de", "ja"]))
                 for _ in range(count)]
    pool = [f"s:k{k}" for k in range(12)]
    crossing = [frozenset(rng.choice(pool, size=int(rng.integers(0, 8)), replace=False).tolist())
                if language else frozenset() for language in languages]
    return vectors, languages, crossing


def _by_rule(languages: list[str | None], crossing: list[frozenset[str]], max_df: int,
             depth: int) -> list[set[int]]:
    """The rule stated plainly: a document is proposed the older ones of another language
    sharing 3 rare keys or more that are among its ``depth`` best (ties to the older) or
    among whose own ``depth`` best it ranks, strictly, of the documents before it."""
    counts: list[dict[int, int]] = []
    out = []
    for q, keys in enumerate(crossing):
        shared: dict[int, int] = {}
        for key in keys:
            holders = [p for p in range(q) if key in crossing[p]]
            if len(holders) <= max_df:
                for p in holders:
                    if languages[p] and languages[q] and languages[p] != languages[q]:
                        shared[p] = shared.get(p, 0) + 1
        shared = {p: c for p, c in shared.items() if c >= 3}
        counts.append(shared)
        ranked = [p for _, p in sorted((-c, p) for p, c in shared.items())[:depth]]
        for p, c in shared.items():
            best = sorted([*counts[p].values(), *(counts[r][p] for r in range(p + 1, q)
                                                  if p in counts[r])], reverse=True)
            if p not in ranked and (len(best) < depth or c > best[depth - 1]):
                ranked.append(p)
        out.append({p + 1 for p in ranked})
    return out


@pytest.mark.parametrize("seed", range(6))
def test_documents_of_other_languages_are_ranked_both_ways_whatever_the_batches(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_module, "OTHER_LANGUAGE", 3)  # heaps fill in 60 documents
    vectors, languages, crossing = _multilingual(60, seed)
    names = [frozenset()] * 60
    expected = _by_rule(languages, crossing, 12, 3)

    def traced(batch: int, resumed_at: int | None = None) -> list[set[int]]:
        corpus, start, out = Corpus(), 0, []
        if resumed_at is not None:  # a run stopped after ``resumed_at`` documents
            corpus.add(list(range(1, resumed_at + 1)), vectors[:resumed_at],
                       names[:resumed_at], 12, languages[:resumed_at], crossing[:resumed_at])
            corpus = Corpus([(r, vectors[r - 1].astype(np.float16).tobytes(),
                              json.dumps(names_to_store(frozenset(), crossing[r - 1],
                                                        languages[r - 1])))
                             for r in range(1, resumed_at + 1)])
            out, start = [set()] * resumed_at, resumed_at
        for at in range(start, 60, batch):
            found = corpus.add(list(range(at + 1, min(at + batch, 60) + 1)),
                               vectors[at:at + batch], names[at:at + batch], 12,
                               languages[at:at + batch], crossing[at:at + batch])
            out += [{r for r, gen in f.items() if "languages" in gen} for f in found]
        return out

    whole = traced(60)
    assert whole == expected
    assert sum(map(len, whole)) > 30  # proposals made, some only the other way
    assert traced(1) == traced(7) == whole
    for stop in (10, 41):
        assert traced(5, stop)[stop:] == whole[stop:]
