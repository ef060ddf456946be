"""Issue 5 acceptance on the seeds: what the spun rewrite 001 changed, and that the verbatim
excerpt 002 changed nothing but its length."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="module")
def report(seeds_report: dict[str, Any]) -> dict[str, Any]:
    return seeds_report


def changes_of(report: dict[str, Any], source: str, derived: str) -> list[dict[str, Any]]:
    ids = {d["locator"][:3]: d["id"] for d in report["documents"]}
    rel = next(r for r in report["relations"]
               if (r["source"], r["derived"]) == (ids[source], ids[derived]))
    return list(rel["changes"])


def test_couldnt_not_is_a_high_misquote_and_a_flipped_negation(report: dict[str, Any]) -> None:
    found = changes_of(report, "000", "001")
    hits = {c["kind"] for c in found if "couldn’t not" in c["before"]
            and "couldn’t think" in c["after"] and c["severity"] == "high"}
    assert hits == {"quote_altered", "negation_flipped"}


def test_at_least_eight_altered_quotes(report: dict[str, Any]) -> None:
    found = changes_of(report, "000", "001")
    assert sum(c["kind"] == "quote_altered" for c in found) >= 8


def test_the_ap_became_reporters_at_least_three_times(report: dict[str, Any]) -> None:
    found = changes_of(report, "000", "001")
    removed = [c for c in found if c["kind"] == "attribution_removed"
               and ("AP" in c["before"] or "Associated Press" in c["before"])
               and c["after"] == "reporters"]
    assert len(removed) >= 3


def test_qualifier_and_time_changes(report: dict[str, Any]) -> None:
    found = changes_of(report, "000", "001")
    assert any(c["kind"] == "qualifier_changed" and "about 80" in c["before"]
               and "over 80" in c["after"] for c in found)
    assert any(c["kind"] == "time_shifted" and c["before"] == "this week"
               and c["after"] == "last week" for c in found)


def test_the_verbatim_excerpt_changes_nothing_but_its_length(report: dict[str, Any]) -> None:
    found = changes_of(report, "000", "002")
    assert [c["kind"] for c in found] == ["sentence_dropped"]
    assert "the copy ends before them" in found[0]["explanation"]


def test_summary_counts_the_misquotes(report: dict[str, Any]) -> None:
    every = [c for r in report["relations"] for c in r.get("changes", ())]
    assert report["summary"]["misquotes"] == sum(c["kind"] == "quote_altered" for c in every)
    assert report["summary"]["changes"]["quote_altered"] >= 8
