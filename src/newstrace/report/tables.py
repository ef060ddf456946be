"""A report as the rows the index keeps it in (``store.report_tables``), for the web app.

Each row carries the JSON a page shows and the columns it is found by: documents with their
label, story and provenance card; stories in report order and, for those of two documents or
more, their place in the ranking the home page opens on; relations with the story of their
copy and their number among the derivations; changes ranked, with the filters' columns and
the words a search looks in; claims. What the pages compute from the whole report (ranking,
cards, facets) is computed here, once, when the report is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict
from typing import Any

from newstrace.report.cards import cards, doc_label
from newstrace.report.html import WebLinks, environment, facets, story_model
from newstrace.report.svg import with_inferred
from newstrace.report.triage import change_rows, story_of, story_rows
from newstrace.store.report_tables import ReportRows

__all__ = ["CLAIM_SHOWN", "HEAD_KEYS", "INPUTS_LISTED", "report_rows"]

#: What of the report the head row keeps as it is (the summary API's answer).
HEAD_KEYS = ("newstrace", "schema", "encoder", "config", "summary")
#: What a document's light row leaves out (what only its own page shows).
_HEAVY = ("text", "sentences")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def report_rows(report: Mapping[str, Any]) -> ReportRows:
    """The rows of ``report``'s tables (the iterables are generators over the report)."""
    docs = with_inferred(report)
    labels = {doc_id: doc_label(doc) for doc_id, doc in docs.items()}
    views = environment().get_template("_views.html.j2").module  # the web app's macros
    stories = story_of(report)
    ranked = story_rows(report, docs)
    changes = change_rows(report, docs)
    head = {k: report.get(k) for k in HEAD_KEYS} | {
        "summary": _short_summary(report["summary"]),
        "inputs_total": len(report["summary"]["inputs"]),
        "facets": facets(changes),
        "counts": {"documents": len(report["documents"]), "stories": len(report["stories"]),
                   "ranked": len(ranked), "changes": len(changes),
                   "claims": len(report.get("claims", ()))}}
    return ReportRows(
        head=_dumps(head),
        docs=_doc_rows(report, docs, labels, stories),
        stories=_story_rows(report, docs, views,
                            {r.id: (n, r) for n, r in enumerate(ranked)}),
        relations=_relation_rows(report, stories),
        changes=((n, r.kind, r.severity, r.site, r.story,
                  " ".join((r.before, r.after, r.explanation, r.derived_label,
                            r.source_label)).casefold(), _dumps(asdict(r)))
                 for n, r in enumerate(changes)),
        claims=_claim_rows(report, labels, views))


#: Inputs the kept summary lists (one per file read: 100,000 for a folder of 100k pages,
#: 8.5 MB the summary API sent on every call).
INPUTS_LISTED = 100


def _short_summary(summary: Mapping[str, Any]) -> dict[str, Any]:
    """The summary with its first ``INPUTS_LISTED`` inputs (``inputs_total`` counts all)."""
    return {**summary, "inputs": summary["inputs"][:INPUTS_LISTED]}


def _doc_rows(report: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]],
              labels: Mapping[str, str], stories: Mapping[str, str]
              ) -> Iterator[tuple[str, int, str, str | None, str, str, str | None]]:
    """The corpus's documents numbered from 0 in report order, inferred sources below 0
    (so that a page of documents is a range of numbers)."""
    order = {d["id"]: n for n, d in enumerate(report["documents"])}
    inferred = 0
    every = cards(report)
    for doc_id, doc in docs.items():
        if doc_id in order:
            number = order[doc_id]
        else:
            inferred -= 1
            number = inferred
        card = every.get(doc_id)
        yield (doc_id, number, labels[doc_id], stories.get(doc_id),
               _dumps({k: v for k, v in doc.items() if k not in _HEAVY}), _dumps(doc),
               _dumps(card.to_json()) if card else None)


def _story_rows(report: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]],
                views: Any, ranked: Mapping[str, tuple[int, Any]]
                ) -> Iterator[tuple[int, str, int | None, str | None, str | None, str]]:
    """Stories in report order; those of two documents or more with their place in the
    ranking and their drawing (``views``: the templates' macros), made here once rather
    than on every visit to their page (the largest story of a 100k-document crawl took the
    app 11 ms a visit)."""
    links = WebLinks()
    for n, story in enumerate(report["stories"]):
        place = ranked.get(story["id"])
        view = (str(views.story_view(story_model(story, docs), docs, links))  # type: ignore[attr-defined]
                if place else None)
        yield (n, story["id"], place[0] if place else None,
               _dumps(asdict(place[1])) if place else None, view, _dumps(story))


#: Carriers and origins a claim's row on the web app's claims page shows.
CLAIM_SHOWN = 10


def _claim_rows(report: Mapping[str, Any], labels: Mapping[str, str], views: Any
                ) -> Iterator[tuple[int, str, str]]:
    """Claims in report order: as the claims page's row (HTML, documents named by site,
    title and date), and whole."""
    for n, claim in enumerate(report.get("claims", ())):
        yield (n, str(views.claim_row(claim, labels, CLAIM_SHOWN)),  # type: ignore[attr-defined]
               _dumps(claim))


def _relation_rows(report: Mapping[str, Any], stories: Mapping[str, str]
                   ) -> Iterator[tuple[int, str, str, str | None, int | None, str, int, str]]:
    """Relations in report order; a derivation (one with changes) carries its number among
    the derivations, as the change rows' ``pair`` does."""
    derivation = 0
    for n, rel in enumerate(report["relations"]):
        number = None
        if "changes" in rel:
            number, derivation = derivation, derivation + 1
        yield (n, rel["source"], rel["derived"], stories.get(rel["derived"]), number,
               rel["kind"], len(rel.get("changes", ())), _dumps(rel))
