"""The web app never answers 5xx to input: every route fuzzed in names, fields, sizes,
encodings and methods (hypothesis), and every response forbids scripts and framing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import added_index
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.index.embed import load_encoder
from newstrace.report.guard import CONTENT_SECURITY_POLICY
from newstrace.report.web import create_app

#: Requests generated in all (GETs and posts together): the issue's floor is 2,000.
GETS, POSTS = 1600, 450

ROUTES = ("/", "/stories/{}", "/api/stories/{}", "/documents/{}", "/api/documents/{}",
          "/pairs/{}/{}", "/api/pairs/{}/{}", "/claims", "/api/claims", "/api/summary",
          "/api/stories", "/query", "/docs")
NASTY = st.sampled_from(["..", ".", "%2e%2e", "%00", "a" * 5000, "story-", "\n", "<script>",
                         "é", "%ff%fe", "../../etc/passwd", " ", "?", "#", "%2F"])
SEGMENT = st.one_of(NASTY, st.text(min_size=0, max_size=40))
FILENAME = st.one_of(st.sampled_from(["..", ".", "a" * 4000 + ".txt", "x\ny.html", "<b>.csv",
                                      "a/b/../../c.jsonl", "\x00.txt", "x.CSV", ".jsonl",
                                      "ok.html"]),
                     st.text(min_size=1, max_size=60))
BODY = st.one_of(st.binary(max_size=3000),
                 st.text(max_size=3000).map(lambda t: t.encode("utf-16")),
                 st.text(max_size=3000).map(lambda t: t.encode("utf-8")),
                 st.sampled_from([b"", b"\x1f\x8b\x08\x00", b"<html><body><div>" * 300,
                                  b'{"text": "a"}\n{broken', b"id,text\n1,\"open\n"]))


@pytest.fixture(scope="module")
def client(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = added_index(seeds_dir, tmp_path_factory.mktemp("fuzz") / "seeds.db")
    return TestClient(create_app(db, load_encoder(), max_upload=20_000),
                      raise_server_exceptions=False, base_url="http://localhost")


def _answered(response: object) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    assert status < 500, (status, response.text[:300])  # type: ignore[attr-defined]
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY  # type: ignore[attr-defined]


@settings(max_examples=GETS, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(route=st.sampled_from(ROUTES), a=SEGMENT, b=SEGMENT,
       method=st.sampled_from(["GET", "GET", "GET", "HEAD", "PUT", "DELETE", "PATCH",
                               "OPTIONS"]),
       page=st.one_of(st.none(), st.text(max_size=12), st.integers(-10, 10**12)))
def test_every_page_answers_without_a_server_error(client: TestClient, route: str, a: str,
                                                  b: str, method: str,
                                                  page: object) -> None:
    from urllib.parse import quote
    path = route.format(quote(a, safe="%/?#"), quote(b, safe="%/?#"))
    params = {} if page is None else {"page": str(page)}
    _answered(client.request(method, path, params=params))


@settings(max_examples=POSTS, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(route=st.sampled_from(["/query", "/api/query"]), name=FILENAME, body=BODY,
       text=st.one_of(st.just(""), st.text(max_size=500)),
       as_file=st.booleans())
def test_every_query_answers_without_a_server_error(client: TestClient, route: str, name: str,
                                                   body: bytes, text: str,
                                                   as_file: bool) -> None:
    files = {"upload": (name, body, "application/octet-stream")} if as_file else None
    _answered(client.post(route, data={"text": text}, files=files))
