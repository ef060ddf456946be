"""``newstrace serve``: a small web app over an index — the report's views, server-rendered,
with a JSON API beside each page.

Pages: ``/`` (overview, stories, query form), ``/stories/{id}``, ``/documents/{id}``,
``/pairs/{source}/{derived}``, ``/claims``, ``/query`` (paste or upload an article), and
``/docs`` (the API, read from its OpenAPI schema, which is at ``/openapi.json``). Each page
has its JSON under ``/api/...``. The report is built when the app starts and rebuilt on the
first request after the index changed (an ``add`` while the app runs is seen without a
restart). Endpoints are plain functions, which the framework runs on
worker threads, so a long query leaves the other pages responsive. Everything rendered is
escaped by the templates; uploads over ``max_upload`` bytes get a 413 that says the limit.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from newstrace.config import ReuseConfig
from newstrace.errors import QueryStopped
from newstrace.index.embed import Encoder
from newstrace.ingest.build import build_document
from newstrace.ingest.readers import ReadOptions, read_capture
from newstrace.model import Document, Failure
from newstrace.report.guard import LOOPBACK, Guard, UploadLimit
from newstrace.report.html import (
    card_model,
    environment,
    facets,
    pair_model,
    report_view,
    story_model,
)
from newstrace.report.json_report import build_report
from newstrace.report.triage import ChangeRow
from newstrace.store.answer import answer_query
from newstrace.store.index import Index

__all__ = ["MAX_UPLOAD", "PAGE", "create_app"]

Text = Annotated[str, Form(description="The article, pasted")]
Upload = Annotated[UploadFile | None, File(description="The article, as a capture file")]
#: Stories and documents listed per page of the home page.
PAGE = 100
#: Seconds one query may run (``newstrace serve --query-seconds``).
QUERY_SECONDS = 60.0
#: Changes listed per page of /changes.
CHANGES_PAGE = 200
#: Largest article a query accepts, in bytes (``newstrace serve --max-upload``).
MAX_UPLOAD = 5_000_000


@dataclass
class _Site:
    db: Path
    encoder: Encoder
    max_upload: int
    report: dict[str, Any] = field(default_factory=dict)
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    view: dict[str, Any] = field(default_factory=dict)
    stamp: tuple[int, ...] = ()
    guard: threading.Lock = field(default_factory=threading.Lock)
    watch: sqlite3.Connection | None = None
    watch_lock: threading.Lock = field(default_factory=threading.Lock)

    def fresh(self) -> None:
        """Rebuild the pages' report when the index changed since it was built (an ``add``
        while the app runs), so what it shows is never older than the request."""
        now = self._stamp()
        if now == self.stamp:
            return
        with self.guard:  # one rebuild at a time; the others wait for it
            if now != self.stamp:
                self.load()
                self.stamp = now

    def _stamp(self) -> tuple[int, ...]:
        """SQLite's ``data_version`` on a connection kept open for it: it changes when
        another connection commits, and reading it costs nothing (a count of the index's
        rows took tens of milliseconds a request at 100k documents)."""
        with self.watch_lock:
            if self.watch is None:
                self.watch = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True,
                                             check_same_thread=False)
            return (int(self.watch.execute("PRAGMA data_version").fetchone()[0]),)

    def load(self) -> None:
        with Index(self.db) as index:
            kept = index.kept_report(self.encoder.name)  # what trace --db built, if current
            self.report = kept if kept is not None else build_report(
                index.documents(), index.relations(), index.failures(),
                index.config_ or ReuseConfig(), self.encoder.name, model=self.encoder)
        self.view = report_view(self.report)
        self.docs = self.view["docs"]

    def changes(self, kind: str | None, severity: str | None, site: str | None,
                story: str | None, words: str | None) -> list[ChangeRow]:
        """The ranked changes that pass the filters; ``words`` is searched (case-folded) in
        the change's words, explanation and both documents' labels."""
        needle = (words or "").casefold().strip()
        return [r for r in self.view["changes"]
                if (not kind or r.kind == kind) and (not severity or r.severity == severity)
                and (not site or r.site == site) and (not story or r.story == story)
                and (not needle or needle in " ".join((r.before, r.after, r.explanation,
                                                       r.derived_label,
                                                       r.source_label)).casefold())]

    def story(self, story_id: str) -> dict[str, Any]:
        found = next((s for s in self.report["stories"] if s["id"] == story_id), None)
        if found is None:
            raise HTTPException(404, f"no story {story_id!r} in this index")
        return found

    def document(self, doc_id: str) -> dict[str, Any]:
        if doc_id not in self.docs:
            raise HTTPException(404, f"no document {doc_id!r} in this index")
        return self.docs[doc_id]

    def relation(self, source: str, derived: str) -> dict[str, Any]:
        found = next((r for r in self.report["relations"]
                      if (r["source"], r["derived"]) == (source, derived)), None)
        if found is None:
            raise HTTPException(404, f"no relation from {source!r} to {derived!r}")
        return found

    def relations_of(self, doc_id: str) -> list[dict[str, Any]]:
        return [r for r in self.report["relations"] if doc_id in (r["source"], r["derived"])]

    def query(self, text: str, name: str, stop: Callable[[], bool] | None = None
              ) -> dict[str, Any]:
        """The answer for one pasted or uploaded article (``stop``: see ``answer_query``)."""
        with tempfile.TemporaryDirectory(prefix="newstrace-query-") as scratch:
            path = Path(scratch) / f"article{_suffix(name)}"  # never the upload's own name
            path.write_text(text, encoding="utf-8", errors="replace")
            # the upload's name is only its label (the locator, which ids hash)
            items = [r if isinstance(r, Failure) else build_document(r)
                     for r in read_capture(str(path), _label(name), ReadOptions())]
        docs = [i for i in items if isinstance(i, Document)]
        if not docs:
            reasons = "; ".join(i.reason for i in items if isinstance(i, Failure))
            raise HTTPException(422, f"no article could be read: {reasons or 'empty input'}")
        with Index(self.db) as index:
            # compared in this process: forking from a server thread can deadlock on a
            # lock another request's thread holds (OpenBLAS's fork handler among them)
            return answer_query(index, docs[0], self.encoder, stop, workers=1)


#: What an uploaded file's name may tell the reader (CSV and JSON lines are read by name);
#: anything else is read as ``article.txt``, its format sniffed from its content.
_SUFFIXES = frozenset({".txt", ".html", ".htm", ".csv", ".tsv", ".jsonl", ".ndjson", ".json"})


def _label(name: str) -> str:
    """The upload's name as a label: its last path part, printable, at most 200 characters."""
    label = "".join(ch for ch in name.replace("\\", "/").rsplit("/", 1)[-1] if ch.isprintable())
    return label[:200] if label.strip(". ") else "article.txt"


def _suffix(name: str) -> str:
    """The upload's suffix if it is one the reader knows, else ".txt"."""
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    return suffix if suffix in _SUFFIXES else ".txt"


def create_app(db: Path, encoder: Encoder, max_upload: int = MAX_UPLOAD,
               hosts: frozenset[str] | None = LOOPBACK,
               query_seconds: float = QUERY_SECONDS) -> FastAPI:
    """The web app over the index ``db``, answering to the host names ``hosts`` (this
    machine's by default; None: any, for an app deliberately served to a network). A query
    runs at most ``query_seconds`` and stops when its client goes away."""
    site = _Site(db, encoder, max_upload)
    site.fresh()
    env = environment()
    app = FastAPI(title="newstrace", docs_url=None, redoc_url=None,
                  description="Stories, copies, changes and claims of a newstrace index.",
                  dependencies=[Depends(site.fresh)])
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

    links = WebLinks(site)

    def page(template: str, **values: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(
            report=site.report, docs=site.docs, view=site.view, links=links,
            query_string=_query_string, **values))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(page_number: Annotated[int, Query(alias="page", ge=1)] = 1) -> HTMLResponse:
        stories = site.view["stories"]
        documents = site.report["documents"]
        pages = max(1, -(-max(len(stories), len(documents)) // PAGE))
        window = slice((page_number - 1) * PAGE, page_number * PAGE)
        return page("web_home.html.j2", stories=stories[window],
                    documents=documents[window], page_number=page_number, pages=pages)

    @app.get("/api/summary", summary="Counts, encoder and settings of the index's report")
    def api_summary() -> dict[str, Any]:
        return {k: site.report[k] for k in ("newstrace", "schema", "encoder", "config",
                                             "summary")}

    @app.get("/api/stories", summary="Every story")
    def api_stories() -> list[dict[str, Any]]:
        return list(site.report["stories"])

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(story_id: str) -> HTMLResponse:
        found = site.story(story_id)
        pairs = [r for r in site.report["relations"] if "changes" in r
                 and r["derived"] in found["members"]]
        return page("web_story.html.j2", item=story_model(found, site.docs), pairs=pairs)

    @app.get("/api/stories/{story_id}", summary="One story with its provenance tree")
    def api_story(story_id: str) -> dict[str, Any]:
        return site.story(story_id)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document(doc_id: str) -> HTMLResponse:
        doc = site.document(doc_id)
        card = site.view["cards"].get(doc_id)
        return page("web_document.html.j2", doc=doc, relations=site.relations_of(doc_id),
                    card=card_model(card, doc, site.view["labels"]) if card else None)

    @app.get("/api/documents/{doc_id}", summary="One document, its relations and its "
                                                "provenance card (its text's sources by share)")
    def api_document(doc_id: str) -> dict[str, Any]:
        card = site.view["cards"].get(doc_id)
        return {"document": site.document(doc_id), "relations": site.relations_of(doc_id),
                "card": card.to_json() if card else None}

    @app.get("/changes", response_class=HTMLResponse, include_in_schema=False)
    def changes(kind: str | None = None, severity: str | None = None, site_: Annotated[
                    str | None, Query(alias="site")] = None, story: str | None = None,
                q: str | None = None,
                page_number: Annotated[int, Query(alias="page", ge=1)] = 1) -> HTMLResponse:
        rows = site.changes(kind, severity, site_, story, q)
        pages = max(1, -(-len(rows) // CHANGES_PAGE))
        window = rows[(page_number - 1) * CHANGES_PAGE: page_number * CHANGES_PAGE]
        return page("web_changes.html.j2", rows=window, total=len(rows),
                    facets=facets(site.view["changes"]), page_number=page_number,
                    pages=pages, chosen={"kind": kind or "", "severity": severity or "",
                                         "site": site_ or "", "story": story or "",
                                         "q": q or ""})

    @app.get("/api/changes", summary="Changes, most severe first, filtered by kind, "
                                     "severity, the copy's site, story, and words (q)")
    def api_changes(kind: str | None = None, severity: str | None = None, site_: Annotated[
                        str | None, Query(alias="site")] = None, story: str | None = None,
                    q: str | None = None, limit: Annotated[int, Query(ge=1, le=5000)] = 500,
                    offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        rows = site.changes(kind, severity, site_, story, q)
        return {"total": len(rows),
                "changes": [asdict(r) for r in rows[offset: offset + limit]]}

    @app.get("/pairs/{source}/{derived}", response_class=HTMLResponse,
             include_in_schema=False)
    def pair(source: str, derived: str) -> HTMLResponse:
        relation = site.relation(source, derived)
        return page("web_pair.html.j2", relation=relation,
                    pair=pair_model("pair", relation, site.docs) if "changes" in relation
                    else None)

    @app.get("/api/pairs/{source}/{derived}", summary="One relation with its changes")
    def api_pair(source: str, derived: str) -> dict[str, Any]:
        return site.relation(source, derived)

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims() -> HTMLResponse:
        return page("web_claims.html.j2", claims=site.report["claims"])

    @app.get("/api/claims", summary="Claims carried by two documents or more")
    def api_claims() -> list[dict[str, Any]]:
        return list(site.report["claims"])

    @app.get("/query", response_class=HTMLResponse, include_in_schema=False)
    def query_form() -> HTMLResponse:
        return page("web_query.html.j2", answer=None)

    async def answer(request: Request, text: str, upload: UploadFile | None
                     ) -> dict[str, Any]:
        """Run a query on a worker thread, stopping it when its time budget runs out or
        its client goes away (a 5 MB paste abandoned by its browser once ran on)."""
        body, name = await run_in_threadpool(_article, text, upload, site.max_upload)
        gone = threading.Event()
        deadline = time.monotonic() + query_seconds

        def stop() -> bool:
            return gone.is_set() or time.monotonic() > deadline

        task = asyncio.ensure_future(run_in_threadpool(site.query, body, name, stop))
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
        return await run_in_threadpool(page, "web_query.html.j2", answer=found)

    @app.post("/api/query", summary="What in the index an article reused, and what reused "
                                    "it (the article is not added)")
    async def api_query(request: Request, text: Text = "", upload: Upload = None
                        ) -> dict[str, Any]:
        return await answer(request, text, upload)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return page("web_api.html.j2", schema=app.openapi())

    return app


class WebLinks:
    """Links between the app's pages, for the views shared with the HTML report."""

    def __init__(self, site: _Site) -> None:
        self.site = site  # its report is rebuilt when the index changes

    def story(self, story_id: str) -> str:
        return f"/stories/{quote(story_id)}"

    def pair(self, row: ChangeRow) -> str:
        return f"/pairs/{quote(row.source)}/{quote(row.derived)}"

    def pair_number(self, number: int) -> str:
        rel = self.site.view["derivations"][number]
        return f"/pairs/{quote(rel['source'])}/{quote(rel['derived'])}"

    def doc(self, doc_id: str) -> str:
        return f"/documents/{quote(doc_id)}"

    def index(self) -> str:
        return "/"

    def changes(self, number: int) -> str:
        return f"/changes?page={number}"


def _query_string(chosen: dict[str, str], page_number: int) -> str:
    """The filters in ``chosen`` (the empty ones left out) and a page number, URL-encoded."""
    return urlencode({**{k: v for k, v in chosen.items() if v}, "page": page_number})


def _article(text: str, upload: UploadFile | None, limit: int) -> tuple[str, str]:
    """The article a query form sent: the uploaded file if any, else the pasted text."""
    if upload is not None and upload.filename:
        raw = upload.file.read(limit + 1)
        if len(raw) > limit:
            raise HTTPException(413, f"upload too large: over {limit:,} bytes; this server "
                                     "takes at most that (newstrace serve --max-upload)")
        return raw.decode("utf-8", errors="replace"), upload.filename
    if not text.strip():
        raise HTTPException(422, "paste an article or choose a file to upload")
    return text, "pasted.txt"
