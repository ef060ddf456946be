"""Per-document provenance cards: how much of this article came from where.

The first question a fact-checker asks of one article is not "which pairs exist" but "what
share of this text did someone else write first, and who". A card answers it from the
report's relations alone: every character of the document's text is given to at most one
source (the source covering the most of the text first, so shares add up to at most 100%),
and the rest is the article's own. Sources are of three sorts:

- ``wire``: text the document shares with other copies of one agency's story (relations with
  a ``common_source``): "AP wire (via 3 outlets)";
- ``source``: a document this one was derived from (an oriented derivation);
- ``shared``: a copy whose direction is unknown: the text is shared, who wrote it first is
  not known, and the card says so rather than pick one.

The documents derived from this one are listed as ``reused_by``. Pure functions of the
report's JSON, used by the HTML report and the web app alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from newstrace.match.kinds import DERIVATIONS

__all__ = ["Card", "CardSource", "card", "cards", "doc_label"]


@dataclass(frozen=True, slots=True)
class CardSource:
    """One source of a document's text and the share of the text it covers."""

    key: str  # "wire:AP", "source:<doc id>" or "shared:<doc id>"
    sort: str  # "wire" | "source" | "shared"
    label: str  # "AP wire", or the source document's label
    share: float
    via: tuple[str, ...] = ()  # the documents the text was matched in
    spans: tuple[tuple[int, int], ...] = ()  # the characters given to this source
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Card:
    """A document's provenance: its sources by share, its own share, who reused it."""

    doc: str
    sources: tuple[CardSource, ...]
    own: float
    reused_by: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        """The card as JSON (the web app's API answer)."""
        return {"doc": self.doc, "own": round(self.own, 4), "reused_by": list(self.reused_by),
                "sources": [{"key": s.key, "sort": s.sort, "label": s.label,
                             "share": round(s.share, 4), "via": list(s.via),
                             "spans": [list(span) for span in s.spans],
                             "kinds": list(s.kinds)} for s in self.sources]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Card:
        """The card ``to_json`` wrote (as the index keeps it for the web app)."""
        return cls(data["doc"], tuple(
            CardSource(s["key"], s["sort"], s["label"], s["share"], tuple(s["via"]),
                       tuple((a, b) for a, b in s["spans"]), tuple(s["kinds"]))
            for s in data["sources"]), data["own"], tuple(data["reused_by"]))


def doc_label(doc: Mapping[str, Any], width: int = 70) -> str:
    """A document as a reader names it: "site · title · date", the locator only when the
    document has neither site nor title."""
    title = " ".join((doc.get("title") or "").split())
    if len(title) > width:
        title = title[: width - 1] + "…"
    parts = [p for p in (doc.get("site"), title) if p]
    if not parts:
        parts = [doc.get("locator") or doc["id"]]
    if doc.get("published"):
        parts.append(doc["published"])
    return " · ".join(parts)


def cards(report: Mapping[str, Any]) -> dict[str, Card]:
    """Every document's card, by document id."""
    by_doc: dict[str, list[Mapping[str, Any]]] = {d["id"]: [] for d in report["documents"]}
    for rel in report["relations"]:
        if rel["kind"] in DERIVATIONS:
            by_doc[rel["source"]].append(rel)
            by_doc[rel["derived"]].append(rel)
    docs = {d["id"]: d for d in report["documents"]}
    return {doc_id: card(docs[doc_id], rels, docs) for doc_id, rels in sorted(by_doc.items())}


def card(doc: Mapping[str, Any], relations: Iterable[Mapping[str, Any]],
         docs: Mapping[str, Mapping[str, Any]]) -> Card:
    """The card of ``doc`` from the derivations it takes part in (either side)."""
    claims: dict[str, dict[str, Any]] = {}
    reused_by: set[str] = set()
    for rel in relations:
        mine = "derived" if rel["derived"] == doc["id"] else "source"
        other = rel["source"] if mine == "derived" else rel["derived"]
        if rel.get("common_source"):
            key, sort, label = (f"wire:{rel['common_source']}", "wire",
                                _wire_label(rel["common_source"]))
        elif rel["oriented"] and mine == "source":
            reused_by.add(other)
            continue
        elif rel["oriented"]:
            key, sort, label = f"source:{other}", "source", doc_label(docs[other])
        else:
            key, sort, label = f"shared:{other}", "shared", doc_label(docs[other])
        entry = claims.setdefault(key, {"sort": sort, "label": label, "via": set(),
                                        "spans": [], "kinds": set()})
        entry["via"].add(other)
        entry["kinds"].add(rel["kind"])
        entry["spans"].extend(tuple(p[mine]) for p in rel["passages"])
    return _shares(doc, claims, reused_by)


def _shares(doc: Mapping[str, Any], claims: Mapping[str, Mapping[str, Any]],
            reused_by: set[str]) -> Card:
    """Give each character to the first source that covers it, largest source first."""
    length = max(1, len(doc.get("text") or ""))
    merged = {key: _merge(entry["spans"], length) for key, entry in claims.items()}
    order = sorted(merged, key=lambda k: (-_size(merged[k]), _rank(claims[k]["sort"]), k))
    taken: list[tuple[int, int]] = []
    sources = []
    for key in order:
        spans = _minus(merged[key], taken)
        if not spans:
            continue
        taken = _merge([*taken, *spans], length)
        entry = claims[key]
        sources.append(CardSource(key, entry["sort"], entry["label"], _size(spans) / length,
                                  tuple(sorted(entry["via"])), tuple(spans),
                                  tuple(sorted(entry["kinds"]))))
    return Card(doc["id"], tuple(sources), max(0.0, 1 - _size(taken) / length),
                tuple(sorted(reused_by)))


def _wire_label(source: str) -> str:
    """"AP wire", "Reuters wire"; one author's column syndicated to several sites is "a
    syndicated column", not a wire."""
    return "a syndicated column" if source == "syndicated column" else f"{source} wire"


def _rank(sort: str) -> int:
    return {"wire": 0, "source": 1, "shared": 2}[sort]


def _merge(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans clipped to the text."""
    out: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(length, e)) for s, e in spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _minus(spans: list[tuple[int, int]], taken: list[tuple[int, int]]
           ) -> list[tuple[int, int]]:
    """The parts of ``spans`` outside ``taken`` (both sorted and merged)."""
    out = []
    for start, end in spans:
        cursor = start
        for t_start, t_end in taken:
            if t_end <= cursor or t_start >= end:
                continue
            if t_start > cursor:
                out.append((cursor, t_start))
            cursor = max(cursor, t_end)
        if cursor < end:
            out.append((cursor, end))
    return out


def _size(spans: Iterable[tuple[int, int]]) -> int:
    return sum(end - start for start, end in spans)
