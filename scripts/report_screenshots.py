"""Screenshots of the HTML report of the demo corpus, taken with Debian's headless Chromium:
the index (stories and changes ranked), a story page (tree and provenance cards), a copy side
by side, and the changes filtered to "high". The browser tests take them into
``build/screenshots`` and check them; ``docs/reading-the-report.md`` shows the same shots,
written into ``docs/img`` by running this script.

    python scripts/report_screenshots.py docs/img
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from newstrace.report.pages import write_html_folder
from newstrace.trace import trace

__all__ = ["SHOTS", "chromium", "take_screenshots"]

DEMO = Path(__file__).resolve().parents[1] / "examples" / "corpus"
#: name -> (page of the folder report, window height, what it shows)
SHOTS = {
    "index": ("index.html", 1000, "the index: stories and changes ranked"),
    "story": ("stories/{story}", 1500, "a story: its tree and each article's provenance card"),
    "pair": ("pairs/{pair}", 1100, "a copy side by side with its changes marked"),
    "changes-high": ("changes/1.html", 900, "the changes filtered to high severity"),
}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def chromium() -> str | None:
    """Debian's Chromium, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def take_screenshots(out: Path, report: dict[str, Any] | None = None) -> dict[str, Path]:
    """Write the demo report's folder to a scratch place and screenshot its pages into
    ``out`` as PNG files; their paths by name."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("chromium is not installed")
    report = report if report is not None else trace([str(DEMO)])
    out.mkdir(parents=True, exist_ok=True)
    shots: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix="newstrace-shots-") as scratch:
        folder = Path(scratch) / "report"
        write_html_folder(report, folder)
        story = max((folder / "stories").glob("*.html"), key=lambda p: p.stat().st_size)
        pair = _pair_with_most_marks(folder / "pairs")
        for name, (page, height, _what) in SHOTS.items():
            path = folder / page.format(story=story.name, pair=pair.name)
            if name == "changes-high":
                path = _checked(path, "f-sev-high")
            shot = out / f"{name}.png"
            subprocess.run([browser, *FLAGS, f"--screenshot={shot}",
                            f"--window-size=1100,{height}", path.as_uri()],
                           capture_output=True, timeout=120, check=True)
            shots[name] = shot
    return shots


def _pair_with_most_marks(folder: Path) -> Path:
    return max(sorted(folder.glob("*.html")),
               key=lambda p: len(re.findall(r'<mark class="(?:high|medium)"', p.read_text())))


def _checked(page: Path, radio: str) -> Path:
    """A copy of ``page`` with the filter ``radio`` checked instead of "all"."""
    html = page.read_text(encoding="utf-8").replace('id="f-sev-all" checked>',
                                                    'id="f-sev-all">')
    html = html.replace(f'id="{radio}">', f'id="{radio}" checked>')
    checked = page.with_name(f"checked-{page.name}")
    checked.write_text(html, encoding="utf-8")
    return checked


def main(argv: list[str] | None = None) -> int:
    """Take the screenshots into the folder given."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    for name, path in take_screenshots(args.folder).items():
        print(f"{name}: {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
