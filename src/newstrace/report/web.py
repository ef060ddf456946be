"""``newstrace serve``: a small web app over an index — the report's views, server-rendered,
with a JSON API beside each page.

Pages: ``/`` (stories ranked, documents), ``/stories/{id}``, ``/documents/{id}``,
``/pairs/{source}/{derived}``, ``/changes`` (filtered, searched), ``/claims``, ``/query``
(paste or upload an article), and ``/docs`` (the API, read from its OpenAPI schema, which is
at ``/openapi.json``). Each page has its JSON under ``/api/...``. Every page is read from the
report kept in the index as tables (``store.report_tables``, ``report.site``): the app starts
by reading one row, a page reads only its own rows, and an ``add`` while the app runs is seen
without a restart. Endpoints are plain functions, which the framework runs on worker
threads, so a long query leaves the other pages responsive. Everything rendered is escaped by
the templates; uploads over ``max_upload`` bytes get a 413 that says the limit.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import anyio.to_thread
from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from newstrace.errors import QueryStopped
from newstrace.index.embed import Encoder
from newstrace.report.cards import Card
from newstrace.report.guard import LOOPBACK, Guard, UploadLimit
from newstrace.report.html import WebLinks, card_model, environment, pair_model, story_model
from newstrace.report.site import Docs, Labels, Site
from newstrace.report.tables import HEAD_KEYS
from newstrace.report.triage import ChangeRow
from newstrace.report.upload import query_article, sent_article
from newstrace.store.index import Index
from newstrace.store.report_tables import ChangeFilter, ReportTables

__all__ = ["MAX_UPLOAD", "PAGE", "create_app"]

Text = Annotated[str, Form(description="The article, pasted")]
Upload = Annotated[UploadFile | None, File(description="The article, as a capture file")]
#: Stories and documents listed per page of the home page.
PAGE = 100
#: Seconds one query may run (``newstrace serve --query-seconds``).
QUERY_SECONDS = 60.0
#: Claims listed per page of /claims (and by /api/claims unless told): a claim of a dense
#: crawl lists hundreds of carriers.
CLAIMS_PAGE = 25
#: Derivations a story's page lists (the rest are counted, their changes under /changes).
STORY_PAIRS = 200
#: Changes listed per page of /changes.
CHANGES_PAGE = 200
#: Largest article a query accepts, in bytes (``newstrace serve --max-upload``).
MAX_UPLOAD = 5_000_000
Limit = Annotated[int, Query(ge=1, le=5000, description="How many to return")]
Offset = Annotated[int, Query(ge=0, description="How many to skip")]


class _Pages:
    """Reads of one request's snapshot of the report, as the pages and the API want them."""

    def __init__(self, tables: ReportTables) -> None:
        self.tables = tables
        self.docs = Docs(tables)
        self.labels = Labels(tables)

    def story_json(self, story_id: str) -> str:
        found = self.tables.story_json(story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id!r} in this index")
        return found

    def story(self, story_id: str) -> dict[str, Any]:
        return dict(json.loads(self.story_json(story_id)))

    def document(self, doc_id: str) -> dict[str, Any]:
        found = self.tables.doc(doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r} in this index")
        return found

    def relation(self, source: str, derived: str) -> dict[str, Any]:
        found = self.tables.relation(source, derived)
        if found is None:
            raise HTTPException(404, f"no relation from {source!r} to {derived!r}")
        return found

    def card(self, doc_id: str) -> Card | None:
        found = self.tables.card(doc_id)
        return Card.from_json(found) if found else None


#: Worker threads the pages run on at once. Pages are short and hold the interpreter's lock
#: most of their time: with the default forty, twenty concurrent requests shared it and each
#: took twenty times its own time; a few threads queue them (first come, first served) and a
#: slow page delays only the pages behind it. Queries hold no thread while they wait.
THREADS = 4


async def _few_threads() -> None:
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS


async def _fresh(request: Request) -> None:
    """Read the kept report's head again if the index changed (one PRAGMA when it has not:
    run on the event loop, not on a worker thread)."""
    request.app.state.site.fresh()


def _json(text: str) -> Response:
    """JSON kept as text, answered as it is (parsing it to write it again is most of what a
    large answer would cost)."""
    return Response(text, media_type="application/json")


def _array(texts: list[str]) -> str:
    return f"[{','.join(texts)}]"


@contextmanager
def _read(site: Site) -> Iterator[_Pages]:
    """A page's snapshot of the report (opened in the endpoint: one worker thread)."""
    with site.reading() as tables:
        yield _Pages(tables)


#: The environment variable that passes ``serve``'s settings to the app factory its worker
#: processes call (``app_from_environment``).
SETTINGS = "NEWSTRACE_SERVE"


def app_from_environment() -> FastAPI:
    """The app as ``newstrace serve`` configured it, for each of uvicorn's worker processes
    (which import the app by name and so cannot be handed one)."""
    from newstrace.index.embed import load_encoder

    chosen = json.loads(os.environ[SETTINGS])
    hosts = chosen["hosts"]
    return create_app(Path(chosen["db"]), load_encoder(chosen["encoder"]),
                      chosen["max_upload"], None if hosts is None else frozenset(hosts),
                      chosen["query_seconds"])


def create_app(db: Path, encoder: Encoder, max_upload: int = MAX_UPLOAD,
               hosts: frozenset[str] | None = LOOPBACK,
               query_seconds: float = QUERY_SECONDS) -> FastAPI:
    """The web app over the index ``db``, answering to the host names ``hosts`` (this
    machine's by default; None: any, for an app deliberately served to a network). A query
    runs at most ``query_seconds`` and stops when its client goes away."""
    site = Site(db, encoder, max_upload)
    with Index(db):  # an index from an older newstrace is brought to this schema first
        pass
    site.fresh()
    env = environment()
    app = FastAPI(title="newstrace", docs_url=None, redoc_url=None,
                  description="Stories, copies, changes and claims of a newstrace index.",
                  dependencies=[Depends(_fresh)])
    app.state.site = site
    app.router.on_startup.append(_few_threads)
    app.add_middleware(UploadLimit, limit=max_upload)
    app.add_middleware(Guard, hosts=hosts)

    @app.exception_handler(StarletteHTTPException)
    def too_large(request: Request, exc: StarletteHTTPException) -> Response:
        """A pasted text over the form parser's 1 MB part limit is "too large" (413), as an
        upload over --max-upload is, not a bad request."""
        if exc.status_code == 400 and "maximum size" in str(exc.detail):
            return JSONResponse(status_code=413, content={"detail": (
                "pasted text too large: over 1 MB; upload it as a file instead (up to "
                f"{max_upload:,} bytes)")})
        return JSONResponse(status_code=exc.status_code, content={"detail": exc.detail},
                            headers=getattr(exc, "headers", None))

    links = WebLinks()

    def page(template: str, read: _Pages | None, **values: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(
            report=site.head, docs=read.docs if read else {}, stale=site.stale,
            view={"labels": read.labels if read else {}}, links=links,
            query_string=_query_string, **values))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(page_number: Annotated[int, Query(alias="page", ge=1)] = 1) -> HTMLResponse:
        with _read(site) as read:
            counts = site.head["counts"]
            pages = max(1, -(-max(counts["ranked"], counts["documents"]) // PAGE))
            start = (page_number - 1) * PAGE
            documents = [{"id": i, "label": label}
                         for i, label in read.tables.documents(start, PAGE)]
            return page("web_home.html.j2", read, stories=read.tables.ranked(start, PAGE),
                        documents=documents, page_number=page_number, pages=pages)

    @app.get("/api/summary", summary="Counts, encoder and settings of the index's report, "
                                     "and whether it is current")
    async def api_summary() -> JSONResponse:
        return JSONResponse({**{k: site.head[k] for k in HEAD_KEYS},
                             "inputs_total": site.head["inputs_total"],
                             "current": not site.stale})

    @app.get("/api/stories", summary="The stories, in report order, a window at a time")
    def api_stories(limit: Limit = 500, offset: Offset = 0) -> Response:
        with _read(site) as read:
            return _json(_array(read.tables.stories_json(offset, limit)))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(story_id: str) -> HTMLResponse:
        with _read(site) as read:
            found = read.story(story_id)
            total, pairs = read.tables.derivations(story_id, STORY_PAIRS)
            read.labels.prefetch(d for r in pairs for d in (r["source"], r["derived"]))
            kept = read.tables.story_view(story_id)
            if kept is None:  # a story of one document: nothing drawn in advance
                read.docs.prefetch(found["members"])
            # the drawing was rendered, escaped, by the same templates when it was kept
            return page("web_story.html.j2", read, story=found,
                        drawing=Markup(kept) if kept is not None else None,
                        item=story_model(found, read.docs) if kept is None else None,
                        pairs=pairs, more=total - len(pairs))

    @app.get("/api/stories/{story_id}", summary="One story with its provenance tree")
    def api_story(story_id: str) -> Response:
        with _read(site) as read:
            return _json(read.story_json(story_id))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document(doc_id: str) -> HTMLResponse:
        with _read(site) as read:
            doc = read.document(doc_id)
            card = read.card(doc_id)
            relations = read.tables.relations_of(doc_id, whole=False)
            read.labels.prefetch(d for r in relations for d in (r["source"], r["derived"]))
            return page("web_document.html.j2", read, doc=doc, relations=relations,
                        card=card_model(card, doc, read.labels) if card else None)

    @app.get("/api/documents/{doc_id}", summary="One document, its relations and its "
                                                "provenance card (its text's sources by share)")
    def api_document(doc_id: str) -> Response:
        with _read(site) as read:
            document = read.tables.doc_json(doc_id)
            if document is None:
                raise HTTPException(404, f"no document {doc_id!r} in this index")
            return _json(f'{{"card":{read.tables.card_json(doc_id) or "null"},"document":'
                         f'{document},"relations":'
                         f'{_array(read.tables.relations_of_json(doc_id))}}}')

    @app.get("/changes", response_class=HTMLResponse, include_in_schema=False)
    def changes(kind: str | None = None, severity: str | None = None,
                site_: Annotated[str | None, Query(alias="site")] = None,
                story: str | None = None, q: str | None = None,
                page_number: Annotated[int, Query(alias="page", ge=1)] = 1) -> HTMLResponse:
        with _read(site) as read:
            total, rows = read.tables.changes(ChangeFilter(kind, severity, site_, story, q),
                                              (page_number - 1) * CHANGES_PAGE, CHANGES_PAGE)
            return page("web_changes.html.j2", read, rows=[ChangeRow(**r) for r in rows],
                        total=total, facets=site.head["facets"], page_number=page_number,
                        pages=max(1, -(-total // CHANGES_PAGE)),
                        chosen={"kind": kind or "", "severity": severity or "",
                                "site": site_ or "", "story": story or "", "q": q or ""})

    @app.get("/api/changes", summary="Changes, most severe first, filtered by kind, "
                                     "severity, the copy's site, story, and words (q)")
    def api_changes(kind: str | None = None, severity: str | None = None,
                    site_: Annotated[str | None, Query(alias="site")] = None,
                    story: str | None = None, q: str | None = None,
                    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
                    offset: Offset = 0) -> JSONResponse:
        with _read(site) as read:
            total, rows = read.tables.changes(ChangeFilter(kind, severity, site_, story, q),
                                              offset, limit)
            return JSONResponse({"total": total, "changes": rows})

    @app.get("/pairs/{source}/{derived}", response_class=HTMLResponse,
             include_in_schema=False)
    def pair(source: str, derived: str) -> HTMLResponse:
        with _read(site) as read:
            relation = read.relation(source, derived)
            both = {source: read.document(source), derived: read.document(derived)}
            return page("web_pair.html.j2", read, relation=relation,
                        pair=pair_model("pair", relation, both) if "changes" in relation
                        else None)

    @app.get("/api/pairs/{source}/{derived}", summary="One relation with its changes")
    def api_pair(source: str, derived: str) -> Response:
        with _read(site) as read:
            found = read.tables.relation_json(source, derived)
            if found is None:
                raise HTTPException(404, f"no relation from {source!r} to {derived!r}")
            return _json(found)

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims(page_number: Annotated[int, Query(alias="page", ge=1)] = 1) -> HTMLResponse:
        with _read(site) as read:
            pages = max(1, -(-site.head["counts"]["claims"] // CLAIMS_PAGE))
            # each row was rendered, escaped, by the same template when it was kept
            rows = [Markup(row) for row in read.tables.claim_rows(
                (page_number - 1) * CLAIMS_PAGE, CLAIMS_PAGE)]
            return page("web_claims.html.j2", read, rows=rows,
                        page_number=page_number, pages=pages)

    @app.get("/api/claims", summary="Claims carried by two documents or more, a window at "
                                    "a time")
    def api_claims(limit: Limit = CLAIMS_PAGE, offset: Offset = 0) -> Response:
        with _read(site) as read:
            return _json(_array(read.tables.claims_json(offset, limit)))

    @app.get("/query", response_class=HTMLResponse, include_in_schema=False)
    def query_form() -> HTMLResponse:
        return page("web_query.html.j2", None, answer=None)

    async def answer(request: Request, text: str, upload: UploadFile | None
                     ) -> dict[str, Any]:
        """Run a query on a worker thread, stopping it when its time budget runs out or
        its client goes away (a 5 MB paste abandoned by its browser once ran on)."""
        body, name = await run_in_threadpool(sent_article, text, upload, site.max_upload)
        gone = threading.Event()
        deadline = time.monotonic() + query_seconds

        def stop() -> bool:
            return gone.is_set() or time.monotonic() > deadline

        task = asyncio.ensure_future(run_in_threadpool(query_article, site, body, name, stop))
        while not (await asyncio.wait({task}, timeout=0.25))[0]:
            if await request.is_disconnected():
                gone.set()
        try:
            return await task
        except QueryStopped as exc:
            raise HTTPException(503, f"the query ran past its {query_seconds:g} s budget and "
                                     f"was stopped ({exc}); paste a shorter text, or raise "
                                     "newstrace serve --query-seconds") from None

    @app.post("/query", response_class=HTMLResponse, include_in_schema=False)
    async def query_page(request: Request, text: Text = "", upload: Upload = None
                         ) -> HTMLResponse:
        found = await answer(request, text, upload)
        return await run_in_threadpool(page, "web_query.html.j2", None, answer=found)

    @app.post("/api/query", summary="What in the index an article reused, and what reused "
                                    "it (the article is not added)")
    async def api_query(request: Request, text: Text = "", upload: Upload = None
                        ) -> dict[str, Any]:
        return await answer(request, text, upload)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return page("web_api.html.j2", None, schema=app.openapi())

    return app


def _query_string(chosen: dict[str, str], page_number: int) -> str:
    """The filters in ``chosen`` (the empty ones left out) and a page number, URL-encoded."""
    return urlencode({**{k: v for k, v in chosen.items() if v}, "page": page_number})
