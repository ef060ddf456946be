"""An article sent to the web app's query form (pasted or uploaded), read and compared with
the index: the upload's name is only its label, never a path on this machine."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import HTTPException, UploadFile

from newstrace.ingest.build import build_document
from newstrace.ingest.readers import ReadOptions, read_capture
from newstrace.model import Document, Failure
from newstrace.report.site import Site
from newstrace.stages.answer import answer_query
from newstrace.store.index import Index

__all__ = ["query_article", "sent_article"]


def query_article(site: Site, text: str, name: str, stop: Callable[[], bool] | None = None
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
    with Index(site.db) as index:
        # compared in this process: forking from a server thread can deadlock on a
        # lock another request's thread holds (OpenBLAS's fork handler among them)
        return answer_query(index, docs[0], site.encoder, stop, in_process=True)


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


def sent_article(text: str, upload: UploadFile | None, limit: int) -> tuple[str, str]:
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
