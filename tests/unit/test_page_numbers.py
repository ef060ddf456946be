"""Article numbers in addresses (``match.page_ids``): read where a site prints one, turned
into days by the site's own numbering rate, and used to order two pages of one site only
where their dates cannot and the numbers lie half a day apart or more."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from newstrace.match.orient import OrientInfo, orient
from newstrace.match.page_ids import PageNumber, earlier_page, numbering_rates, page_number, rated
from newstrace.store.index import Index
from newstrace.trace import trace


@pytest.mark.parametrize(("address", "number"), [
    ("https://thehill.com/homenews/senate/487154-trump-restricts-travel", "487154"),
    ("https://www.bbc.com/news/world-us-canada-47840026", "47840026"),
    ("https://www.usatoday.com/story/news/2020/04/19/reopening-states/5155269002/",
     "5155269002"),
    ("https://www.newsmax.com/headline/bolton-warned/2019/10/30/id/939348/", "939348"),
    ("https://www.reuters.com/article/us-usa/diplomat-testifies-idUSKBN1X10BC", "USKBN1X10BC"),
])
def test_a_sites_article_number_is_read_from_its_address(address: str, number: str) -> None:
    found = page_number(address)
    assert found is not None and found.number == number
    assert found.host == address.split("/")[2].removeprefix("www.")


@pytest.mark.parametrize("address", [
    "https://apnews.com/06eb66d980777296f8509c154107c28f",  # a hash, digits inside it
    "https://www.vox.com/2020/6/1/trump-speech",  # date folders only
    "https://example.com/news/20200419/story",  # a date written as one number
    "crawl.jsonl#17",  # a locator, not an address
    None,
])
def test_no_number_where_the_address_holds_none(address: str | None) -> None:
    assert page_number(address) is None


def _site(numbers_and_days: list[tuple[int, str]], host: str = "ledger.example"
          ) -> list[tuple[str, str]]:
    return [(f"https://{host}/news/{n}-story", day) for n, day in numbers_and_days]


SEQUENTIAL = _site([(100_000 + 150 * d + k, f"2025-03-{d + 1:02d}")
                    for d in range(10) for k in (0, 40)])


def test_a_sequential_numbering_gets_its_rate_in_numbers_a_day() -> None:
    rates = numbering_rates(SEQUENTIAL)
    assert list(rates) == [("ledger.example", "digits", 6, "")]
    assert rates[("ledger.example", "digits", 6, "")] == pytest.approx(150, rel=0.2)


def test_numbers_that_do_not_grow_with_the_dates_get_no_rate() -> None:
    """Times of day (hhmmssmmm), or too few dated pages, order nothing."""
    times = _site([(100_000 + 7_919 * k % 90_000, f"2025-03-{k % 10 + 1:02d}")
                   for k in range(30)], host="times.example")
    assert numbering_rates(times) == {}
    assert numbering_rates(SEQUENTIAL[:5]) == {}


def test_an_index_without_rates_reads_none(tmp_path: Path) -> None:
    with Index(tmp_path / "new.db") as index:
        assert index.numbering() == {}


def test_two_pages_compare_only_within_one_numbering_with_a_rate() -> None:
    rates = numbering_rates(SEQUENTIAL)
    early = rated(page_number("https://ledger.example/news/100300-a"), rates)
    late = rated(page_number("https://ledger.example/news/100600-b"), rates)
    assert earlier_page(early, late) == pytest.approx(2.0, rel=0.2)
    assert earlier_page(late, early) == pytest.approx(-2.0, rel=0.2)
    other = rated(page_number("https://courier.example/news/100600-b"), rates)
    assert earlier_page(early, other) is None
    assert earlier_page(page_number("https://ledger.example/news/100300-a"), late) is None


PLAIN = OrientInfo(None, None, 0, frozenset(), "ledger", False, False, False, False)


def _page(number: str) -> OrientInfo:
    """A page of ledger.example numbered 100 a day, published on 2025-03-05."""
    return replace(PLAIN, published="2025-03-05",
                   page=PageNumber("ledger.example", "digits", number, rate=100.0))


def test_a_lower_number_days_earlier_makes_the_source() -> None:
    got = orient(_page("100600"), _page("100200"), names=("late", "early"))
    assert not got.a_is_source and got.known
    assert "early's address carries the site's earlier article number" in got.signals[0]


def test_numbers_hours_apart_or_dates_that_differ_say_nothing() -> None:
    close = orient(_page("100220"), _page("100200"))
    assert close.signals == ("no signal tells which came first",)
    dated_apart = orient(replace(_page("100600"), published="2025-03-02"), _page("100200"))
    assert dated_apart.a_is_source  # the dates decide, not the numbers
    assert not any("article number" in s for s in dated_apart.signals)


def test_long_numbers_keep_their_gap() -> None:
    """Twenty digits one day apart: subtracted before they are divided."""
    early = PageNumber("wire.example", "digits", "12345678901234567800", rate=100.0)
    late = early._replace(number="12345678901234567900")
    assert earlier_page(early, late) == 1.0


FILLERS = [
    "The harbour board approved a new crane for the container quay on Tuesday.",
    "A late frost damaged apple blossom across the northern orchards this week.",
    "The county library will lend telescopes to readers from next month.",
    "Two swimmers crossed the estuary in record time during the spring race.",
    "The old mill chimney will be repaired with bricks saved from the flood.",
    "Bus drivers agreed a pay deal after three days of talks with the council.",
    "A choir from the valley won the regional festival with a folk song.",
    "Roadworks on the coast road will close one lane until the summer.",
    "The museum found a Roman coin hoard in a field near the ridge.",
    "Volunteers planted four hundred oak saplings along the railway cutting.",
]
SHARED = ("The ferry operator said the winter timetable would be cut to four crossings a "
          "day from November, blaming the rising price of fuel and a shortage of trained "
          "deckhands. Commuters on the north shore, who rely on the early boat, said the "
          "change would add an hour to their journeys and warned that some would move "
          "away.\n\nThe operator's figures show passenger numbers fell by a fifth last "
          "winter, while the cost of fuel nearly doubled over the same months, leaving the "
          "service with its largest loss in a decade.")


def test_trace_orders_one_sites_same_day_pages_by_their_numbers(tmp_path: Path) -> None:
    """Ten dated pages give the site's numbering rate; of two pages dated the same day and
    sharing narrative paragraphs, the one numbered two days earlier is the source."""
    pages = [{"url": f"https://ledger.example/news/{100_000 + 150 * k}-item-{k}",
              "date": f"2031-03-{k + 1:02d}", "title": f"Item {k}", "text": text}
             for k, text in enumerate(FILLERS)]
    pages += [
        {"url": "https://ledger.example/news/101190-ferry-protest", "date": "2031-03-09",
         "title": "Commuters protest ferry cuts",
         "text": "Dozens of commuters gathered at the pier on Saturday morning, carrying "
                 "banners and a petition signed by more than two thousand residents of the "
                 "north shore villages.\n\n" + SHARED + "\n\nThe council will debate the "
                 "cuts at its meeting next week, and the harbour master has asked to speak."},
        {"url": "https://ledger.example/news/100910-ferry-cuts", "date": "2031-03-09",
         "title": "Ferry to cut winter crossings",
         "text": "The island ferry will sail less often this winter, its owners announced in a "
                 "letter to the county's transport committee on Thursday afternoon.\n\n"
                 + SHARED + "\n\nThe committee chair said she would ask the operator to "
                 "keep the early boat, which carries most of the commuters."},
    ]
    corpus = tmp_path / "pages.jsonl"
    corpus.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    report = trace([str(corpus)], db=tmp_path / "kept.db")
    with Index(tmp_path / "kept.db") as index:  # the rates the relate stage read, kept
        assert index.numbering() == numbering_rates((p["url"], p["date"]) for p in pages)
        assert list(index.numbering()) == [("ledger.example", "digits", 6, "")]
    urls = {d["id"]: d["url"] for d in report["documents"]}
    ferry = [r for r in report["relations"] if "ferry" in urls[r["source"]]
             and "ferry" in urls[r["derived"]]]
    assert len(ferry) == 1 and ferry[0]["oriented"], ferry
    assert urls[ferry[0]["source"]].endswith("100910-ferry-cuts")
    assert any("earlier article number (100910 before 101190" in s
               for s in ferry[0]["signals"])
