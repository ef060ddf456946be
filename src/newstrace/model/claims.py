"""What is claimed: a claim, the documents that carry it, and its independent origins."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newstrace.model.documents import Span

__all__ = ["Carrier", "Claim"]


@dataclass(frozen=True, slots=True)
class Carrier:
    """One document stating a claim: where, in its words, how it differs, and the path from
    it up its provenance tree to the claim's origin for it."""

    doc: str
    span: Span
    text: str
    speaker: str | None
    variant: str | None
    path: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The carrier as a JSON-ready mapping."""
        return {"doc": self.doc, "span": [self.span.start, self.span.end], "text": self.text,
                "speaker": self.speaker, "variant": self.variant, "path": list(self.path)}


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim, everything that carries it, and the independent origins behind it."""

    id: str
    kind: str
    text: str
    speaker: str | None
    carriers: tuple[Carrier, ...]
    origins: tuple[str, ...]
    first_seen: tuple[str, str | None]
    circular: bool
    #: Every carrier is a copy of one wire story absent from the corpus: one origin, the
    #: wire, repeated by its subscribers, which is syndication, not circular reporting.
    syndicated: bool = False

    @property
    def variants(self) -> int:
        """How many carriers state it differently (another number, other quoted words)."""
        return sum(c.variant is not None for c in self.carriers)

    def to_json(self) -> dict[str, Any]:
        """The claim as a JSON-ready mapping."""
        return {"id": self.id, "kind": self.kind, "text": self.text, "speaker": self.speaker,
                "origins": list(self.origins), "carriers": [c.to_json() for c in self.carriers],
                "first_seen": {"doc": self.first_seen[0], "date": self.first_seen[1]},
                "circular": self.circular, "syndicated": self.syndicated,
                "independent_origins": len(self.origins)}
