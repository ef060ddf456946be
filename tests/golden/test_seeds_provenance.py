"""Issue 4 acceptance on the seeds: kinds, direction, sentence alignment, stories."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.report.cards import cards


@pytest.fixture(scope="module")
def report(seeds_report: dict[str, Any]) -> dict[str, Any]:
    return seeds_report


def relation(report: dict[str, Any], a: str, b: str) -> dict[str, Any]:
    return next(r for r in report["relations"] if {r["source"], r["derived"]} == {a, b})


def test_002_is_an_oriented_excerpt_of_000(report: dict[str, Any], seed: dict[str, str]) -> None:
    rel = relation(report, seed["000"], seed["002"])
    assert (rel["source"], rel["derived"], rel["kind"], rel["oriented"]) == (
        seed["000"], seed["002"], "excerpt", True)


def test_001_is_a_rewrite_of_000_aligned_sentence_by_sentence(
        report: dict[str, Any], seed: dict[str, str]) -> None:
    rel = relation(report, seed["000"], seed["001"])
    assert (rel["source"], rel["derived"], rel["kind"], rel["oriented"]) == (
        seed["000"], seed["001"], "rewrite", True)
    docs = {d["id"]: d for d in report["documents"]}
    source, derived = docs[seed["000"]], docs[seed["001"]]
    # The right partner: the paired sentences share their names and numbers (the rewrite keeps
    # them), checked on the sentences of 001 that have at least two.
    right = checked = 0
    for passage in rel["passages"]:
        a = source["text"][slice(*passage["source"])]
        b = derived["text"][slice(*passage["derived"])]
        names_b = {w.strip(",.“”\"’'") for w in b.split()[1:] if w[:1].isupper()}
        if len(names_b) >= 2:
            checked += 1
            right += len(names_b & {w.strip(",.“”\"’'") for w in a.split()}) >= 1
    sentences_b = len(derived["sentences"])
    aligned_b = {tuple(p["derived"]) for p in rel["passages"]}
    assert len(aligned_b) >= 0.8 * sentences_b
    assert right >= 0.9 * checked


def test_000_is_the_origin_of_one_story_with_001_and_002(
        report: dict[str, Any], seed: dict[str, str]) -> None:
    story = next(s for s in report["stories"] if seed["000"] in s["members"])
    assert story["origin"] == seed["000"]
    assert set(story["members"]) == {seed["000"], seed["001"], seed["002"]}
    parents = {e["doc"]: (e["parent"], e["kind"]) for e in story["tree"]}
    assert parents == {seed["002"]: (seed["000"], "excerpt"),
                       seed["001"]: (seed["000"], "rewrite")}


def test_003_and_004_are_stories_of_their_own(report: dict[str, Any],
                                              seed: dict[str, str]) -> None:
    for name in ("003", "004"):
        story = next(s for s in report["stories"] if seed[name] in s["members"])
        assert story["members"] == [seed[name]] and story["origin"] == seed[name]


def test_003_same_story_and_004_same_topic(report: dict[str, Any],
                                           seed: dict[str, str]) -> None:
    assert relation(report, seed["000"], seed["003"])["kind"] in ("same_story", "same_topic")
    for other in ("000", "001", "002", "003"):
        assert relation(report, seed["004"], seed[other])["kind"] == "same_topic"


def test_every_output_names_its_encoder(report: dict[str, Any]) -> None:
    assert report["encoder"] == "minilm-static"


def test_provenance_cards_on_the_seeds(seeds_report: dict, seed: dict) -> None:
    """002 is AP's text (its first ten paragraphs), the spun 001 is nearly all AP's text
    reworded, and the AP original is reused by both."""
    got = cards(seeds_report)
    ap = "apnews.com"
    for number, floor in (("002", 0.95), ("001", 0.85)):
        first = got[seed[number]].sources[0]
        assert first.sort == "source" and first.label.startswith(ap) and first.share > floor
    assert set(got[seed["000"]].reused_by) == {seed["001"], seed["002"]}
    assert got[seed["000"]].own == 1.0
