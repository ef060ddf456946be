"""The HTML report as a folder, for real crawls: an index page, one page per story, one page
per copy side by side.

One self-contained page stops being usable long before a real crawl's size (a 612-article
crawl gave a 40 MB page, 6.8 s to load); here each page holds what one reading needs: the
index the triage (stories and changes ranked, misquotes per quotation, claims), a story its
tree (an outline when large), its articles' provenance cards and links to its copies, a
pair the two texts side by side, and ``changes/N.html`` every change, most severe first,
a thousand per page with the same filters. Every page is still self-contained (inline styles, no
script, no network), and the folder can be zipped and mailed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newstrace.report.html import (
    LIMITS,
    card_model,
    environment,
    facets,
    pair_model,
    report_view,
)
from newstrace.report.triage import ChangeRow, story_of

__all__ = ["CHANGES_PER_PAGE", "FolderLinks", "write_html_folder"]

#: Changes per page of the folder's full, ranked list (``changes/N.html``).
CHANGES_PER_PAGE = 1000


class FolderLinks:
    """Links between the folder's pages, from a page ``depth`` folders below its root."""

    def __init__(self, stories: Mapping[str, str], pages: set[str], depth: int) -> None:
        self.stories, self.pages = stories, pages
        self.up = "../" * depth

    def story(self, story_id: str) -> str:
        return f"{self.up}stories/{story_id}.html"

    def pair(self, row: ChangeRow) -> str:
        return self.pair_number(row.pair)

    def pair_number(self, number: int) -> str:
        return f"{self.up}pairs/{number}.html"

    def doc(self, doc_id: str) -> str:
        story = self.stories.get(doc_id)
        if story is None or story not in self.pages:
            return "#"
        return f"{self.story(story)}#card-{doc_id}"

    def index(self) -> str:
        return f"{self.up}index.html"

    def changes(self, number: int) -> str:
        return f"{self.up}changes/{number}.html"


def write_html_folder(report: Mapping[str, Any], folder: Path) -> list[Path]:
    """Write the report's pages under ``folder`` (created if missing; pages of an earlier
    report there are replaced) and return the paths written, index first."""
    view = report_view(report)
    env = environment()
    stories = story_of(report)
    pages = {section["item"]["story"]["id"] for section in view["sections"]}
    common = {"view": view, "report": report, "docs": view["docs"], "limits": LIMITS,
              "card_model": card_model, "pair_views": None, "inline": False}
    written = [_write(folder / "index.html", env.get_template("report.html.j2").render(
        links=FolderLinks(stories, pages, 0), **common))]
    story_page = env.get_template("report_story.html.j2")
    for section in view["sections"]:
        path = folder / "stories" / f"{section['item']['story']['id']}.html"
        written.append(_write(path, story_page.render(
            section=section, links=FolderLinks(stories, pages, 1), **common)))
    pair_page = env.get_template("report_pair.html.j2")
    for number, relation in enumerate(view["derivations"]):
        written.append(_write(folder / "pairs" / f"{number}.html", pair_page.render(
            pair=pair_model(f"pair{number}", relation, view["docs"]),
            story=stories.get(relation["derived"]), links=FolderLinks(stories, pages, 1),
            **common)))
    changes_page = env.get_template("report_changes.html.j2")
    rows = view["changes"]
    total = max(1, -(-len(rows) // CHANGES_PER_PAGE))
    for number in range(1, total + 1):
        part = rows[(number - 1) * CHANGES_PER_PAGE: number * CHANGES_PER_PAGE]
        written.append(_write(folder / "changes" / f"{number}.html", changes_page.render(
            rows=part, number=number, total=total, facets=facets(part),
            links=FolderLinks(stories, pages, 1), **common)))
    _drop_stale(folder, set(written))
    return written


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _drop_stale(folder: Path, written: set[Path]) -> None:
    """Remove the story and pair pages an earlier report left that this one did not write."""
    for sub in ("stories", "pairs", "changes"):
        for old in (folder / sub).glob("*.html"):
            if old not in written:
                old.unlink()
