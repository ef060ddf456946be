"""The web app over an index: pages and their JSON, the query form, upload limits, escaping,
and staying responsive while a query runs."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import added_index, script_corpus
from fastapi.testclient import TestClient
from markupsafe import escape
from typer.testing import CliRunner

import newstrace.report.upload as upload
import newstrace.report.web as web
from newstrace.cli import app as cli
from newstrace.index.embed import load_encoder
from newstrace.report.web import create_app


@pytest.fixture(scope="module")
def seeds_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return added_index(seeds_dir, tmp_path_factory.mktemp("web") / "seeds.db")


@pytest.fixture(scope="module")
def client(seeds_db: Path) -> TestClient:
    return TestClient(create_app(seeds_db, load_encoder(), max_upload=200_000),
                      base_url="http://localhost")


def ids(client: TestClient) -> dict[str, str]:
    docs = client.get("/api/stories").json()
    members = {m for s in docs for m in s["members"]}
    out = {}
    for doc_id in members:
        locator = client.get(f"/api/documents/{doc_id}").json()["document"]["locator"]
        out[locator[:3]] = doc_id
    return out


def test_home_lists_the_story_and_links_its_page(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200 and "/stories/story-" in home.text
    story_id = next(s["id"] for s in client.get("/api/stories").json()
                    if len(s["members"]) == 3)
    page = client.get(f"/stories/{story_id}")
    assert '<svg class="tree"' in page.text and 'class="node origin"' in page.text
    assert client.get(f"/api/stories/{story_id}").json()["id"] == story_id


def test_the_pair_page_marks_the_misquote(client: TestClient) -> None:
    seed = ids(client)
    page = client.get(f"/pairs/{seed['000']}/{seed['001']}")
    assert page.status_code == 200
    assert "couldn’t not think about it.</mark>" in page.text
    api = client.get(f"/api/pairs/{seed['000']}/{seed['001']}").json()
    assert api["kind"] == "rewrite" and any(c["kind"] == "quote_altered"
                                            for c in api["changes"])
    assert client.get(f"/pairs/{seed['000']}/nothing").status_code == 404


def test_claims_and_documents_pages(client: TestClient) -> None:
    seed = ids(client)
    assert "circular reporting" in client.get("/claims").text
    assert client.get("/api/claims").json()[0]["carriers"]
    page = client.get(f"/documents/{seed['003']}")
    assert page.status_code == 200 and "Osechkin" in page.text


def test_querying_an_uploaded_article(client: TestClient, seeds_dir: Path) -> None:
    excerpt = next(seeds_dir.glob("002_*"))
    answer = client.post("/api/query", files={"upload": (excerpt.name, excerpt.read_bytes(),
                                                         "text/plain")}).json()
    assert [item["relation"]["kind"] for item in answer["reused"]] == ["excerpt"]
    form = client.post("/query", data={"text": excerpt.read_text(encoding="utf-8")})
    assert form.status_code == 200 and "reused from" in form.text and "excerpt" in form.text
    assert client.post("/api/query", data={"text": "  "}).status_code == 422


def test_an_upload_over_the_limit_gets_a_clear_413(client: TestClient) -> None:
    big = b"word " * 100_000
    response = client.post("/api/query", files={"upload": ("big.txt", big, "text/plain")})
    assert response.status_code == 413
    assert "200,000 bytes" in response.json()["detail"]


def test_the_api_is_described_without_a_network(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "/api/query" in page.text and "<script" not in page.text
    assert "/api/claims" in client.get("/openapi.json").json()["paths"]


def test_rendered_text_is_escaped(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert CliRunner().invoke(cli, ["add", str(script_corpus(tmp_path)), "--db", str(db),
                                    "--quiet"]).exit_code == 0
    client = TestClient(create_app(db, load_encoder()), base_url="http://localhost")
    stories = client.get("/api/stories").json()
    pages = [client.get(f"/documents/{m}").text for s in stories for m in s["members"]]
    pages += [client.get(f"/pairs/{e['parent']}/{e['doc']}").text
              for s in stories for e in s["tree"]]
    assert len(pages) == 3  # two documents and the pair between them
    for page in pages:
        assert "<script>alert" not in page and "&lt;script&gt;alert(" in page


def test_pages_answer_while_a_query_runs(client: TestClient,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_answer(*args: Any, **kwargs: Any) -> dict[str, Any]:
        started.set()
        release.wait(timeout=60)
        return {"document": {}, "reused": [], "reused_by": [], "linked": []}

    monkeypatch.setattr(upload, "answer_query", slow_answer)
    result: dict[str, int] = {}
    query = threading.Thread(target=lambda: result.setdefault(
        "status", client.post("/api/query", data={"text": "A short article about a "
                                                          "council vote on Monday."}
                              ).status_code))
    query.start()
    assert started.wait(timeout=60)
    try:
        assert client.get("/").status_code == 200  # served while the query is held
    finally:
        release.set()
        query.join(timeout=60)
    assert result["status"] == 200


def test_the_home_page_is_paged(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "PAGE", 2)
    first, second = client.get("/").text, client.get("/?page=3").text
    assert "Page 1 of 3" in first and 'href="/?page=2">next' in first
    assert "Page 3 of 3" in second and 'href="/?page=2">previous' in second
    assert client.get("/?page=0").status_code == 422


def test_claims_and_stories_come_a_window_at_a_time(client: TestClient,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    every = client.get("/api/claims", params={"limit": 5000}).json()
    assert len(every) > 4
    assert client.get("/api/claims", params={"limit": 2, "offset": 1}).json() == every[1:3]
    assert len(client.get("/api/claims").json()) == min(web.CLAIMS_PAGE, len(every))
    stories = client.get("/api/stories").json()
    assert client.get("/api/stories", params={"limit": 1, "offset": 1}).json() == stories[1:2]
    monkeypatch.setattr(web, "CLAIMS_PAGE", 2)
    pages = -(-len(every) // 2)
    last = client.get(f"/claims?page={pages}").text
    assert f"page {pages} of {pages}" in last and f'href="/claims?page={pages - 1}"' in last
    assert str(escape(every[-1]["text"]))[:30] in last
