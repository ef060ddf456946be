"""Article numbers in a site's addresses: which of one site's two pages was made first.

Most news sites' content systems number their articles as they are created and print the
number in the address: thehill.com/homenews/…/487154-trump-restricts-travel…,
bbc.com/news/world-us-canada-47840026, usatoday.com/story/…/5155269002/, newsmax.com/…/id/961673/,
reuters.com/article/…/…-idUSKBN1X10BC (a series prefix, then base 36). Two pages of one
site published on the same day (a live blog and the report it quotes, a transcript and the
news story around it) have no date to order them, and their numbers do. Between sites the
numbers mean nothing, and an update keeps its page's number, so the signal orders only two
different pages of one host, and only where their publication dates cannot.

Read by hand because no URL library reads article numbers: ``urllib.parse`` splits the
address; what counts as a number is this module's rule. A number is a run of at least five
digits standing alone between separators (a run inside a hexadecimal hash such as AP's
``9f395c43d3782e14…`` is no number), not a date written as ``YYYYMMDD``; Reuters' ``id``
plus letters and digits is one too. The last one in the path is the article's (earlier
runs are section or date folders); two numbers are compared only when they are written
alike (the same count of digits, or the same Reuters series), so a site's change of
numbering is not read as an order.

A number says which page was made first, not by how much: two pages of one newsroom made
minutes apart (a main story and its explainer, a wire roundup and a national story) share
sentences drawn from the same reporting, and neither is the other's source. So the numbers
are read as days (``numbering_rates``: how many numbers a site uses a day, read from the
corpus's own dated pages of that site), and a gap orients a pair only from ``MIN_DAYS``
on. A site whose numbers do not grow with its dates (news.yahoo.com's trailing numbers are
times of day: ...-083210029.html) gets no rate, and its numbers order nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import urlsplit

import numpy as np

from newstrace.model import iso_day

__all__ = ["MIN_DAYS", "PageNumber", "Rates", "earlier_page", "numbering_rates", "page_number",
           "rated"]

_SEPARATOR = re.compile(r"[^A-Za-z0-9]+")
_DATE = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
#: Reuters' story ids: ``id``, a series of letters (USKBN, USL1N...), then base 36.
_REUTERS = re.compile(r"id([A-Z]{3,}[0-9][0-9A-Z]{4,})")
#: Leading characters of a Reuters id that name its series (the rest counts up).
_SERIES = 5
_DIGITS = 5
#: Days between two pages' numbers from which the lower one orients a pair: pages made the
#: same half day are one news cycle's siblings.
MIN_DAYS = 0.5
#: Dated pages, on distinct days, a numbering needs before a rate is read from it.
_RATE_PAGES, _RATE_DAYS = 8, 3
#: Share of a numbering's pairs of pages (on different days) whose numbers grow with their
#: dates, from which it counts as sequential.
_CONCORDANT = 0.9
#: Pages of one numbering its rate is read from at most (evenly spaced by number).
_RATE_SAMPLE = 300

#: Numbers a site uses a day, by numbering (``_numbering``).
Rates = dict[tuple[str, str, int, str], float]


class PageNumber(NamedTuple):
    """A page's article number: its host, how the number is written, the number."""

    host: str
    style: str  # "digits" or "series"
    number: str
    rate: float | None = None  # numbers its site's numbering uses a day (``rated``)


def page_number(address: str | None) -> PageNumber | None:
    """The article number a page's address carries, or None."""
    if not address or "//" not in address:
        return None
    try:
        parts = urlsplit(address.strip())
    except ValueError:
        return None
    host = parts.netloc.lower().rsplit("@", 1)[-1].split(":", 1)[0].removeprefix("www.")
    for token in reversed(_SEPARATOR.split(parts.path)):
        if token.isdigit() and len(token) >= _DIGITS and not (
                len(token) == 8 and _DATE.fullmatch(token)):
            return PageNumber(host, "digits", token)
        series = _REUTERS.fullmatch(token)
        if series:
            return PageNumber(host, "series", series.group(1))
    return None


def _numbering(page: PageNumber) -> tuple[str, str, int, str]:
    """Which count a number belongs to: its host, style, length and Reuters series."""
    return (page.host, page.style, len(page.number),
            page.number[:_SERIES] if page.style == "series" else "")


def _value(page: PageNumber) -> int:
    return int(page.number, 36) if page.style == "series" else int(page.number)


def numbering_rates(pages: Iterable[tuple[str | None, str | None]]) -> Rates:
    """How many numbers each site's numbering uses a day, read from (address, publication
    date) pairs: the median of the slopes between its dated pages on different days (Theil
    and Sen's estimator, which a page's wrong date moves little), kept only for numberings
    that grow with the dates."""
    found: dict[tuple[str, str, int, str], list[tuple[int, int]]] = {}
    for address, published in pages:
        page, day = page_number(address), iso_day(published)
        if page is not None and day is not None:
            found.setdefault(_numbering(page), []).append((_value(page), day.toordinal()))
    rates: Rates = {}
    for key, points in sorted(found.items()):
        rate = _rate(sorted(points))
        if rate is not None:
            rates[key] = rate
    return rates


def _rate(points: list[tuple[int, int]]) -> float | None:
    if len(points) < _RATE_PAGES or len({d for _, d in points}) < _RATE_DAYS:
        return None
    if len(points) > _RATE_SAMPLE:
        points = [points[i] for i in np.linspace(0, len(points) - 1, _RATE_SAMPLE).astype(int)]
    values = np.array([float(v) for v, _ in points])
    days = np.array([float(d) for _, d in points])
    apart = days[:, None] - days[None, :]
    later = apart > 0
    slopes = (values[:, None] - values[None, :])[later] / apart[later]
    if not slopes.size or float(np.mean(slopes > 0)) < _CONCORDANT:
        return None
    return float(np.median(slopes))


def rated(page: PageNumber | None, rates: Rates) -> PageNumber | None:
    """The page number with its numbering's ``rate`` (None: the numbering has none)."""
    if page is None:
        return None
    return page._replace(rate=rates.get(_numbering(page)))


def earlier_page(a: PageNumber | None, b: PageNumber | None) -> float | None:
    """How many days page a's number comes before b's (negative: after), or None when they
    cannot be compared: another numbering, or one without a rate (``rated``; one numbering
    has one rate). The numbers are subtracted as integers, then divided: a long number
    divided first loses the gap."""
    if a is None or b is None or not a.rate or _numbering(a) != _numbering(b):
        return None
    return (_value(b) - _value(a)) / a.rate
