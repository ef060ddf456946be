"""What a fact-checker works through first: stories ranked, changes ranked, misquotes grouped.

At real size a report holds thousands of relations; read in corpus order it cannot be worked
through. These pure functions of the report's JSON give the triage views the HTML report and
the web app open on:

- stories ranked by the severity of what their copies changed (high, then medium changes),
  then by size;
- every change of every derivation as one row (severity, kind, the copy, its source, the
  story), most severe first, with the facets the page filters on (kind, severity, site);
- misquotes grouped per quotation: the source's words once, with every copy that altered
  them, instead of one row per pair;
- a story's tree as an outline (level by level, with counts) when it is too large to draw.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newstrace.report.cards import doc_label

__all__ = ["ChangeRow", "StoryRow", "change_rows", "misquote_groups", "story_of", "story_rows",
           "tree_outline"]

SEVERITIES = ("high", "medium", "low")
_ORDER = {s: n for n, s in enumerate(SEVERITIES)}
#: Change kinds that alter a quotation: the misquotes.
MISQUOTES = ("quote_altered", "quote_added", "quote_unquoted")


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story in the ranked list."""

    id: str
    label: str
    members: int
    high: int
    medium: int
    inferred: bool


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One change of one derivation, with what the filters need."""

    severity: str
    kind: str
    before: str
    after: str
    explanation: str
    source: str
    derived: str
    source_label: str
    derived_label: str
    site: str
    story: str
    pair: int  # the derivation's number in the report (its side-by-side view's anchor)


def story_of(report: Mapping[str, Any]) -> dict[str, str]:
    """Each document's story id."""
    return {member: story["id"] for story in report["stories"] for member in story["members"]}


def story_rows(report: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]]
               ) -> list[StoryRow]:
    """The stories with more than one member, most severe changes first, then largest."""
    severe: dict[str, list[int]] = {}
    stories = story_of(report)
    for rel in report["relations"]:
        counts = severe.setdefault(stories.get(rel["derived"], ""), [0, 0])
        for change in rel.get("changes", ()):
            if change["severity"] in ("high", "medium"):
                counts[change["severity"] != "high"] += 1
    rows = []
    for story in report["stories"]:
        if len(story["members"]) < 2:
            continue
        high, medium = severe.get(story["id"], [0, 0])
        origin = docs[story["origin"]]
        rows.append(StoryRow(story["id"], doc_label(origin), len(story["members"]), high, medium,
                             bool(origin.get("inferred"))))
    rows.sort(key=lambda r: (-r.high, -r.medium, -r.members, r.label, r.id))
    return rows


def change_rows(report: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]]
                ) -> list[ChangeRow]:
    """Every change of every derivation, most severe first (then kind, then copy)."""
    stories = story_of(report)
    rows = []
    derivations = [r for r in report["relations"] if "changes" in r]
    for number, rel in enumerate(derivations):
        source, derived = docs[rel["source"]], docs[rel["derived"]]
        for c in rel["changes"]:
            rows.append(ChangeRow(c["severity"], c["kind"], c.get("before") or "",
                                  c.get("after") or "", c["explanation"], rel["source"],
                                  rel["derived"], doc_label(source), doc_label(derived),
                                  derived.get("site") or "", stories.get(rel["derived"], ""),
                                  number))
    rows.sort(key=lambda r: (_ORDER[r.severity], r.kind, r.derived_label, r.before, r.after))
    return rows


def misquote_groups(rows: list[ChangeRow]) -> list[dict[str, Any]]:
    """Misquotes per quotation: the source's words with every copy's altered version, the
    quotation altered by the most copies (then the most severe) first."""
    groups: dict[tuple[str, str], list[ChangeRow]] = {}
    for row in rows:
        if row.kind in MISQUOTES:
            groups.setdefault((row.source, row.before), []).append(row)
    ranked = sorted(groups.items(), key=lambda kv: (
        -len(kv[1]), min(_ORDER[r.severity] for r in kv[1]), kv[1][0].source_label, kv[0][1]))
    return [{"source_label": found[0].source_label, "before": before, "copies": found,
             "worst": min(_ORDER[r.severity] for r in found)}
            for (_source, before), found in ranked]


def tree_outline(story: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]]
                 ) -> dict[str, Any]:
    """A story's tree as nested nodes (label, kind, children, descendants), for drawing a
    large tree collapsed level by level with counts."""
    children: dict[str, list[Mapping[str, Any]]] = {}
    for edge in story["tree"]:
        children.setdefault(edge["parent"], []).append(edge)

    def node(doc_id: str, kind: str | None, seen: frozenset[str]) -> dict[str, Any]:
        kids = [node(e["doc"], e["kind"], seen | {doc_id})
                for e in sorted(children.get(doc_id, ()), key=lambda e: e["doc"])
                if e["doc"] not in seen]
        kids.sort(key=lambda k: (-k["descendants"], k["label"]))
        return {"id": doc_id, "label": doc_label(docs[doc_id]), "kind": kind, "children": kids,
                "descendants": sum(1 + k["descendants"] for k in kids)}

    return node(story["origin"], None, frozenset())
