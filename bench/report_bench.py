"""The HTML report at 1,000 documents (or ``--docs``): its size, and how long headless
Chromium takes to open it, beside the same browser opening the JSON report's size of plain
text (the peer: what any page of that weight costs to load); then the folder report
(``--html DIR``, for real crawls): its largest page and the time to open its index and its
largest story page.

The corpus is the trace benchmark's (originals, excerpts, copies and generated rewrites).
Load time is the wall time of ``chromium --headless --screenshot`` (start, load, parse, lay
out and paint the first screen) minus that of an empty page, the browser's own start-up,
each the median of five runs.

    .venv/bin/python bench/report_bench.py [--docs 1000]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from trace_bench import build, write

from newstrace.report.html import render_html
from newstrace.report.json_report import dump_report
from newstrace.report.pages import write_html_folder
from newstrace.trace import trace

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu"]


def load_seconds(browser: str, page: Path, runs: int = 5) -> float:
    """Median wall time of the browser opening ``page`` and painting its first screen."""
    times = []
    shot = page.with_suffix(".png")
    for _ in range(runs):
        start = time.perf_counter()
        try:
            subprocess.run([browser, *FLAGS, f"--screenshot={shot}", "--window-size=1280,900",
                            page.as_uri()], capture_output=True, timeout=300, check=True)
        except subprocess.TimeoutExpired:
            return float("inf")  # printed as "inf": not opened within five minutes
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    docs, _ = build(args.docs)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "corpus").mkdir()
        write(docs, folder / "corpus")
        report = trace([str(folder / "corpus")])
        start = time.perf_counter()
        html = render_html(report)
        render = time.perf_counter() - start
        page = folder / "report.html"
        page.write_text(html, encoding="utf-8")
        size = page.stat().st_size
        plain = folder / "plain.html"
        plain.write_text("<pre>" + dump_report(report).replace("<", "&lt;") + "</pre>",
                         encoding="utf-8")
        print(f"HTML report for {report['summary']['documents']} documents "
              f"({report['summary']['relations']} relations, "
              f"{sum('changes' in r for r in report['relations'])} derivations shown side by "
              f"side, {report['summary']['claims']} claims): {size / 1e6:.2f} MB, rendered "
              f"in {render:.2f} s (JSON report {len(dump_report(report)) / 1e6:.2f} MB)")
        if browser is None:
            print("chromium not installed: load time not measured")
            return
        empty = folder / "empty.html"
        empty.write_text("<p>empty</p>", encoding="utf-8")
        base = load_seconds(browser, empty)
        _folder(browser, report, folder / "site", base)
        ours = load_seconds(browser, page) - base
        peer = load_seconds(browser, plain) - base
        print(f"opened in headless Chromium: {ours:.2f} s beyond the browser's start-up "
              f"({base:.2f} s); the JSON as plain text: {peer:.2f} s; "
              f"ratio {ours / max(peer, 1e-3):.1f}")


def _folder(browser: str, report: dict, site: Path, base: float) -> None:
    """The folder report (``--html DIR``): its pages' sizes and the time to open the index
    and the largest story page."""
    start = time.perf_counter()
    pages = write_html_folder(report, site)
    written = time.perf_counter() - start
    sizes = sorted((p.stat().st_size, p) for p in pages)
    stories = [(size, p) for size, p in sizes if p.parent.name == "stories"]
    print(f"folder report: {len(pages)} pages written in {written:.2f} s; index "
          f"{(site / 'index.html').stat().st_size / 1e6:.2f} MB, largest page "
          f"{sizes[-1][0] / 1e6:.2f} MB ({sizes[-1][1].relative_to(site)}), "
          f"{sum(s for s, _ in sizes) / 1e6:.1f} MB in all")
    index = load_seconds(browser, site / "index.html") - base
    story = load_seconds(browser, stories[-1][1]) - base if stories else 0.0
    print(f"opened in headless Chromium beyond start-up: index {index:.2f} s, largest story "
          f"page {story:.2f} s")


if __name__ == "__main__":
    main()
