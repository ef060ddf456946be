"""The HTML report: what it shows for the seeds, that it is self-contained, and that it
escapes what it renders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import script_corpus
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.report.html import render_html
from newstrace.trace import trace

runner = CliRunner()


@pytest.fixture(scope="module")
def seeds_html(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("html") / "seeds.html"
    result = runner.invoke(app, ["trace", str(seeds_dir), "-o", str(out.with_suffix(".json")),
                                 "--html", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_the_story_tree_has_000_at_the_root_with_its_excerpt_and_rewrite(
        seeds_html: str) -> None:
    tree = re.search(r'<svg class="tree".*?</svg>', seeds_html, re.S)
    assert tree is not None
    svg = tree.group(0)
    origin = re.search(r'<g class="node origin"[^>]*>.*?</g>', svg, re.S)
    assert origin is not None and "000_" in origin.group(0)  # the locator, in its tooltip
    assert "Russia struggles to replen" in origin.group(0)  # the title names the node
    assert svg.count('class="node copy"') == 2
    assert re.search(r">excerpt (?:0\.99|1\.00)<", svg) and ">rewrite " in svg


def test_the_couldnt_not_misquote_is_highlighted_side_by_side(seeds_html: str) -> None:
    assert '<mark class="high" title="negation_flipped' in seeds_html \
        or '<mark class="high" title="quote_altered' in seeds_html
    marked = re.findall(r'<mark class="high"[^>]*>([^<]*)</mark>', seeds_html)
    assert "couldn’t not think about it." in marked
    assert "couldn’t think about it" in marked
    assert 'id="misquotes"' in seeds_html and "couldn’t not think about it." in \
        seeds_html.split('id="misquotes"')[1]


def test_claims_show_their_independent_origins(seeds_html: str) -> None:
    claims = seeds_html.split('id="claims"')[1]
    assert "circular reporting" in claims
    assert "Prigozhin, in fact, denies" in claims


def test_the_report_is_self_contained(seeds_html: str) -> None:
    assert "<script" not in seeds_html
    assert not re.search(r'(?:src|href)="(?:https?:)?//', seeds_html)
    assert "@import" not in seeds_html


def test_an_article_holding_a_script_renders_as_text(tmp_path: Path) -> None:
    html = render_html(trace([str(script_corpus(tmp_path))]))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html
