"""Claims on a real crawl, scored on pairs of carriers people labelled by reading.

A claim counts the independent sources behind one statement, so two carriers that say
different things must never be one claim (it would count a poll's 30% as confirming a
vote's 30%), and two that say the same thing should be. The labels
(``labels/allsides_claim_pairs.jsonl``) come from claims drawn at random, 8 of each kind,
with two carriers or more, each read whole by a person: 64 from the spring and fresh
crawls' reports before the rules they set, 32 from the held-out crawl's afterwards. For
each, which carriers state the same thing. Every pair of carriers that
agree is a ``same`` pair; every carrier that says something else, paired with each that
agrees, a different one. Then 51 pairs of carriers more, read the same way on the three
crawls' reports once one speaker's statements were compared by what they say: 30 drawn at
random from the pairs that rule split, 21 from the independent carriers it kept together.
Carriers are named by crawl id and character span, so a pair is scored on the claims of
the report ``trace`` wrote for the crawl.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["CLAIM_PAIRS", "ClaimPair", "ClaimPairScore", "load_claim_pairs", "score_claim_pairs"]

CLAIM_PAIRS = Path(__file__).parent / "labels" / "allsides_claim_pairs.jsonl"

#: A carrier: its document's crawl id and its span's start and end.
Carrier = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class ClaimPair:
    """Two carriers of one reported claim, and whether a person read them as stating the
    same thing (``same``)."""

    crawl: str
    a: Carrier
    b: Carrier
    same: bool
    kind: str
    half: str


def load_claim_pairs(path: Path = CLAIM_PAIRS, crawl: str | None = None,
                     half: str | None = None) -> list[ClaimPair]:
    """The labelled pairs of one crawl (all when None), optionally one half only."""
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if (crawl is None or row["crawl"] == crawl) and (half is None or row["half"] == half):
                out.append(ClaimPair(row["crawl"], _carrier(row["a"]), _carrier(row["b"]),
                                     row["same"], row["claim_kind"], row["half"]))
    return out


def _carrier(side: Mapping[str, Any]) -> Carrier:
    return side["id"], int(side["span"][0]), int(side["span"][1])


@dataclass(frozen=True, slots=True)
class ClaimPairScore:
    """How a report's claims agree with the labelled pairs: ``same`` pairs and how many it
    keeps in one claim, ``different`` pairs and how many it merges into one."""

    same: int
    kept: int
    different: int
    merged: int
    #: Labelled carriers that state what another labelled carrier states, in no claim of
    #: their kind (a carrier alone in its claim is not shown, so a gate watches that it
    #: stays low). A carrier that says something else than every other of its labelled
    #: claim has no claim to be in: alone, it is right.
    missing: int = 0

    @property
    def separated(self) -> float:
        """Share of the different pairs kept apart (1.0 when there are none)."""
        return 1 - self.merged / self.different if self.different else 1.0

    @property
    def kept_share(self) -> float:
        """Share of the same pairs kept in one claim (1.0 when there are none)."""
        return self.kept / self.same if self.same else 1.0

    def to_json(self) -> dict[str, Any]:
        """The score as a JSON-ready mapping."""
        return {"same": self.same, "kept": self.kept, "kept_share": round(self.kept_share, 4),
                "different": self.different, "merged": self.merged,
                "separated": round(self.separated, 4), "missing": self.missing}


def score_claim_pairs(report: Mapping[str, Any], ids: Mapping[str, str],
                      pairs: Iterable[ClaimPair]) -> ClaimPairScore:
    """Score ``report``'s claims on ``pairs``; ``ids`` maps its locators to crawl ids. A
    carrier in no claim (its statement no longer read, or carried by it alone) is apart
    from every other, and missing when a labelled ``same`` pair holds it."""
    crawl_id = {d["id"]: ids.get(d["locator"], d["locator"]) for d in report["documents"]}
    claim_of: dict[tuple[str, str, int, int], str] = {}  # a sentence's statement and event
    for claim in report["claims"]:                       # share its span: keyed by kind too
        for carrier in claim["carriers"]:
            start, end = carrier["span"]
            claim_of[(claim["kind"], crawl_id[carrier["doc"]], start, end)] = claim["id"]
    counts = {"same": 0, "kept": 0, "different": 0, "merged": 0}
    missing: set[Carrier] = set()
    for pair in pairs:
        first, second = (claim_of.get((pair.kind, *side)) for side in (pair.a, pair.b))
        if pair.same:
            missing.update(side for side, found in ((pair.a, first), (pair.b, second))
                           if not found)
        together = first is not None and first == second
        counts["same" if pair.same else "different"] += 1
        counts["kept" if pair.same else "merged"] += together
    return ClaimPairScore(counts["same"], counts["kept"], counts["different"], counts["merged"],
                          len(missing))
