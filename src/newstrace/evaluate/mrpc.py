"""MRPC (Microsoft Research Paraphrase Corpus): does "aligned, and nothing changed" mean
"same meaning"?

Each pair of sentences is aligned as newstrace aligns a rewrite's sentences (the similarity
of ``match.sentences``: embedding cosine, immutables and content words) and its changes are
read as on any derivation. newstrace calls a pair "same meaning" when the similarity reaches
``threshold`` and no change is of severity medium or higher. Reported on the gate half of
the pairs (``evaluate.halves``, by the two sentence ids): that rule's accuracy, the
similarity alone (its threshold chosen on the tuning half), how often each change kind fires
on each label, and the number flag's precision and recall on the pairs whose words differ
only in their numbers. MRPC's "paraphrases" differ in exactly what a copy must be flagged
for (103 of 118 pairs differing only in a number are paraphrases), so the rule's accuracy is
a description, not a target; the similarity alone measures paraphrase similarity.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newstrace.changes.detect import detect_changes
from newstrace.changes.figures import numbers
from newstrace.evaluate.halves import half_of
from newstrace.index.embed import Encoder
from newstrace.index.hashsets import Overlap
from newstrace.index.sentences import content_words
from newstrace.match.sentences import SentenceConfig, similarity
from newstrace.model import Change, Document, Passage, Span
from newstrace.text.immutables import immutables
from newstrace.text.quotes import word_dice
from newstrace.text.segment import split_paragraphs, split_sentences
from newstrace.text.tokens import token_norms

__all__ = ["MrpcPair", "evaluate_mrpc", "read_pairs", "sentence_similarity"]

#: "Same meaning" needs this sentence similarity. The aligner pairs sentences from 0.42 (a
#: rewrite's weakest true pairs); MRPC's negatives are mostly near paraphrases that add or
#: drop a clause, so the bar is the one that separates them best on the training file.
PARAPHRASE = 0.6
_SERIOUS = ("high", "medium")


@dataclass(frozen=True, slots=True)
class MrpcPair:
    """One labelled pair of sentences (``same`` is MRPC's Quality: 1 = paraphrase)."""

    same: bool
    first: str
    second: str
    key: str = ""  # the two sentence ids


def read_pairs(path: Path) -> Iterator[MrpcPair]:
    """The pairs of an MRPC file (tab-separated, no quoting; a header line, as the original
    distribution has and some copies drop, is skipped when present)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in rows:
            if len(row) >= 5 and row[0].strip() in ("0", "1"):
                yield MrpcPair(row[0].strip() == "1", row[3], row[4], f"{row[1]} {row[2]}")


def sentence_similarity(cosine: float, first: str, second: str,
                        config: SentenceConfig) -> float:
    """The aligner's similarity of two sentences: ``match.sentences.similarity`` on a
    one-by-one matrix."""
    def overlap(a: frozenset[str], b: frozenset[str]) -> Overlap:
        present = bool(a or b)
        value = word_dice(tuple(a), tuple(b)) if present else 0.0
        return np.array([[value]], dtype=np.float32), np.array([[present]])

    keys = overlap(immutables(first).keys(), immutables(second).keys())
    words = overlap(content_words(first), content_words(second))
    return float(similarity(np.array([[cosine]], dtype=np.float32), keys, words, config)[0, 0])


def _document(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, path=doc_id, locator=doc_id, format="text", text=text,
                    paragraphs=tuple(split_paragraphs(text)),
                    sentences=tuple(split_sentences(text)))


def pair_changes(pair: MrpcPair, score: float) -> tuple[Change, ...]:
    """The changes of the second sentence against the first, aligned as one passage."""
    first, second = _document("a", pair.first), _document("b", pair.second)
    passage = Passage(Span(0, len(pair.first)), Span(0, len(pair.second)), "paraphrase",
                      score, len(pair.first.split()))
    return detect_changes(first, second, [passage])


def _numbers_only(pair: MrpcPair) -> bool:
    """Whether the two sentences differ in their numbers and (nearly) nothing else."""
    values_a = {m.value for m in numbers(pair.first)}
    values_b = {m.value for m in numbers(pair.second)}
    if not values_a or values_a == values_b:
        return False
    words_a = {w for w in token_norms(pair.first) if not w[0].isdigit()}
    words_b = {w for w in token_norms(pair.second) if not w[0].isdigit()}
    return word_dice(tuple(words_a), tuple(words_b)) >= 0.8


def _best_threshold(scores: np.ndarray, same: np.ndarray) -> tuple[float, float]:
    if not len(scores):
        return PARAPHRASE, 0.0
    candidates = np.round(np.arange(0.3, 0.9, 0.01), 2)
    accuracies = [float(((scores >= t) == same).mean()) for t in candidates]
    best = int(np.argmax(accuracies))
    return float(candidates[best]), accuracies[best]


def evaluate_mrpc(path: Path, encoder: Encoder, threshold: float = PARAPHRASE,
                  limit: int | None = None) -> dict[str, Any]:
    """The figures described in the module docstring, as a JSON-ready mapping."""
    every = list(read_pairs(path))[:limit]
    config = SentenceConfig()
    first = encoder.encode([p.first for p in every])
    second = encoder.encode([p.second for p in every])
    cosines = (first * second).sum(axis=1)
    all_scores = np.array([sentence_similarity(float(c), p.first, p.second, config)
                           for c, p in zip(cosines, every, strict=True)])
    gate = np.array([half_of(p.key) == "gate" for p in every], dtype=bool)
    labels = np.array([p.same for p in every], dtype=bool)
    tune_t, tune_accuracy = _best_threshold(all_scores[~gate], labels[~gate])
    pairs = [p for p, g in zip(every, gate, strict=True) if g]
    scores, same = all_scores[gate], labels[gate]
    found = [pair_changes(p, float(s)) for p, s in zip(pairs, scores, strict=True)]
    serious = np.array([any(c.severity in _SERIOUS for c in f) for f in found], dtype=bool)
    decided = (scores >= threshold) & ~serious
    kinds: dict[str, dict[str, int]] = {}
    for label, changes in zip(same, found, strict=True):
        for kind in sorted({c.kind for c in changes if c.severity in _SERIOUS}):
            row = kinds.setdefault(kind, {"paraphrases": 0, "non_paraphrases": 0})
            row["paraphrases" if label else "non_paraphrases"] += 1
    subset = [i for i, p in enumerate(pairs) if _numbers_only(p)]
    flagged = [i for i in subset if any(c.kind == "number_changed" for c in found[i])]
    negatives = [i for i in subset if not same[i]]
    hits = [i for i in flagged if not same[i]]
    return {
        "pairs": len(pairs), "tuning_pairs": int((~gate).sum()), "encoder": encoder.name,
        "threshold": threshold,
        "accuracy": round(float((decided == same).mean()), 4) if len(pairs) else 0.0,
        "similarity_only": {
            "threshold": tune_t, "tuning_accuracy": round(tune_accuracy, 4),
            "accuracy": round(float(((scores >= tune_t) == same).mean()), 4)
            if len(pairs) else 0.0},
        "flagged_share": round(float(serious.mean()), 4) if len(pairs) else 0.0,
        "kinds": dict(sorted(kinds.items())),
        "numbers_only": {"pairs": len(subset), "non_paraphrases": len(negatives),
                         "flagged": len(flagged),
                         "precision": round(len(hits) / len(flagged), 4) if flagged else 0.0,
                         "recall": round(len(hits) / len(negatives), 4) if negatives else 0.0},
    }
