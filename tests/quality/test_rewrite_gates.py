"""Quality gates of sentence alignment and story similarity (../shared/data), each on the
gate half of its data set (``evaluate.halves``), the data pinned by SHA-256.

Floors are pinned a little under the figures measured when they were set; lower one only with
a note that says why. PAN runs on the first 150 gate-half pairs of each folder to keep CI
short, and on all 1,000 unrelated pairs of 01 for the false positives (the issue's ceiling:
under 1%). ``newstrace eval pan`` scores what the product reports for a pair (``--rules
trace``, the default) and, beside it, the PAN-tuned detector (``--rules pan``); on the whole
training set the latter measured 03 0.851, 04 0.883, 05 0.633, 02 0.976, overall 0.890 and
detections on 0.8% of 01's pairs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require

from newstrace.engine.local import LocalEngine
from newstrace.evaluate.halves import file_digest, tree_digest
from newstrace.evaluate.pan import PanScores, evaluate_pan
from newstrace.evaluate.semeval import evaluate_semeval
from newstrace.index.embed import load_encoder

#: SHA-256 of the data the gates read (``evaluate.halves``): a floor speaks of this data.
PAN_TREE = "6c641147a21f7ce5fea05c8d8b992fdd2a3d0a7017873869eab39f5398c1c8a6"
SEMEVAL_SHA256 = "24bcc7f1db6b17640c4a8c5312ff1e3bc2eebc96c8120701f39db40c02a9f138"

#: What the product reports for a pair (``evaluate.pan_trace``: ``compare_pair`` with the
#: default settings, no PAN-only rule), on the first 150 gate-half pairs of each folder.
#: Measured when pinned: 02 0.933, 03 0.134, 04 0.265, 05 0.039 (0.143 under PAN's
#: whole-source convention), overall 0.442 (0.446); the floors are those minus 0.01. The
#: product finds verbatim reuse, and few of the passages PAN obfuscated: its relation rules
#: ask reused narrative of a news copy (50 words verbatim, or a third of a side's narrative
#: aligned), where PAN hides a few hundred reworded words in a long unrelated document.
PAN_TRACE_FLOORS = {"02-no-obfuscation": 0.92, "03-random-obfuscation": 0.12,
                    "04-translation-obfuscation": 0.25, "05-summary-obfuscation": 0.03,
                    "05-summary-obfuscation (whole source)": 0.13, "overall": 0.43,
                    "overall (whole source)": 0.43}
#: The PAN-tuned detector (``evaluate.pan.detect_pair``), kept beside for comparison until its
#: rules are brought into the product or dropped; on the same pairs: 02 0.984, 03 0.882,
#: 04 0.881, 05 0.610, overall 0.904. Its settings were tuned on the whole training set,
#: both halves: this figure is optimistic.
PAN_RULES_FLOORS = {"02-no-obfuscation": 0.97, "03-random-obfuscation": 0.87,
                    "04-translation-obfuscation": 0.87, "05-summary-obfuscation": 0.60,
                    "overall": 0.89}
FALSE_POSITIVE_CEILING = 0.01
#: Story similarity on SemEval's gate half (English-English 95 pairs 0.798, all 653 pairs
#: 0.484 with the English static encoder; the tuning half: 66 pairs 0.647, all 0.509). The
#: weights of ``match.kinds.story_similarity`` were fitted on the English pairs of the whole
#: file before the halves were drawn. Since pairs in other languages are compared by their
#: content words and their names' sounds (``match.foreign``, tuning half: all 0.563), all 653
#: pairs 0.566 (0.537 before the same-language pairs' vector alignment stopped counting).
#: Their topic words (``text.topics``: stems, or pairs of characters in Chinese and
#: Japanese) instead of their surface content words, weighted as the tuning half says
#: (all 0.635 there): all 653 pairs 0.612, the issue's 0.60 floor.
SEMEVAL_EN_FLOOR = 0.78
SEMEVAL_ALL_FLOOR = 0.60


def _pan(data_dir: Path, rules: str, **options: object) -> dict[str, PanScores]:
    folder = require(data_dir / "pan13-train")
    assert tree_digest(folder) == PAN_TREE, "pan13-train is not the data the floors know"
    with LocalEngine() as engine:
        return evaluate_pan(folder, engine=engine, encoder=load_encoder(), rules=rules,
                            **options)  # type: ignore[arg-type]


@pytest.mark.quality
@pytest.mark.parametrize(("rules", "floors"), [("trace", PAN_TRACE_FLOORS),
                                               ("pan", PAN_RULES_FLOORS)])
def test_pan_gate_half(data_dir: Path, rules: str, floors: dict[str, float]) -> None:
    scores = _pan(data_dir, rules, limit=150, half="gate")
    for folder, floor in floors.items():
        assert scores[folder].plagdet >= floor, (folder, scores[folder])


@pytest.mark.quality
@pytest.mark.parametrize("rules", ["trace", "pan"])
def test_pan_unrelated_pairs_rarely_get_a_detection(data_dir: Path, rules: str) -> None:
    unrelated = _pan(data_dir, rules, folders=["01-no-plagiarism"])["01-no-plagiarism"]
    assert unrelated.pairs == 1000
    assert unrelated.pairs_with_detections / unrelated.pairs < FALSE_POSITIVE_CEILING, unrelated


@pytest.mark.quality
def test_story_similarity_follows_human_ratings(data_dir: Path) -> None:
    path = require(data_dir / "semeval2022-task8" / "training_set.csv")
    assert file_digest(path) == SEMEVAL_SHA256, "not the SemEval file the floors know"
    scores = evaluate_semeval(path, load_encoder(), half="gate")
    assert scores["en-en"]["pairs"] == 95 and scores["all"]["pairs"] == 653
    assert scores["en-en"]["pearson"] >= SEMEVAL_EN_FLOOR, scores
    assert scores["all"]["pearson"] >= SEMEVAL_ALL_FLOOR, scores
