"""Every record read ends as one document or one failure naming it: nothing lost in silence."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from newstrace import Document, Failure, ingest
from newstrace.model import RawRecord

LEAD = ("Officials said on Monday that the harbour would stay closed until the repairs are "
        "done, and that the city would pay for them.")
SECOND = "A second paragraph, with commas, tells where the money comes from."


def run(*paths: Path) -> tuple[list[Document], list[Failure]]:
    out = list(ingest([str(p) for p in paths]))
    return ([d for d in out if isinstance(d, Document)],
            [f for f in out if isinstance(f, Failure)])


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text("Harbour to stay shut\n\n" + LEAD + "\n\n" + SECOND + "\n", encoding="utf-8")
    return path


def test_a_spreadsheet_csv_reads_every_row_whole(tmp_path: Path) -> None:
    # quotation marks doubled inside quoted fields, embedded newlines and commas
    texts = [f'The mayor said "we will rebuild, and we will not wait" on day {n}.\n\n'
             f'Paragraph two of story {n}, with "quotes", commas and a line break.'
             for n in range(30)]
    path = tmp_path / "sheet.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "publisher", "scrape_time", "text"])
        writer.writerows([n, f"Paper {n}", "2020-01-02", text] for n, text in enumerate(texts))
    docs, failures = run(path)
    assert not failures and len(docs) == len(texts)
    assert all('"we will rebuild, and we will not wait"' in d.text and "line break" in d.text
               for d in docs)


def test_ragged_rows_and_an_unclosed_quote_are_failures_of_their_rows(tmp_path: Path,
                                                                      good: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text(f"id,text\n1,\"{LEAD}\"\n2,too,many,fields\n3\n4,\"{SECOND}\n5,lost\n",
                    encoding="utf-8")
    docs, failures = run(path, good)
    assert [d.locator for d in docs] == ["table.csv#2", "good.txt"]
    reasons = {f.locator: f.reason for f in failures}
    assert "4 fields, the header has 2" in reasons["table.csv#3"]
    assert "1 field, the header has 2" in reasons["table.csv#4"]
    assert "never closes" in reasons["table.csv#5"]


def test_a_broken_json_lines_file_fails_line_by_line(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text('{"text": "cut\n{"text": also cut\n{nope}\n', encoding="utf-8")
    docs, failures = run(path, good)
    assert len(docs) == 1 and [f.locator for f in failures] == [
        "dump.jsonl#1", "dump.jsonl#2", "dump.jsonl#3"]


def test_a_truncated_gzip_is_a_failure(tmp_path: Path, good: Path) -> None:
    data = gzip.compress(("<html><body><article><p>" + LEAD * 40 + "</p></article>"
                          "</body></html>").encode())
    path = tmp_path / "page.html.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, failures = run(path, good)
    assert len(docs) == 1 and "truncated" in failures[0].reason


def test_a_warc_record_without_its_uri_fails_and_the_run_goes_on(tmp_path: Path,
                                                                 good: Path) -> None:
    raw = (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\n"
           b"<html><body><p>cut")
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(gzip.compress(raw)[:60])
    docs, failures = run(path, good)
    assert len(docs) == 1 and failures[0].path == str(path)
    assert "cannot be read" in failures[0].reason or "corrupt" in failures[0].reason


def test_the_lead_is_not_taken_for_a_headline(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text('{"text": "' + LEAD + "\\n\\n" + SECOND + '"}\n', encoding="utf-8")
    (doc,), _ = run(path)
    assert doc.text.startswith(LEAD) and doc.title is None


def test_a_library_failing_on_one_page_is_that_pages_failure(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from newstrace.ingest import build

    def broken(content: str, url: str | None) -> None:
        raise ValueError("lxml could not parse this")

    monkeypatch.setattr(build, "extract_page", broken)
    found = build.build_document(RawRecord("p.html", "p.html", "<html><p>x</p></html>", "html"))
    assert isinstance(found, Failure) and "ValueError: lxml could not parse" in found.reason


def test_an_article_nested_900_deep_is_read_and_10000_deep_refused(tmp_path: Path) -> None:
    body = "<article><p>" + LEAD + "</p><p>" + SECOND + "</p></article>"
    for depth, name in ((900, "deep.html"), (10_000, "deeper.html")):
        (tmp_path / name).write_text("<html><body>" + "<div>" * depth + body + "</div>" * depth
                                     + "</body></html>", encoding="utf-8")
    docs, failures = run(tmp_path / "deep.html", tmp_path / "deeper.html")
    assert [d.locator for d in docs] == ["deep.html"] and LEAD in docs[0].text
    assert [f.locator for f in failures] == ["deeper.html"]
    assert "nested more than" in failures[0].reason


def test_a_late_nul_byte_does_not_end_the_page(tmp_path: Path) -> None:
    paragraphs = [f"<p>Paragraph {n} of the report says the harbour works go on, and the "
                  f"council pays for stage {n} of them.</p>" for n in range(120)]
    path = tmp_path / "page.html"
    path.write_text("<html><body><article>" + "".join(paragraphs[:100]) + "\x00"
                    + "".join(paragraphs[100:]) + "</article></body></html>", encoding="utf-8")
    (doc,), _ = run(path)
    assert "stage 119" in doc.text and "\x00" not in doc.text


def test_an_extraction_past_its_time_limit_is_a_failure(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from newstrace.ingest import build

    def stuck(content: str, url: str | None) -> None:
        time.sleep(5)

    monkeypatch.setattr(build, "extract_page", stuck)
    started = time.monotonic()
    found = build.build_document(RawRecord("p.html", "p.html", "<html></html>", "html"),
                                 time_limit=0.2)
    assert isinstance(found, Failure) and found.reason == "extraction took over 0.2 s"
    assert time.monotonic() - started < 2


def test_the_time_limit_holds_when_a_library_swallows_the_timeout() -> None:
    import contextlib
    import time

    from newstrace.ingest.deadline import TookTooLongError, deadline

    with pytest.raises(TookTooLongError), deadline(0.1), \
            contextlib.suppress(Exception):  # a library's catch-all
        time.sleep(2)


def test_a_folder_that_cannot_be_listed_is_a_failure(tmp_path: Path, good: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from newstrace.ingest import readers

    real = os.walk

    def walk(root: str, onerror: object = None, **kw: object) -> object:
        # as os.walk reports a folder it may not list (root reads every folder, so simulated)
        onerror(PermissionError(13, "Permission denied", os.path.join(root, "closed")))  # type: ignore[operator]
        return real(root, onerror=onerror, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(readers.os, "walk", walk)
    docs, failures = run(tmp_path)
    assert [d.locator for d in docs] == ["good.txt"]
    assert [(f.locator, f.reason) for f in failures] == [
        ("closed", "cannot list the folder: Permission denied")]
