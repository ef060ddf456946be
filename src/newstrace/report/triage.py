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


#: Levels of an outline drawn nested; what lies deeper is listed flat under the last level
#: (a chain of hundreds of versions would otherwise nest hundreds of lists deep).
OUTLINE_DEPTH = 12


def tree_outline(story: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]]
                 ) -> dict[str, Any]:
    """A story's tree as nested nodes (label, kind, children, descendants), for drawing a
    large tree collapsed level by level with counts; below ``OUTLINE_DEPTH`` levels a node's
    descendants are its children, flat. Built without recursion over the tree's depth."""
    kids: dict[str, list[tuple[str, str]]] = {}
    for edge in sorted(story["tree"], key=lambda e: e["doc"]):
        kids.setdefault(edge["parent"], []).append((edge["doc"], edge["kind"]))
    order, seen = [story["origin"]], {story["origin"]}
    kind_of: dict[str, str | None] = {story["origin"]: None}
    for node in order:  # breadth first; grows while read
        for child, kind in kids.get(node, ()):
            if child not in seen:
                seen.add(child)
                kind_of[child] = kind
                order.append(child)
    reached = {n: [c for c, _ in kids.get(n, ()) if kind_of.get(c) is not None and c in seen]
               for n in order}
    below = dict.fromkeys(order, 0)
    for node in reversed(order):
        below[node] = sum(1 + below[c] for c in reached[node])

    def flat(node: str) -> list[str]:
        out, stack = [], list(reversed(reached[node]))
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(reversed(reached[current]))
        return out

    def make(node: str, depth: int) -> dict[str, Any]:
        if depth >= OUTLINE_DEPTH:
            children = [_leaf(d, kind_of[d], docs) for d in flat(node)]
        else:
            children = [make(c, depth + 1) for c in reached[node]]
            children.sort(key=lambda k: (-k["descendants"], k["label"]))
        return {"id": node, "label": doc_label(docs[node]), "kind": kind_of[node],
                "children": children, "descendants": below[node]}

    return make(story["origin"], 0)


def _leaf(doc_id: str, kind: str | None, docs: Mapping[str, Mapping[str, Any]]
          ) -> dict[str, Any]:
    return {"id": doc_id, "label": doc_label(docs[doc_id]), "kind": kind, "children": [],
            "descendants": 0}
