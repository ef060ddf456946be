"""Relations from alignments: which pair is a duplicate, an excerpt or a partial reuse.

These are the containment rules of the reuse engine (the ``Relation`` record itself lives in
``model``); the rewrite and translation kinds, and full orientation from dates, information
loss and artefacts, build on them later. Every decision keeps its reasons in words.
"""

from __future__ import annotations

from collections.abc import Mapping

from newstrace.match.kinds import DUPLICATE_COVERAGE, EXCERPT_COVERAGE
from newstrace.match.verbatim import Alignment
from newstrace.model import Document, Passage, Relation

__all__ = ["DUPLICATE_COVERAGE", "EXCERPT_COVERAGE", "DocInfo", "doc_info", "relate"]


#: What relating needs to know of a document: its locator and its publication date.
DocInfo = tuple[str, str | None]


def doc_info(doc: Document) -> DocInfo:
    """The (locator, published) of a document, as ``relate`` needs them."""
    return doc.locator, doc.published


def relate(alignment: Alignment, docs: Mapping[str, DocInfo],
           proposed_by: tuple[str, ...]) -> Relation | None:
    """The relation an alignment shows, or None when it holds no passage.

    ``docs`` maps each document id to its (locator, published).
    """
    if not alignment.passages:
        return None
    cov_a, cov_b = alignment.coverage_a, alignment.coverage_b
    a_inside = f"{cov_a:.0%} of {_name(docs, alignment.a_id)}"
    b_inside = f"{cov_b:.0%} of {_name(docs, alignment.b_id)}"
    if min(cov_a, cov_b) >= DUPLICATE_COVERAGE:
        kind, reasons = "duplicate", [f"{a_inside} and {b_inside} are shared verbatim"]
        derived_is_b = _later(docs, alignment.a_id, alignment.b_id)
        oriented = derived_is_b is not None
    elif max(cov_a, cov_b) >= EXCERPT_COVERAGE:
        kind, oriented = "excerpt", True
        derived_is_b = cov_b >= cov_a
        inner, outer = (b_inside, a_inside) if derived_is_b else (a_inside, b_inside)
        reasons = [f"{inner} lies inside the other document, which shares only {outer}"]
    else:
        kind = "partial"
        reasons = [f"passages cover {a_inside} and {b_inside}"]
        derived_is_b = _later(docs, alignment.a_id, alignment.b_id)
        oriented = derived_is_b is not None
    if derived_is_b is None:
        derived_is_b = True
        reasons.append("direction unknown: no publication dates tell which came first")
    elif kind != "excerpt":
        reasons.append("the derived document was published later")
    return _oriented(alignment, kind, oriented, derived_is_b, proposed_by, tuple(reasons))


def _oriented(alignment: Alignment, kind: str, oriented: bool, derived_is_b: bool,
              proposed_by: tuple[str, ...], reasons: tuple[str, ...]) -> Relation:
    passages = alignment.passages
    if derived_is_b:
        return Relation(alignment.a_id, alignment.b_id, kind, oriented, alignment.coverage_a,
                        alignment.coverage_b, passages, proposed_by, reasons)
    flipped = tuple(sorted((Passage(p.b, p.a, p.kind, p.score, p.words) for p in passages),
                           key=lambda p: (p.a.start, p.b.start)))
    return Relation(alignment.b_id, alignment.a_id, kind, oriented, alignment.coverage_b,
                    alignment.coverage_a, flipped, proposed_by, reasons)


def _later(docs: Mapping[str, DocInfo], a_id: str, b_id: str) -> bool | None:
    """True when b was published after a, False when before, None when unknown or equal."""
    a_date, b_date = docs[a_id][1], docs[b_id][1]
    if not a_date or not b_date or a_date == b_date:
        return None
    return b_date > a_date


def _name(docs: Mapping[str, DocInfo], doc_id: str) -> str:
    return docs[doc_id][0]
