"""Metadata of plain-text captures: URL, site, publication date, credited source, language.

HTML pages get their metadata from trafilatura and htmldate; text captures have none of their
markup, so the facts have to be read from the words: "https://apnews.com/...", a masthead line,
"date 2022-08-11", a byline "By The Associated Press August 11, 2022", an ISO time stamp,
"Source: leparis". Dates are searched first in the page header (the text above the article), so
that dates inside the story ("Wednesday, July 13, 2022") are not taken for the publication date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newstrace.match.wire import BYLINE_AGENCIES
from newstrace.text.public import CAPTION_OPENINGS

__all__ = [
    "TextMetadata",
    "detect_language",
    "find_credit",
    "find_date",
    "read_text_metadata",
    "site_of",
]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ISO = r"(?P<y>(?:19|20)\d\d)[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)"
_MDY = _MONTH + r"\s+(?P<md>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d\d)"
_DMY = r"(?P<dd>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH.replace("month", "dmonth") + (
    r",?\s+(?P<dy>(?:19|20)\d\d)"
)
_ANY_DATE = re.compile(rf"\b(?:{_ISO}|{_MDY}|{_DMY})\b", re.IGNORECASE)
_LABEL_BEFORE = re.compile(
    r"\b(?:date|published|posted|updated|publication date|first published)\b[ \t]*"
    r"(?:on\b|:)?[ \t]*$",
    re.IGNORECASE,
)
_LABEL_WORDS = ("date", "publish", "posted", "updated")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_ISO_STAMP = re.compile(r"\b(?:19|20)\d\d-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d")
_BYLINE = re.compile(r"\bBy\s+[A-Z]")
#: Lower-case words a byline's names are joined by.
_BYLINE_JOINS = frozenset({"and", "of", "the", "&", "de", "van", "von", "der", "la", "le"})
#: Words a byline holds at most (three reporters and their agency).
_BYLINE_WORDS = 12
_DIGIT = re.compile(r"\d")
#: What a credit that is not the text's own byline follows: "Photo By", "Video by".
_NOT_TEXT_BYLINE = re.compile(r"\b(?:Photos?|Images?|Video|Graphics?|Illustrations?|Posted"
                              r"|Edited|Produced|Powered|Presented|Sponsored)\s+$",
                              re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]")
_URL = re.compile(r"https?://[^\s\"'<>()\[\]{}]+", re.IGNORECASE)
#: A date in a photo caption or an archive reference is the picture's or the archive's, not
#: the page's ("In this file photo taken on Wednesday, Nov. 8, 2006, ...").
_CAPTION = re.compile(r"\bfile (?:photo|image|picture)\b"
                      r"|\bin this (?:\S+ ){0,4}(?:photo|image|picture)\b"
                      # "This Feb. 24, 2020 photo provided by ...", "This May 3, 2020, photo
                      # released by ..."
                      r"|\bthis (?:\S+ ){1,4}(?:photo|image|picture) (?:provided|released"
                      r"|taken|made available)\b"
                      r"|\b(?:photo(?:graph)?|picture) taken\b|\bREUTERS/"
                      r"|\(\s*(?:AP|Reuters|AFP|Getty)\b[^)]*Photo"
                      r"|\bpictured\b|\bphoto:|\bcaption\b|\barchive(?:d|s)?\b|\bshown here\b"
                      # a caption's closing credit: "(Jonathan Ernst/Reuters)", "Joe
                      # Raedle/Getty Images", "(China Daily/via Reuters)", "(Ethan
                      # Miller/Getty)", "Kyodo via AP Images"
                      r"|/(?:via )?(?:Reuters|AP|AFP|Getty|EPA|Bloomberg|Pool"
                      r"|The Associated Press)\b|\bGetty Images\b|\bAP Images\b"
                      # a handout's credit: "(Bernie Sanders presidential campaign via AP)"
                      r"|\bvia (?:AP|Reuters|AFP)\s*\)|\bAP Photo\b"
                      # a gallery's marker ("Click to expand Image")
                      r"|\bexpand image\b",
                      re.IGNORECASE)
#: A photographer's credit closing a caption's line: "(Staff Sgt. Timothy R. Koster/US Army)".
_PHOTO_CREDIT = re.compile(r"\(\s*[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)+/[A-Z][^()\n]{1,40}\)[ \t]*$",
                           re.MULTILINE)
_CREDIT = re.compile(r"^[ \t]*(?:Source|Originally published (?:by|at|on))\s*:\s*(\S[^\n]{0,80}?)"
                     r"[ \t]*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True, slots=True)
class TextMetadata:
    """What the words of a text capture say about it."""

    url: str | None
    site: str | None
    published: str | None
    published_source: str | None
    credit: str | None
    byline: str | None = None


def read_text_metadata(raw: str, header: str, masthead: str | None) -> TextMetadata:
    """Read URL, site, date and credit from a text capture and the header above its article."""
    # The zone runs to the end of its last line: a caption's closing credit ("Carolyn
    # Kaster/AP Photo") may stand just past it and says whose the line's date is.
    zone = header if header.strip() else raw[:400] + raw[400:700].split("\n", 1)[0]
    url_match = _URL.search(zone)
    url = url_match.group().rstrip(".,;:!?") if url_match else None
    site = site_of(url) if url else masthead
    published, source = find_date(zone)
    if published is not None and published in _caption_dates(raw[:3000]):
        # The header's date is a caption's in the page as captured (the cleaner may have
        # cut the caption's credit from the header): the picture's date, not the page's.
        published, source = None, None
    if published is None:  # a labelled date elsewhere on the page: top or bottom
        published, source = _labelled_date(raw[:3000] + "\n" + raw[-1000:])
    return TextMetadata(url, site, published, source, find_credit(raw), find_byline(header))


def find_byline(header: str) -> str | None:
    """The wire byline of a page, from the text above its article: "By The Associated
    Press August 11, 2022 GMT" -> "The Associated Press", "By Jill Colvin and Zeke Miller,
    AP" -> "Jill Colvin and Zeke Miller, AP"; None when no byline there names an agency
    (``match.wire.BYLINE_AGENCIES``, what ``wire_credit_name`` reads).

    The names run from "By" over capitalised words (and "and", "of", "the", commas) to the
    first other word, date, colon or line end, and are cut after the agency's name; the
    last such byline of the header is the article's. Only a byline naming an agency is
    kept: a title-case headline holds "By" too ("Suspect Shot By Police Near Dayton Mall"),
    and a name read off it would pass for an author shared by two sites; a photo's or a
    video's credit ("Photo By AP Images") credits no text."""
    found = None
    for match in _BYLINE.finditer(header):
        if _NOT_TEXT_BYLINE.search(header, max(0, match.start() - 12), match.start()):
            continue
        words: list[str] = []
        for word in header[match.end() - 1:].split("\n", 1)[0].split(" "):
            bare = word.strip(",")
            if not bare:
                continue
            if bare.lower() in _MONTHS or _DIGIT.search(bare) or bare[-1] in ":|" or not (
                    bare[0].isupper() or bare in _BYLINE_JOINS) or len(words) == _BYLINE_WORDS:
                break
            words.append(word)
        named = " ".join(words)
        agencies = list(BYLINE_AGENCIES.finditer(named))
        if agencies:
            found = named[:agencies[-1].end()].strip(", ")
    return found


def find_credit(text: str) -> str | None:
    """The source a page names on a line of its own: "Source: leparis" -> leparis."""
    credit = _CREDIT.search(text)
    return credit.group(1) if credit else None


def site_of(url: str) -> str | None:
    """The host of a URL without ``www.`` or a port: ``https://www.apnews.com/x`` -> apnews.com."""
    host = urlsplit(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def find_date(zone: str) -> tuple[str | None, str | None]:
    """The publication date in a page header, and what kind of mention it came from."""
    dates = list(_dates(zone))
    if not dates:
        return None, None
    labelled = _first_labelled(zone, dates)
    if labelled:
        return labelled, "text-date-line"
    stamp = _ISO_STAMP.search(zone)
    if stamp:
        found = next((iso for start, _end, iso in dates if start == stamp.start()), None)
        if found:
            return found, "text-iso-stamp"
    byline = _BYLINE.search(zone)
    if byline:
        after = [iso for start, _end, iso in dates if 0 <= start - byline.start() <= 200]
        if after:
            return after[0], "text-byline"
    return dates[0][2], "text-header"


def _labelled_date(text: str) -> tuple[str | None, str | None]:
    """A date right after a label: "date 2022-08-11", "Published: August 11, 2022"."""
    lowered = text.lower()
    if not any(word in lowered for word in _LABEL_WORDS):
        return None, None  # the common case, decided without a regex scan
    found = _first_labelled(text, list(_dates(text)))
    return (found, "text-date-line") if found else (None, None)


def _first_labelled(text: str, dates: list[tuple[int, int, str]]) -> str | None:
    for start, _end, iso in dates:
        if _LABEL_BEFORE.search(text, max(0, start - 40), start):
            return iso
    return None


def _dates(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, iso)`` of every real calendar date in ``text``.

    Every full date holds a year, and years are rare: the date pattern is only tried in a
    window around each year, which is an order of magnitude faster than scanning the text.
    """
    for start, end, iso, caption in _every_date(text):
        if not caption:
            yield start, end, iso


def _every_date(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """``(start, end, iso, in a caption)`` of every real calendar date in ``text``."""
    last_end = 0
    for year in _YEAR.finditer(text):
        match = _ANY_DATE.search(text, max(last_end, year.start() - 30), year.end() + 6)
        if match is None or not match.start() <= year.start() < match.end():
            continue
        iso = _parse(match)
        if iso:
            caption = _in_caption(text, match.start())
            if not caption:
                last_end = match.end()
            yield match.start(), match.end(), iso, caption


def _caption_dates(text: str) -> set[str]:
    """The dates ``text`` writes only inside photo captions."""
    inside: set[str] = set()
    outside: set[str] = set()
    for _start, _end, iso, caption in _every_date(text):
        (inside if caption else outside).add(iso)
    return inside - outside


def _in_caption(text: str, start: int) -> bool:
    """Whether the date at ``start`` stands in a photo caption or an archive reference:
    its line says so near it ("In this Nov. 8, 2006 file photo", "FILE - ...")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if text.startswith(CAPTION_OPENINGS, line_start):
        return True
    if line_end - start <= 600 and _PHOTO_CREDIT.search(text, start, line_end):
        return True
    return bool(_CAPTION.search(text, max(line_start, start - 160), min(line_end, start + 600)))


def _parse(match: re.Match[str] | None) -> str | None:
    """An ISO date from a date match, or None when the numbers name no real day."""
    if match is None:
        return None
    groups = match.groupdict()
    try:
        if groups["y"]:
            day = dt.date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
        elif groups["month"]:
            day = dt.date(int(groups["my"]), _MONTHS[groups["month"].lower()], int(groups["md"]))
        else:
            day = dt.date(int(groups["dy"]), _MONTHS[groups["dmonth"].lower()], int(groups["dd"]))
    except ValueError:
        return None
    return day.isoformat()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told with confidence.

    py3langid (normalised probabilities) reads up to three windows of the text (its start,
    middle and end); a language is named only when it wins most of them, with an average
    probability of at least ``LANGUAGE_CONFIDENCE`` in those. One short window read alone
    once called two English market reports another language, and every pair of them a
    "translation"; a text no language clearly wins is None, which no translation is made
    from.
    """
    samples = [w for w in _windows(text) if len(_LETTERS.findall(w)) >= 20]
    if not samples:
        return None
    votes: dict[str, list[float]] = {}
    for sample in samples:
        language, probability = _identifier().classify(sample)
        votes.setdefault(language, []).append(probability)
    language, won = max(sorted(votes.items()), key=lambda kv: (len(kv[1]), sum(kv[1])))
    majority = 2 * len(won) > len(samples)
    return str(language) if majority and sum(won) >= LANGUAGE_CONFIDENCE * len(won) else None


#: The average probability, over the windows it wins, that a language needs to be named.
LANGUAGE_CONFIDENCE = 0.8
#: Characters of one window read for the language (py3langid's cost grows with length).
_WINDOW = 300


def _windows(text: str) -> list[str]:
    """Up to three windows of ``_WINDOW`` characters: the start, the middle, the end."""
    text = text.strip()
    if len(text) <= 2 * _WINDOW:
        return [text[: 2 * _WINDOW]]
    middle = (len(text) - _WINDOW) // 2
    return [text[:_WINDOW], text[middle: middle + _WINDOW], text[-_WINDOW:]]


@functools.cache
def _identifier() -> Any:
    """py3langid's identifier with normalised probabilities (loaded once, on first use: its
    model takes ~0.3 s to load)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
