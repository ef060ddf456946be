"""What is found between documents: aligned passages, and the relations they show.

A relation is decided by ``match.kinds`` and oriented by ``match.orient``; here is only the
record, its JSON form and its compact pair features (``FeatureRecord``).
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from math import copysign
from typing import Any

from newstrace.model.documents import Span

__all__ = ["FeatureRecord", "Passage", "Relation", "flipped_passages", "relation_from_json"]


@dataclass(frozen=True, slots=True)
class Passage:
    """An aligned pair of spans: ``a`` in the first document, ``b`` in the second."""

    a: Span
    b: Span
    kind: str
    score: float  # share of the passage's words that matched exactly
    words: int  # words of the passage in the first document

    def __reduce__(self) -> tuple[type[Passage], tuple[Span, Span, str, float, int]]:
        # Positional rebuild: cheaper than the frozen dataclass's field-by-field pickling.
        return Passage, (self.a, self.b, self.kind, self.score, self.words)

    def to_json(self) -> dict[str, object]:
        """The passage as a JSON-ready mapping."""
        return {"a": [self.a.start, self.a.end], "b": [self.b.start, self.b.end],
                "kind": self.kind, "score": round(self.score, 4), "words": self.words}


def flipped_passages(passages: Iterable[Passage]) -> tuple[Passage, ...]:
    """Passages seen from the other document (``b`` first), in its order."""
    return tuple(sorted((Passage(p.b, p.a, p.kind, p.score, p.words) for p in passages),
                        key=lambda p: (p.a.start, p.b.start)))


class FeatureRecord(Mapping[str, Any]):
    """A relation's pair features, read-only: the names shared by every relation with the
    same names, the values packed as doubles with a shared tuple saying what each was.

    Held as a dict, the 27 features took 2.7 KB of the 4.1 KB a relation holds in memory
    (measured on the generated 10k bench's 27,580 relations): at 100,000 documents (693,503
    relations) that is 1.9 GB of the report stage's memory for a record only written out.
    A tuple of the values still took 464 bytes a relation (a float read from JSON is an
    object of 24 bytes); packed, 315 (``tracemalloc``, the same relations). Reads like the
    dict it was (``get``, ``==`` with a dict, ``dict(record)`` in order, each value of the
    type it had: 0 stays an int, -0.0 a float; a NaN, read anew each time, is unequal to
    itself as JSON's is). A record holding any other value (a string) keeps a tuple.
    """

    __slots__ = ("_kinds", "_names", "_values")

    def __init__(self, names: tuple[str, ...], values: tuple[Any, ...]) -> None:
        self._names = _shared_names(names)
        kinds = tuple(_packed_kind(value) for value in values)
        if all(kinds):
            self._kinds: tuple[str, ...] | None = _shared_kinds(kinds)
            self._values: bytes | tuple[Any, ...] = struct.pack(
                f"{len(values)}d", *(0.0 if v is None else v for v in values))
        else:
            self._kinds, self._values = None, tuple(map(_shared_value, values))

    @classmethod
    def of(cls, features: Mapping[str, Any] | None) -> FeatureRecord | None:
        """The record of a mapping (itself when it is one already; None for None)."""
        if features is None or isinstance(features, FeatureRecord):
            return features
        return cls(tuple(features), tuple(features.values()))

    def _value(self, index: int) -> Any:
        if self._kinds is None:
            return self._values[index]
        assert isinstance(self._values, bytes)
        number = struct.unpack_from("d", self._values, 8 * index)[0]
        return _UNPACK[self._kinds[index]](number)

    def __getitem__(self, name: str) -> Any:
        try:
            return self._value(self._names.index(name))
        except ValueError:
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"FeatureRecord({dict(self)!r})"

    def __reduce__(self) -> tuple[type[FeatureRecord], tuple[Any, ...]]:
        return FeatureRecord, (self._names, tuple(map(self._value, range(len(self)))))


#: How a packed value is read back, by its kind.
_UNPACK: dict[str, Callable[[float], Any]] = {
    "f": float, "i": int, "b": bool, "n": lambda _: None}
#: Integers a double holds exactly.
_EXACT = 1 << 53


def _packed_kind(value: Any) -> str:
    """The kind a value is packed as ("" when it cannot be: a string, a huge integer)."""
    kind = type(value)
    if kind is float:
        return "f"
    if kind is bool:
        return "b"
    if kind is int:
        return "i" if -_EXACT <= value <= _EXACT else ""
    return "n" if value is None else ""


@lru_cache(maxsize=64)
def _shared_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple of names for every record that has them (a pure memo: the first equal
    tuple, its strings interned)."""
    return tuple(sys.intern(name) for name in names)


@lru_cache(maxsize=256)
def _shared_kinds(kinds: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple of value kinds for every record whose values have them (a pure memo)."""
    return kinds


_ZERO = 0.0


def _shared_value(value: Any) -> Any:
    """The value, a zero float shared (most features of most relations are 0.0; a float
    read from JSON is an object of 24 bytes each time)."""
    return _ZERO if type(value) is float and value == 0.0 and copysign(1.0, value) > 0 \
        else value


@dataclass(frozen=True, slots=True)
class Relation:
    """``derived`` reuses text of ``source``; ``oriented`` says whether the direction is known.

    In each passage, ``a`` is the span in the source and ``b`` the span in the derived text.
    """

    source: str
    derived: str
    kind: str
    oriented: bool
    coverage_source: float
    coverage_derived: float
    passages: tuple[Passage, ...]
    proposed_by: tuple[str, ...]
    reasons: tuple[str, ...]
    #: Probability that ``source`` is the source (orientation), with the signals behind it.
    confidence: float = 1.0
    signals: tuple[str, ...] = ()
    #: The pair features the kind was decided on (absent for verbatim-only relations).
    features: Mapping[str, Any] | None = None
    #: Both documents are copies of this agency's wire story, which is not in the corpus:
    #: siblings, neither the other's source (``match.wire``).
    common: str | None = None

    def __post_init__(self) -> None:
        # Held compactly whatever it was given as (``FeatureRecord``).
        object.__setattr__(self, "features", FeatureRecord.of(self.features))

    def __reduce__(self) -> tuple[type[Relation], tuple[Any, ...]]:
        # Positional rebuild: cheaper than the frozen dataclass's field-by-field pickling.
        return Relation, tuple(getattr(self, name) for name in self.__slots__)

    def to_json(self) -> dict[str, object]:
        """The relation as a JSON-ready mapping."""
        extra: dict[str, object] = {"confidence": round(self.confidence, 4),
                                    "signals": list(self.signals)}
        if self.features is not None:
            extra["features"] = dict(self.features)
        if self.common is not None:
            extra["common_source"] = self.common
        return extra | {
            "source": self.source,
            "derived": self.derived,
            "kind": self.kind,
            "oriented": self.oriented,
            "coverage": {"source": round(self.coverage_source, 4),
                         "derived": round(self.coverage_derived, 4)},
            "passages": [{"source": [p.a.start, p.a.end], "derived": [p.b.start, p.b.end],
                          "kind": p.kind, "score": round(p.score, 4), "words": p.words}
                         for p in self.passages],
            "proposed_by": list(self.proposed_by),
            "reasons": list(self.reasons),
        }


def relation_from_json(record: dict[str, Any]) -> Relation:
    """The inverse of ``Relation.to_json``."""
    # Ids, kinds and signals recur across relations: interned, each is held once (a string
    # read from JSON is a new object each time; a corpus's relations name each id dozens of
    # times).
    intern = sys.intern
    passages = tuple(
        Passage(Span(*p["source"]), Span(*p["derived"]), intern(p["kind"]), p["score"],
                p["words"])
        for p in record["passages"])
    return Relation(intern(record["source"]), intern(record["derived"]),
                    intern(record["kind"]), record["oriented"],
                    record["coverage"]["source"], record["coverage"]["derived"], passages,
                    tuple(map(intern, record["proposed_by"])), tuple(record["reasons"]),
                    record.get("confidence", 1.0),
                    tuple(map(intern, record.get("signals", ()))),
                    record.get("features"), record.get("common_source"))
