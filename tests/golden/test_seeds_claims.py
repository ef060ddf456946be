"""Issue 6 acceptance on the seeds: independent origins and carriers of the claims."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="module")
def report(seeds_report: dict[str, Any]) -> dict[str, Any]:
    return seeds_report


def find(report: dict[str, Any], *words: str, kind: str | None = None) -> dict[str, Any]:
    """The claim (of ``kind``) whose text, or a carrier's text, holds every word given."""
    hits = [c for c in report["claims"] if kind in (None, c["kind"])
            and any(all(w in t for w in words) for t in [c["text"]]
                   + [carrier["text"] for carrier in c["carriers"]])]
    assert len(hits) == 1, (words, [c["text"] for c in hits])
    return hits[0]


def carriers(claim: dict[str, Any]) -> set[str]:
    return {c["doc"] for c in claim["carriers"]}


@pytest.mark.parametrize("words", [
    ("recruitment of prisoners", "Osechkin"),  # Osechkin's wave of prison recruitment
    ("Prigozhin", "denies", "ties to Wagner"),  # Prigozhin denies ties to Wagner
])
def test_claims_reported_independently_by_ap_and_cnn_have_two_origins(
        report: dict[str, Any], seed: dict[str, str], words: tuple[str, ...]) -> None:
    claim = find(report, *words)
    assert set(claim["origins"]) == {seed["000"], seed["003"]}
    assert not claim["circular"]


def test_one_speakers_different_statements_are_not_one_claim(report: dict[str, Any]) -> None:
    """AP has Osechkin say the Defense Ministry is not the one recruiting prisoners; the
    laundered CNN report has him say the prisoners were used as bait. One speaker, one
    story, two statements: neither report confirms the other's."""
    for claim in report["claims"]:
        texts = [carrier["text"] for carrier in claim["carriers"]]
        assert not (any("isn’t the Defense Ministry" in t for t in texts)
                    and any("used as bait" in t for t in texts)), claim["text"]


@pytest.mark.parametrize("words", [("1,500", "applied"), ("eight died",)])
def test_figures_of_one_origin_carried_by_the_rewrite(
        report: dict[str, Any], seed: dict[str, str], words: tuple[str, ...]) -> None:
    claim = find(report, *words)
    assert claim["origins"] == [seed["000"]]
    assert {seed["000"], seed["001"]} <= carriers(claim)


@pytest.mark.parametrize("words", [("huge outflow",), ("impression that everyone",)])
def test_tabalovs_quotes_one_origin_three_carriers(
        report: dict[str, Any], seed: dict[str, str], words: tuple[str, ...]) -> None:
    claim = find(report, *words, kind="quote")
    assert claim["speaker"] == "tabalov"
    assert claim["origins"] == [seed["000"]]
    assert carriers(claim) == {seed["000"], seed["001"], seed["002"]}
    assert claim["circular"]
    # The rewrite reworded the quotation: kept as a variant, with the words it changed.
    variant = next(c for c in claim["carriers"] if c["doc"] == seed["001"])
    assert variant["variant"].startswith("quotation altered")
    # Each carrier's path climbs its provenance tree to the origin.
    assert all(c["path"][-1] == seed["000"] for c in claim["carriers"])


def test_first_seen_is_the_origin(report: dict[str, Any], seed: dict[str, str]) -> None:
    claim = find(report, "huge outflow", kind="quote")
    assert claim["first_seen"] == {"doc": seed["000"], "date": "2022-08-11"}
