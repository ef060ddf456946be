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
- **Time.** Undated documents take a date from their story (the earliest of the dated
  members derived from one another) and then from what most of their ``same_story``
  partners say; a same_story link whose documents are then more than ``EVENT_DAYS`` apart
  is no event's and becomes ``same_topic``, and so is one whose undated document's partners
  have no such majority.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from newstrace.match.kinds import DERIVATIONS, EVENT_DAYS
from newstrace.model import Relation, iso_day
from newstrace.unionfind import UnionFind

__all__ = ["effective_dates", "reconcile"]

_SIBLING_KINDS = ("rewrite", "translation", "partial")


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
    """Each document's own date, else its story's earliest (the earliest own date among the
    documents derived from one another with it), else what most of its ``same_story``
    partners say (the earliest of more than half of their dates lying within
    ``EVENT_DAYS`` of one another), else none."""
    return _dated(published, relations)[0]


def _dated(published: Mapping[str, str | None], relations: list[Relation]
           ) -> tuple[dict[str, date | None], dict[str, int]]:
    """``effective_dates``, and the undated documents whose same_story partners have no
    majority, with how many days their dates span.

    The dates depend on the set of relations, not on the order they come in: a date used to
    go to whichever partner was read first, and on through chains of links. A partner's
    date is not carried on through a second link.
    """
    dates = {doc: iso_day(value) for doc, value in published.items()}
    lineage: UnionFind[str] = UnionFind()
    for r in relations:
        if r.kind in DERIVATIONS:
            lineage.union(r.source, r.derived)
    earliest: dict[str, date] = {}
    for members in lineage.members().values():
        own = [d for d in (dates.get(m) for m in members) if d is not None]
        for member in members:
            if own and dates.get(member) is None:
                earliest[member] = min(own)
    dates.update(earliest)
    # Undated documents linked as one event's reports share a time: each group of them
    # takes what most of its dated partners say; without a majority the group is disputed
    # (a date carried along such a chain, first come, used to decide which of its links
    # were follow-ups).
    undated: UnionFind[str] = UnionFind()
    partners: dict[str, list[date]] = {}
    for r in relations:
        if r.kind != "same_story":
            continue
        da, db = dates.get(r.source), dates.get(r.derived)
        if da is None and db is None:
            undated.union(r.source, r.derived)
        for doc, other in ((r.source, db), (r.derived, da)):
            if dates.get(doc) is None and other is not None:
                partners.setdefault(doc, []).append(other)
    for doc in partners:
        undated.find(doc)
    disputed: dict[str, int] = {}
    for members in undated.members().values():
        # each link is a vote: a partner two of the group's reports were each found to
        # share an event with says so twice (one labelled event of the development crawl,
        # Trump's "go back" tweets, was dated only so; counted once, it lost its link)
        found = sorted(d for m in members for d in partners.get(m, ()))
        if not found:
            continue
        agreed, count = _most_agreed(found)
        for member in members:
            if 2 * count > len(found):
                dates[member] = agreed
            else:
                disputed[member] = (found[-1] - found[0]).days
    return dates, disputed


def _most_agreed(found: list[date]) -> tuple[date, int]:
    """The earliest of the most dates (sorted) within ``EVENT_DAYS`` of one another, and how
    many they are (the earliest such run on a tie)."""
    best, best_count, end = found[0], 0, 0
    for start, first in enumerate(found):
        while end < len(found) and (found[end] - first).days <= EVENT_DAYS:
            end += 1
        if end - start > best_count:
            best, best_count = first, end - start
    return best, best_count


def reconcile(published: Mapping[str, str | None], relations: list[Relation]
              ) -> list[Relation]:
    """The relations with sibling links and time-apart links corrected, in the same order.

    A same_story link becomes ``same_topic`` when its documents are dated more than
    ``EVENT_DAYS`` apart, or when one is undated and most of its same_story partners do not
    agree on a time: it cannot be one event's report with all of them, and which one (if
    any) cannot be told. On the AllSides development crawl (182 of 1,419 pages undated,
    aggregators' and live pages) the date rules turned 183 links ``same_topic``; of the 17
    drawn at random and read, none was one event's reports (a date read first used to
    decide which of such a page's links were follow-ups).
    """
    fixed = _siblings(relations)
    dates, disputed = _dated(published, fixed)
    out: list[Relation] = []
    for r in fixed:
        da, db = dates.get(r.source), dates.get(r.derived)
        undated = [disputed[d] for d in (r.source, r.derived) if d in disputed]
        if r.kind == "same_story" and da and db and abs((da - db).days) > EVENT_DAYS:
            r = replace(r, kind="same_topic", reasons=(
                *r.reasons, f"dated {abs((da - db).days)} days apart (dates inferred from "
                "their stories where missing): not one event's reports"))
        elif r.kind == "same_story" and undated:
            r = replace(r, kind="same_topic", reasons=(
                *r.reasons, f"one is undated and its reports of one event lie {max(undated)} "
                "days apart with no majority: not one event's report with all of them"))
        out.append(r)
    return out
