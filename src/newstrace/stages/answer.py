"""The answer to "what did this article reuse, and what reused it?" against an index."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from newstrace.changes.detect import changes_for
from newstrace.engine.protocol import Engine
from newstrace.errors import QueryStopped
from newstrace.index.embed import Encoder
from newstrace.match.kinds import DERIVATIONS
from newstrace.model import Change, Document, Relation, Span
from newstrace.provenance.reconcile import reconcile
from newstrace.stages.region import REGION_SENTENCES, covered, cut_document, moved_back
from newstrace.stages.semantic import query_semantic
from newstrace.stages.verbatim import lookup
from newstrace.store.index import Index

__all__ = ["answer_query"]


def _check(stop: Callable[[], bool] | None) -> None:
    """Between two steps of a query: stop it if asked (a step under way finishes first)."""
    if stop is not None and stop():
        raise QueryStopped("stopped between two steps of the query")


def _changes(doc: Document, others: dict[str, Document], derived: list[Relation],
             engine: Engine | None) -> dict[tuple[str, str], tuple[Change, ...]]:
    """The changes of the query's derivations. A long paste (many articles) is read, for
    each relation, over the part of it the relation's passages cover: the rest of the paste
    is other articles, not sentences this copy added or dropped, and reading all of it
    again for each of a thousand relations was most of a 5 MB query's changes."""
    if len(doc.sentences) <= REGION_SENTENCES:
        return changes_for(others, derived, engine)
    docs = dict(others)
    moved: list[Relation] = []
    offsets: dict[str, tuple[str, int]] = {}
    for relation in derived:
        region = covered(doc, relation)
        if region is None:
            moved.append(relation)
            continue
        part, offset = cut_document(doc, doc.sentences, *region)
        name = f"{doc.id}@{offset}+{len(part.text)}"  # two cuts may start at one sentence
        docs[name] = dataclasses.replace(part, id=name)
        offsets[name] = (doc.id, offset)
        moved.append(_renamed(moved_back(relation, doc.id, -offset), doc.id, name))
    found = changes_for(docs, moved, engine)
    out: dict[tuple[str, str], tuple[Change, ...]] = {}
    for (source, derived_id), changes in found.items():
        back = list(changes)
        if source in offsets:
            back = [_shifted(c, offsets[source][1], source=True) for c in back]
        if derived_id in offsets:
            back = [_shifted(c, offsets[derived_id][1], source=False) for c in back]
        out[(offsets.get(source, (source,))[0], offsets.get(derived_id, (derived_id,))[0])] = \
            tuple(back)
    return out


def _renamed(relation: Relation, old: str, new: str) -> Relation:
    return dataclasses.replace(relation, source=new if relation.source == old else
                               relation.source, derived=new if relation.derived == old
                               else relation.derived)


def _shifted(change: Change, offset: int, source: bool) -> Change:
    """A change of a cut moved back into the whole paste (on the paste's side)."""
    span = change.source if source else change.derived
    if span is None:
        return change
    moved = Span(span.start + offset, span.end + offset)
    return dataclasses.replace(change, source=moved) if source \
        else dataclasses.replace(change, derived=moved)


def answer_query(index: Index, doc: Document, encoder: Encoder,
                 stop: Callable[[], bool] | None = None,
                 in_process: bool = False) -> dict[str, Any]:
    """What in the index ``doc`` reused (``reused``), what reused it (``reused_by``) and
    what reports the same story or topic (``linked``), each with the other document and the
    relation — derivations with their changes. ``doc`` is not added to the index. ``stop``
    can end the query early (``QueryStopped``; see ``query_semantic``). Candidates and
    changes are compared on the index's engine, or here with ``in_process`` (a server's
    request thread: forking from it can deadlock on a lock another thread holds)."""
    engine = None if in_process else index.engine_in_use()
    verbatim = lookup(index, doc)
    _check(stop)
    found = query_semantic(index, doc, encoder, verbatim, stop=stop, engine=engine)
    # As in the report, a pair's relation is read beside the others: two copies of one
    # original are siblings, not a copy of each other.
    involved = {r.source for r in found} | {r.derived for r in found}
    stored = index.relations_among(involved - {doc.id})
    published = {d.id: d.published for d in index.documents_by_id(involved)} | {
        doc.id: doc.published}
    relations = [r for r in reconcile(published, [*found, *stored])
                 if doc.id in (r.source, r.derived)]
    others = {d.id: d for d in index.documents_by_id(
        {r.source for r in relations} | {r.derived for r in relations})}
    others[doc.id] = doc

    derived = [r for r in relations if r.kind in DERIVATIONS]
    _check(stop)
    changes = _changes(doc, others, derived, engine)

    def describe(relation: Relation, other_id: str) -> dict[str, Any]:
        other = others[other_id]
        found = relation.to_json()
        if (relation.source, relation.derived) in changes:
            found["changes"] = [c.to_json() for c in changes[(relation.source,
                                                              relation.derived)]]
        return {"document": {"id": other.id, "locator": other.locator, "site": other.site,
                             "title": other.title, "published": other.published,
                             "url": other.url},
                "relation": found}

    return {
        "document": {"id": doc.id, "locator": doc.locator, "title": doc.title,
                     "site": doc.site, "published": doc.published},
        "reused": [describe(r, r.source) for r in derived if r.derived == doc.id],
        "reused_by": [describe(r, r.derived) for r in derived if r.source == doc.id],
        "linked": [describe(r, r.derived if r.source == doc.id else r.source)
                   for r in relations if r.kind not in DERIVATIONS],
    }
