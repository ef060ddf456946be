"""Write a corpus of hostile inputs: every way a capture can be broken, one file (or link)
each, beside a few good captures.

``write_hostile_corpus(folder)`` returns what each input should become: ``"document"`` (at
least one document), ``"failure"`` (failures only) or ``"either"`` (a record of some kind:
what a damaged file yields is the reader's honest best). The conservation test
(``tests/cli/test_hostile_corpus.py``) ingests the folder and checks that every input is
accounted for, that the good captures are kept, and that nothing raises. Nothing large is
committed: the big files are sparse or generated here.

    python scripts/hostile_corpus.py /tmp/hostile
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import io
import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["GOOD", "REASONS", "TEXTS", "write_hostile_corpus"]

LEAD = ("Officials said on Monday that the harbour would stay closed until the repairs are "
        "done, and that the city would pay for them from its reserve fund.")
BODY = " ".join(f"Paragraph {n} adds that the works on quay {n} start in spring and that the "
                f"ferry to island {n} keeps running meanwhile." for n in range(8))
ARTICLE = f"Harbour to stay shut for repairs\n\n{LEAD}\n\n{BODY}\n"
HTML = (f"<html><head><title>Harbour to stay shut</title></head><body><article><h1>Harbour "
        f"to stay shut</h1><p>{LEAD}</p><p>{BODY}</p></article></body></html>")
RUSSIAN = ("Власти заявили в понедельник, что гавань будет закрыта до окончания ремонта, и "
           "что город оплатит работы из резервного фонда. ") * 6
ACCENTED = "José Müller-Ångström said the café's crème brûlée was déjà vu. "
GOOD_LINE = ('{"text": "' + LEAD + " " + BODY + '"}\n').encode()
#: Inputs whose failure must give this reason (a part of it), and documents whose text
#: must hold these words (decoded right), checked by the conservation test.
REASONS = {
    "gzip/one-line-1gib.jsonl.gz": "skipped unread",
    "gzip/one-field-1gib.csv.gz": "skipped unread",
    "jsonl/broken-first-line.jsonl": "line 1: not valid JSON",
    "gzip/gzip-of-gzip-bomb.txt.gz": "inflates to over",
}
TEXTS = {
    "encoding/mostly-utf8-accents.txt": "Müller-Ångström said the café",
    "encoding/utf16-no-bom.txt": "Officials said on Monday",
    "encoding/utf16be-no-bom.txt": "Officials said on Monday",
    "html/control-chars.html": "Officials said",
    "gzip/gzip-of-gzip.txt.gz": "Officials said on Monday",
}
#: The good captures every run must keep, whatever lies beside them.
GOOD = ("good/article.txt", "good/page.html", "good/dump.jsonl")


def _warc(records: list[tuple[str, bytes]]) -> bytes:
    """WARC response records (headers given whole) concatenated, uncompressed."""
    out = io.BytesIO()
    for headers, payload in records:
        out.write(headers.encode() + b"\r\n" + payload + b"\r\n\r\n")
    return out.getvalue()


def _response(uri: str | None, payload: bytes, status: str = "200 OK",
              length: int | None = None) -> tuple[str, bytes]:
    http = (f"HTTP/1.1 {status}\r\nContent-Type: text/html\r\n\r\n").encode() + payload
    lines = ["WARC/1.0", "WARC-Type: response", "WARC-Date: 2020-06-01T10:00:00Z",
             "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>"]
    if uri:
        lines.append(f"WARC-Target-URI: {uri}")
    lines += ["Content-Type: application/http; msgtype=response",
              f"Content-Length: {length if length is not None else len(http)}"]
    return "\r\n".join(lines) + "\r\n", http


def _nested(depth: int) -> bytes:
    return (f"<html><body>{'<div>' * depth}<p>{LEAD}</p>{'</div>' * depth}</body></html>"
            ).encode()


def _double_bomb(path: Path) -> None:
    """A gzip holding a gzip of 1 GiB: small on disk, each layer bounded on reading."""
    inner = io.BytesIO()
    with gzip.GzipFile(fileobj=inner, mode="wb", mtime=1) as handle:
        for _ in range(1024):
            handle.write(b"A" * (1 << 20))
    path.write_bytes(gzip.compress(inner.getvalue()))


def _kinds() -> dict[str, tuple[Callable[[Path], None], str]]:
    """Each hostile input: how to make it at a path, and what it should become."""
    def data(content: bytes) -> Callable[[Path], None]:
        return lambda path: path.write_bytes(content)

    def repeated(head: bytes, chunk: bytes, times: int, tail: bytes = b"",
                 zipped: bool = False) -> Callable[[Path], None]:
        """A big file written a chunk at a time: the generator stays small in memory."""
        def make(path: Path) -> None:
            opener = gzip.open if zipped else open
            with opener(path, "wb") as handle:  # type: ignore[operator]
                handle.write(head)
                for _ in range(times):
                    handle.write(chunk)
                handle.write(tail)
        return make

    def sparse(size: int, head: bytes) -> Callable[[Path], None]:
        def make(path: Path) -> None:
            with open(path, "wb") as handle:
                handle.write(head)
                handle.truncate(size)
        return make

    good_warc = _warc([_response("http://example.org/a", HTML.encode())])
    html_gz = gzip.compress(HTML.encode() * 4)
    return {
        "binary/image.png": (data(b"\x89PNG\r\n\x1a\n" + os.urandom(256)), "failure"),
        "binary/photo.jpg": (data(b"\xff\xd8\xff\xe0" + os.urandom(256)), "failure"),
        "binary/doc.pdf": (data(b"%PDF-1.4\n" + os.urandom(256)), "failure"),
        "binary/archive.zip": (data(b"PK\x03\x04" + os.urandom(256)), "failure"),
        "binary/random.bin": (data(bytes(range(256)) * 8), "failure"),
        "empty/empty.txt": (data(b""), "failure"),
        "empty/spaces.txt": (data(b"   \n\t\n  \r\n"), "failure"),
        "empty/empty.html": (data(b"<html><body></body></html>"), "failure"),
        "empty/script-only.html": (data(b"<html><body><script>var a = 1;</script></body>"
                                        b"</html>"), "failure"),
        "gzip/truncated.html.gz": (data(html_gz[: len(html_gz) // 2]), "failure"),
        "gzip/header-only.gz": (data(html_gz[:10]), "failure"),
        "gzip/empty.gz": (data(gzip.compress(b"")), "failure"),
        "gzip/bomb.txt.gz": (repeated(b"", b"A" * (1 << 20), 40, zipped=True), "failure"),
        "gzip/not-gzip.gz": (data(b"\x1f\x8bthis is not deflate data at all"), "failure"),
        "gzip/truncated.jsonl.gz": (data(gzip.compress(
            (('{"text": "' + LEAD + '"}\n') * 50).encode())[:300]), "either"),
        "warc/no-uri.warc": (data(_warc([_response(None, HTML.encode())])), "either"),
        "warc/no-uri-then-good.warc": (data(_warc([_response(None, HTML.encode())])
                                            + good_warc), "either"),
        "warc/truncated.warc": (data(good_warc + _warc([_response(
            "http://example.org/b", HTML.encode(), length=99999)])), "either"),
        "warc/cut.warc.gz": (data(gzip.compress(good_warc * 3)[:200]), "either"),
        "warc/status-404.warc": (data(_warc([_response("http://example.org/c", b"gone",
                                                       "404 Not Found")])), "failure"),
        "warc/binary-payload.warc": (data(_warc([_response("http://example.org/d.png",
                                                           b"\x89PNG\r\n\x1a\n" * 20)])),
                                     "failure"),
        "warc/garbage.warc": (data(b"WARC/1.0\r\nthis is not a header\r\n\r\n" * 3),
                              "failure"),
        "html/nested-900.html": (data(_nested(900)), "document"),
        "html/nested-10000.html": (data(_nested(10_000)), "failure"),
        "html/nested-100000.html": (data(_nested(100_000)), "failure"),
        "html/late-nul.html": (data(HTML.replace("</article>", "</article>" + " " * 9000)
                                    .encode() + b"\x00<p>tail</p>"), "document"),
        "html/early-nul.html": (data(b"<html>\x00" + HTML.encode()), "failure"),
        "html/huge-attribute.html": (repeated(HTML.split("<article>")[0].encode()
                                              + b"<article data-x='", b"x" * 100_000, 20,
                                              b"'>" + HTML.split("<article>")[1].encode()),
                                     "document"),
        "html/unclosed.html": (data(HTML.replace("</p></article></body></html>", "")
                                    .encode()), "document"),
        "html/xml.xml": (data(b"<?xml version='1.0'?><rss><item><title>x</title></item>"
                              b"</rss>"), "either"),
        "text/one-line-50mb.txt": (repeated(b"", b"word " * (1 << 20), 10), "failure"),
        "text/over-max-bytes.txt": (sparse(200 << 20, ARTICLE.encode()), "failure"),
        "text/one-long-word.txt": (data(b"x" * 500_000), "either"),
        "text/control-chars.txt": (data((ARTICLE + "\x01\x02\x07\x1b[31m").encode()),
                                   "document"),
        "text/emoji-rtl.txt": (data((ARTICLE + " 🚢 مرحبا بالعالم ").encode()), "document"),
        "encoding/utf16-bom.txt": (data(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")),
                                   "document"),
        "encoding/utf16-no-bom.txt": (data(ARTICLE.encode("utf-16-le")), "document"),
        "encoding/utf16be-no-bom.txt": (data(ARTICLE.encode("utf-16-be")), "document"),
        "encoding/mostly-utf8-accents.txt": (data(ARTICLE.encode() + ACCENTED.encode()
                                                  + b"\x92 \xff and so on.\n"), "document"),
        "encoding/koi8r.txt": (data(RUSSIAN.encode("koi8-r")), "document"),
        "encoding/cp1251.txt": (data(RUSSIAN.encode("cp1251")), "document"),
        "encoding/cp1252.txt": (data(ARTICLE.replace("said", "said “café”").encode("cp1252")),
                                "document"),
        "encoding/mixed-invalid-utf8.txt": (data(ARTICLE.encode() + b"\xff\xfe\xc3\x28"
                                                 + ARTICLE.encode()), "document"),
        "jsonl/broken.jsonl": (data(b'{"text": "cut\n{"text": also cut\n{nope}\n'), "failure"),
        "jsonl/not-objects.jsonl": (data(b'{"text": "' + LEAD.encode() + b'"}\n[1, 2]\n42\n'
                                         b'"str"\nnull\n'), "either"),
        "jsonl/missing-text.jsonl": (data(b'{"title": "no body"}\n{"url": "x"}\n'), "failure"),
        "jsonl/non-string-text.jsonl": (data(b'{"text": 42}\n{"text": ["a", "b"]}\n'
                                             b'{"text": {"k": 1}}\n{"text": null}\n'),
                                        "either"),
        "jsonl/one-line-50mb.jsonl": (repeated(b'{"text": "', b"word " * (1 << 20), 10,
                                               b'"}\n'), "failure"),
        "jsonl/pretty.json": (data(b'{\n  "text": "' + LEAD.encode() + b'"\n}\n'), "either"),
        "jsonl/broken-first-line.jsonl": (data(b"garbage, not JSON\n" + GOOD_LINE * 2),
                                          "document"),
        "jsonl/non-string-title.jsonl": (data(b'{"title": ["a", "b"], "text": "' + LEAD.encode()
                                              + b'"}\n{"title": {"k": 1}, "text": "'
                                              + BODY.encode() + b'"}\n'), "document"),
        "gzip/one-line-1gib.jsonl.gz": (repeated(GOOD_LINE + b'{"text": "', b"word " * (1 << 20),
                                                 205, b'"}\n' + GOOD_LINE, zipped=True),
                                        "document"),
        "gzip/one-field-1gib.csv.gz": (repeated(f'id,text\n1,"{LEAD}"\n2,"'.encode(),
                                                b"word " * (1 << 20), 205,
                                                f'"\n3,"{BODY}"\n'.encode(), zipped=True),
                                       "document"),
        "gzip/gzip-of-gzip.txt.gz": (data(gzip.compress(gzip.compress(ARTICLE.encode()))),
                                     "document"),
        "gzip/gzip-of-gzip-bomb.txt.gz": (_double_bomb, "failure"),
        "html/control-chars.html": (data(HTML.replace("the city", "the\x0c city\x1b\x01")
                                         .encode()), "document"),
        "csv/no-text-column.csv": (data(b"id,title\n1,hello\n"), "failure"),
        "csv/ragged.csv": (data(f'id,text\n1,"{LEAD}"\n2,a,b,c\n3\n'.encode()), "either"),
        "csv/unbalanced.csv": (data(f'id,text\n1,"{LEAD}\n2,lost\n'.encode()), "failure"),
        "csv/header-only.csv": (data(b"id,text\n"), "either"),
        "csv/ragged.tsv": (data(f"id\ttext\n1\t{LEAD}\n2\ta\tb\n".encode()), "either"),
        "csv/binary.csv": (data(b"id,text\n1,\x00\x01\x02\n"), "failure"),
        "names/new\nline.txt": (data(ARTICLE.encode()), "document"),
        "names/<b>markup</b>.txt": (data(ARTICLE.encode()), "document"),
        b"names/invalid-\xff\xfe.txt".decode("utf-8", "surrogateescape"):
            (data(ARTICLE.encode()), "document"),
    }


def write_hostile_corpus(folder: Path) -> dict[str, str]:
    """Write the hostile corpus under ``folder``; return each input's relative path and what
    it should become. Links and a FIFO are made where the system allows (they are then in the
    returned mapping); an unreadable file and an unreadable folder (``closed/``, whose
    contents a folder scan cannot list) are made too. The caller restores the folder's
    permissions (``chmod``) before removing the corpus."""
    expected: dict[str, str] = {}
    for relative, (make, outcome) in _kinds().items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        make(path)
        expected[relative] = outcome
    for relative in GOOD:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
    (folder / GOOD[0]).write_text(ARTICLE, encoding="utf-8")
    (folder / GOOD[1]).write_text(HTML, encoding="utf-8")
    (folder / GOOD[2]).write_text(f'{{"text": "{LEAD} {BODY}"}}\n', encoding="utf-8")
    expected.update(dict.fromkeys(GOOD, "document"))
    links = folder / "links"
    links.mkdir(exist_ok=True)
    try:
        os.symlink("loop-b", links / "loop-a")
        os.symlink("loop-a", links / "loop-b")
        os.symlink("missing-target.txt", links / "dangling.txt")
        os.symlink("..", links / "up")  # a folder link back up: not followed
        expected.update({"links/loop-a": "failure", "links/loop-b": "failure",
                         "links/dangling.txt": "failure"})
    except (OSError, NotImplementedError):
        pass
    # unreadable: a failure for an ordinary user; root reads them anyway, so either outcome
    private = folder / "private"
    private.mkdir(exist_ok=True)
    (private / "locked.txt").write_text(ARTICLE, encoding="utf-8")
    (private / "locked.txt").chmod(0)
    closed = folder / "closed"
    closed.mkdir(exist_ok=True)
    (closed / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    closed.chmod(0)
    expected["private/locked.txt"] = "either"
    if hasattr(os, "mkfifo"):
        (folder / "special").mkdir(exist_ok=True)
        os.mkfifo(folder / "special" / "fifo.txt")
        expected["special/fifo.txt"] = "failure"
    return expected


def main(argv: list[str] | None = None) -> int:
    """Write the corpus to the folder given."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    expected = write_hostile_corpus(args.folder)
    print(f"{len(expected)} inputs written under {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
