"""SemEval 2022 Task 8 (multilingual news article similarity): story similarity vs humans.

Each pair of articles is compared exactly as ``trace`` compares a candidate pair, and
newstrace's story similarity (``match.kinds.story_similarity``) is correlated with the human
Overall rating. The rating runs from 1 (very similar) to 4 (very dissimilar), so the
reported Pearson correlation is against ``-Overall``: higher is better, 1 is perfect.
"""

from __future__ import annotations

import csv
import math
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newstrace.config import ReuseConfig
from newstrace.evaluate.halves import half_of
from newstrace.index.embed import Encoder
from newstrace.index.sentences import text_features
from newstrace.index.shingles import fingerprint_text
from newstrace.match.kinds import decide_kind, story_similarity
from newstrace.match.orient import OrientInfo
from newstrace.match.pair import PairInput, pair_features
from newstrace.match.passages import cluster_passages
from newstrace.match.sentences import SentenceConfig, align_sentences
from newstrace.match.verbatim import align_verbatim

__all__ = ["SemevalPair", "evaluate_semeval", "pearson", "read_pairs"]


@dataclass(frozen=True, slots=True)
class SemevalPair:
    """One rated pair of articles."""

    pair_id: str
    lang1: str
    lang2: str
    text1: str
    text2: str
    overall: float


def read_pairs(path: Path) -> Iterator[SemevalPair]:
    """The pairs of a SemEval 2022 Task 8 CSV (quoted multi-line cells)."""
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield SemevalPair(row["pair_id"], row["lang1"], row["lang2"], row["text1"] or "",
                              row["text2"] or "", float(row["Overall"]))


def pearson(xs: list[float], ys: list[float]) -> float:
    """Pearson's correlation coefficient (0 when either side is constant)."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


_NO_INFO = OrientInfo(None, None, 0, frozenset(), "", False, False, False, False)


def score_pair(pair: SemevalPair, encoder: Encoder, config: SentenceConfig,
               reuse: ReuseConfig) -> tuple[float, str]:
    """newstrace's story similarity of one pair, and the kind it would give the pair."""
    fa, fb = text_features([("a", pair.lang1, pair.text1, None),
                            ("b", pair.lang2, pair.text2, None)], encoder)
    verbatim = align_verbatim(fingerprint_text("a", pair.text1, reuse.seed),
                              fingerprint_text("b", pair.text2, reuse.seed), reuse)
    sentences = align_sentences(fa, fb, config, encoder.multilingual)
    clustered = cluster_passages(fa, fb, sentences, seed_score=config.seed_score,
                                 gap=config.gap, min_seeds=config.min_seeds,
                                 single_score=config.single_score,
                                 single_words=config.single_words)
    features = pair_features(PairInput(fa, _NO_INFO, len(pair.text1), "a"),
                             PairInput(fb, _NO_INFO, len(pair.text2), "b"),
                             verbatim, sentences, clustered, encoder.multilingual)
    decided = decide_kind(features)
    return story_similarity(features), decided[0] if decided else "unrelated"


def evaluate_semeval(path: Path, encoder: Encoder, config: SentenceConfig | None = None,
                     limit: int | None = None, half: str | None = None
                     ) -> dict[str, dict[str, float | int]]:
    """Pearson per language pair ("en-en", "de-en", ...) and over all pairs, on one half
    of the pairs (``evaluate.halves``, by pair id) or all, the first ``limit`` of them."""
    config = config or SentenceConfig()
    reuse = ReuseConfig()
    scores: dict[str, tuple[list[float], list[float]]] = {}
    chosen = (pair for pair in read_pairs(path) if half is None or half_of(pair.pair_id) == half)
    for number, pair in enumerate(chosen):
        if limit is not None and number >= limit:
            break
        similarity, _kind = score_pair(pair, encoder, config, reuse)
        for key in (f"{pair.lang1}-{pair.lang2}", "all"):
            xs, ys = scores.setdefault(key, ([], []))
            xs.append(similarity)
            ys.append(-pair.overall)
    return {key: {"pairs": len(xs), "pearson": round(pearson(xs, ys), 4)}
            for key, (xs, ys) in sorted(scores.items())}
