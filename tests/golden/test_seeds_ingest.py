"""Issue 2 acceptance on the five real seed captures."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace import Document, ingest


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, Document]:
    docs = [d for d in ingest([str(seeds_dir)]) if isinstance(d, Document)]
    assert len(docs) == 5
    return {d.locator[:3]: d for d in docs}


def test_seed_000_clean_text_bounds(seeds: dict[str, Document]) -> None:
    text = seeds["000"].text
    assert text.startswith("The prisoners at the penal colony in St. Petersburg")
    assert text.endswith("there’s not that much that they can do.”")


@pytest.mark.parametrize("chrome", [
    "Sections U.S. News", "Click to copy", "1 of 17", "FILE - A Russian mine clearing expert",
    "This photo was taken during a trip", "ADVERTISEMENT", "More on Brittney Griner",
    "weakest moment", "Follow AP’s coverage", "AP NEWS Top Stories", "All rights reserved",
])
def test_seed_000_has_no_chrome(seeds: dict[str, Document], chrome: str) -> None:
    assert chrome not in seeds["000"].text


def test_seed_000_keeps_the_sentence_after_the_link_block(seeds: dict[str, Document]) -> None:
    assert "The group has seen an influx of requests from men" in seeds["000"].text


def test_seed_000_metadata(seeds: dict[str, Document]) -> None:
    doc = seeds["000"]
    assert (doc.site, doc.published, doc.title) == (
        "apnews.com", "2022-08-11", "Russia struggles to replenish its troops in Ukraine")
    assert doc.url and doc.url.startswith("https://apnews.com/article/russia-ukraine-putin")
    assert doc.language == "en"


def test_seed_002(seeds: dict[str, Document]) -> None:
    doc = seeds["002"]
    assert doc.published == "2022-08-11"
    assert doc.published_source == "text-date-line"
    assert "Skip to main content" not in doc.text
    assert "Russian soldiers guard an area" not in doc.text
    assert "AP Photo" not in doc.text
    assert doc.text.startswith("The prisoners at the penal colony")


def test_seed_001_title_kept_once_and_no_counters(seeds: dict[str, Document]) -> None:
    doc = seeds["001"]
    title = "Russia in a desperate bid to replenish forces in Ukraine recruits prisoners."
    assert doc.title == title
    assert title not in doc.text
    for counter in ("Facebook20k", "Twitter60k", "Instagram500k", "600k", "100k"):
        assert counter not in doc.text
    assert doc.text.endswith("They can’t really do much, though, in the end.")


def test_seed_003_no_aggregator_footer(seeds: dict[str, Document]) -> None:
    doc = seeds["003"]
    assert "Source link" not in doc.text and "Leave a Comment" not in doc.text
    assert doc.text.endswith("promised to bring her son’s salary in cash after a week.")


@pytest.mark.parametrize("chrome", [
    "The Limited Times", "Now you can see non-English news", "Highlights:", "Trends 24h",
    "Latest", "All news articles on", "© Communities", "The information on this site",
    "The inclusion of any links", "Source: leparis", "Read also",
])
def test_seed_004_has_no_banners(seeds: dict[str, Document], chrome: str) -> None:
    assert chrome not in seeds["004"].text


def test_seed_004_metadata(seeds: dict[str, Document]) -> None:
    doc = seeds["004"]
    assert doc.published == "2023-11-10"
    assert doc.site == "The Limited Times"
    assert doc.credit == "leparis"
    assert doc.title == ("War in Ukraine: fighters recruited from Russian prisons may be "
                         "granted amnesty")
    assert doc.text.endswith("after leaving the army after being granted amnesty.")


def test_every_seed_span_slices_its_text(seeds: dict[str, Document]) -> None:
    for doc in seeds.values():
        assert doc.sentences and doc.paragraphs
        for span in doc.sentences:
            piece = span.slice(doc.text)
            assert piece == piece.strip() and piece
            assert any(p.start <= span.start and span.end <= p.end for p in doc.paragraphs)
