"""Corpus-level template removal: a sentence that recurs across many documents of one site.

Page-level rules cannot know that "Follow us for more stories like this." is a site's footer;
the corpus can. Per site, a sentence (six words or more, compared case- and punctuation-blind)
that appears in at least ``min_docs`` documents and in at least ``min_share`` of that site's
documents is template text and is removed from all of them. The thresholds keep an article that
a site republished two or three times (a real duplicate newstrace must find) intact.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from newstrace.ingest.build import segment_document
from newstrace.model import Document

__all__ = ["strip_site_templates"]

_WORD = re.compile(r"[^\W_]+")


def _key(sentence: str) -> str | None:
    words = _WORD.findall(sentence.casefold())
    return " ".join(words) if len(words) >= 6 else None


def strip_site_templates(docs: Sequence[Document], min_docs: int = 4,
                         min_share: float = 0.25) -> list[Document]:
    """The documents with every sentence that is template text on their site removed."""
    by_site: dict[str, list[int]] = defaultdict(list)
    for position, doc in enumerate(docs):
        if doc.site:
            by_site[doc.site].append(position)
    out = list(docs)
    for members in by_site.values():
        if len(members) < min_docs:
            continue
        counts: Counter[str] = Counter()
        for position in members:
            doc = docs[position]
            counts.update({k for s in doc.sentences if (k := _key(s.slice(doc.text)))})
        floor = max(min_docs, min_share * len(members))
        templates = {key for key, count in counts.items() if count >= floor}
        if templates:
            for position in members:
                out[position] = _without(docs[position], templates)
    return out


def _without(doc: Document, templates: set[str]) -> Document:
    """The document minus template sentences; paragraphs keep their breaks."""
    paragraphs: list[str] = []
    for para in doc.paragraphs:
        kept = [s.slice(doc.text) for s in doc.sentences
                if para.start <= s.start < para.end and _key(s.slice(doc.text)) not in templates]
        if kept:
            paragraphs.append(" ".join(kept))
    text = "\n\n".join(paragraphs)
    if text == doc.text:
        return doc
    return segment_document(replace(doc, text=text))
