"""Normalised word tokens with an offset map back into the clean text.

Alignment compares normalised tokens (lower-cased, compatibility-normalised, curly apostrophes
made straight) but must report character offsets into the clean text; each token therefore
keeps the span it came from. Normalising token by token, after matching on the original text,
keeps the offsets exact even where NFKC changes a string's length.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Tokens",
    "normalize_token",
    "norms_and_spans",
    "token_norms",
    "token_spans",
    "tokenize",
]

_WORD = re.compile(r"[^\W_]+(?:['’‘`][^\W_]+)*")
_AROUND_WORDS = re.compile(f"({_WORD.pattern})")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class Tokens:
    """Parallel tuples: the normalised form of each token and its ``[start, end)`` offsets."""

    norm: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.norm)


def normalize_token(token: str) -> str:
    """NFKC-normalise, lower-case and straighten apostrophes in one token."""
    if token.isascii():
        return token.lower()
    return unicodedata.normalize("NFKC", token).lower().translate(_APOSTROPHES)


def _prepared(text: str) -> str | None:
    """The whole text normalised at once, when that keeps every character in place."""
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        return None
    prepared = text.lower()
    if not prepared.isascii():  # str.replace runs in C; translate() with a table does not
        prepared = prepared.replace("’", "'").replace("‘", "'").replace("`", "'")
    return prepared if len(prepared) == len(text) else None


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Word tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    prepared = _prepared(text)
    if prepared is not None:  # fast path: one pass, no per-token normalisation
        matches = list(_WORD.finditer(prepared, start, stop))
        return Tokens(tuple(m.group() for m in matches), tuple(m.start() for m in matches),
                      tuple(m.end() for m in matches))
    norm: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _WORD.finditer(text, start, stop):
        norm.append(normalize_token(match.group()))
        starts.append(match.start())
        ends.append(match.end())
    return Tokens(tuple(norm), tuple(starts), tuple(ends))


def token_spans(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of every token, in the order ``token_norms`` lists them."""
    prepared = _prepared(text)
    matches = _WORD.finditer(prepared if prepared is not None else text)
    starts: list[int] = []
    ends: list[int] = []
    for match in matches:
        starts.append(match.start())
        ends.append(match.end())
    return starts, ends


def norms_and_spans(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """``token_norms`` and ``token_spans`` (as int32 arrays) in one pass: the text is split
    around its words in C and the offsets are running sums of the pieces' lengths, where a
    loop over match objects would cost a Python call per word."""
    prepared = _prepared(text)
    pieces = _AROUND_WORDS.split(prepared if prepared is not None else text)
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    ends = np.cumsum(lengths)
    words = pieces[1::2]  # the pieces alternate: gap, word, gap, ..., word, gap
    norms = words if prepared is not None else [normalize_token(word) for word in words]
    return (norms, (ends - lengths)[1::2].astype(np.int32), ends[1::2].astype(np.int32))


def token_norms(text: str) -> list[str]:
    """Just the normalised tokens, in order (no offsets): what indexing needs, at C speed."""
    prepared = _prepared(text)
    if prepared is not None:
        return _WORD.findall(prepared)
    return [normalize_token(token) for token in _WORD.findall(text)]
