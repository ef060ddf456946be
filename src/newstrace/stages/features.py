"""The documents' readings that comparing needs, made on first use in one run and kept up
to a byte budget.

The semantic stage compares each new document with older ones anywhere in the index, so
which documents a later batch needs is not known in advance. Reading a document
(``index.sentences.sentence_features``, ``match.pair_input.read_text``) costs a few
milliseconds; keeping every reading for the whole run made the stage's memory grow with the
corpus (at 100,000 generated documents the kept sentence vectors alone were several GB).
So readings are kept least recently used first out, past ``capacity_bytes``: a document
needed again after it was let go is read again. The readings are functions of the document
alone, so what is kept changes the work, never the answer. Not so a rescoring encoder's
vectors (``--rescore``): a pair aligns on them when both its documents were rescored for any
pair, so with a rescorer nothing is let go (``UNBOUNDED``), as before the budget.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import replace

import numpy as np

from newstrace.engine.protocol import Engine, start_each
from newstrace.index.embed import Encoder
from newstrace.index.sentences import SentenceFeatures, SentenceMemo, sentence_features
from newstrace.match.anchors import Anchors, text_anchors
from newstrace.match.page_ids import Rates, rated
from newstrace.match.pair import PairInput, make_input
from newstrace.match.pair_input import TextReadings, read_text
from newstrace.model import Document
from newstrace.store.index import Index

__all__ = ["FEATURES_BYTES", "UNBOUNDED", "Features", "numbered"]

#: The readings kept at most (an estimate of their bytes): about 14,000 documents of the
#: dense bench (72 KB each: 181 MB for 2,500), so a run of 10,000 reads none twice.
FEATURES_BYTES = 1 << 30
#: A budget that lets nothing go.
UNBOUNDED = 1 << 62


class Features:
    """Sentence features and pair inputs of stored documents, computed on first use within
    one run, the least recently used let go past ``capacity_bytes`` (between batches:
    ``trim``)."""

    def __init__(self, index: Index, encoder: Encoder, engine: Engine | None = None,
                 capacity_bytes: int | None = None) -> None:
        self.index, self.encoder, self.engine = index, encoder, engine
        self.capacity_bytes = FEATURES_BYTES if capacity_bytes is None else capacity_bytes
        self.docs: dict[int, Document] = {}
        self.features: dict[int, SentenceFeatures] = {}
        self.inputs: dict[int, PairInput] = {}
        self.readings: dict[int, TextReadings] = {}  # until its pair input is made
        self.anchors: dict[int, Anchors | None] = {}
        self.memo = SentenceMemo()  # each distinct sentence read once in the run
        self.sizes: OrderedDict[int, int] = OrderedDict()  # least recently needed first
        self.held_bytes = 0
        self.rates = index.numbering()  # the sites' article numbering (``match.page_ids``)

    def __getstate__(self) -> dict[str, object]:
        """What a worker reads (the documents, features and inputs made so far), without
        the index, the encoder, the engine, the sentence readings kept and the text
        readings not yet made into inputs, which only this process uses (``pair_input``
        reads a text again without them): a cluster engine pickles the record its workers
        share."""
        return {**self.__dict__, "index": None, "encoder": None, "engine": None,
                "memo": None, "readings": {}, "sizes": OrderedDict()}

    def need(self, rowids: Iterable[int]) -> None:
        """Read the documents of ``rowids`` not read yet, and mark them all as just used."""
        wanted = sorted(set(rowids))
        for rowid in wanted:
            if rowid in self.sizes:
                self.sizes.move_to_end(rowid)
        missing = [r for r in wanted if r not in self.features]
        if not missing:
            return
        loaded = self.index.load(missing)
        self.docs.update(loaded)
        docs = [loaded[r] for r in missing]
        reading = start_each(self.engine, read_text, docs)  # beside the sentences
        computed = sentence_features(docs, self.encoder, self.engine, self.memo)
        self.features.update(zip(missing, computed, strict=True))
        self.readings.update(zip(missing, reading(), strict=True))
        for rowid, doc, features in zip(missing, docs, computed, strict=True):
            size = _size(doc, features)
            self.sizes[rowid] = size
            self.held_bytes += size

    def trim(self) -> None:
        """Let the least recently needed documents go until ``capacity_bytes`` are held
        (called between batches: a batch's own documents are then the most recent)."""
        while self.held_bytes > self.capacity_bytes and self.sizes:
            rowid, size = self.sizes.popitem(last=False)
            self.held_bytes -= size
            for kept in (self.docs, self.features, self.inputs, self.readings, self.anchors):
                kept.pop(rowid, None)

    def rescore(self, rowids: Iterable[int], rescorer: Encoder) -> None:
        """Give these documents' pair inputs the rescoring encoder's sentence vectors (encoded
        here, in one batch, so forked workers only read them)."""
        missing = sorted(r for r in set(rowids) if self.pair_input(r).rescored is None)
        texts = [[self.docs[r].text[s.start:s.end] for s in self.features[r].spans]
                 for r in missing]
        flat = [t for own in texts for t in own]
        vectors = rescorer.encode(flat) if flat else np.zeros((0, 1), dtype=np.float32)
        row = 0
        for rowid, own in zip(missing, texts, strict=True):
            self.inputs[rowid] = replace(self.inputs[rowid],
                                         rescored=vectors[row:row + len(own)])
            row += len(own)

    def pair_input(self, rowid: int, anchors: bool = False) -> PairInput:
        """What comparing needs of one document, made once per run; with ``anchors``, its
        names and figures in order too (``match.anchors``), for a pair across languages."""
        found = self.inputs.get(rowid)
        if found is None:
            found = numbered(make_input(self.docs[rowid], self.features[rowid],
                                        anchors=self.anchors_of(rowid) if anchors else None,
                                        readings=self.readings.pop(rowid, None)), self.rates)
            self.inputs[rowid] = found
        elif anchors and found.anchors is None and self.docs[rowid].language:
            found = replace(found, anchors=self.anchors_of(rowid))
            self.inputs[rowid] = found
        return found

    def anchors_of(self, rowid: int) -> Anchors | None:
        """A document's names and figures in order (``match.anchors``), read once per run;
        None where its language is unknown."""
        if rowid not in self.anchors:
            doc = self.docs[rowid]
            self.anchors[rowid] = text_anchors(doc.text) if doc.language else None
        return self.anchors[rowid]

    def crossing(self, pairs: Iterable[tuple[int, int]]) -> set[int]:
        """The documents of ``pairs`` paired with one of another identified language."""
        out: set[int] = set()
        for a, b in pairs:
            la, lb = self.features[a].language, self.features[b].language
            if la and lb and la != lb:
                out.update((a, b))
        return out


def numbered(found: PairInput, rates: Rates) -> PairInput:
    """The input with its page's article number given its site's numbering rate."""
    page = found.info.page
    if page is None:
        return found
    return replace(found, info=replace(found.info, page=rated(page, rates)))


def _size(doc: Document, features: SentenceFeatures) -> int:
    """About how many bytes a document's kept readings take: its sentence vectors and
    hashed word sets, its text, and per sentence the spans and counts of its features and
    pair input."""
    arrays = features.vectors.nbytes + features.doc_vector.nbytes + sum(
        s.items.nbytes + s.owner.nbytes + s.sizes.nbytes + s.next_union.nbytes
        + s.distinct.nbytes
        for s in (features.key_sets, features.word_sets))
    if features.topic_words is not None:
        arrays += features.topic_words.nbytes
    return arrays + 2 * len(doc.text) + 400 * len(features.spans) + 4000
