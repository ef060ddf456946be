"""How documents group: a story's provenance tree, its inferred origin, and the story."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["InferredSource", "Story", "TreeEdge"]


@dataclass(frozen=True, slots=True)
class TreeEdge:
    """``doc`` hangs under ``parent`` in its story's provenance tree."""

    doc: str
    parent: str
    kind: str
    confidence: float


@dataclass(frozen=True, slots=True)
class InferredSource:
    """A source the corpus does not hold, inferred from copies that credit it."""

    id: str
    agency: str
    carriers: tuple[str, ...]  # the copies hung directly under it

    def to_json(self) -> dict[str, object]:
        """The inferred source as a JSON-ready mapping."""
        return {"id": self.id, "agency": self.agency, "carriers": list(self.carriers),
                "label": f"{self.agency} wire, not in the corpus",
                "evidence": f"{len(self.carriers)} documents credit {self.agency} for the "
                            "text they share; the agency's own page is not in the corpus"}


@dataclass(frozen=True, slots=True)
class Story:
    """One origin and its derivatives, with the tree and the event and topic it belongs to."""

    id: str
    origin: str
    members: tuple[str, ...]
    tree: tuple[TreeEdge, ...]
    event: str
    topic: str
    inferred: InferredSource | None = None

    def to_json(self) -> dict[str, object]:
        """The story as a JSON-ready mapping."""
        return {"id": self.id, "origin": self.origin, "members": list(self.members),
                "tree": [{"doc": e.doc, "parent": e.parent, "kind": e.kind,
                          "confidence": round(e.confidence, 4)} for e in self.tree],
                "event": self.event, "topic": self.topic,
                "inferred_origin": self.inferred.to_json() if self.inferred else None}
