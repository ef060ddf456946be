"""Relations on a real crawl against pairs labelled by reading both texts.

The labelled pairs (``evaluate/labels/allsides_relations.jsonl``, shipped with the package)
come from the AllSides
crawl in ``../shared/data/allsides``: sampled at random from what ``trace`` reported on the
development crawl (``scripts/dev_crawl.py``) across kinds, plus silver near-duplicate pairs,
each read side by side and labelled with its kind (duplicate, excerpt, rewrite, translation,
partial, same_story, same_topic, unrelated), its direction (``a->b``, ``b->a``, ``common``
for two copies of a third source such as a wire story, ``unknown``) and a line of evidence.
Each pair sits in a fixed half (``tune`` or ``gate``, by a hash of its ids): rules are set on
the first and gated on the second.

The evaluation runs the product's path: the whole crawl (``crawls.CRAWLS``: the development
crawl of 1,419 articles holding every labelled pair, the held-out crawl of two later months,
OneStopEnglish's rewrites), as JSON lines, through ``trace`` with its default settings, and
reads the relations and changes of the report. The whole crawl, not the
labelled pairs alone: what a site repeats on many pages (its galleries and sign-up boxes) only
shows among its other pages.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.evaluate.crawls import CRAWLS, FILE_NAMES, development_crawl, trace_records
from newstrace.match.kinds import DERIVATIONS

#: The labelled relations and changes of the AllSides development crawl.
RELATION_LABELS = Path(__file__).parent / "labels" / "allsides_relations.jsonl"
CHANGE_LABELS = Path(__file__).parent / "labels" / "allsides_changes.jsonl"

__all__ = [
    "CHANGE_LABELS",
    "RELATION_LABELS",
    "ChangeScore",
    "CrawlScore",
    "Label",
    "change_key",
    "development_crawl",
    "evaluate_crawl",
    "load_change_labels",
    "load_labels",
    "score_changes",
    "score_crawl",
    "score_report",
    "trace_crawl",
]


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled pair: ids in sorted order, the kind and direction read by a person."""

    id_a: str
    id_b: str
    kind: str
    direction: str
    half: str
    wire: str | None = None

    @property
    def derivation(self) -> bool:
        """Whether the label says one text was made from the other (or both from one)."""
        return self.kind in DERIVATIONS


def load_labels(path: Path, half: str | None = None) -> list[Label]:
    """The labelled pairs of a file, optionally one half only."""
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if half is None or row["half"] == half:
                out.append(Label(row["id_a"], row["id_b"], row["kind"], row["direction"],
                                 row["half"], row.get("wire")))
    return out


@dataclass(frozen=True, slots=True)
class CrawlScore:
    """How the report's relations agree with the labels."""

    pairs: int
    labelled_copies: int
    reported_copies: int
    true_copies: int  # reported as a derivation and labelled one
    kinds_agreed: int  # among true copies, the same kind
    directions: int  # labelled with a direction (a->b or b->a) and reported oriented or not
    directions_right: int
    commons: int  # labelled as copies of a common source, or of unknown direction
    commons_right: int  # reported without a direction between them, or under one origin
    disagreements: tuple[dict[str, Any], ...]

    @property
    def precision(self) -> float:
        """Reported derivations that the labels call copies."""
        return self.true_copies / self.reported_copies if self.reported_copies else 1.0

    @property
    def recall(self) -> float:
        """Labelled copies that the report calls derivations."""
        return self.true_copies / self.labelled_copies if self.labelled_copies else 1.0

    @property
    def direction_accuracy(self) -> float:
        """Among true copies labelled with a direction or as siblings of one source: reported
        with that direction, or unoriented where the label says ``common``."""
        total = self.directions + self.commons
        return (self.directions_right + self.commons_right) / total if total else 1.0

    def to_json(self) -> dict[str, Any]:
        """The score as a JSON-ready mapping."""
        return {"pairs": self.pairs, "labelled_copies": self.labelled_copies,
                "reported_copies": self.reported_copies, "true_copies": self.true_copies,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "kinds_agreed": self.kinds_agreed, "directions": self.directions,
                "directions_right": self.directions_right, "commons": self.commons,
                "commons_right": self.commons_right,
                "direction_accuracy": round(self.direction_accuracy, 4),
                "disagreements": list(self.disagreements)}


def evaluate_crawl(labels: list[Label], data: Path) -> CrawlScore:
    """Trace the development crawl of ``data`` (the AllSides folder) and score its relations
    against ``labels``."""
    return score_crawl(trace_crawl(data), labels)


def trace_crawl(data: Path, crawl: str = "development"
                ) -> tuple[dict[str, Any], dict[str, str]]:
    """The report of ``trace`` on one of ``crawls.CRAWLS`` drawn from ``data`` (its data
    set's folder), and its locators' crawl ids."""
    return trace_records(CRAWLS[crawl](data), FILE_NAMES.get(crawl, "crawl.jsonl"))


def score_crawl(traced: tuple[dict[str, Any], dict[str, str]], labels: Iterable[Label]
                ) -> CrawlScore:
    """``score_report`` on what ``trace_crawl`` returned."""
    return score_report(traced[0], labels, traced[1])


def _crawl_ids(report: Mapping[str, Any], ids: Mapping[str, str]) -> dict[str, str]:
    """Each report document's crawl id, by its report id (read through its locator)."""
    return {d["id"]: ids.get(d["locator"], d["locator"]) for d in report["documents"]}


def _reported(report: Mapping[str, Any], ids: Mapping[str, str]
              ) -> dict[tuple[str, str], dict[str, Any]]:
    """The report's relations by the sorted pair of crawl ids."""
    docs = _crawl_ids(report, ids)
    out = {}
    for r in report["relations"]:
        a, b = docs[r["source"]], docs[r["derived"]]
        out[(min(a, b), max(a, b))] = {"kind": r["kind"], "oriented": r["oriented"],
                                       "source": a, "derived": b}
    return out


def score_report(report: Mapping[str, Any], labels: Iterable[Label],
                 ids: Mapping[str, str]) -> CrawlScore:
    """Compare a report with the labels; ``ids`` maps the report's locators to crawl ids."""
    reported = _reported(report, ids)
    counts = dict.fromkeys(("pairs", "labelled", "reported", "true", "kinds", "directions",
                            "directions_right", "commons", "commons_right"), 0)
    disagreements = []
    for label in labels:
        counts["pairs"] += 1
        got = reported.get((label.id_a, label.id_b))
        copy = got is not None and got["kind"] in DERIVATIONS
        counts["labelled"] += label.derivation
        counts["reported"] += copy
        if copy != label.derivation:
            disagreements.append({"id_a": label.id_a, "id_b": label.id_b, "label": label.kind,
                                  "reported": got["kind"] if got else None})
        if not (copy and label.derivation and got is not None):
            continue
        counts["true"] += 1
        counts["kinds"] += got["kind"] == label.kind
        if label.direction in ("a->b", "b->a"):
            source = label.id_a if label.direction == "a->b" else label.id_b
            counts["directions"] += 1
            counts["directions_right"] += bool(got["oriented"] and got["source"] == source)
        elif label.direction in ("common", "unknown"):
            counts["commons"] += 1
            counts["commons_right"] += not got["oriented"]
    return CrawlScore(counts["pairs"], counts["labelled"], counts["reported"], counts["true"],
                      counts["kinds"], counts["directions"], counts["directions_right"],
                      counts["commons"], counts["commons_right"], tuple(disagreements))


def change_key(source: str, derived: str, kind: str, before: str, after: str) -> str:
    """A labelled change's key: a hash of its pair, kind and words (the labels file keeps
    no article text)."""
    joined = "\x1f".join((source, derived, kind, before, after))
    return hashlib.sha256(joined.encode()).hexdigest()[:20]


def load_change_labels(path: Path, half: str | None = None) -> dict[str, bool]:
    """Whether each labelled change (by ``change_key``) is real, optionally one half."""
    out = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if half is None or row["half"] == half:
                out[row["key"]] = bool(row["real"])
    return out


@dataclass(frozen=True, slots=True)
class ChangeScore:
    """How the report's high and medium changes agree with the labels."""

    flagged: int  # high or medium changes in the report
    labelled: int  # of those, labelled (by key)
    real: int  # of those, labelled real
    typography: int  # flagged changes whose two sides differ only in typography (a dropped
    # quotation's marks excepted: there the marks are the change)

    @property
    def precision(self) -> float:
        """Labelled high/medium changes that are real."""
        return self.real / self.labelled if self.labelled else 1.0

    def to_json(self) -> dict[str, Any]:
        """The score as a JSON-ready mapping."""
        return {"flagged": self.flagged, "labelled": self.labelled, "real": self.real,
                "precision": round(self.precision, 4), "typography": self.typography}


_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


def _typographic(before: str, after: str) -> bool:
    def plain(text: str) -> str:
        return " ".join(text.translate(_TYPOGRAPHY).lower().split())
    return bool(before and after) and plain(before) == plain(after)


def score_changes(traced: tuple[dict[str, Any], dict[str, str]], labels: Mapping[str, bool]
                  ) -> ChangeScore:
    """Score the high and medium changes of a traced crawl against change labels."""
    report, ids = traced
    crawl = _crawl_ids(report, ids)
    flagged = labelled = real = typography = 0
    for relation in report["relations"]:
        source, derived = crawl[relation["source"]], crawl[relation["derived"]]
        for change in relation.get("changes", ()):
            if change["severity"] not in ("high", "medium"):
                continue
            flagged += 1
            typography += change["kind"] != "quote_unquoted" and _typographic(
                change["before"], change["after"])
            key = change_key(source, derived, change["kind"], change["before"], change["after"])
            if key in labels:
                labelled += 1
                real += labels[key]
    return ChangeScore(flagged, labelled, real, typography)
