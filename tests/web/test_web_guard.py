"""The web app's guard: only its own host names, no cross-site requests that cost or change
something, security headers on every answer, HEAD like GET, 413 for what is too large, and
no serving beyond this machine without saying so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import added_index
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newstrace.cli import app as cli
from newstrace.errors import UsageError
from newstrace.index.embed import load_encoder
from newstrace.report.web import create_app

ARTICLE = ("The harbour will stay closed until the repairs are done, officials said on "
           "Monday, and the city will pay for them from its reserve fund.")


@pytest.fixture(scope="module")
def db(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return added_index(corpus_dir, tmp_path_factory.mktemp("guard") / "demo.db")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, load_encoder(), max_upload=5_000_000),
                      base_url="http://127.0.0.1:8765")


def test_a_cross_site_post_is_refused_and_a_same_site_one_served(client: TestClient) -> None:
    refused = client.post("/api/query", data={"text": ARTICLE},
                          headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403
    assert client.post("/query", data={"text": ARTICLE},
                       headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    same = client.post("/api/query", data={"text": ARTICLE},
                       headers={"Origin": "http://127.0.0.1:8765"})
    assert same.status_code == 200
    assert client.post("/api/query", data={"text": ARTICLE}).status_code == 200  # curl
    assert client.get("/", headers={"Origin": "http://evil.example"}).status_code == 200


def test_only_this_machines_names_are_answered(client: TestClient) -> None:
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 421
    assert client.get("/", headers={"Host": "rebound.example:8765"}).status_code == 421
    for host in ("localhost:8765", "127.0.0.1", "[::1]:8765"):
        assert client.get("/api/summary", headers={"Host": host}).status_code == 200


def test_headers_head_and_too_large(client: TestClient) -> None:
    page = client.get("/")
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    head = client.head("/")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["x-frame-options"] == "DENY"
    pasted = client.post("/api/query", data={"text": "word " * 250_000})  # 1.25 MB
    assert pasted.status_code == 413 and "upload it as a file" in pasted.json()["detail"]


def test_a_query_past_its_time_budget_is_stopped(db: Path) -> None:
    stingy = TestClient(create_app(db, load_encoder(), query_seconds=0),
                        base_url="http://localhost")
    stopped = stingy.post("/api/query", data={"text": ARTICLE * 3})
    assert stopped.status_code == 503 and "budget" in stopped.json()["detail"]


def test_serving_beyond_this_machine_needs_saying_so(db: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert isinstance(result.exception, UsageError)
    assert "--allow-remote" in str(result.exception)
    anywhere = TestClient(create_app(db, load_encoder(), hosts=None),
                          base_url="http://newsroom.example")
    assert anywhere.get("/api/summary").status_code == 200


def test_a_query_stops_when_its_client_goes_away(db: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The client sends its form and leaves: the query is told to stop within a second or
    so, not left to run to its time budget."""
    import asyncio
    import time
    from urllib.parse import urlencode

    import newstrace.report.upload as upload
    from newstrace.errors import QueryStopped

    seen: dict[str, float] = {}

    def slow(index: object, doc: object, encoder: object, stop: Any = None,
             in_process: bool = False) -> None:
        start = time.monotonic()
        while not stop():
            if time.monotonic() - start > 30:
                break
            time.sleep(0.05)
        seen["stopped after"] = time.monotonic() - start
        raise QueryStopped("stopped")

    monkeypatch.setattr(upload, "answer_query", slow)
    app = create_app(db, load_encoder(), query_seconds=60)
    body = urlencode({"text": ARTICLE}).encode()
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/api/query",
             "raw_path": b"/api/query", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"localhost"),
                         (b"content-type", b"application/x-www-form-urlencoded"),
                         (b"content-length", str(len(body)).encode())],
             "client": ("127.0.0.1", 5000), "server": ("localhost", 80)}
    pending = [{"type": "http.request", "body": body, "more_body": False}]
    left = time.monotonic() + 0.3  # when the client goes away

    async def receive() -> dict[str, Any]:
        if pending:
            return pending.pop(0)
        if time.monotonic() > left:  # a server has the disconnect ready, as uvicorn does
            return {"type": "http.disconnect"}
        await asyncio.sleep(3600)  # nothing yet: a poll gives up waiting (cancelled)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        pass

    asyncio.run(app(scope, receive, send))
    assert seen["stopped after"] < 10
