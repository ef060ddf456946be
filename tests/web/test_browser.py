"""The seeds' report in a real browser: Debian's headless Chromium renders it, the tree and
a highlighted change are in the rendered page, and its screenshot is not blank. Skipped,
saying so, where Chromium is not installed (CI installs it)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
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
