"""Provenance trees and timelines drawn as SVG, computed here so the HTML needs no script.

Layout is deliberately simple and deterministic: a member's column is its depth in the tree
(the origin at the left), its row the order of first reaching it; edges carry the relation
kind and its confidence. A timeline places the dated members on one axis.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from newstrace.model import iso_day

__all__ = ["timeline_svg", "tree_svg", "with_inferred"]

_W, _H, _DX, _DY = 230, 46, 350, 64


def with_inferred(report: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The report's documents by id, plus one entry per inferred source (an absent wire
    story), so that pages can name a story's origin whatever it is: an inferred source is
    named by its label ("AP wire, not in the corpus") and its first carrier's title."""
    docs: dict[str, dict[str, Any]] = {d["id"]: d for d in report["documents"]}
    for story in report["stories"]:
        inferred = story.get("inferred_origin")
        if inferred:
            titles = [docs[c].get("title") for c in inferred.get("carriers", ()) if c in docs]
            docs[inferred["id"]] = {"id": inferred["id"], "locator": inferred["label"],
                                    "title": next((t for t in titles if t), None),
                                    "site": inferred["label"], "published": None,
                                    "inferred": True}
    return docs


def _label(doc: Mapping[str, Any]) -> tuple[str, str]:
    """A node's two lines: the title (the locator when there is none), then site and date;
    the locator stays in the node's tooltip."""
    name = " ".join((doc.get("title") or doc.get("locator") or doc["id"]).split())
    name = name if len(name) <= 32 else name[:30] + "…"
    site = doc.get("site") or "no site"
    site = site if len(site) <= 22 else site[:20] + "…"
    return name, f"{site} · {doc.get('published') or 'no date'}"


def _positions(story: Mapping[str, Any]) -> dict[str, tuple[int, int]]:
    children: dict[str, list[str]] = {}
    for edge in story["tree"]:
        children.setdefault(edge["parent"], []).append(edge["doc"])
    placed: dict[str, tuple[int, int]] = {}
    rows: dict[int, int] = {}
    stack = [(story["origin"], 0)]
    while stack:
        node, depth = stack.pop(0)
        if node in placed:
            continue
        placed[node] = (depth, rows.get(depth, 0))
        rows[depth] = rows.get(depth, 0) + 1
        stack.extend((child, depth + 1) for child in sorted(children.get(node, ())))
    for member in story["members"]:  # anything the tree left out, in a last column
        if member not in placed:
            depth = max(rows, default=0) + 1
            placed[member] = (depth, rows.get(depth, 0))
            rows[depth] = rows.get(depth, 0) + 1
    return placed


def tree_svg(story: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]]) -> Markup:
    """The story's provenance tree: origin at the left, each copy under its nearest source."""
    at = _positions(story)
    width = (max(d for d, _ in at.values()) + 1) * _DX
    height = (max(r for _, r in at.values()) + 1) * _DY + 10
    parts = [f'<svg class="tree" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>Provenance tree of {escape(story['id'])}</title>"]
    for edge in story["tree"]:
        (pd, pr), (cd, cr) = at[edge["parent"]], at[edge["doc"]]
        x1, y1 = pd * _DX + _W, pr * _DY + 5 + _H // 2
        x2, y2 = cd * _DX, cr * _DY + 5 + _H // 2
        parts.append(f'<line class="edge kind-{escape(edge["kind"])}" x1="{x1}" y1="{y1}" '
                     f'x2="{x2}" y2="{y2}"/>')
        # Past the middle, where fanned-out edges are apart, clear of the child's box.
        lx, ly = x1 + (x2 - x1) * 11 // 20, y1 + (y2 - y1) * 11 // 20 - 4
        parts.append(f'<text class="edge-label" x="{lx}" y="{ly}" text-anchor="middle">'
                     f'{escape(edge["kind"])} {edge["confidence"]:.2f}</text>')
    for member, (depth, row) in sorted(at.items()):
        x, y = depth * _DX, row * _DY + 5
        name, detail = _label(docs[member])
        role = "origin" if member == story["origin"] else "copy"
        where = docs[member].get("locator") or member
        parts.append(f'<g class="node {role}" data-doc="{escape(member)}">'
                     f'<title>{escape(where)}</title>'
                     f'<rect x="{x}" y="{y}" width="{_W}" height="{_H}" rx="6"/>'
                     f'<text x="{x + 8}" y="{y + 19}">{escape(name)}</text>'
                     f'<text class="detail" x="{x + 8}" y="{y + 36}">{escape(detail)}</text>'
                     "</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def timeline_svg(members: Sequence[str], docs: Mapping[str, Mapping[str, Any]]) -> Markup:
    """The members' publication dates on one axis (undated members are listed apart)."""
    dated = sorted(((d, m) for m in members if (d := iso_day(docs[m].get("published")))),
                   key=lambda x: (x[0], x[1]))
    if not dated:
        return Markup('<p class="muted">No member has a publication date.</p>')
    first, last = dated[0][0], dated[-1][0]
    span = max(1, (last - first).days)
    width, left = 640, 20
    parts = [f'<svg class="timeline" role="img" viewBox="0 0 {width + 2 * left} '
             f'{34 + 18 * len(dated)}" width="{width + 2 * left}" '
             f'height="{34 + 18 * len(dated)}" xmlns="http://www.w3.org/2000/svg">',
             "<title>Publication dates</title>",
             f'<line class="axis" x1="{left}" y1="14" x2="{left + width}" y2="14"/>',
             f'<text x="{left}" y="10">{first.isoformat()}</text>',
             f'<text x="{left + width}" y="10" text-anchor="end">{last.isoformat()}</text>']
    for row, (day, member) in enumerate(dated):
        x = left + int(width * (day - first).days / span)
        name, _ = _label(docs[member])
        anchor = "end" if x > left + width // 2 else "start"
        parts.append(f'<circle cx="{x}" cy="14" r="4"/>'
                     f'<text x="{x}" y="{34 + 18 * row}" text-anchor="{anchor}">'
                     f"{day.isoformat()} {escape(name)}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
