"""Scoring a report's claims on labelled pairs of carriers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newstrace.evaluate.claim_pairs import CLAIM_PAIRS, load_claim_pairs, score_claim_pairs


def _pair(a: str, b: str, same: bool) -> dict[str, object]:
    return {"crawl": "c", "claim_kind": "figure", "half": "gate", "same": same,
            "a": {"id": a, "span": [0, 5], "text": ""}, "b": {"id": b, "span": [0, 5], "text": ""},
            "evidence": ""}


def test_pairs_are_scored_on_the_claims_their_carriers_are_in(tmp_path: Path) -> None:
    labels = tmp_path / "pairs.jsonl"
    labels.write_text("".join(json.dumps(row) + "\n" for row in [
        _pair("x", "y", True),    # one claim: kept
        _pair("x", "z", False),   # one claim: merged
        _pair("w", "y", False),   # w in no claim: apart
        _pair("v", "w", True),    # neither in a claim: not kept
        _pair("u", "x", False)]))  # u in no claim, and said to state nothing x states
    def carriers(*docs: str, span: tuple[int, int] = (0, 5)) -> list[dict[str, Any]]:
        return [{"doc": d, "span": list(span)} for d in docs]

    report = {"documents": [{"id": f"d{n}", "locator": f"crawl.jsonl#{n}"}
                            for n in range(4)],
              "claims": [{"id": "k1", "kind": "figure", "carriers": carriers("d0", "d1", "d2")},
                         {"id": "k2", "kind": "figure", "carriers": carriers("d3", span=(9, 12))},
                         # the same span in a claim of another kind is another claim
                         {"id": "k3", "kind": "event", "carriers": carriers("d0", "d2")}]}
    ids = {"crawl.jsonl#0": "x", "crawl.jsonl#1": "y", "crawl.jsonl#2": "z",
           "crawl.jsonl#3": "w"}
    score = score_claim_pairs(report, ids, load_claim_pairs(labels, crawl="c"))
    assert (score.same, score.kept, score.different, score.merged) == (2, 1, 3, 1)
    # w (span 0-5 is in no claim) and v, which state what another carrier states; not u,
    # which states something else than every carrier it is labelled with
    assert score.missing == 2
    assert (score.separated, score.kept_share) == (1 - 1 / 3, 0.5)
    assert load_claim_pairs(labels, crawl="other") == []


def test_the_shipped_labels_hold_three_crawls_and_both_halves() -> None:
    pairs = load_claim_pairs(CLAIM_PAIRS)
    assert len(pairs) == 204
    assert {p.crawl for p in pairs} == {"spring", "fresh", "held-out"}
    gate = [p for p in pairs if p.half == "gate"]
    assert (sum(p.same for p in gate), sum(not p.same for p in gate)) == (46, 61)
