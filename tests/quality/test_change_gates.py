"""Paraphrase similarity on MRPC (../shared/data/mrpc), on the gate half of its pairs.

The similarity alone, with its threshold chosen on the tuning half (0.57), decides 0.710 of the
gate half's 2,078 pairs right (0.729 on the tuning half it was chosen on). The floor on the
accuracy of "similarity >= 0.6 and no medium/high change" is withdrawn: MRPC labels most pairs
that differ only in a number (103 of 118) as paraphrases, and those are exactly what the
detectors must flag on a copy; it is reported (0.676 on the gate half), not gated. The number
flag finds 3 of the gate half's 7 non-paraphrases differing only in numbers (0.60 on all 4,076
pairs before the halves: the same flag, measured on fewer pairs).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require

from newstrace.evaluate.halves import file_digest
from newstrace.evaluate.mrpc import evaluate_mrpc
from newstrace.index.embed import load_encoder

MRPC_SHA256 = "2b70c53140816300a37fc7195a43285a09ca204493b7241bfd8ce17cf411b309"
SIMILARITY_ACCURACY = 0.70
NUMBER_RECALL = 0.40


@pytest.mark.quality
def test_mrpc_paraphrase_similarity(data_dir: Path) -> None:
    path = require(data_dir / "mrpc" / "msr_paraphrase_train.txt")
    assert file_digest(path) == MRPC_SHA256, "not the MRPC file the floors know"
    scores = evaluate_mrpc(path, load_encoder())
    assert (scores["pairs"], scores["tuning_pairs"]) == (2078, 1998)
    assert scores["similarity_only"]["accuracy"] >= SIMILARITY_ACCURACY, scores
    assert scores["numbers_only"]["recall"] >= NUMBER_RECALL, scores["numbers_only"]
