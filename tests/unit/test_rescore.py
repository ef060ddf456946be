"""Re-scoring sentence alignment with a second encoder: its vectors are the ones aligned."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newstrace.index.embed import load_encoder
from newstrace.trace import trace


class Blind:
    """An encoder that sees nothing: every sentence gets the same vector."""

    name = "blind"
    multilingual = False

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 8), dtype=np.float32)
        out[:, 0] = 1.0
        return out


def rewrite_of(report: dict[str, Any]) -> dict[str, Any]:
    """The relation between the original and the content farm's rewrite."""
    loc = {d["id"]: d["locator"] for d in report["documents"]}
    pair = {"01_northwire_original.html", "04_topnewsdaily_rewrite.txt"}
    return next(r for r in report["relations"] if {loc[r["source"]], loc[r["derived"]]} == pair)


def test_the_same_encoder_as_rescorer_changes_nothing_but_the_record(corpus_dir: Path) -> None:
    plain = trace([str(corpus_dir)])
    again = trace([str(corpus_dir)], rescorer=load_encoder())
    assert again["rescorer"] == "minilm-static" and plain["rescorer"] is None
    assert again["relations"] == plain["relations"]


def test_the_rescorers_vectors_drive_the_alignment(corpus_dir: Path) -> None:
    plain = rewrite_of(trace([str(corpus_dir)]))
    blind = rewrite_of(trace([str(corpus_dir)], rescorer=Blind()))  # type: ignore[arg-type]
    # Every sentence now looks like every other: the aligned pairs and their scores change.
    assert plain["kind"] == "rewrite"
    assert [p["score"] for p in blind["passages"]] != [p["score"] for p in plain["passages"]]
