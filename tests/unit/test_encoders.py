"""The encoder seam: the shipped model, names that resolve, names that do not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newstrace.errors import UsageError
from newstrace.index.embed import (
    DEFAULT_ENCODER,
    Encoder,
    Remembering,
    StaticEncoder,
    load_encoder,
)


def test_the_shipped_model_loads_offline_and_gives_unit_vectors() -> None:
    encoder = load_encoder()
    assert isinstance(encoder, Encoder) and encoder.name == DEFAULT_ENCODER
    vectors = encoder.encode(["Prisoners were offered amnesty.", "Inmates got a pardon offer.",
                              "The bread festival opens on Sunday."])
    assert vectors.dtype == np.float32 and vectors.shape[0] == 3
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert encoder.encode([]).shape[0] == 0


def test_a_repeated_sentence_is_encoded_once_and_gets_the_same_row() -> None:
    calls: list[list[str]] = []
    encoder = StaticEncoder()
    model_encode = encoder._model.encode
    encoder._model.encode = lambda texts, **kw: (calls.append(list(texts))  # type: ignore
                                                 or model_encode(texts, **kw))
    texts = ["Prisoners were offered amnesty.", "The bread festival opens on Sunday.",
             "Prisoners were offered amnesty."]
    vectors = encoder.encode(texts)
    assert calls == [texts[:2]]
    assert vectors.shape[0] == 3 and np.array_equal(vectors[0], vectors[2])
    assert np.array_equal(vectors[1], encoder.encode([texts[1]])[0])


class _Counting:
    """An encoder that records what it is asked to encode."""

    name, multilingual = "counting", False

    def __init__(self) -> None:
        self.inner, self.seen = StaticEncoder(), []  # type: ignore[var-annotated]

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return self.inner.encode(texts)


_RUN = ["Prisoners were offered amnesty.", "The bread festival opens on Sunday.",
        "Inmates got a pardon offer.", "The mayor denied the report."]


@pytest.mark.parametrize("capacity", [128 << 20, 2 * 4 * 128, 0])
def test_a_run_encodes_each_sentence_once_with_the_inner_vectors(capacity: int) -> None:
    inner = _Counting()
    remembering = Remembering(inner, capacity_bytes=capacity)
    assert (remembering.name, remembering.multilingual) == ("counting", False)
    first = remembering.encode(_RUN[:3])
    second = remembering.encode([_RUN[3], _RUN[0], _RUN[3], _RUN[2]])
    plain = StaticEncoder().encode(_RUN)
    assert np.array_equal(first, plain[:3])
    assert np.array_equal(second, plain[[3, 0, 3, 2]])
    kept = min(capacity // (4 * 128), 4)
    # what was kept is not encoded again; past the capacity sentences are encoded anew
    assert inner.seen == _RUN[:3] + [_RUN[3]] + [t for t in (_RUN[0], _RUN[2])
                                                 if _RUN.index(t) >= kept]
    assert remembering.encode([]).shape[0] == 0
    assert remembering._kept is not None and remembering._kept.nbytes <= capacity  # bounded


def test_the_shipped_model_carries_its_origin_note() -> None:
    folder = Path(__import__("newstrace").__file__).parent / "models" / DEFAULT_ENCODER
    note = (folder / "ORIGIN.md").read_text()
    assert "all-MiniLM-L6-v2" in note and "Apache-2.0" in note


def test_a_model2vec_folder_is_a_static_encoder() -> None:
    folder = Path(__import__("newstrace").__file__).parent / "models" / DEFAULT_ENCODER
    assert isinstance(load_encoder(str(folder)), StaticEncoder)


def test_a_name_that_does_not_resolve_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_encoder(str(tmp_path / "no-such-model"))
