"""The report kept as tables: every story, document, relation, change and claim the web app
reads back is the report's own, the changes' filters give what filtering the report gives,
and a write that fails leaves the report kept before it whole."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from newstrace.report.cards import Card, cards, doc_label
from newstrace.report.html import WebLinks, environment, story_model
from newstrace.report.svg import with_inferred
from newstrace.report.tables import CLAIM_SHOWN, report_rows
from newstrace.report.triage import change_rows, story_of
from newstrace.store.report_tables import ChangeFilter, ReportTables, write_report
from newstrace.store.schema import migrate

EVERY = 1_000_000


@pytest.fixture(scope="module")
def tables(demo_report: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
           ) -> ReportTables:
    conn = sqlite3.connect(tmp_path_factory.mktemp("tables") / "t.db", isolation_level=None,
                           check_same_thread=False)
    migrate(conn)
    write_report(conn, "key-1", report_rows(demo_report))
    return ReportTables(conn)


def test_stories_documents_and_claims_read_back(tables: ReportTables,
                                                demo_report: dict[str, Any]) -> None:
    assert tables.stories(0, EVERY) == demo_report["stories"]
    assert tables.stories(1, 2) == demo_report["stories"][1:3]
    assert [i for i, _ in tables.documents(0, EVERY)] == [
        d["id"] for d in demo_report["documents"]]
    assert tables.claims(0, EVERY) == demo_report["claims"]
    for story in demo_report["stories"]:
        assert tables.story(story["id"]) == story
    for doc in with_inferred(demo_report).values():
        assert tables.doc(doc["id"]) == doc
        light = tables.doc(doc["id"], whole=False)
        assert light is not None and "text" not in light and light["id"] == doc["id"]
    every = with_inferred(demo_report)
    assert tables.docs([*every, "no-such-document"]) == {
        doc_id: tables.doc(doc_id, whole=False) for doc_id in every}
    assert tables.labels([*every, "no-such-document"]) == {
        doc_id: tables.label(doc_id) for doc_id in every}
    head = tables.head()
    assert head is not None and head[0] == "key-1"
    assert head[1]["summary"] == demo_report["summary"]


def test_relations_read_back_by_pair_document_and_story(tables: ReportTables,
                                                        demo_report: dict[str, Any]) -> None:
    relations = demo_report["relations"]
    for rel in relations:
        assert tables.relation(rel["source"], rel["derived"]) == rel
    for doc in demo_report["documents"]:
        mine = [r for r in relations if doc["id"] in (r["source"], r["derived"])]
        assert tables.relations_of(doc["id"]) == mine
        assert tables.relations_of(doc["id"], whole=False) == [
            {"source": r["source"], "derived": r["derived"], "kind": r["kind"]} for r in mine]
    stories = story_of(demo_report)
    for story in demo_report["stories"]:
        wanted = [{"source": r["source"], "derived": r["derived"], "kind": r["kind"],
                   "changes": len(r["changes"])} for r in relations
                  if "changes" in r and stories.get(r["derived"]) == story["id"]]
        assert tables.derivations(story["id"], EVERY) == (len(wanted), wanted)
        assert tables.derivations(story["id"], 1) == (len(wanted), wanted[:1])
    assert tables.relation("nothing", "here") is None


def test_cards_read_back(tables: ReportTables, demo_report: dict[str, Any]) -> None:
    for doc_id, card in cards(demo_report).items():
        found = tables.card(doc_id)
        assert found == card.to_json()
        assert Card.from_json(found).to_json() == found


@pytest.mark.parametrize("chosen", [
    ChangeFilter(), ChangeFilter(severity="high"), ChangeFilter(kind="quote_altered"),
    ChangeFilter(kind="number_changed", severity="high"), ChangeFilter(words="BOOMS"),
    ChangeFilter(site="nowhere.example")])
def test_the_changes_filters_are_the_reports(tables: ReportTables, demo_report: dict[str, Any],
                                             chosen: ChangeFilter) -> None:
    rows = [asdict(r) for r in change_rows(demo_report, with_inferred(demo_report))]
    needle = (chosen.words or "").casefold()
    wanted = [r for r in rows if all(
        not getattr(chosen, k) or r[k] == getattr(chosen, k)
        for k in ("kind", "severity", "site", "story"))
        and needle in " ".join((r["before"], r["after"], r["explanation"], r["derived_label"],
                                r["source_label"])).casefold()]
    total, found = tables.changes(chosen, 0, EVERY)
    assert (total, found) == (len(wanted), wanted)
    assert tables.changes(chosen, 1, 2)[1] == wanted[1:3]
    if chosen == ChangeFilter():
        assert total > 10  # the demo's copies changed things


def test_a_failed_write_leaves_the_kept_report_whole(tables: ReportTables,
                                                     demo_report: dict[str, Any]) -> None:
    before = tables.stories(0, EVERY), tables.changes(ChangeFilter(), 0, EVERY)

    def broken() -> Iterator[tuple[int, str, str]]:
        yield 0, "<tr></tr>", "{}"
        raise RuntimeError("killed while writing")

    rows = replace(report_rows(demo_report), claims=broken())
    with pytest.raises(RuntimeError):
        write_report(tables.conn, "key-2", rows)
    head = tables.head()
    assert head is not None and head[0] == "key-1"
    assert (tables.stories(0, EVERY), tables.changes(ChangeFilter(), 0, EVERY)) == before
    assert tables.claims(0, EVERY) == demo_report["claims"]


def test_the_tables_are_the_same_whatever_the_run(demo_report: dict[str, Any],
                                                  tmp_path: Path) -> None:
    dumps = []
    for name in ("a.db", "b.db"):
        conn = sqlite3.connect(tmp_path / name, isolation_level=None)
        migrate(conn)
        write_report(conn, "k", report_rows(demo_report))
        dumps.append(list(conn.iterdump()))
        conn.close()
    assert dumps[0] == dumps[1]


def test_story_drawings_and_claim_rows_are_kept_rendered(tables: ReportTables,
                                                         demo_report: dict[str, Any]) -> None:
    """The stories of two documents or more keep their drawing, the claims their row on
    the claims page, each escaped when rendered."""
    docs = with_inferred(demo_report)
    views = environment().get_template("_views.html.j2").module
    for story in demo_report["stories"]:
        drawing = tables.story_view(story["id"])
        if len(story["members"]) < 2:
            assert drawing is None
            continue
        assert drawing is not None and f'id="{story["id"]}"' in drawing
        # what the app would draw for the story now, from the same templates
        assert drawing == str(views.story_view(story_model(story, docs), docs, WebLinks()))
    rows = tables.claim_rows(0, EVERY)
    assert len(rows) == len(demo_report["claims"])
    for row, claim in zip(rows, demo_report["claims"], strict=True):
        assert row.lstrip().startswith("<tr><td>")
        assert str(escape(claim["text"])) in row
        first = claim["first_seen"]["doc"]
        assert str(escape(doc_label(docs[first]))) in row  # named as a reader names it
        assert f"<td>{len(claim['carriers'])}</td>" in row  # every carrier counted
        hidden = len(claim["carriers"]) - CLAIM_SHOWN
        assert (f"{hidden} more carriers" in row) == (hidden > 0)
