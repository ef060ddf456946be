"""The per-capture kernel: a raw record in, a clean segmented ``Document`` (or a Failure) out.

Pure apart from logging: no I/O, so engines can run it in worker processes or Spark tasks.
"""

from __future__ import annotations

import datetime as dt
import re

from newstrace.clean.flattened import clean_page
from newstrace.clean.widgets import strip_widgets
from newstrace.errors import EmptyInputError, InputError
from newstrace.ingest.deadline import EXTRACTION_SECONDS, deadline
from newstrace.ingest.html import extract_page
from newstrace.ingest.metadata import (
    detect_language,
    find_credit,
    find_date,
    read_text_metadata,
    site_of,
)
from newstrace.model import Document, Failure, RawRecord
from newstrace.text.segment import segment_document

#: ``segment_document`` lives in ``text.segment``; named here for the callers of ingest.
__all__ = ["build_document", "normalise_date", "segment_document"]

_ISO_PREFIX = re.compile(r"^\s*((?:19|20)\d\d)-([01]\d)-([0-3]\d)")


def build_document(record: RawRecord, time_limit: float | None = EXTRACTION_SECONDS
                   ) -> Document | Failure:
    """Extract, clean, date and segment one capture; bad input becomes a Failure, and so does
    a capture whose extraction runs past ``time_limit`` seconds (``ingest.deadline``)."""
    try:
        with deadline(time_limit):
            return _build(record)
    except InputError as exc:
        return Failure(record.path, str(exc), record.locator)
    except RecursionError:
        return Failure(record.path, "the capture is nested too deeply to read", record.locator)
    except Exception as exc:  # an extraction library (trafilatura, lxml,
        # charset detection) failing on one page is that page's failure, not the run's
        return Failure(record.path, f"the page cannot be extracted ({type(exc).__name__}: "
                                    f"{str(exc)[:160]})", record.locator)


def _build(record: RawRecord) -> Document:
    if record.format == "html":
        page = extract_page(record.content, record.url)
        cleaned = clean_page(page.text, select_region=False)
        url, site = page.url, page.site
        title = record.title or page.title or cleaned.title
        published, published_source = page.published, "html-meta" if page.published else None
        credit, byline = find_credit(page.text), record.byline
    else:
        cleaned = clean_page(strip_widgets(record.content), find_title=record.title is None)
        meta = read_text_metadata(record.content, cleaned.header, cleaned.masthead)
        url, site, credit = record.url or meta.url, meta.site, meta.credit
        byline = record.byline or meta.byline
        title = record.title or cleaned.title
        published, published_source = meta.published, meta.published_source
    if record.url:
        site = site_of(record.url) or site
    if record.site:
        site = record.site
    if record.published:
        published, published_source = normalise_date(record.published), record.published_source
    if not cleaned.text.strip():
        raise EmptyInputError("no article text left after removing page chrome")
    if _after_capture(published, record.captured):
        published, published_source = None, None
    return Document(
        id=Document.make_id(record.locator, record.content),
        path=record.path,
        locator=record.locator,
        format=record.format,
        text=cleaned.text,
        url=url,
        site=site,
        title=title,
        published=published,
        published_source=published_source if published else None,
        captured=record.captured,
        language=detect_language(cleaned.text),
        credit=credit,
        byline=byline,
        paragraphs=cleaned.paragraphs,
        sentences=cleaned.sentences,
    )


def _after_capture(published: str | None, captured: str | None) -> bool:
    """Whether a publication date lies over a day after the page was captured: impossible,
    so misread (a date in the story, an event announced for later)."""
    if not published or not captured:
        return False
    try:
        first = dt.date.fromisoformat(published[:10])
        seen = dt.date.fromisoformat(captured[:10])
    except ValueError:
        return False
    return (first - seen).days > 1


def normalise_date(value: str) -> str | None:
    """An ISO date from a record field ("2022-08-11T10:00Z", "August 11, 2022"), or None."""
    match = _ISO_PREFIX.match(value)
    if match:
        return "-".join(match.groups())
    return find_date(value)[0]
