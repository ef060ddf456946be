"""Article-extraction quality on the Scrapinghub benchmark layout.

``html/<hash>.html.gz`` pages and ``ground-truth.json`` (hash -> articleBody). Each page is
scored twice: as HTML (trafilatura plus newstrace's cleaning) and flattened to one line of text
the way seed 000 was captured (every visible text node joined), which exercises the
flattened-page cleaner. The baseline "all text of the flattened page" is reported beside them.
Scores are bag-of-tokens F1 per page (the benchmark's measure), averaged over pages.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newstrace.ingest.build import build_document
from newstrace.ingest.html import flatten_html
from newstrace.model import Document, RawRecord

__all__ = ["ExtractionScores", "evaluate_extraction", "token_f1"]

_TOKEN = re.compile(r"\w+")


def token_f1(predicted: str, truth: str) -> float:
    """F1 of the multiset of lower-case word tokens of ``predicted`` against ``truth``."""
    got = Counter(_TOKEN.findall(predicted.lower()))
    want = Counter(_TOKEN.findall(truth.lower()))
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(got.values())
    recall = overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True, slots=True)
class ExtractionScores:
    """Mean token F1 per mode over ``pages`` pages."""

    pages: int
    html_f1: float
    flattened_f1: float
    all_text_f1: float

    def to_json(self) -> dict[str, float | int]:
        """The scores as a JSON-ready mapping."""
        return {"pages": self.pages, "html_f1": round(self.html_f1, 4),
                "flattened_f1": round(self.flattened_f1, 4),
                "all_text_f1": round(self.all_text_f1, 4)}


def _text_of(record: RawRecord) -> str:
    result = build_document(record)
    return result.text if isinstance(result, Document) else ""


def score_page(html: str, truth: str, name: str) -> tuple[float, float, float]:
    """(html F1, flattened F1, all-text F1) of one page."""
    flat = flatten_html(html)
    as_html = _text_of(RawRecord(path=name, locator=name, content=html, format="html"))
    as_flat = _text_of(RawRecord(path=name, locator=name, content=flat, format="text"))
    return token_f1(as_html, truth), token_f1(as_flat, truth), token_f1(flat, truth)


def evaluate_extraction(root: Path, limit: int | None = None) -> ExtractionScores:
    """Score every page of an extraction benchmark folder (see the module docstring)."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    names = sorted(truth)[:limit]
    totals = [0.0, 0.0, 0.0]
    for name in names:
        html = gzip.decompress((root / "html" / f"{name}.html.gz").read_bytes())
        scores = score_page(html.decode("utf-8", "replace"), truth[name]["articleBody"], name)
        totals = [t + s for t, s in zip(totals, scores, strict=True)]
    count = max(len(names), 1)
    return ExtractionScores(len(names), *(t / count for t in totals))
