"""Ingest throughput: newstrace vs trafilatura alone, on pages built from the BBC corpus.

Builds N captures of each kind in a temporary folder — HTML pages (the article inside
navigation, a photo caption, an ad slot, related links and a footer, with one of several site
templates), plain-text captures (headline and paragraphs) and pages flattened to one line with
their chrome — then times ``newstrace.ingest`` over each kind and trafilatura's
``bare_extraction`` over the same HTML, both on ``--workers`` processes. Prints documents per
second and the ratio.
"""

from __future__ import annotations

import argparse
import html
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from newstrace import Document, LocalEngine, ingest

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bbc"
SITES = ["harbourherald", "eveningpost", "dailyledger", "coastalnews", "metrotimes"]


def bbc_articles() -> list[tuple[str, list[str]]]:
    """(headline, paragraphs) of every BBC article."""
    out = []
    for path in sorted(DATA.glob("*/*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="latin-1").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) >= 3:
            out.append((lines[0], lines[1:]))
    return out


def html_page(number: int, title: str, paragraphs: list[str]) -> str:
    site = SITES[number % len(SITES)]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)} | {site}"
        f"</title><meta property='article:published_time' content='2005-0{1 + number % 9}-1"
        f"{number % 10}T10:00:00Z'></head><body><nav><a href='/'>Home</a> <a href='/world'>"
        f"World</a> <a href='/business'>Business</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{html.escape(title)}</h1><p class='byline'>By Staff Reporter</p>"
        f"<figure><figcaption>File photo of the scene. (Photo by {site}/Archive)</figcaption>"
        f"</figure>{body}<div class='ad'>ADVERTISEMENT</div></article><aside><h3>Most read"
        f"</h3><ul><li><a href='/a'>Other story one</a></li><li><a href='/b'>Other story two"
        f"</a></li></ul></aside><footer>© 2005 {site}. All rights reserved.</footer></body></html>"
    )


def text_capture(title: str, paragraphs: list[str]) -> str:
    """A plain-text capture: the headline, then the paragraphs."""
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def flattened_capture(number: int, title: str, paragraphs: list[str]) -> str:
    """A page flattened to one line: menu, URL, headline, byline, body, ad, links, footer."""
    site = SITES[number % len(SITES)]
    return (f"Home World Business Sport Search https://{site}.example/news/{number} {title} "
            f"By Staff Reporter March 3, 2005 " + " ".join(paragraphs)
            + f" ADVERTISEMENT Most read Other story one © 2005 {site}. All rights reserved.")


def build(root: Path, count: int) -> dict[str, Path]:
    """Write ``count`` captures of each kind under ``root``; return the folder of each kind."""
    articles = bbc_articles()
    folders = {kind: root / kind for kind in ("html", "text", "flattened")}
    for folder in folders.values():
        folder.mkdir()
    for number in range(count):
        title, paragraphs = articles[number % len(articles)]
        name = f"{number:06d}"
        (folders["html"] / f"{name}.html").write_text(html_page(number, title, paragraphs))
        (folders["text"] / f"{name}.txt").write_text(text_capture(title, paragraphs))
        (folders["flattened"] / f"{name}.txt").write_text(
            flattened_capture(number, title, paragraphs))
    return folders


def time_newstrace(folder: Path, workers: int) -> tuple[float, int]:
    start = time.perf_counter()
    docs = sum(isinstance(item, Document)
               for item in ingest([str(folder)], engine=LocalEngine(workers)))
    return time.perf_counter() - start, docs


def _trafilatura_one(path: str) -> bool:
    text = Path(path).read_text()
    return trafilatura.bare_extraction(text, with_metadata=True, include_comments=False) is not None


def time_trafilatura(folder: Path, workers: int) -> tuple[float, int]:
    paths = [str(p) for p in sorted(folder.iterdir())]
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        found = sum(pool.imap(_trafilatura_one, paths, chunksize=64))
    return time.perf_counter() - start, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} is absent: the benchmark builds its pages from the BBC corpus")
    with tempfile.TemporaryDirectory() as tmp:
        folders = build(Path(tmp), args.docs)
        n = args.docs
        t_html, d_html = time_newstrace(folders["html"], args.workers)
        t_peer, d_peer = time_trafilatura(folders["html"], args.workers)
        t_text, d_text = time_newstrace(folders["text"], args.workers)
        t_flat, d_flat = time_newstrace(folders["flattened"], args.workers)
    print(f"documents: {n} of each kind, workers: {args.workers}")
    print(f"newstrace ingest, HTML      : {n / t_html:7.0f} docs/s ({d_html} docs, {t_html:.1f} s)")
    print(f"trafilatura alone, HTML     : {n / t_peer:7.0f} docs/s ({d_peer} docs, {t_peer:.1f} s)")
    print(f"  newstrace / trafilatura   : {t_peer / t_html:7.2f}")
    print(f"newstrace ingest, plain text: {n / t_text:7.0f} docs/s ({d_text} docs, {t_text:.1f} s)")
    print(f"newstrace ingest, flattened : {n / t_flat:7.0f} docs/s ({d_flat} docs, {t_flat:.1f} s)")

if __name__ == "__main__":
    main()
