"""One memo for the pure per-text readers of the changes stage.

The changes stage reads a source's sentences once for every copy of it (at 10k documents,
143k calls over 53k distinct texts), so numbers, times, names, outlets, hedges and speakers
are remembered per text. Each decorated function gets its own least-recently-used cache of
``PER_TEXT_MEMO`` texts per process.
"""

from __future__ import annotations

import functools

__all__ = ["PER_TEXT_MEMO", "per_text"]

#: Distinct texts each reader remembers, per process.
PER_TEXT_MEMO = 1 << 15

#: Decorator: remember a pure function of one text (its result must be immutable).
per_text = functools.lru_cache(maxsize=PER_TEXT_MEMO)
