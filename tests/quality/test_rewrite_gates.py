"""Quality gates of sentence alignment and story similarity (../shared/data).

Floors are pinned a little under the figures measured when they were set; lower one only with
a note that says why. PAN runs on the first 150 pairs of each folder to keep CI short; the
full corpus (``newstrace eval pan``) measured 03 0.798, 04 0.859, 05 0.586, 02 0.950,
overall 0.853, detections on 3.4% of 01's pairs — under the issue's floors for 03, overall and
01, which stay open work (on these 150 pairs: 03 0.833, 04 0.862, 05 0.542, 02 0.970). The 05
floor rose from 0.19 when summaries were looked for apart (``evaluate.pan.summaries``), the 02
floor from 0.93 when weak reworded passages apart from copied ones were dropped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require

from newstrace.engine.local import LocalEngine
from newstrace.evaluate.pan import evaluate_pan
from newstrace.evaluate.semeval import evaluate_semeval
from newstrace.index.embed import load_encoder

PAN_FLOORS = {"02-no-obfuscation": 0.95, "03-random-obfuscation": 0.82,
              "04-translation-obfuscation": 0.84, "05-summary-obfuscation": 0.50}
FALSE_POSITIVE_CEILING = 0.05
SEMEVAL_EN_FLOOR = 0.65


@pytest.mark.quality
def test_pan_with_sentence_alignment(data_dir: Path) -> None:
    with LocalEngine() as engine:
        scores = evaluate_pan(require(data_dir / "pan13-train"), engine=engine, limit=150,
                              encoder=load_encoder())
    for folder, floor in PAN_FLOORS.items():
        assert scores[folder].plagdet >= floor, (folder, scores[folder])
    unrelated = scores["01-no-plagiarism"]
    assert unrelated.pairs_with_detections / unrelated.pairs <= FALSE_POSITIVE_CEILING


@pytest.mark.quality
def test_story_similarity_follows_human_ratings(data_dir: Path) -> None:
    scores = evaluate_semeval(require(data_dir / "semeval2022-task8" / "training_set.csv"),
                              load_encoder())
    assert scores["en-en"]["pairs"] >= 150
    assert scores["en-en"]["pearson"] >= SEMEVAL_EN_FLOOR, scores
