"""The demo corpus's planted claims: corroborated, single-source, and the altered figure."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="module")
def report(demo_report: dict[str, Any]) -> dict[str, Any]:
    return demo_report


def by_file(report: dict[str, Any]) -> dict[str, str]:
    return {d["locator"][:3]: d["id"] for d in report["documents"]
            if not d["locator"].endswith("#2")}


def claim_with(report: dict[str, Any], words: str) -> dict[str, Any]:
    hits = [c for c in report["claims"] if any(words in x["text"] for x in c["carriers"])]
    assert len(hits) == 1, [c["text"] for c in hits]
    return hits[0]


def test_the_spilled_volume_has_one_origin_and_a_flagged_variant(
        report: dict[str, Any]) -> None:
    ids = by_file(report)
    claim = claim_with(report, "12,000 litres")
    assert claim["origins"] == [ids["01_"]]
    assert {c["doc"] for c in claim["carriers"]} == {ids[k] for k in
                                                     ("01_", "02_", "03_", "04_", "05_")}
    altered = [c for c in claim["carriers"] if c["variant"]]
    assert [(c["doc"], c["variant"]) for c in altered] == [
        (ids["04_"], "number changed: 12000 -> 20000")]
    assert claim["circular"]


@pytest.mark.parametrize("words", ["40,000 residents", "grain barge"])
def test_corroborated_facts_have_two_origins(report: dict[str, Any], words: str) -> None:
    ids = by_file(report)
    assert set(claim_with(report, words)["origins"]) == {ids["01_"], ids["06_"]}


def test_the_mayors_warning_has_one_origin_and_is_misquoted_by_the_farm(
        report: dict[str, Any]) -> None:
    ids = by_file(report)
    claim = claim_with(report, "nobody should drink from the tap")
    assert claim["origins"] == [ids["01_"]] and claim["speaker"] == "albrecht"
    variant = next(c for c in claim["carriers"] if c["doc"] == ids["04_"])
    assert variant["variant"] and "nobody" in variant["variant"]
