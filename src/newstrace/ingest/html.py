"""HTML pages to article text and metadata, with trafilatura (and htmldate through it).

trafilatura is the best-kept extractor for news pages (about 0.95 token F1 on the
Scrapinghub benchmark); newstrace only adds what it lacks for provenance work: photo captions,
ad slots and share bars that survive inside the extracted text are removed by the same rules as
for flattened pages (``clean.flattened`` with region selection off).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from newstrace.errors import EmptyInputError, InputError

__all__ = ["ExtractedPage", "extract_page", "flatten_html"]

#: Deeper trees than this are refused: real pages stay far below, and libxml2 and trafilatura's
#: recursive passes would otherwise spend unbounded time and stack on crafted input.
MAX_DEPTH = 1000
_PARSER = lxml.html.HTMLParser(huge_tree=True)
#: The C0 control characters and DEL, but tab, newline and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """What trafilatura found in a page."""

    text: str
    title: str | None
    url: str | None
    site: str | None
    published: str | None


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """Article text (one paragraph a line) and metadata of an HTML page."""
    tree = _parse(html)
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
            deduplicate=False,
        )
    except (RecursionError, ValueError, lxml.etree.LxmlError) as exc:
        raise InputError(f"trafilatura could not read the page ({type(exc).__name__})") from exc
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        raise EmptyInputError("no article text found in the HTML")
    return ExtractedPage(
        text=str(doc.text),
        title=doc.title or None,
        url=doc.url or url,
        site=doc.hostname or doc.sitename or None,
        published=doc.date or None,
    )


def _parse(html: str) -> lxml.html.HtmlElement:
    # libxml2 stops at 256 levels unless told otherwise, and silently drops what lies deeper
    # (an article 900 elements down came out as "no article text"); ``MAX_DEPTH`` below is
    # the bound instead. A NUL byte ends libxml2's reading of the text it sits in, and one
    # other control character (an escape, a vertical tab) made it drop the whole body: they
    # become spaces (a form feed is white space in HTML, and words stay apart).
    try:
        tree = lxml.html.document_fromstring(_CONTROL.sub(" ", html), parser=_PARSER)
    except (lxml.etree.LxmlError, ValueError) as exc:
        raise InputError(f"not parseable as HTML ({exc})") from exc
    if _depth_exceeds(tree, MAX_DEPTH):
        raise InputError(f"HTML nested more than {MAX_DEPTH} levels deep; refused")
    return tree


def _depth_exceeds(tree: lxml.html.HtmlElement, limit: int) -> bool:
    """Whether any element lies deeper than ``limit`` (iterative, so no recursion limit)."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in node)
    return False


def flatten_html(html: str) -> str:
    """Every visible text node of a page joined on one line: what a flattened capture looks like.

    Used to build test and benchmark captures in the shape of seed 000.
    """
    tree = _parse(html)
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    return " ".join(part.strip() for part in tree.itertext() if part.strip())
