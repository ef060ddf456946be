"""The report a fact-checker works through: stories and changes ranked, changes filtered,
misquotes per quotation, a provenance card per article, and, for real crawls, a folder of
small self-contained pages whose links all resolve."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.index.embed import load_encoder
from newstrace.report.html import render_html
from newstrace.report.pages import write_html_folder
from newstrace.report.web import create_app
from newstrace.trace import trace

runner = CliRunner()
SEVERITY = {"high": 0, "medium": 1, "low": 2}


@pytest.fixture(scope="module")
def demo_html(demo_report: dict[str, Any]) -> str:
    return render_html(demo_report)


def test_changes_are_ranked_by_severity_and_carry_their_filter_classes(demo_html: str) -> None:
    rows = re.findall(r'<tr class="chg s-(\w+) k-(\d+)[^"]*">', demo_html)
    assert len(rows) > 10
    assert [SEVERITY[s] for s, _ in rows] == sorted(SEVERITY[s] for s, _ in rows)
    # every kind offered as a filter has a rule hiding the other kinds' rows
    for number in {k for _, k in rows}:
        assert f"body:has(#f-kind-{number}:checked) tr.chg:not(.k-{number})" in demo_html
        assert f'id="f-kind-{number}"' in demo_html
    assert "body:has(#f-sev-high:checked) tr.chg:not(.s-high)" in demo_html
    assert "<script" not in demo_html


def test_the_demo_stories_and_cards(demo_html: str) -> None:
    ranked = demo_html[demo_html.index('id="ranked"'):demo_html.index('id="changes"')]
    assert "northwire.example · Barge spill shuts water intake" in ranked
    card = re.search(r'<div class="card" id="card-[0-9a-f]+">\s*<h4>Riverside Courier.*?</div>\s*'
                     r'</div>', demo_html, re.S)
    assert card is not None
    assert "<b>100%</b> from" in card.group(0) and "(excerpt)" in card.group(0)
    assert '<mark class="src0" title="northwire.example' in card.group(0)


def test_misquotes_are_grouped_per_quotation(demo_report: dict[str, Any],
                                             demo_html: str) -> None:
    section = demo_html[demo_html.index('id="misquotes"'):demo_html.index('id="stories"')]
    groups = re.findall(r'<div class="quote-group">', section)
    altered = [c for r in demo_report["relations"] for c in r.get("changes", ())
               if c["kind"] in ("quote_altered", "quote_added", "quote_unquoted")]
    assert 0 < len(groups) <= len(altered)
    assert "altered by 1 copy" in section


def test_the_folder_report_pages_are_small_self_contained_and_linked(
        demo_report: dict[str, Any], tmp_path: Path) -> None:
    written = write_html_folder(demo_report, tmp_path / "site")
    names = {p.relative_to(tmp_path / "site").as_posix() for p in written}
    assert "index.html" in names and "changes/1.html" in names
    assert any(n.startswith("stories/story-") for n in names)
    assert len([n for n in names if n.startswith("pairs/")]) == sum(
        "changes" in r for r in demo_report["relations"])
    for path in written:
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html and not re.search(r'(?:src|href)="(?:https?:)?//', html)
        for target in re.findall(r'href="([^"#?]+)(?:#[^"]*)?"', html):
            assert (path.parent / target).resolve().exists(), (path, target)
    # an earlier report's pages do not linger
    stale = tmp_path / "site" / "pairs" / "999.html"
    stale.write_text("old")
    write_html_folder(demo_report, tmp_path / "site")
    assert not stale.exists()


def test_trace_writes_a_folder_when_html_is_not_a_page(corpus_dir: Path,
                                                        tmp_path: Path) -> None:
    result = runner.invoke(app, ["trace", str(corpus_dir), "-o", str(tmp_path / "r.json"),
                                 "--html", str(tmp_path / "report"), "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report" / "index.html").exists()
    assert (tmp_path / "report" / "stories").is_dir()


@pytest.fixture(scope="module")
def demo_client(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
                ) -> tuple[TestClient, dict[str, Any]]:
    db = tmp_path_factory.mktemp("triage") / "demo.db"
    report = trace([str(corpus_dir)], db=db)
    return TestClient(create_app(db, load_encoder()), base_url="http://localhost"), report


def test_trace_and_serve_show_the_same_relations_and_stories(
        demo_client: tuple[TestClient, dict[str, Any]]) -> None:
    client, report = demo_client
    assert client.get("/api/summary").json()["summary"] == report["summary"]
    assert client.get("/api/stories").json() == report["stories"]


def test_the_changes_page_filters_and_searches(
        demo_client: tuple[TestClient, dict[str, Any]]) -> None:
    client, report = demo_client
    every = client.get("/api/changes", params={"limit": 5000}).json()
    total = sum(len(r.get("changes", ())) for r in report["relations"])
    assert every["total"] == total
    high = client.get("/api/changes", params={"severity": "high"}).json()
    assert high["total"] and all(c["severity"] == "high" for c in high["changes"])
    quotes = client.get("/api/changes", params={"kind": "quote_altered",
                                                "severity": "high"}).json()
    assert all(c["kind"] == "quote_altered" for c in quotes["changes"])
    found = client.get("/api/changes", params={"q": "BOOMS"}).json()
    assert found["total"] >= 1 and all("booms" in (c["before"] + c["after"] +
                                                   c["explanation"]).lower()
                                       for c in found["changes"])
    page = client.get("/changes", params={"severity": "high", "kind": "number_changed"})
    assert page.status_code == 200 and ("12,000" in page.text or "12000" in page.text)
    assert page.text.count('<tr class="chg') == sum(
        c["kind"] == "number_changed" and c["severity"] == "high"
        for r in report["relations"] for c in r.get("changes", ()))


def test_the_document_page_shows_its_provenance_card(
        demo_client: tuple[TestClient, dict[str, Any]]) -> None:
    client, report = demo_client
    doc = next(d for d in report["documents"]
               if d["locator"] == "03_riverside_courier_excerpt.txt")
    api = client.get(f"/api/documents/{doc['id']}").json()
    assert api["card"]["sources"][0]["share"] > 0.95
    page = client.get(f"/documents/{doc['id']}").text
    assert "Where this text came from" in page and "<b>100%</b> from" in page


def test_the_app_sees_documents_added_while_it_runs(corpus_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "growing.db"
    first = runner.invoke(app, ["add", str(corpus_dir / "01_northwire_original.html"),
                                "--db", str(db), "-q"])
    assert first.exit_code == 0, first.output
    client = TestClient(create_app(db, load_encoder()), base_url="http://localhost")
    assert client.get("/api/summary").json()["summary"]["documents"] == 1
    more = runner.invoke(app, ["add", str(corpus_dir / "03_riverside_courier_excerpt.txt"),
                               "--db", str(db), "-q"])
    assert more.exit_code == 0, more.output
    summary = client.get("/api/summary").json()["summary"]  # no restart
    assert summary["documents"] == 2 and summary["by_kind"].get("excerpt") == 1
    assert "/stories/story-" in client.get("/").text


def test_serve_opens_on_the_report_trace_kept(corpus_dir: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """trace --db keeps its report in the index's tables: serve opens on it without
    building one, and shows what an add kept without building one either."""
    import newstrace.report.kept as kept

    db = tmp_path / "kept.db"
    report = trace([str(corpus_dir / "01_northwire_original.html"),
                    str(corpus_dir / "03_riverside_courier_excerpt.txt")], db=db)
    built: list[int] = []
    real = kept.build_report

    def counting(*args: Any, **kwargs: Any) -> dict[str, Any]:
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(kept, "build_report", counting)
    client = TestClient(create_app(db, load_encoder()), base_url="http://localhost")
    summary = client.get("/api/summary").json()
    assert summary["summary"] == report["summary"] and summary["current"] and not built
    more = runner.invoke(app, ["add", str(corpus_dir / "04_topnewsdaily_rewrite.txt"),
                               "--db", str(db), "-q"])
    assert more.exit_code == 0, more.output
    assert built == [1]  # the add kept its report
    summary = client.get("/api/summary").json()
    assert summary["summary"]["documents"] == 3 and summary["current"] and built == [1]


def test_serve_rebuilds_a_stale_report_in_the_background(corpus_dir: Path,
                                                         tmp_path: Path) -> None:
    """After an add --no-report, serve goes on showing the kept report, says it is out of
    date, and shows the rebuilt one once it is kept."""
    db = tmp_path / "stale.db"
    trace([str(corpus_dir / "01_northwire_original.html")], db=db)
    client = TestClient(create_app(db, load_encoder()), base_url="http://localhost")
    assert client.get("/api/summary").json()["summary"]["documents"] == 1
    more = runner.invoke(app, ["add", str(corpus_dir / "03_riverside_courier_excerpt.txt"),
                               "--db", str(db), "-q", "--no-report"])
    assert more.exit_code == 0, more.output
    first = client.get("/api/summary").json()
    assert first["summary"]["documents"] == 1 and not first["current"]
    assert "a new one is being built" in client.get("/").text
    deadline = time.monotonic() + 120
    while not (summary := client.get("/api/summary").json())["current"]:
        assert time.monotonic() < deadline, "the report was not rebuilt in two minutes"
        time.sleep(0.2)
    assert summary["summary"]["documents"] == 2 and summary["summary"]["by_kind"] == {
        "excerpt": 1}
    assert "being built" not in client.get("/").text


def test_serve_opens_an_index_of_an_older_schema(corpus_dir: Path, tmp_path: Path) -> None:
    """An index written before the report was kept as tables (schema 6) is migrated, and
    its report built, before the app answers."""
    import sqlite3

    from newstrace.store.schema import migrate

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, 6)
    conn.close()
    client = TestClient(create_app(db, load_encoder()), base_url="http://localhost")
    summary = client.get("/api/summary").json()
    assert summary["summary"]["documents"] == 0 and summary["current"]
    assert client.get("/").status_code == 200


def test_serve_answers_from_several_processes(corpus_dir: Path, tmp_path: Path) -> None:
    """newstrace serve --workers 2: the worker processes make the app from the settings the
    command passed them, and answer what trace kept."""
    import http.client
    import socket
    import subprocess
    import sys

    db = tmp_path / "workers.db"
    report = trace([str(corpus_dir)], db=db)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "newstrace", "serve", "--db", str(db),
                               "--port", str(port), "--workers", "2"],
                              stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/api/summary", headers={"Host": "localhost"})
                answer = conn.getresponse()
                break
            except OSError:
                assert time.monotonic() < deadline, "serve --workers 2 never answered"
                time.sleep(0.2)
        assert answer.status == 200
        assert json.loads(answer.read())["summary"] == report["summary"]
    finally:
        server.terminate()
        server.wait(timeout=30)
