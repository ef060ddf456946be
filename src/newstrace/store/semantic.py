"""The semantic stage of the index: rewrites, translations, same-story and same-topic links.

Runs after verbatim alignment, over the documents not yet related (the ``related`` table
says which were). Each pending document is compared with every older document that one of
three generators proposes — a stored verbatim relation, the nearest document vectors, or
enough shared rare names — and each pair gets its final relation from ``match.pair``. A
batch's relations and its ``related`` marks commit together, so a killed run resumes.

Sentence features are recomputed on each run rather than stored: the shipped encoder does
tens of thousands of sentences a second, and an index stays valid whatever encoder is asked
for next (the one used is recorded in ``meta``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import numpy as np

from newstrace.config import ReuseConfig
from newstrace.index.embed import Encoder
from newstrace.index.sentences import SentenceFeatures, sentence_features
from newstrace.index.shingles import fingerprint
from newstrace.match.pair import PairInput, compare_pair
from newstrace.match.relation import Relation, relation_from_json
from newstrace.match.sentences import SentenceConfig
from newstrace.match.verbatim import align_verbatim
from newstrace.model import Document
from newstrace.provenance.orient import orient_info
from newstrace.store.index import Index

__all__ = ["NEIGHBOURS", "relate_pending"]

#: Nearest documents by vector proposed for each new document.
NEIGHBOURS = 10
#: A neighbour must be at least this close (cosine of document vectors).
MIN_COSINE = 0.6
#: Pairs sharing this many rare names (in at most ``max_df`` documents) are proposed.
MIN_SHARED_NAMES = 3

Progress = Callable[[int, int], None]


def _names(features: Sequence[SentenceFeatures]) -> list[set[str]]:
    return [{k for k in f.document_keys() if k.startswith("e:")} for f in features]


def _candidates(pending: list[int], features: list[SentenceFeatures], max_df: int
                ) -> dict[tuple[int, int], set[str]]:
    """(older, newer) positions proposed by vectors and by names, with their generators."""
    vectors = np.stack([f.document_vector() for f in features]) if features else None
    names = _names(features)
    postings: dict[str, list[int]] = {}
    for position, keys in enumerate(names):
        for key in keys:
            postings.setdefault(key, []).append(position)
    found: dict[tuple[int, int], set[str]] = {}
    for newer in pending:
        if newer == 0 or vectors is None:
            continue
        sims = vectors[:newer] @ vectors[newer]
        top = np.argsort(-sims, kind="stable")[:NEIGHBOURS]
        for older in top[sims[top] >= MIN_COSINE].tolist():
            found.setdefault((older, newer), set()).add("vectors")
        shared: dict[int, int] = {}
        for key in names[newer]:
            holders = postings[key]
            if len(holders) <= max_df:
                for older in holders:
                    if older < newer:
                        shared[older] = shared.get(older, 0) + 1
        for older, count in shared.items():
            if count >= MIN_SHARED_NAMES:
                found.setdefault((older, newer), set()).add("immutables")
    return found


def _settle_encoder(index: Index, encoder: Encoder) -> None:
    conn = index._conn
    row = conn.execute("SELECT value FROM meta WHERE key = 'encoder'").fetchone()
    if row is None or row[0] != encoder.name:
        with index._transaction() as tx:
            tx.execute("INSERT OR REPLACE INTO meta VALUES ('encoder', ?)", (encoder.name,))


def relate_pending(index: Index, encoder: Encoder, config: SentenceConfig | None = None,
                   progress: Progress | None = None, batch_size: int = 500) -> int:
    """Relate every pending document to the older ones; returns how many were related."""
    config = config or SentenceConfig()
    conn = index._conn
    rows = conn.execute("SELECT rowid, id FROM documents ORDER BY rowid").fetchall()
    done = {r for (r,) in conn.execute("SELECT doc FROM related")}
    pending = [i for i, (rowid, _) in enumerate(rows) if rowid not in done]
    if not pending:
        return 0
    _settle_encoder(index, encoder)
    loaded = index._load(r for r, _ in rows)
    docs = [loaded[r] for r, _ in rows]
    features = sentence_features(docs, encoder)
    candidates = _candidates(pending, features, index._config.max_df)
    stored = _stored_relations(index, [r for r, _ in rows])
    for pair, generators in stored.items():
        candidates.setdefault(pair, set()).update(generators)
    inputs = [PairInput(f, orient_info(d), len(d.text), d.locator)
              for f, d in zip(features, docs, strict=True)]
    by_newer: dict[int, list[tuple[int, set[str]]]] = {}
    for (older, newer), generators in sorted(candidates.items()):
        by_newer.setdefault(newer, []).append((older, generators))
    for start in range(0, len(pending), batch_size):
        chunk = pending[start:start + batch_size]
        found = [_relate(docs, inputs, older, newer, tuple(sorted(gen)), config,
                         encoder.multilingual, index._config)
                 for newer in chunk for older, gen in by_newer.get(newer, [])]
        rowid = {doc.id: rows[i][0] for i, doc in enumerate(docs)}
        with index._transaction() as tx:
            for newer in chunk:  # its verbatim relations with older documents are replaced
                me = rows[newer][0]
                tx.execute("DELETE FROM relations WHERE (a = ? AND b < ?) OR (b = ? AND a < ?)",
                           (me, me, me, me))
            tx.executemany("INSERT OR REPLACE INTO relations VALUES (?, ?, ?)",
                           [(rowid[r.source], rowid[r.derived],
                             json.dumps(r.to_json(), sort_keys=True)) for r in found if r])
            tx.executemany("INSERT INTO related VALUES (?)", [(rows[n][0],) for n in chunk])
        if progress is not None:
            progress(min(start + batch_size, len(pending)), len(pending))
    return len(pending)


def _relate(docs: list[Document], inputs: list[PairInput], older: int, newer: int,
            generators: tuple[str, ...], config: SentenceConfig, multilingual: bool,
            reuse: ReuseConfig) -> Relation | None:
    first, second = sorted((older, newer), key=lambda i: docs[i].id)
    verbatim = align_verbatim(fingerprint(docs[first], reuse.seed),
                              fingerprint(docs[second], reuse.seed), reuse)
    return compare_pair(inputs[first], inputs[second], verbatim, generators, config,
                        multilingual)


def _stored_relations(index: Index, rowids: list[int]) -> dict[tuple[int, int], set[str]]:
    """Pairs the verbatim stage related, as (older, newer) positions with their generators."""
    position = {rowid: i for i, rowid in enumerate(rowids)}
    out: dict[tuple[int, int], set[str]] = {}
    for a, b, body in index._conn.execute("SELECT a, b, body FROM relations"):
        if a in position and b in position:
            pair = tuple(sorted((position[a], position[b])))
            out[(pair[0], pair[1])] = set(relation_from_json(json.loads(body)).proposed_by)
    return out
