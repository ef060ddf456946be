from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from newstrace import Document, Failure, FieldMap, ReadOptions, ingest, read_paths
from newstrace.errors import UnsupportedFormatError
from newstrace.ingest.detect import decode, sniff_format

ARTICLE = ("The council met on Tuesday and approved the new budget for the harbour. "
           "Members said the vote was close but fair, and the works start in May.")


@pytest.mark.parametrize(("head", "name", "kind"), [
    (b"WARC/1.1\r\n", "x.txt", "warc"),
    (gzip.compress(b"WARC/1.0\r\nWARC-Type: response"), "x.bin", "warc"),
    (b"<!DOCTYPE html><html><body><p>x</p>", "page.txt", "html"),
    (b'{"text": "hello"}\n{"text": "again"}\n', "dump.txt", "jsonl"),
    (b"text,url\nhello,http://x\n", "table.csv", "csv"),
    (b"Just a headline\n\nAnd some text.", "article.html", "text"),
])
def test_format_is_read_from_content(head: bytes, name: str, kind: str) -> None:
    assert sniff_format(head, name) == kind


def test_binary_is_refused_with_a_reason() -> None:
    with pytest.raises(UnsupportedFormatError, match="PNG image"):
        sniff_format(b"\x89PNG\r\n\x1a\n....", "photo.txt")


def test_latin1_is_decoded() -> None:
    text = "Le maire a déclaré que la fête aura lieu malgré la pluie, à côté de l'église."
    assert decode(text.encode("latin-1")) == text


def test_folder_glob_and_locators(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Title one\n\n" + ARTICLE)
    (tmp_path / "two.txt").write_text("Title two\n\n" + ARTICLE)
    by_folder = [r.locator for r in read_paths([str(tmp_path)], ReadOptions())]
    assert by_folder == ["a/one.txt", "two.txt"]
    by_glob = [r.locator for r in read_paths([str(tmp_path / "**" / "*.txt")], ReadOptions())]
    assert sorted(by_glob) == ["a/one.txt", "two.txt"]
    missing = list(read_paths([str(tmp_path / "*.none")], ReadOptions()))
    assert isinstance(missing[0], Failure) and "no file matches" in missing[0].reason


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(("Headline here now\n\n" + ARTICLE).encode()))
    monkeypatch.setattr(sys, "stdin", fake)
    docs = list(ingest(["-"]))
    assert isinstance(docs[0], Document) and docs[0].locator == "<stdin>"
    assert docs[0].title == "Headline here now"


def test_jsonl_field_mapping_and_broken_line(tmp_path: Path) -> None:
    lines = [json.dumps({"body": ARTICLE, "link": "https://ex.example/a", "when": "2024-05-01"}),
             "{broken", json.dumps({"other": "no text"})]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n")
    out = list(ingest([str(path)], ReadOptions(FieldMap(text="body", date="when"))))
    doc = out[0]
    assert isinstance(doc, Document)
    assert (doc.url, doc.site, doc.published, doc.published_source) == (
        "https://ex.example/a", "ex.example", "2024-05-01", "record-field")
    assert isinstance(out[1], Failure) and "line 2: not valid JSON" in out[1].reason
    assert isinstance(out[2], Failure) and "no 'body' field (its fields: other)" in out[2].reason


def test_csv_with_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f'headline;content;source\nA title;"{ARTICLE}";https://x.example/1\n')
    out = list(ingest([str(path)], ReadOptions(FieldMap(text="content", title="headline",
                                                        url="source"))))
    assert isinstance(out[0], Document)
    assert (out[0].title, out[0].site) == ("A title", "x.example")
    bad = list(ingest([str(path)], ReadOptions(FieldMap(text="nope"))))
    assert isinstance(bad[0], Failure) and "no column 'nope'" in bad[0].reason


def test_warc_keeps_uri_and_date(corpus_dir: Path) -> None:
    out = list(ingest([str(corpus_dir / "02_dailyledger.warc.gz")]))
    assert [type(x) for x in out] == [Document, Document]
    first = out[0]
    assert isinstance(first, Document)
    assert first.url == "https://dailyledger.example/news/marrow-river-spill-halloway"
    assert first.captured == "2025-03-14T16:02:11Z"
    assert first.locator == "02_dailyledger.warc.gz#1"


def test_ids_do_not_depend_on_where_the_corpus_lies(tmp_path: Path, corpus_dir: Path) -> None:
    import shutil

    shutil.copytree(corpus_dir, tmp_path / "elsewhere")
    here = [d.id for d in ingest([str(corpus_dir)]) if isinstance(d, Document)]
    there = [d.id for d in ingest([str(tmp_path / "elsewhere")]) if isinstance(d, Document)]
    assert here == there and len(set(here)) == len(here)


def test_an_oversized_line_inside_a_quoted_csv_field_fails_its_row(tmp_path: Path) -> None:
    """A quoted field spanning lines, one of them over the limit: the row is a failure, not
    a text with a hole where the long line was."""
    path = tmp_path / "multi.csv"
    path.write_text('id,text\n1,"first para\n' + "x" * 3000 + '\nlast para"\n'
                    '2,"a fine row with enough words to be read as an article"\n')
    out = list(ingest([str(path)], ReadOptions(max_bytes=2000)))
    assert isinstance(out[0], Failure) and "longer than the limit" in out[0].reason
    assert isinstance(out[1], Document)


def test_utf16_json_lines_crlf_lines_and_an_empty_gzip(tmp_path: Path) -> None:
    record = {"text": "The harbour will stay shut until the repairs are done, officials said."}
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes((json.dumps(record) + "\n").encode("utf-16-le") * 3)
    assert [type(x).__name__ for x in ingest([str(wide)])] == ["Document"] * 3
    crlf = tmp_path / "crlf.jsonl"
    line = json.dumps({"text": "y " * 40}) + "\r\n"
    crlf.write_bytes(line.encode() * 2)
    got = list(ingest([str(crlf)], ReadOptions(max_bytes=len(line) - 2)))
    assert [type(x).__name__ for x in got] == ["Document"] * 2  # \r\n is not over the limit
    empty = tmp_path / "empty.txt.gz"
    empty.write_bytes(gzip.compress(b""))
    (failure,) = ingest([str(empty)])
    assert isinstance(failure, Failure) and failure.reason == "the file is empty"
