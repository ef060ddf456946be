"""The demo corpus's planted changes: the content farm's misquote, dropped negation, changed
figure and stripped credit; nothing flagged on the faithful duplicate and excerpt."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="module")
def report(demo_report: dict[str, Any]) -> dict[str, Any]:
    return demo_report


def changes_by_file(report: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    docs = {d["id"]: d["locator"] for d in report["documents"]}
    return {docs[r["derived"]]: r["changes"] for r in report["relations"]
            if "changes" in r and docs[r["source"]].startswith("01_")}


def test_the_spun_rewrite_shows_every_planted_change(report: dict[str, Any]) -> None:
    found = changes_by_file(report)["04_topnewsdaily_rewrite.txt"]
    summary = {(c["kind"], c["severity"], c["before"], c["after"]) for c in found}
    assert ("number_changed", "high", "12,000", "20,000") in summary
    assert any(k == "negation_flipped" and s == "high" and "not telling anyone the water" in b
               for k, s, b, _ in summary)
    assert any(k == "quote_altered" and "not telling anyone the water" in b
               for k, _, b, _ in summary)
    assert any(k == "attribution_removed" and "Northwire" in b and a == "reporters"
               for k, _, b, a in summary)


def test_faithful_copies_have_no_change_of_meaning(report: dict[str, Any]) -> None:
    for locator, found in changes_by_file(report).items():
        if locator.startswith(("02_", "03_")):
            assert {c["kind"] for c in found} <= {"sentence_dropped", "sentence_added"}, locator


def test_the_translation_keeps_its_figures(report: dict[str, Any]) -> None:
    found = changes_by_file(report)["05_translations.jsonl#1"]
    assert not [c for c in found if c["kind"] == "number_changed"]
