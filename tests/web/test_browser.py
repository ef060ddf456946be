"""The seeds' report and the running web app in a real browser: Debian's headless Chromium
renders them, the tree, a highlighted change and the query form are in the rendered pages,
and the screenshots are not blank. Skipped,
saying so, where Chromium is not installed (CI installs it)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def png_pixels(path: Path) -> bytes:
    """The raw (filtered) scanlines of a PNG, decoded with the standard library only."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, []
    while at < len(data):
        (length,), kind = struct.unpack(">I", data[at:at + 4]), data[at + 4:at + 8]
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    return zlib.decompress(b"".join(chunks))


@pytest.fixture(scope="module")
def report_file(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "seeds.html"
    result = CliRunner().invoke(app, ["trace", str(seeds_dir), "-o", str(out) + ".json",
                                      "--html", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def test_chromium_renders_the_tree_and_a_highlighted_change(report_file: Path) -> None:
    dom = subprocess.run([CHROMIUM, *FLAGS, "--dump-dom", report_file.as_uri()],  # type: ignore[list-item]
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert '<svg class="tree"' in dom and 'class="node origin"' in dom
    assert "couldn’t not think about it." in dom and '<mark class="high"' in dom


def test_the_screenshot_is_not_blank(report_file: Path, tmp_path: Path) -> None:
    shot = tmp_path / "seeds.png"
    subprocess.run([CHROMIUM, *FLAGS, f"--screenshot={shot}", "--window-size=1280,1600",  # type: ignore[list-item]
                    report_file.as_uri()], capture_output=True, timeout=120, check=True)
    pixels = png_pixels(shot)
    assert len(set(pixels)) > 50  # text, marks and lines, not one flat colour
    assert pixels.count(pixels[1]) < 0.97 * len(pixels)


@pytest.fixture(scope="module")
def served(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web app over the seeds' index, served by uvicorn on a free local port."""
    import socket
    import threading

    import uvicorn

    from newstrace.index.embed import load_encoder
    from newstrace.report.web import create_app

    db = tmp_path_factory.mktemp("served") / "seeds.db"
    assert CliRunner().invoke(app, ["add", str(seeds_dir), "--db", str(db),
                                    "--quiet"]).exit_code == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db, load_encoder()), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(600):
        if server.started:
            break
        threading.Event().wait(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


def dump(url: str) -> str:
    return subprocess.run([CHROMIUM, *FLAGS, "--dump-dom", url],  # type: ignore[list-item]
                          capture_output=True, text=True, timeout=120, check=True).stdout


def test_the_running_app_shows_the_tree_a_change_and_the_query_form(served: str) -> None:
    home = dump(served + "/")
    story = home.split('href="/stories/')[1].split('"')[0]
    page = dump(f"{served}/stories/{story}")
    assert '<svg class="tree"' in page and 'class="node origin"' in page
    rewrite = re.search(r'href="(/pairs/[^"]+)">rewrite:', page)
    assert rewrite is not None
    assert "couldn’t not think about it.</mark>" in dump(served + rewrite.group(1))
    form = dump(served + "/query")
    assert '<form id="query-form"' in form and 'name="upload"' in form


def test_the_apps_screenshot_is_not_blank(served: str, tmp_path: Path) -> None:
    shot = tmp_path / "app.png"
    subprocess.run([CHROMIUM, *FLAGS, f"--screenshot={shot}", "--window-size=1280,900",  # type: ignore[list-item]
                    served + "/query"], capture_output=True, timeout=120, check=True)
    assert len(set(png_pixels(shot))) > 20


#: Where the browser tests keep their screenshots for a person to look at (ignored by git).
ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def _shot(html: str, name: str, tmp_path: Path) -> bytes:
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"{name}.png"
    subprocess.run([CHROMIUM, *FLAGS, f"--screenshot={shot}", "--window-size=1200,1400",  # type: ignore[list-item]
                    page.as_uri()], capture_output=True, timeout=120, check=True)
    return png_pixels(shot)


def test_the_change_filters_hide_the_other_rows_in_chromium(demo_report: dict,
                                                             tmp_path: Path) -> None:
    """Checking "high" hides every other row: the page then paints exactly like one whose
    other rows were never written; with "all" it does not."""
    from newstrace.report.html import render_html

    html = render_html(demo_report)
    head = html[:html.index("<body>") + 6]
    changes = html[html.index('<section id="changes">'):html.index('<section id="misquotes">')]
    everything = head + changes + "</body></html>"
    high = everything.replace('id="f-sev-all" checked>', 'id="f-sev-all">').replace(
        'id="f-sev-high">', 'id="f-sev-high" checked>')
    only_high = re.sub(r'<tr class="chg s-(?:medium|low) .*?</tr>\n', "", high, flags=re.S)
    assert only_high.count('<tr class="chg') < high.count('<tr class="chg')
    shots = {name: _shot(page, f"changes-{name}", tmp_path)
             for name, page in (("all", everything), ("high", high), ("only-high", only_high))}
    assert len(set(shots["all"])) > 20  # not blank
    assert shots["high"] == shots["only-high"]
    assert shots["all"] != shots["high"]


def test_the_reading_the_report_screenshots_are_not_blank(demo_report: dict) -> None:
    """The shots docs/reading-the-report.md shows, taken from the demo's folder report."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from report_screenshots import SHOTS, take_screenshots

    shots = take_screenshots(ARTIFACTS, demo_report)
    assert set(shots) == set(SHOTS)
    for name, shot in shots.items():
        pixels = png_pixels(shot)
        assert len(set(pixels)) > 50, name  # text, bars and marks, not one flat colour
        assert pixels.count(pixels[1]) < 0.97 * len(pixels), name
