"""Rebuild examples/corpus/02_dailyledger.warc.gz from examples/warc-src/ (deterministically).

The demo corpus holds a WARC with two captures so that the WARC reader is part of the demo.
Record ids, dates and gzip headers are fixed, so the file is byte-identical on every run.

    python scripts/build_demo_warc.py
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
CAPTURES = [
    ("dailyledger_republication.html",
     "https://dailyledger.example/news/marrow-river-spill-halloway", "2025-03-14T16:02:11Z"),
    ("eastport_ferry_strike.html",
     "https://dailyledger.example/news/eastport-ferry-strike", "2025-03-14T16:02:15Z"),
]


def build(out: Path) -> None:
    """Write the demo WARC to ``out``."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for name, uri, date in CAPTURES:
        payload = (ROOT / "examples" / "warc-src" / name).read_bytes()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                           ("Content-Length", str(len(payload)))],
                                protocol="HTTP/1.1")
        record_id = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uri)}>"
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), http_headers=http,
            warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": record_id},
        )
        writer.write_record(record)
    out.write_bytes(buffer.getvalue())


if __name__ == "__main__":
    build(ROOT / "examples" / "corpus" / "02_dailyledger.warc.gz")
