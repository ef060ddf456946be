"""The semantic stage of the index: rewrites, translations, same-story and same-topic links.

Runs after verbatim alignment, over the documents not yet related (no row in ``related``).
Each pending document is compared with every older document that one of three generators
proposes — a verbatim alignment the verbatim stage stored, the nearest document vectors, or
enough shared rare names — and each pair gets its relation from ``match.pair``: the one
place relations are decided. The ``related`` row keeps
the document's vector and names, so later runs and queries find candidates without
re-encoding the index; sentence features are computed only for the documents a pair needs.
A batch's relations and its ``related`` rows commit together, so a killed run resumes.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable, Mapping

import numpy as np

from newstrace.config import ReuseConfig
from newstrace.engine.protocol import Engine, start_shared
from newstrace.errors import QueryStopped, UsageError
from newstrace.index.embed import Encoder
from newstrace.index.sentences import SentenceFeatures, sentence_features
from newstrace.index.shingles import Fingerprint, fingerprint
from newstrace.match.anchors import Anchors, sound_keys, text_anchors
from newstrace.match.kinds import containment
from newstrace.match.narrative import shares_narrative
from newstrace.match.orient import TextMarks, text_marks
from newstrace.match.pair import (
    AlignMemo,
    PairInput,
    align_memo,
    compare_pair,
    cut_input,
    make_input,
    needs_alignment,
)
from newstrace.match.sentences import SentenceConfig
from newstrace.match.translations import could_translate
from newstrace.match.verbatim import Alignment, align_verbatim
from newstrace.model import Document, Relation
from newstrace.stages.corpus import Corpus, names_to_store
from newstrace.stages.features import UNBOUNDED, Features, numbered
from newstrace.stages.region import (
    REGION_SENTENCES,
    block_vectors,
    cut,
    matched_region,
    moved_back,
)
from newstrace.store.index import Index

__all__ = ["query_semantic", "relate_pending"]

Progress = Callable[[int, int], None]
#: ``related`` rows: (rowid, float16 document vector, JSON list of names).
_Rows = list[tuple[int, bytes, str]]
#: Pairs to compare: (older rowid, newer rowid, the generators that proposed them).
_Jobs = list[tuple[int, int, tuple[str, ...]]]
#: A compared pair: (source rowid, derived rowid, the relation as stored JSON, or None).
_Compared = tuple[int, int, str | None]
#: One batch: its pending rowids, its ``related`` rows and the call waiting for its relations.
_Batch = tuple[list[int], _Rows, Callable[[], list[_Compared]]]
#: A batch's stored verbatim alignments with their generators, by newer rowid then older.
_Stored = dict[int, dict[int, tuple[Alignment, tuple[str, ...]]]]


def _load_corpus(index: Index) -> Corpus:
    """The related documents of an index."""
    return Corpus(index.related_rows())


def crossing_keys(features: SentenceFeatures, anchors: Callable[[], Anchors | None]
                  ) -> frozenset[str]:
    """The keys a document is proposed on across languages (``stages.corpus``): its figures
    and its names' sounds, and in a language other than English its anchors' (``anchors``
    reads them) too (a Japanese text writes foreign names in katakana, which no capital
    marks); none where its language is unknown."""
    if not features.language:
        return frozenset()
    keys = features.doc_figures | sound_keys(features.doc_names)
    if features.language != "en" and (read := anchors()) is not None:
        # anchors' names are sound keys already (keying twice is not the same key)
        keys |= {f"s:{k[2:]}" for k in read.keys if k.startswith("e:")}
    return keys


def relate_pending(index: Index, encoder: Encoder, config: SentenceConfig | None = None,
                   progress: Progress | None = None, batch_size: int = 500,
                   engine: Engine | None = None, rescorer: Encoder | None = None) -> int:
    """Relate every pending document to the older ones; returns how many were related.

    Pairs are compared on ``engine`` (default: the index's), whose workers read the batch's
    sentence features as one shared record (forked children inherit it, unpickled). With a
    ``rescorer`` (the full MiniLM, say), the documents of pairs worth aligning sentence by
    sentence, and not already copies or excerpts verbatim, are encoded again with it, here,
    and the sentence alignment scores with those vectors. Every document must have been
    aligned verbatim first (``stages.verbatim``): ``UsageError`` otherwise.

    Batches overlap: while one batch's pairs are compared, this process prepares the next
    (encoding, candidates) and stores the one before, work that would otherwise leave a
    core idle. Each batch still commits alone, in order.
    """
    if engine is None:
        engine = index.engine_in_use()
    index.writing()
    if unaligned := len(index.unaligned()):
        # related now, they would be compared without what they share verbatim, and the
        # alignments stored later would never be read
        raise UsageError(f"{unaligned} documents of this index are not aligned yet: align "
                         "them first (stages.verbatim.add_documents or align_pending)")
    pending = index.unrelated()
    if not pending:
        return 0
    index.settle_encoder(encoder.name)
    index.settle_numbering()  # before the stage's features read it
    if progress is not None:  # timed from here, not from the first batch stored
        progress(0, len(pending))
    stage = _Stage(index, encoder, config or SentenceConfig(), engine, rescorer)
    running: _Batch | None = None
    for start in range(0, len(pending) + batch_size, batch_size):
        chunk = pending[start:start + batch_size]
        started: _Batch | None = None
        if chunk:
            jobs, rows, stored = stage.prepare(chunk)
            started = (chunk, rows, stage.start(jobs, stored))
        if running is not None:
            _store(index, running[0], running[2](), running[1])
            if progress is not None:
                progress(min(start, len(pending)), len(pending))
        running = started
    return len(pending)


class _Stage:
    """One run of the semantic stage: the candidate corpus, the sentence features read so
    far, and what comparing a pair needs."""

    def __init__(self, index: Index, encoder: Encoder, config: SentenceConfig, engine: Engine,
                 rescorer: Encoder | None) -> None:
        self.index, self.corpus = index, _load_corpus(index)
        # a rescorer's vectors, once made, take part in every later pair of two rescored
        # documents: letting them go would change relations (``stages.features``)
        self.features = Features(index, encoder, engine,
                                 UNBOUNDED if rescorer is not None else None)
        self.encoder, self.config, self.engine = encoder, config, engine
        self.rescorer, self.reuse = rescorer, index.reuse

    def prepare(self, chunk: list[int]) -> tuple[_Jobs, _Rows, _Stored]:
        """A batch's pairs (older, newer, generators) and its ``related`` rows, with every
        feature its pairs need made here, so that the forked workers inherit them."""
        # the verbatim alignments of this batch alone: all of them at once held gigabytes
        # at 100,000 generated documents
        stored = self.index.verbatim_alignments(set(chunk))
        features = self.features
        features.trim()  # the batches before have their records; past the budget, let go
        features.need(chunk)
        mine = [features.features[rowid] for rowid in chunk]
        vectors = np.stack([m.document_vector() for m in mine])
        names = [m.document_names() for m in mine]
        languages = [m.language for m in mine]
        crossing = [crossing_keys(m, functools.partial(features.anchors_of, rowid))
                    for rowid, m in zip(chunk, mine, strict=True)]
        jobs: _Jobs = []
        for rowid, found in zip(chunk, self.corpus.add(chunk, vectors, names, self.reuse.max_df,
                                                       languages, crossing), strict=True):
            for older, (_shared, generators) in stored.get(rowid, {}).items():
                found.setdefault(older, set()).update(generators)
            jobs += [(older, rowid, tuple(sorted(gen))) for older, gen in sorted(found.items())]
        rows: _Rows = [(rowid, vector.astype(np.float16).tobytes(),
                        json.dumps(names_to_store(own, keys, language)))
                       for rowid, vector, own, keys, language in zip(
                           chunk, vectors, names, crossing, languages, strict=True)]
        features.need(older for older, _, _ in jobs)
        two_languages = features.crossing((older, newer) for older, newer, _ in jobs)
        for rowid in sorted({r for job in jobs for r in job[:2]}):
            features.pair_input(rowid, anchors=rowid in two_languages)
            # the key the workers' alignment memo reads, made here where it stays with the
            # features for the batches to come: a forked worker's is lost with it (dense
            # 10k: about 10 s of the workers' CPU, made again for each batch)
            features.features[rowid].content_key()
        if self.rescorer is not None:
            features.rescore((r for older, newer, gen in jobs
                              if _worth_rescoring(older, newer, gen, features, stored,
                                                  self.encoder.multilingual)
                              for r in (older, newer)), self.rescorer)
        return jobs, rows, stored

    def start(self, jobs: _Jobs, stored: _Stored) -> Callable[[], list[_Compared]]:
        """Compare a batch's pairs on the workers; the call returned waits for them. They
        run in the background: this process preparing the next batch is what keeps them
        fed, so it goes first (idle cores at 10k: 2.4 -> 1.2 core-seconds)."""
        rowids = {r for older, newer, _ in jobs for r in (older, newer)}
        context = _PairContext(
            {r: self.features.docs[r] for r in rowids},
            {r: self.features.pair_input(r) for r in rowids}, self.config,
            self.encoder.multilingual, self.reuse,
            {newer: stored[newer] for _, newer, _ in jobs if newer in stored}, align_memo())
        return self.engine.map_shared(_relate_job, context, jobs, background=True)


def _worth_rescoring(older: int, newer: int, generators: tuple[str, ...],
                     features: Features, stored: _Stored, multilingual: bool) -> bool:
    """Whether a pair's sentences are worth a second encoder: it will be aligned sentence by
    sentence, and its verbatim passages do not already cover a copy or an excerpt."""
    verbatim = stored.get(newer, {}).get(older)
    if verbatim is not None and containment(verbatim[0].coverage_a, verbatim[0].coverage_b):
        return False
    return _worth_aligning(features.pair_input(older), features.pair_input(newer), generators,
                           multilingual)


def _store(index: Index, chunk: list[int], relations: list[_Compared], rows: _Rows) -> None:
    """A batch's relations and ``related`` rows, committed together (a killed run resumes
    with the next batch)."""
    index.store_related(chunk, [(a, b, body) for a, b, body in relations if body is not None],
                        rows)


@dataclasses.dataclass(frozen=True, slots=True)
class _PairContext:
    """What comparing a batch's pairs reads: its documents and their pair inputs (made by
    ``_Stage.prepare``), the settings, and the verbatim alignments stored for its newer
    documents. One record shared by every pair (``Engine.map_shared``); each worker's copy
    of ``aligned`` keeps the sentence alignments it made, for the next pair of the same two
    texts."""

    docs: dict[int, Document]
    inputs: dict[int, PairInput]
    config: SentenceConfig
    multilingual: bool
    reuse: ReuseConfig
    stored: _Stored
    aligned: AlignMemo


def _relate_job(context: _PairContext, job: tuple[int, int, tuple[str, ...]]) -> _Compared:
    """The relation of one (older, newer, generators) pair, as (source rowid, derived rowid,
    relation as stored); the verbatim stage's alignment of the pair is reused rather than
    made again. The worker writes the JSON: a string crosses the pipe far more cheaply than
    the relation's objects, which the parent would only turn into JSON anyway."""
    older, newer, generators = job
    docs, inputs = context.docs, context.inputs
    first, second = sorted((older, newer), key=lambda r: docs[r].id)
    verbatim = context.stored.get(newer, {}).get(older)
    relation = _compare((docs[first], inputs[first]), (docs[second], inputs[second]),
                        generators, context.config, context.multilingual, context.reuse,
                        verbatim[0] if verbatim else None, memo=context.aligned)
    if relation is None:
        return first, second, None
    if relation.source != docs[first].id:
        first, second = second, first
    return first, second, json.dumps(relation.to_json(), sort_keys=True)


def _compare(first: tuple[Document, PairInput], second: tuple[Document, PairInput],
             generators: tuple[str, ...], config: SentenceConfig, multilingual: bool,
             reuse: ReuseConfig, verbatim: Alignment | None = None,
             known: Mapping[str, Fingerprint] | None = None,
             memo: AlignMemo | None = None) -> Relation | None:
    """``compare_pair`` for two documents (``first`` has the smaller id), aligning verbatim
    only where a verbatim generator proposed the pair and no stored alignment exists, and by
    sentence only where the pair could be a rewrite or a translation (``memo``: the
    alignments kept so far, ``match.pair.AlignMemo``).

    A pair no verbatim generator proposed whose sentences align closely
    (``LOOK_VERBATIM_SCORE``) is aligned verbatim after all, and compared again with what
    it shares word for word: text carried by more than ``ReuseConfig.max_df`` documents
    proposes no verbatim pair (a wire story on a hundred sites: its copies were compared by
    their sentences alone and reported as rewrites of one another)."""
    (doc_a, left), (doc_b, right) = first, second
    proposed = bool(_VERBATIM_GENERATORS & set(generators))
    if verbatim is not None:
        alignment = verbatim.seen_from(doc_a.id)
    elif proposed:
        alignment = _verbatim(doc_a, doc_b, reuse, known or {})
    else:
        alignment = Alignment(doc_a.id, doc_b.id, (), 0.0, 0.0)
    relation = _compared(left, right, alignment, generators, config, multilingual, memo)
    if relation is None or verbatim is not None or proposed or not _aligns_closely(relation):
        return relation
    shared = _verbatim(doc_a, doc_b, reuse, known or {})
    if not shared.passages:
        return relation
    return _compared(left, right, shared, generators, config, multilingual, memo)


#: Mean similarity of a pair's aligned sentences from which its texts are looked at word
#: for word though no verbatim generator proposed it (``_compare``): copies align at 1.0, a
#: copy with a few edits above 0.95, a rewrite's reworded sentences lower.
LOOK_VERBATIM_SCORE = 0.95


def _aligns_closely(relation: Relation) -> bool:
    features = relation.features
    return features is not None and bool(features.get("passages")) \
        and float(features.get("mean_score") or 0.0) >= LOOK_VERBATIM_SCORE


def _compared(left: PairInput, right: PairInput, alignment: Alignment,
              generators: tuple[str, ...], config: SentenceConfig, multilingual: bool,
              memo: AlignMemo | None) -> Relation | None:
    """``compare_pair`` with its sentences aligned where the pair needs it."""
    # A verbatim generator proposes every pair that shares a quotation; its sentences are
    # aligned only when the verbatim passages hold narrative words or the pair could be a
    # rewrite (a dense crawl's pairs mostly share public words alone).
    align = needs_alignment(left.features, right.features, multilingual) or (
        bool(_VERBATIM_GENERATORS & set(generators))
        and shares_narrative(alignment.passages, left.public, right.public)) or (
        could_translate(left, right))
    return compare_pair(left, right, alignment, generators, config, multilingual,
                        align=align, memo=memo)


_VERBATIM_GENERATORS = frozenset({"shingles", "minhash"})


def _worth_aligning(left: PairInput, right: PairInput, generators: tuple[str, ...],
                    multilingual: bool) -> bool:
    return bool(_VERBATIM_GENERATORS & set(generators)) or needs_alignment(
        left.features, right.features, multilingual) or could_translate(left, right)


def _verbatim(first: Document, second: Document, reuse: ReuseConfig,
              known: Mapping[str, Fingerprint]) -> Alignment:
    """The pair's verbatim alignment; a fingerprint in ``known`` (a query's, compared with
    every candidate) is not recomputed."""
    prints = [known.get(d.id) or fingerprint(d, reuse.seed) for d in (first, second)]
    return align_verbatim(prints[0], prints[1], reuse)


def query_semantic(index: Index, doc: Document, encoder: Encoder,
                   verbatim: dict[int, tuple[str, ...]],
                   config: SentenceConfig | None = None,
                   stop: Callable[[], bool] | None = None, engine: Engine | None = None
                   ) -> list[Relation]:
    """Relations of a document (indexed or not) with the related documents of the index.

    ``verbatim`` holds the rowids the verbatim lookup proposed, with their generators.
    Candidates are compared on ``engine`` (None: here), ``QUERY_CHUNK`` at a time;
    ``stop`` is asked before each chunk, and when it says so the query raises
    ``QueryStopped`` (a web query's time budget ran out, or its client went away).
    """
    config = config or SentenceConfig()
    mine = sentence_features([doc], encoder)[0]
    if stop is not None and stop():
        raise QueryStopped("stopped after reading the query's sentences")
    ours = functools.cache(lambda: text_anchors(doc.text) if mine.language else None)
    found = _load_corpus(index).propose(mine.document_vector(), mine.document_names(),
                                        index.reuse.max_df, mine.language,
                                        crossing_keys(mine, ours))
    for rowid, generators in verbatim.items():
        found.setdefault(rowid, set()).update(generators)
    features = Features(index, encoder, engine)
    features.need(found)
    marks = text_marks(doc.text)
    # its names and figures in order, only where a candidate is in another language
    me = numbered(make_input(doc, mine, marks, anchors=ours() if any(
        features.features[r].language not in (None, mine.language) for r in found) else None),
        features.rates)
    reuse = index.reuse
    # The query is compared with every candidate: its fingerprint is made once (once per
    # pair made a 1 MB query's time grow with the square of its size).
    known = {doc.id: fingerprint(doc, reuse.seed).with_offsets()}
    blocks = block_vectors(mine) if len(mine) > REGION_SENTENCES else None
    candidates = [r for r in sorted(found, key=lambda r: features.docs[r].id)
                  if features.docs[r].id != doc.id]
    out: list[Relation] = []
    # in process, ``stop`` is asked per candidate
    chunk = QUERY_CHUNK if engine is not None and engine.processes > 1 else 1
    for start in range(0, len(candidates), chunk):
        if stop is not None and stop():
            raise QueryStopped(f"stopped after comparing {start} of {len(candidates)} "
                               "candidates")
        query = _Query(doc, mine, me, marks, blocks, known, features, found, config,
                       encoder.multilingual, reuse)
        compared = start_shared(engine, _query_candidate, query,
                                candidates[start:start + chunk])()
        out.extend(r for r in compared if r is not None)
    return out


#: Candidates a query compares between two questions to ``stop`` (and per fork).
QUERY_CHUNK = 256
@dataclasses.dataclass(frozen=True, slots=True)
class _Query:
    """What comparing a query with its candidates needs, made once: the query's side, the
    candidates' features and the settings (the record each worker shares)."""

    doc: Document
    features: SentenceFeatures
    input: PairInput
    marks: TextMarks
    blocks: np.ndarray | None  # its blocks' vectors, for a long paste (``stages.region``)
    known: dict[str, Fingerprint]
    candidates: Features  # the candidates' documents and features
    found: Mapping[int, set[str]]  # each candidate's generators
    config: SentenceConfig
    multilingual: bool
    reuse: ReuseConfig


def _query_candidate(query: _Query, rowid: int) -> Relation | None:
    """The query's relation with one candidate (in a forked worker): a long paste is cut to
    the region the candidate matches (``stages.region``), its input taken from the whole
    paste's, and the relation's spans moved back into the whole paste."""
    features, config, multilingual, reuse = (query.candidates, query.config,
                                             query.multilingual, query.reuse)
    ours, their_language = query.features.language, features.features[rowid].language
    theirs = features.pair_input(rowid, anchors=bool(ours and their_language
                                                     and ours != their_language))
    generators = tuple(sorted(query.found[rowid]))
    region = (matched_region(query.features, theirs.features, query.blocks)
              if query.blocks is not None else None)
    if region is None:
        return _query_compare((query.doc, query.input, features.docs[rowid], theirs,
                               generators, query.known, 0), config, multilingual, reuse)
    part, cut_features, offset = cut(query.doc, query.features, *region)
    return _query_compare((part, cut_input(query.input, part, cut_features, offset,
                                           query.marks),
                           features.docs[rowid], theirs, generators, {}, offset),
                          config, multilingual, reuse)


#: One candidate of a query, ready to compare: (the query or its cut, its input, the
#: candidate and its input, the generators, the known fingerprints, the cut's offset).
_QueryJob = tuple[Document, PairInput, Document, PairInput, tuple[str, ...],
                  Mapping[str, Fingerprint], int]


def _query_compare(job: _QueryJob, config: SentenceConfig, multilingual: bool,
                   reuse: ReuseConfig) -> Relation | None:
    """The relation of a prepared query job, with spans in the whole query."""
    query, query_input, other, theirs, generators, prints, offset = job
    first, second = sorted([(query, query_input), (other, theirs)], key=lambda x: x[0].id)
    relation = _compare(first, second, generators, config, multilingual, reuse, known=prints)
    if relation is None or not offset:
        return relation
    return moved_back(relation, query.id, offset)
