"""Corpus-level corrections of pairwise relations, before stories are built.

Pairs are decided one at a time; two things only the whole corpus can tell:

- **Siblings.** Two copies of one original resemble each other (an excerpt and a rewrite of
  one AP article align sentence by sentence), but neither was made from the other. A
  rewrite, translation or partial link between X and Y is a sibling link when some Z is a
  nearer source of both (an oriented derivation into X and into Y, each covering at least as
  much): it becomes ``same_story`` with the common source named. Two translations of one
  original into two languages are siblings whatever their coverage (a translation told by
  its names and figures aligns few sentences, so coverage says little across three
  languages). Unoriented derivations (two copies of unknown order) never make siblings.
- **Time.** Undated documents take a date from their story (the dated members derived from
  one another) and then from ``same_story`` partners; a same_story link whose documents are
  then more than ``STORY_DAYS`` apart is a topic's follow-up and becomes ``same_topic``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from newstrace.match.kinds import DERIVATIONS, STORY_DAYS
from newstrace.match.relation import Relation

__all__ = ["effective_dates", "reconcile"]

_SIBLING_KINDS = ("rewrite", "translation", "partial")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _translated_twice(link: Relation, first: Relation, second: Relation) -> bool:
    """Whether ``link`` joins two translations of one original (``first`` and ``second``
    translate it)."""
    return link.kind == first.kind == second.kind == "translation"


def _siblings(relations: list[Relation]) -> list[Relation]:
    into: dict[str, dict[str, Relation]] = {}
    for r in relations:
        if r.kind in DERIVATIONS and r.oriented:  # a guessed direction proves no common source
            into.setdefault(r.derived, {})[r.source] = r
    out: list[Relation] = []
    for r in relations:
        common = sorted(
            z for z in set(into.get(r.source, {})) & set(into.get(r.derived, {}))
            if _translated_twice(r, into[r.source][z], into[r.derived][z]) or (
                into[r.source][z].coverage_derived >= r.coverage_source
                and into[r.derived][z].coverage_derived >= r.coverage_derived))
        if r.kind in _SIBLING_KINDS and common:
            out.append(replace(r, kind="same_story", oriented=False, passages=(),
                               confidence=1.0, signals=(),
                               reasons=(f"both derive from {common[0]}, a nearer source of "
                                        "each; their likeness comes from it",)))
        else:
            out.append(r)
    return out


def effective_dates(published: Mapping[str, str | None], relations: list[Relation]
                    ) -> dict[str, date | None]:
    """Each document's own date, else its story's earliest, else a same_story partner's."""
    dates = {doc: _day(value) for doc, value in published.items()}
    for kinds in (DERIVATIONS, ("same_story",)):
        changed = True
        while changed:
            changed = False
            for r in sorted(relations, key=lambda r: (r.source, r.derived)):
                if r.kind not in kinds:
                    continue
                for a, b in ((r.source, r.derived), (r.derived, r.source)):
                    if dates.get(a) is None and dates.get(b) is not None:
                        dates[a] = dates[b]
                        changed = True
    return dates


def reconcile(published: Mapping[str, str | None], relations: list[Relation]
              ) -> list[Relation]:
    """The relations with sibling links and time-apart links corrected, in the same order."""
    fixed = _siblings(relations)
    dates = effective_dates(published, fixed)
    out: list[Relation] = []
    for r in fixed:
        da, db = dates.get(r.source), dates.get(r.derived)
        if r.kind == "same_story" and da and db and abs((da - db).days) > STORY_DAYS:
            r = replace(r, kind="same_topic", reasons=(
                *r.reasons, f"dated {abs((da - db).days)} days apart (dates inferred from "
                "their stories where missing): a follow-up on the topic"))
        out.append(r)
    return out
