"""Quality gates of sentence alignment and story similarity (../shared/data).

Floors are pinned a little under the figures measured when they were set; lower one only with
a note that says why. PAN runs on the first 150 pairs of each folder to keep CI short, and on
all 1,000 unrelated pairs of 01 for the false positives (the issue's ceiling: under 1%). The
full corpus (``newstrace eval pan``) measured 03 0.851, 04 0.883, 05 0.633, 02 0.976,
overall 0.890 and detections on 0.8% of 01's pairs (on these 150 pairs: 03 0.892, 04 0.889,
05 0.629, 02 0.991, overall 0.910). The floors rose (03 0.82 -> 0.86, 04 0.84 -> 0.87, 02
0.95 -> 0.98, overall and the 1% ceiling pinned) when PAN's hard-wrapped lines were
unwrapped, loose pairs widened passages, seeds joined across five source sentences, content
words weighed as much as the embedding, and detections needed word pairs in common
(``SentenceConfig``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require

from newstrace.engine.local import LocalEngine
from newstrace.evaluate.pan import evaluate_pan
from newstrace.evaluate.semeval import evaluate_semeval
from newstrace.index.embed import load_encoder

PAN_FLOORS = {"02-no-obfuscation": 0.98, "03-random-obfuscation": 0.87,
              "04-translation-obfuscation": 0.87, "05-summary-obfuscation": 0.58,
              "overall": 0.89}
FALSE_POSITIVE_CEILING = 0.01
SEMEVAL_EN_FLOOR = 0.65


@pytest.mark.quality
def test_pan_with_sentence_alignment(data_dir: Path) -> None:
    with LocalEngine() as engine:
        scores = evaluate_pan(require(data_dir / "pan13-train"), engine=engine, limit=150,
                              encoder=load_encoder())
    for folder, floor in PAN_FLOORS.items():
        assert scores[folder].plagdet >= floor, (folder, scores[folder])


@pytest.mark.quality
def test_pan_unrelated_pairs_rarely_get_a_detection(data_dir: Path) -> None:
    with LocalEngine() as engine:
        scores = evaluate_pan(require(data_dir / "pan13-train"), engine=engine,
                              folders=["01-no-plagiarism"], encoder=load_encoder())
    unrelated = scores["01-no-plagiarism"]
    assert unrelated.pairs == 1000
    assert unrelated.pairs_with_detections / unrelated.pairs < FALSE_POSITIVE_CEILING, unrelated


@pytest.mark.quality
def test_story_similarity_follows_human_ratings(data_dir: Path) -> None:
    scores = evaluate_semeval(require(data_dir / "semeval2022-task8" / "training_set.csv"),
                              load_encoder())
    assert scores["en-en"]["pairs"] >= 150
    assert scores["en-en"]["pearson"] >= SEMEVAL_EN_FLOOR, scores
