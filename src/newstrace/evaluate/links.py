"""Links between independent reports on a real crawl, scored on pairs people labelled.

A ``same_story`` link says two outlets reported one event independently: claims are
matched across it (the independent sources behind a statement), events are made of it.
Linking a report to another event's is what makes a claim's sources too many. The labels
(``labels/allsides_links.jsonl``) are pairs of AllSides articles read whole, both texts,
by a person told nothing of the tool's answer: ``same_story`` (one event, within days),
``same_topic`` (one subject, another event or development) or ``unrelated``. 32 were
drawn at random from the ``same_story`` links of the fresh and spring crawls' reports when
a link could join reports 30 days apart; 48 from the development crawl's links of undated
pages whose kind a partner's date decided; 32 from the held-out crawl's ``same_story``
links, at 30 days and at 3, read once the 3-day rule was set (``match.kinds.EVENT_DAYS``).
Pairs are named by record id, so they are scored on the report ``trace`` wrote for the
crawl.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["LINK_LABELS", "LinkLabel", "LinkScore", "load_link_labels", "score_links"]

LINK_LABELS = Path(__file__).parent / "labels" / "allsides_links.jsonl"


@dataclass(frozen=True, slots=True)
class LinkLabel:
    """Two articles of a crawl (record ids, sorted) and what a person read them as."""

    crawl: str
    a: str
    b: str
    label: str
    half: str


def load_link_labels(path: Path = LINK_LABELS, crawl: str | None = None,
                     half: str | None = None) -> list[LinkLabel]:
    """The labelled pairs of one crawl (all when None), optionally one half only."""
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if (crawl is None or row["crawl"] == crawl) and (half is None or row["half"] == half):
                out.append(LinkLabel(row["crawl"], row["a"], row["b"], row["label"],
                                     row["half"]))
    return out


@dataclass(frozen=True, slots=True)
class LinkScore:
    """Of the labelled pairs the report calls ``same_story`` (``linked``), how many are one
    event's reports (``right``); of the ``events`` labelled one event's, ``right`` are
    linked so."""

    labelled: int
    linked: int
    right: int
    events: int

    @property
    def precision(self) -> float:
        """Share of the report's same_story links among the labels that are one event."""
        return self.right / self.linked if self.linked else 1.0

    @property
    def recall(self) -> float:
        """Share of the labelled reports of one event that the report links so."""
        return self.right / self.events if self.events else 1.0

    def to_json(self) -> dict[str, Any]:
        """The counts, the precision and the recall, as ``eval crawl`` prints them."""
        return {"labelled": self.labelled, "same_story": self.linked, "right": self.right,
                "events": self.events, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4)}


def score_links(traced: tuple[Mapping[str, Any], Mapping[str, str]],
                labels: Iterable[LinkLabel]) -> LinkScore:
    """Score the report of a crawl (``traced``: the report and its locators' record ids)."""
    report, ids = traced
    record = {d["id"]: ids[d["locator"]] for d in report["documents"]}
    kinds = {tuple(sorted((record[r["source"]], record[r["derived"]]))): r["kind"]
             for r in report["relations"]}
    labelled = linked = right = events = 0
    for label in labels:
        labelled += 1
        story = kinds.get((label.a, label.b)) == "same_story"
        event = label.label == "same_story"
        linked += story
        right += story and event
        events += event
    return LinkScore(labelled, linked, right, events)
