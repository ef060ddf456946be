"""Format and encoding detection from the bytes themselves.

A capture's name often lies (``.txt`` holding HTML, ``.html`` holding a JSON dump, a WARC
without its ``.gz``), so the format is read from the content; the name is only a tie-breaker
for CSV, which content alone cannot reliably tell from prose with commas.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib

from charset_normalizer import from_bytes

from newstrace.errors import EmptyInputError, UnsupportedFormatError

__all__ = ["decode", "gunzip_head", "sniff_format"]

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"RIFF": "a RIFF media file",
    b"\x7fELF": "an executable",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
}
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)[\s>/]", re.I)
_CSV_NAMES = (".csv", ".tsv")
#: JSON-lines by name: a file so named whose first line is broken is still JSON lines, each
#: broken line its own failure, not one page of text.
_JSONL_NAMES = (".jsonl", ".ndjson")
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def gunzip_head(data: bytes, size: int = 65536) -> bytes:
    """The first ``size`` bytes of a gzip stream, tolerating a truncated stream."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        return decompressor.decompress(data, size)
    except zlib.error:
        return b""


def sniff_format(head: bytes, name: str) -> str:
    """One of ``warc``, ``html``, ``jsonl``, ``csv``, ``text`` for the first bytes of a capture.

    ``head`` is already decompressed when the capture was gzipped. Raises
    ``UnsupportedFormatError`` for binary content and ``EmptyInputError`` for empty content.
    """
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise UnsupportedFormatError(f"not a text capture: looks like {what}")
    gzipped_warc = head.startswith(b"\x1f\x8b") and b"WARC/" in gunzip_head(head)
    if head.startswith(b"WARC/") or gzipped_warc:
        return "warc"
    if b"\x00" in head[:8192] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormatError("not a text capture: binary content (NUL bytes)")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise EmptyInputError("the file is empty")
    lowered = name.lower().removesuffix(".gz")
    if stripped[:1] == b"<" and _HTML.search(stripped[:4096]):
        return "html"
    if stripped[:1] == b"{" and (_first_line_is_json(stripped) or lowered.endswith(_JSONL_NAMES)):
        return "jsonl"
    if lowered.endswith(_CSV_NAMES):
        return "csv"
    if _HTML.search(stripped[:4096]) and stripped[:1] == b"<":
        return "html"
    return "text"


def _first_line_is_json(head: bytes) -> bool:
    line = head.split(b"\n", 1)[0]
    if len(head) > len(line) or line.rstrip().endswith(b"}"):
        try:
            return isinstance(json.loads(line), dict)
        except ValueError:
            return line.rstrip().endswith(b"}")
    return True  # a single long JSON line cut by the head: trust the brace


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 when valid (the common, fast case), else charset-normalizer's guess."""
    if data.startswith(b"\x1f\x8b"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise UnsupportedFormatError(f"corrupt gzip data ({exc})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data[:1_000_000])
    best = matches.best()
    if best is None:
        raise UnsupportedFormatError("cannot tell the text encoding (binary content?)")
    encoding = best.encoding
    for match in matches:
        # Short Western text fits many code pages equally well; on the web, Windows-1252 /
        # Latin-1 is by far the likeliest of them, so it wins a near tie.
        if match.encoding in _WESTERN and match.chaos <= best.chaos + 0.05:
            encoding = match.encoding
            break
    return data.decode(encoding, errors="replace")
