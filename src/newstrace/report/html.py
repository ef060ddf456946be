"""The HTML report: one self-contained file a person reads (no network, no script needed).

Rendered from the canonical JSON report, so the two never disagree: an overview, each story's
provenance tree and timeline (SVG), every derivation side by side — aligned sentences on one
row, every change marked in both texts and explained under it — the misquotes of the corpus,
and the claims with their independent origins. Everything from the documents is escaped by
the template engine (an article holding ``<script>`` shows it as text).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from newstrace.changes.groups import sentence_groups
from newstrace.match.verbatim import Passage
from newstrace.model import Span
from newstrace.report.svg import timeline_svg, tree_svg, with_inferred

__all__ = ["environment", "pair_model", "render_html", "story_model"]

_RANK = {"high": 3, "medium": 2, "low": 1}


@dataclass
class _Row:
    anchor: str
    source: Markup
    derived: Markup
    changes: list[dict[str, Any]] = field(default_factory=list)


def _mark(text: str, offset: int, marks: Sequence[tuple[int, int, str, str]]) -> Markup:
    """``text`` (starting at ``offset`` in its document) with the marked ranges wrapped in
    ``<mark>``; where marks overlap, the most severe wins."""
    cuts = {0, len(text)}
    for start, end, _, _ in marks:
        cuts.update((max(0, start - offset), min(len(text), end - offset)))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[str] = []
    for lo, hi in itertools.pairwise(bounds):
        covering = [m for m in marks if m[0] - offset <= lo and hi <= m[1] - offset]
        piece = str(escape(text[lo:hi]))
        if covering:
            _, _, severity, title = max(covering, key=lambda m: _RANK[m[2]])
            piece = f'<mark class="{severity}" title="{escape(title)}">{piece}</mark>'
        out.append(piece)
    return Markup("".join(out))


def _precise(text: str, start: int, span: list[int] | None, words: str
             ) -> tuple[int, int] | None:
    """The range a change points at in a cell: its span when shorter than the cell, else the
    changed words found in the cell, else nothing (the change is listed, not marked)."""
    if span is None:
        return None
    lo, hi = span
    if hi - lo < len(text) and start <= lo and hi <= start + len(text):
        return lo, hi
    at = text.find(words) if words else -1
    return (start + at, start + at + len(words)) if at >= 0 else None


def _rows(pair_id: str, relation: Mapping[str, Any], source: Mapping[str, Any],
          derived: Mapping[str, Any]) -> list[_Row]:
    passages = [Passage(Span(*p["source"]), Span(*p["derived"]), p["kind"], p["score"],
                        p["words"]) for p in relation["passages"]]
    sa = [Span(*s) for s in source["sentences"]]
    sb = [Span(*s) for s in derived["sentences"]]
    groups = sentence_groups(sa, sb, passages).groups
    rows: list[_Row] = []
    changes = relation.get("changes", [])
    for number, group in enumerate(groups):
        a_text = source["text"][group.a_span.start:group.a_span.end]
        b_text = derived["text"][group.b_span.start:group.b_span.end]
        mine = [c for c in changes if c["derived"] and group.b_span.start <= c["derived"][0]
                < group.b_span.end and c["kind"] not in ("sentence_added",)]
        a_marks, b_marks = [], []
        for c in mine:
            label = f'{c["kind"]}: {c["explanation"]}'
            left = _precise(a_text, group.a_span.start, c["source"], c["before"])
            right = _precise(b_text, group.b_span.start, c["derived"], c["after"])
            if left:
                a_marks.append((*left, c["severity"], label))
            if right:
                b_marks.append((*right, c["severity"], label))
        rows.append(_Row(f"{pair_id}-row{number}", _mark(a_text, group.a_span.start, a_marks),
                         _mark(b_text, group.b_span.start, b_marks), mine))
    return rows


def pair_model(pair_id: str, relation: Mapping[str, Any],
               docs: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """What the pair view shows of one derivation (its relation as the report has it)."""
    source, derived = docs[relation["source"]], docs[relation["derived"]]
    changes = relation.get("changes", [])
    return {"id": pair_id, "relation": relation, "source": source, "derived": derived,
            "rows": _rows(pair_id, relation, source, derived),
            "edges": [c for c in changes if c["kind"] in ("sentence_dropped",
                                                          "sentence_added")],
            "serious": sum(c["severity"] in ("high", "medium") for c in changes)}


def story_model(story: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]]
                ) -> dict[str, Any]:
    """What the story view shows: the story, its tree and its timeline."""
    return {"story": story, "tree": tree_svg(story, docs),
            "timeline": timeline_svg(story["members"], docs)}


def environment() -> Environment:
    """The template environment of the report and the web app (autoescaping on)."""
    return Environment(loader=PackageLoader("newstrace.report", "templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                       lstrip_blocks=True)


def _pairs(report: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]]
           ) -> list[dict[str, Any]]:
    derivations = [r for r in report["relations"] if "changes" in r]
    return [pair_model(f"pair{number}", relation, docs)
            for number, relation in enumerate(derivations)]


def _misquotes(pairs: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for pair in pairs:
        for row in pair["rows"]:
            out.extend({"pair": pair, "row": row.anchor, "change": c} for c in row.changes
                       if c["kind"] in ("quote_altered", "quote_added", "quote_unquoted"))
    return out


def render_html(report: Mapping[str, Any]) -> str:
    """The report as one self-contained HTML page."""
    docs = with_inferred(report)
    stories = [story_model(s, docs) for s in report["stories"] if len(s["members"]) > 1]
    alone = [s for s in report["stories"] if len(s["members"]) == 1]
    pairs = _pairs(report, docs)
    return environment().get_template("report.html.j2").render(
        report=report, docs=docs, stories=stories, alone=alone, pairs=pairs,
        misquotes=_misquotes(pairs), claims=report.get("claims", []))
