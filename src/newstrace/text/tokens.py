"""Normalised word tokens with an offset map back into the clean text.

Alignment compares normalised tokens (case-folded, compatibility-normalised, curly apostrophes
made straight) but must report character offsets into the clean text; each token therefore
keeps the span it came from. Normalising token by token, after matching on the original text,
keeps the offsets exact even where NFKC changes a string's length.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Tokens", "normalize_token", "tokenize"]

_WORD = re.compile(r"[^\W_]+(?:['’‘`][^\W_]+)*")
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
    """Case-fold, NFKC-normalise and straighten apostrophes in one token."""
    if token.isascii():
        return token.lower()
    return unicodedata.normalize("NFKC", token).translate(_APOSTROPHES).casefold()


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Word tokens of ``text[start:end]`` with offsets into ``text``."""
    norm: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _WORD.finditer(text, start, len(text) if end is None else end):
        norm.append(normalize_token(match.group()))
        starts.append(match.start())
        ends.append(match.end())
    return Tokens(tuple(norm), tuple(starts), tuple(ends))
