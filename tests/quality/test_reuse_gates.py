"""Quality gates of the reuse engine (../shared/data). Floors are pinned; lower one only with
a note that says why. Measured when pinned: PAN 2013 02-no-obfuscation plagdet 0.980, pairs
with detections on 01-no-plagiarism 0.1%; BBC 100/100 and Reuters 284/284 duplicate pairs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require

from newstrace.engine.local import LocalEngine
from newstrace.evaluate.duplicates import bbc_records, duplicate_recall, reuters_records
from newstrace.evaluate.pan import evaluate_pan

PLAGDET_VERBATIM_FLOOR = 0.95
FALSE_POSITIVE_PAIRS_CEILING = 0.01


@pytest.mark.quality
def test_pan_verbatim_and_false_positives(data_dir: Path) -> None:
    with LocalEngine() as engine:
        # the verbatim aligner alone: no encoder, so no sentence alignment (``--verbatim-only``)
        scores = evaluate_pan(require(data_dir / "pan13-train"), engine=engine,
                              folders=["01-no-plagiarism", "02-no-obfuscation"], rules="pan")
    assert scores["02-no-obfuscation"].plagdet >= PLAGDET_VERBATIM_FLOOR, scores
    none = scores["01-no-plagiarism"]
    assert none.pairs >= 1000
    assert none.pairs_with_detections / none.pairs <= FALSE_POSITIVE_PAIRS_CEILING, none


@pytest.mark.quality
def test_every_bbc_duplicate_pair_is_found(data_dir: Path) -> None:
    with LocalEngine() as engine:
        scores = duplicate_recall(list(bbc_records(require(data_dir / "bbc"))), engine)
    assert scores.true_pairs >= 100 and scores.missed == ()


@pytest.mark.quality
def test_every_identical_reuters_body_is_found(data_dir: Path) -> None:
    with LocalEngine() as engine:
        scores = duplicate_recall(list(reuters_records(require(data_dir / "reuters21578"))),
                                  engine)
    assert scores.true_pairs >= 250 and scores.missed == ()
