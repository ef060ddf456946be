"""Provenance cards: how much of one article came from where, from the report's relations."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.report.cards import card, cards, doc_label


def _doc(ident: str, length: int, **meta: Any) -> dict[str, Any]:
    return {"id": ident, "locator": f"{ident}.txt", "text": "x" * length, **meta}


def _rel(source: str, derived: str, spans: list[tuple[list[int], list[int]]], *,
         kind: str = "partial", oriented: bool = True, wire: str | None = None
         ) -> dict[str, Any]:
    rel = {"source": source, "derived": derived, "kind": kind, "oriented": oriented,
           "passages": [{"source": s, "derived": d} for s, d in spans]}
    if wire:
        rel["common_source"] = wire
    return rel


def test_shares_add_up_and_the_largest_source_claims_overlaps_first() -> None:
    docs = {d["id"]: d for d in (_doc("a", 1000, site="wire.example", title="Spill"),
                                 _doc("b", 1000), _doc("c", 1000), _doc("d", 1000))}
    rels = [_rel("b", "a", [([0, 600], [0, 600])], oriented=False, wire="AP"),
            _rel("c", "a", [([0, 700], [100, 800])], oriented=False, wire="AP"),
            _rel("d", "a", [([0, 300], [700, 1000])]),
            _rel("a", "x", [([0, 10], [0, 10])])]
    docs["x"] = _doc("x", 10)
    got = card(docs["a"], rels, docs)
    assert [(s.key, round(s.share, 3), s.via) for s in got.sources] == [
        ("wire:AP", 0.8, ("b", "c")), ("source:d", 0.2, ("d",))]
    assert got.own == pytest.approx(0.0)
    assert got.reused_by == ("x",)
    assert got.sources[0].label == "AP wire" and got.sources[0].spans == ((0, 800),)
    column = _rel("b", "a", [([0, 10], [0, 10])], oriented=False, wire="syndicated column")
    assert card(docs["a"], [column], docs).sources[0].label == "a syndicated column"


def test_unknown_direction_is_shared_not_a_source_and_own_text_is_the_rest() -> None:
    docs = {d["id"]: d for d in (_doc("a", 400), _doc("b", 400, title="Other"))}
    rel = _rel("b", "a", [([0, 100], [200, 300])], kind="excerpt", oriented=False)
    got = card(docs["a"], [rel], docs)
    assert [(s.sort, s.label, s.share) for s in got.sources] == [("shared", "Other", 0.25)]
    assert got.own == pytest.approx(0.75)
    # the other side sees the same pair from its own spans
    assert card(docs["b"], [rel], docs).sources[0].spans == ((0, 100),)


def test_every_document_gets_a_card() -> None:
    report = {"documents": [_doc("a", 10), _doc("b", 10)],
              "relations": [_rel("a", "b", [([0, 10], [0, 10])], kind="duplicate"),
                            {"source": "a", "derived": "b", "kind": "same_story",
                             "oriented": False, "passages": []}]}
    got = cards(report)
    assert got["b"].sources[0].share == 1.0 and got["a"].reused_by == ("b",)
    assert got["a"].to_json()["own"] == 1.0


def test_labels_name_site_title_and_date() -> None:
    assert doc_label({"id": "1", "locator": "dump.jsonl#4", "site": "apnews.com",
                      "title": "Spill  shuts\nintake", "published": "2025-03-14"}) == \
        "apnews.com · Spill shuts intake · 2025-03-14"
    assert doc_label({"id": "1", "locator": "dump.jsonl#4"}) == "dump.jsonl#4"
    assert doc_label({"id": "1", "title": "t" * 100}, width=10) == "ttttttttt…"


def test_a_deep_chain_is_outlined_without_nesting_hundreds_of_levels() -> None:
    """A story that is a chain of 900 versions renders: nested for the first levels, then
    the rest listed flat (it once raised RecursionError)."""
    from newstrace.report.html import environment
    from newstrace.report.triage import OUTLINE_DEPTH, tree_outline

    docs = {f"d{i}": {"id": f"d{i}", "title": f"version {i}"} for i in range(900)}
    story = {"origin": "d0", "tree": [{"doc": f"d{i}", "parent": f"d{i - 1}",
                                       "kind": "version"} for i in range(1, 900)]}
    outline = tree_outline(story, docs)
    depth, node = 0, outline
    while node["children"]:
        depth, node = depth + 1, node["children"][0]
    assert outline["descendants"] == 899 and depth == OUTLINE_DEPTH + 1

    class Links:
        def doc(self, doc_id: str) -> str:
            return f"#{doc_id}"

    html = environment().from_string('{% import "_triage.html.j2" as triage %}'
                                     "{{ triage.outline(o, links) }}").render(o=outline,
                                                                              links=Links())
    assert html.count("<li>") == 900
