"""Format and encoding detection from the bytes themselves.

A capture's name often lies (``.txt`` holding HTML, ``.html`` holding a JSON dump, a WARC
without its ``.gz``), so the format is read from the content; the name is only a tie-breaker
for CSV, which content alone cannot reliably tell from prose with commas.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import zlib

from charset_normalizer import from_bytes

from newstrace.errors import EmptyInputError, InputError, TooLargeError, UnsupportedFormatError

__all__ = ["decode", "gunzip_bounded", "gunzip_head", "sniff_format", "utf16_without_bom"]

_log = logging.getLogger(__name__)

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
    wide = utf16_without_bom(head)
    if wide is not None:  # sniffed on its text, as UTF-8
        head = head[: len(head) // 2 * 2].decode(wide, errors="replace").encode("utf-8")
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
    if stripped[:1] != b"<" and (lowered.endswith(_JSONL_NAMES)
                                 or _most_lines_are_json(stripped)):
        return "jsonl"  # a broken first line does not make the file one page of text
    if lowered.endswith(_CSV_NAMES):
        return "csv"
    if _HTML.search(stripped[:4096]) and stripped[:1] == b"<":
        return "html"
    return "text"


def _most_lines_are_json(head: bytes, lines: int = 20) -> bool:
    """Whether most of the first complete lines (at least three) are JSON objects."""
    complete = [line for line in head.split(b"\n")[:-1] if line.strip()][:lines]
    if len(complete) < 3:
        return False
    objects = 0
    for line in complete:
        with contextlib.suppress(ValueError):
            objects += isinstance(json.loads(line), dict)
    return objects * 2 > len(complete)


def _first_line_is_json(head: bytes) -> bool:
    line = head.split(b"\n", 1)[0]
    if len(head) > len(line) or line.rstrip().endswith(b"}"):
        try:
            return isinstance(json.loads(line), dict)
        except ValueError:
            return line.rstrip().endswith(b"}")
    return True  # a single long JSON line cut by the head: trust the brace


def decode(data: bytes, name: str = "") -> str:
    """Bytes to text: UTF-8 when valid (the common, fast case); UTF-16 without a byte-order
    mark by its pattern of zero bytes; UTF-8 with its few bad bytes replaced when the rest
    is UTF-8 (a page pasted together from two sources: decoding it all as Windows-1252
    garbled every accent); else charset-normalizer's guess. ``name`` labels the log line
    that counts replaced bytes."""
    if data.startswith(b"\x1f\x8b"):
        data = gunzip_bounded(data, _INFLATE_CAP)
    wide = utf16_without_bom(data)  # first: its zero bytes are valid UTF-8
    if wide is not None:
        return data[: len(data) // 2 * 2].decode(wide, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        _log.warning("%s: %d bytes that are not UTF-8 replaced by U+FFFD", name or "text", bad)
        return text
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


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` has the zero bytes of UTF-16 text with no
    byte-order mark (Latin-script text: every other byte zero), else None."""
    sample = data[:8192]
    if len(sample) < 16 or sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    even, odd = sample[0::2], sample[1::2]
    even_zero, odd_zero = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_zero > 0.4 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.4 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """The text decoded as UTF-8 with bad bytes replaced, and how many there were, when its
    valid multi-byte characters outnumber the bad bytes two to one (text in a single-byte
    code page almost never holds a valid UTF-8 sequence, so it does not pass)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    wide = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    return (text, bad) if wide >= 2 * bad and wide >= 2 else None


#: The most one capture may inflate to inside ``decode`` (readers bound it by --max-bytes).
_INFLATE_CAP = 64 * 1024 * 1024


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """One layer of gzip inflated, at most ``limit`` bytes of it: past that a
    ``TooLargeError``, and a corrupt or cut stream an ``InputError`` (never inflated whole
    first: a small gzip can hold gigabytes)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError(f"corrupt gzip data ({exc})") from exc
    if len(out) > limit:
        raise TooLargeError(f"inflates to over {limit:,} bytes (raise --max-bytes to read it)")
    if not inflater.eof:
        raise InputError("the gzip file is truncated: it ends before its end marker, so "
                         "what it holds is incomplete")
    return out
