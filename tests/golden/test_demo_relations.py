"""The demo corpus: every planted relation found with its kind and direction (issue 4)."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.report.cards import cards

ORIGIN = "01_northwire_original.html"
PLANTED = {
    "02_dailyledger.warc.gz#1": "duplicate",
    "03_riverside_courier_excerpt.txt": "excerpt",
    "04_topnewsdaily_rewrite.txt": "rewrite",
    "05_translations.jsonl#1": "translation",
}
UNRELATED = ("02_dailyledger.warc.gz#2", "05_translations.jsonl#2",
             "07_unrelated_council_budget.txt")


@pytest.fixture(scope="module")
def report(demo_report: dict[str, Any]) -> dict[str, Any]:
    return demo_report


@pytest.fixture(scope="module")
def kinds(report: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    loc = {d["id"]: d["locator"] for d in report["documents"]}
    return {(loc[r["source"]], loc[r["derived"]]): r for r in report["relations"]}


@pytest.mark.parametrize(("derived", "kind"), sorted(PLANTED.items()))
def test_planted_derivatives_point_at_the_original(
        kinds: dict[tuple[str, str], dict[str, Any]], derived: str, kind: str) -> None:
    relation = kinds[(ORIGIN, derived)]
    assert relation["kind"] == kind and relation["oriented"], relation["signals"]


def test_the_independent_report_is_the_same_story(
        kinds: dict[tuple[str, str], dict[str, Any]]) -> None:
    gazette = "06_marrow_valley_gazette.html"
    relation = kinds.get((ORIGIN, gazette)) or kinds[(gazette, ORIGIN)]
    assert relation["kind"] == "same_story" and relation["passages"] == []


def test_unrelated_documents_have_no_relation(
        kinds: dict[tuple[str, str], dict[str, Any]]) -> None:
    for pair in kinds:
        assert not set(pair) & set(UNRELATED), pair


def test_one_story_rooted_at_the_original(report: dict[str, Any]) -> None:
    loc = {d["id"]: d["locator"] for d in report["documents"]}
    story = next(s for s in report["stories"] if loc[s["origin"]] == ORIGIN)
    assert sorted(loc[m] for m in story["members"]) == sorted([ORIGIN, *PLANTED])
    assert {loc[e["doc"]]: loc[e["parent"]] for e in story["tree"]} == {
        d: ORIGIN for d in PLANTED}


def test_provenance_cards_on_the_demo(demo_report: dict) -> None:
    """"How much of this article came from where": the Riverside Courier's excerpt is all
    Northwire's text, the French translation takes most of its text from Northwire's (the
    rest is its own), the original owes nothing and is reused by four documents."""
    by_locator = {d["locator"]: d["id"] for d in demo_report["documents"]}
    got = cards(demo_report)
    excerpt = got[by_locator["03_riverside_courier_excerpt.txt"]]
    assert [(s.sort, s.label.split(" · ")[0]) for s in excerpt.sources] == [
        ("source", "northwire.example")]
    assert excerpt.sources[0].share > 0.95 and excerpt.own < 0.05
    original = got[by_locator["01_northwire_original.html"]]
    assert original.sources == () and original.own == 1.0 and len(original.reused_by) == 4
    french = got[by_locator["05_translations.jsonl#1"]]
    assert french.sources[0].kinds == ("translation",) and french.sources[0].share > 0.85
