from __future__ import annotations

import pytest

from newstrace.ingest.build import normalise_date
from newstrace.ingest.metadata import (
    detect_language,
    find_byline,
    find_date,
    read_text_metadata,
    site_of,
)


@pytest.mark.parametrize(("zone", "expected"), [
    (" date 2022-08-11  Skip to main content", ("2022-08-11", "text-date-line")),
    ("Published: August 11, 2022", ("2022-08-11", "text-date-line")),
    ("The Times 2023-11-10T17:03:27.543Z Highlights", ("2023-11-10", "text-iso-stamp")),
    ("Headline By The Associated Press August 11, 2022 GMT", ("2022-08-11", "text-byline")),
    ("Posted on 3 Sept. 2021 by staff", ("2021-09-03", "text-date-line")),
    ("Menu 11 August 2022 Home", ("2022-08-11", "text-header")),
    ("nothing here 2022-02-30", (None, None)),
])
def test_find_date(zone: str, expected: tuple[str | None, str | None]) -> None:
    assert find_date(zone) == expected


def test_site_and_credit_from_text() -> None:
    raw = "Menu https://www.apnews.com/article/x-1 Click\nBody.\nSource: leparis\n"
    meta = read_text_metadata(raw, raw[:40], None)
    assert meta.url == "https://www.apnews.com/article/x-1"
    assert meta.site == "apnews.com"
    assert meta.credit == "leparis"


def test_masthead_is_the_site_without_a_url() -> None:
    assert read_text_metadata("The Limited Times\n\nText.", "", "The Limited Times").site == (
        "The Limited Times")


def test_site_of_strips_www_and_port() -> None:
    assert site_of("http://www.example.org:8080/a") == "example.org"


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-03-15T07:30:00+01:00", "2025-03-15"), ("March 3, 2024", "2024-03-03"),
    ("soon", None),
])
def test_normalise_record_dates(value: str, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_a_language_is_named_only_with_confidence_over_the_whole_text() -> None:
    """A short text of names and tickers is no language in particular (it was once read as
    another language, making every pair of such English reports a "translation"); a text
    is named by what its start, middle and end agree on."""
    assert detect_language("CNBC: Dow jumps 300 points as Apple, Microsoft rally; Fed "
                           "minutes due Wednesday. NYSE NASDAQ S&P 500 futures") is None
    english = ("The council voted on Tuesday to close three libraries, a decision the mayor "
               "said would save money and that critics called short sighted. ") * 8
    french = ("Le conseil a voté mardi la fermeture de trois bibliothèques, une décision qui "
              "permettra selon le maire de faire des économies. ") * 8
    assert detect_language(english) == "en" and detect_language(french) == "fr"
    # a French page with an English block in its middle: still French, by two windows of
    # three, each sure of itself
    assert detect_language(french + english[:300] + french) == "fr"


@pytest.mark.parametrize("caption", [
    "Officials meet at the White House, March 21, 2020. (Tia Dufour/White House)",
    "Xi Jinping arrives in Beijing, October 18, 2017. (China Daily/via Reuters)",
    "People run to take cover, Thursday, Oct. 10, 2019. ( Ismail Coskun/HA via AP )",
    "Volunteers tend to a man, Wednesday, Aug. 30, 2017. © 2019 AP Photo/Gerald Herbert",
    "This Feb. 24, 2020 photo provided by Greg Yerex shows them in a hospital in Nagoya.",
    "Click to expand Image Officials meet in Tokyo, May 29, 2019. © 2019 Kyodo via AP Images",
    "A rally in Des Moines, Iowa, February 3, 2020. (Bernie Sanders campaign via AP)",
])
def test_a_date_on_a_photo_captions_line_is_not_the_pages(caption: str) -> None:
    """Photo credits name a photographer or a handout's source as often as an agency: the
    date of the picture they close is never the page's."""
    assert find_date(caption + "\n\nThe story begins here.") == (None, None)


def test_a_bylines_date_before_a_gallery_stays_the_pages() -> None:
    """A caption further on ("This photo ...") does not make the byline's date a caption's
    (AP's page: the byline, then the gallery's first caption on the same flattened line)."""
    zone = ("By The Associated Press August 11, 2022 GMT 1 of 17 FILE - A mine expert works, "
            "Wednesday, July 13, 2022. " + "x " * 250 + "This photo shows the river.")
    assert find_date(zone) == ("2022-08-11", "text-byline")


@pytest.mark.parametrize(("header", "expected"), [
    # seed 000's flattened header: the byline runs into its date
    ("Russia struggles to replenish its troops in Ukraine By The Associated Press August 11, "
     "2022 GMT \n \n ", "The Associated Press"),
    ("Sections By Topic Home\nNews By JONATHAN LEMIRE, AAMER MADHANI and ZEKE MILLER "
     "Associated Press 12 min ago", "JONATHAN LEMIRE, AAMER MADHANI and ZEKE MILLER "
                                     "Associated Press"),
    ("Budget passes\n\nBy Jill Colvin and Zeke Miller, AP\nWASHINGTON", "Jill Colvin and "
                                                                      "Zeke Miller, AP"),
    ("By clicking you agree to our terms", None),
    ("Council backs the library wing\n", None),
    # only a byline naming an agency is kept, cut after its name
    ("By Jill Colvin Associated Press Share Tweet Email", "Jill Colvin Associated Press"),
    ("By Ruth Ambler\n", None),
    ("Suspect Shot By Police Near Dayton Mall\n", None),  # a title-case headline
    ("By The Numbers: AP poll finds prices up", None),
    ("Photo By AP Images\n", None),  # a photo's credit, not the text's
])
def test_a_text_captures_byline_is_read_from_its_header(header: str,
                                                         expected: str | None) -> None:
    assert find_byline(header) == expected


def test_a_header_byline_becomes_the_documents() -> None:
    """A text capture's byline, cut from its text with the header, is kept as the
    document's: a wire byline credits the agency (``match.wire``); a record's own byline
    field comes first."""
    from newstrace.ingest.build import build_document
    from newstrace.match.wire import wire_credit
    from newstrace.model import RawRecord
    body = ("The harbour board voted on Tuesday to close the old docks next year, a decision "
            "officials said would save four million dollars. " * 3)
    content = f"Docks to close\n\nBy Jill Colvin, Associated Press\n\n{body}\n"
    doc = build_document(RawRecord(path="p", locator="p#1", format="text", content=content))
    assert doc.byline == "Jill Colvin, Associated Press" and "Colvin" not in doc.text
    assert wire_credit(doc) == "AP"
    own = build_document(RawRecord(path="p", locator="p#2", format="text", content=content,
                                   byline="Zeke Miller"))
    assert own.byline == "Zeke Miller"
