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
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from newstrace.changes.groups import sentence_groups
from newstrace.model import Passage, Span
from newstrace.report.cards import Card, cards, doc_label
from newstrace.report.svg import timeline_svg, tree_svg, with_inferred
from newstrace.report.triage import (
    SEVERITIES,
    ChangeRow,
    change_rows,
    misquote_groups,
    story_of,
    story_rows,
    tree_outline,
)

__all__ = ["LIMITS", "InlineLinks", "WebLinks", "card_model", "environment", "facets", "pair_model",
           "render_html", "report_view", "story_model"]

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
            "source_label": doc_label(source), "derived_label": doc_label(derived),
            "rows": _rows(pair_id, relation, source, derived),
            "edges": [c for c in changes if c["kind"] in ("sentence_dropped",
                                                          "sentence_added")],
            "serious": sum(c["severity"] in ("high", "medium") for c in changes)}


#: Stories larger than this are drawn as an outline collapsed by level, not as an SVG tree.
TREE_NODES = 40


def story_model(story: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]]
                ) -> dict[str, Any]:
    """What the story view shows: the story, its tree (or outline) and its timeline."""
    large = len(story["members"]) > TREE_NODES
    return {"story": story, "label": doc_label(docs[story["origin"]]),
            "tree": None if large else tree_svg(story, docs),
            "outline": tree_outline(story, docs) if large else None,
            "timeline": timeline_svg(story["members"], docs)}


def card_model(card: Card, doc: Mapping[str, Any], labels: Mapping[str, str]
               ) -> dict[str, Any]:
    """What a provenance card shows: the shares, the sources, the text with each source's
    passages marked in its colour."""
    marks = [(start, end, f"src{n % 6}", source.label)
             for n, source in enumerate(card.sources) for start, end in source.spans]
    return {"card": card, "doc": doc, "label": labels[doc["id"]], "labels": labels,
            "text": _paint(doc.get("text") or "", marks) if card.sources else None}


def _paint(text: str, marks: Sequence[tuple[int, int, str, str]]) -> Markup:
    """``text`` with non-overlapping ranges wrapped in ``<mark class=...>``."""
    out, cursor = [], 0
    for start, end, css, title in sorted(marks):
        out.append(str(escape(text[cursor:start])))
        out.append(f'<mark class="{css}" title="{escape(title)}">'
                   f'{escape(text[start:end])}</mark>')
        cursor = end
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out))


def environment() -> Environment:
    """The template environment of the report and the web app (autoescaping on)."""
    return Environment(loader=PackageLoader("newstrace.report", "templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                       lstrip_blocks=True)


#: Sites offered as a filter of the changes (those with the most changes).
FILTER_SITES = 20


def facets(rows: Sequence[ChangeRow]) -> dict[str, Any]:
    """The values the change filters offer, and each value's class number."""
    kinds = sorted({r.kind for r in rows})
    by_site: dict[str, int] = {}
    for row in rows:
        if row.site:
            by_site[row.site] = by_site.get(row.site, 0) + 1
    sites = sorted(sorted(by_site), key=lambda s: -by_site[s])[:FILTER_SITES]
    return {"severities": [s for s in SEVERITIES if any(r.severity == s for r in rows)],
            "kinds": kinds, "kind_index": {k: n for n, k in enumerate(kinds, start=1)},
            "sites": sites, "site_index": {s: n for n, s in enumerate(sites, start=1)}}


def report_view(report: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the report's pages show, computed once from the canonical JSON."""
    docs = with_inferred(report)
    labels = {doc_id: doc_label(doc) for doc_id, doc in docs.items()}
    changes = change_rows(report, docs)
    derivations = [r for r in report["relations"] if "changes" in r]
    pairs_of: dict[str, list[int]] = {}
    stories = story_of(report)
    for number, rel in enumerate(derivations):
        pairs_of.setdefault(stories.get(rel["derived"], ""), []).append(number)
    all_cards = cards(report)
    sections = []
    for story in report["stories"]:
        if len(story["members"]) < 2 and story["id"] not in pairs_of:
            continue
        members = [m for m in story["members"] if m in all_cards]
        members.sort(key=lambda m: (m != story["origin"], all_cards[m].own, labels[m]))
        sections.append({"item": story_model(story, docs), "members": members,
                         "pairs": pairs_of.get(story["id"], [])})
    return {"report": report, "docs": docs, "labels": labels, "cards": all_cards,
            "stories": story_rows(report, docs), "changes": changes,
            "facets": facets(changes), "misquotes": misquote_groups(changes),
            "derivations": derivations, "sections": sections,
            "alone": [s for s in report["stories"] if len(s["members"]) == 1],
            "claims": report.get("claims", [])}


class InlineLinks:
    """Links inside the one-page report: every target is an anchor on the page."""

    def story(self, story_id: str) -> str:
        return f"#{story_id}"

    def pair(self, row: ChangeRow) -> str:
        return f"#pair{row.pair}"

    def pair_number(self, number: int) -> str:
        return f"#pair{number}"

    def doc(self, doc_id: str) -> str:
        return f"#card-{doc_id}"


class WebLinks:
    """Links between the app's pages, for the views shared with the HTML report."""

    def story(self, story_id: str) -> str:
        return f"/stories/{quote(story_id)}"

    def pair(self, row: ChangeRow) -> str:
        return f"/pairs/{quote(row.source)}/{quote(row.derived)}"

    def doc(self, doc_id: str) -> str:
        return f"/documents/{quote(doc_id)}"


def render_html(report: Mapping[str, Any]) -> str:
    """The report as one self-contained HTML page (for small corpora: at real size, write
    a folder with ``report.pages.write_html_folder``)."""
    view = report_view(report)
    pair_views = {n: pair_model(f"pair{n}", rel, view["docs"])
                  for n, rel in enumerate(view["derivations"])}
    return environment().get_template("report.html.j2").render(
        view=view, report=report, docs=view["docs"], links=InlineLinks(), inline=True,
        pair_views=pair_views, limits=LIMITS, card_model=card_model)


#: How many rows the index lists before pointing at the JSON report.
LIMITS = {"stories": 500, "changes": 1000, "misquotes": 300, "claims": 500}
