"""Reuse on the seeds: containment finds the excerpt; no reused text links 003 or 004."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newstrace.report.json_report import dump_report
from newstrace.trace import trace


@pytest.fixture(scope="module")
def report(seeds_report: dict[str, Any]) -> dict[str, Any]:
    return seeds_report


def ids(report: dict[str, Any]) -> dict[str, str]:
    return {d["locator"][:3]: d["id"] for d in report["documents"]}


def test_002_is_an_excerpt_of_000_covering_nearly_all_of_it(report: dict[str, Any]) -> None:
    seed = ids(report)
    rel = next(r for r in report["relations"]
               if {r["source"], r["derived"]} == {seed["000"], seed["002"]})
    assert (rel["source"], rel["derived"], rel["kind"]) == (seed["000"], seed["002"], "excerpt")
    assert rel["coverage"]["derived"] >= 0.95
    assert "shingles" in rel["proposed_by"]
    doc = next(d for d in report["documents"] if d["id"] == seed["002"])
    for passage in rel["passages"]:
        start, end = passage["derived"]
        assert doc["text"][start:end].strip() == doc["text"][start:end]


def test_no_passage_links_003_or_004(report: dict[str, Any]) -> None:
    seed = ids(report)
    for rel in report["relations"]:
        if {seed["003"], seed["004"]} & {rel["source"], rel["derived"]}:
            assert rel["kind"] in ("same_story", "same_topic")
            assert rel["passages"] == []


def test_000_001_verbatim_passages_are_short(report: dict[str, Any]) -> None:
    seed = ids(report)
    rel = next(r for r in report["relations"]
               if {r["source"], r["derived"]} == {seed["000"], seed["001"]})
    verbatim = [p for p in rel["passages"] if p["kind"] == "verbatim"]
    assert all(p["words"] <= 40 for p in verbatim)
    assert rel["features"]["verbatim_a"] < 0.3 and rel["features"]["verbatim_b"] < 0.3


def test_the_report_does_not_depend_on_input_order(seeds_dir: Path,
                                                   report: dict[str, Any]) -> None:
    files = sorted(str(p) for p in seeds_dir.iterdir())
    assert dump_report(trace(files[::-1])) == dump_report(trace(files))
