"""Orientation: which of two related documents is the source, with a probability and signals.

Each signal adds log-odds for "a is the source" (negative: b is), and says why:

- containment: the document lying inside the other is the copy (strong);
- dates: the earlier publication (or capture) date is the source's;
- information loss: copies drop attributions to news agencies ("told The Associated
  Press"), bylines and photo credits, rarely add them;
- aggregator markers: a "Source: …" credit or a "source link" line marks a republication;
- wire-service sites: a document on an agency's own site is more likely the original.

The probability is the logistic of the sum; a direction counts as known from 0.75 on.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from newstrace.model import Document

__all__ = ["ORIENTED", "OrientInfo", "Orientation", "orient", "orient_info"]

#: Probability from which the direction is reported as known.
ORIENTED = 0.75
_AGENCIES = re.compile(
    r"\b(?:the\s+)?(?:Associated\s+Press|AP|Reuters|AFP|Agence\s+France-Presse|CNN|BBC|"
    r"Bloomberg|dpa|Interfax|TASS|Kommersant|The\s+New\s+York\s+Times|Le\s+Monde)\b")
# Generic attributions to an outlet: "told Northwire", "in an interview with The Associated
# Press", "(Northwire) —" datelines; spinners replace them by "told reporters".
_TOLD = re.compile(r"\b(?:told|interview with|speaking to|according to)\s+(?:the\s+)?"
                   r"((?:[A-Z][\w&'-]+\s?){1,3})")
_DATELINE = re.compile(r"(?m)^[A-Z][A-Z .,'-]{1,40}\(([A-Z][\w .&'-]{1,40})\)\s*[—–-]")
_BYLINE = re.compile(r"(?m)^\s*By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$|"
                     r"^[A-Z][A-Z .,'-]{2,40}\s+\((?:AP|Reuters|AFP)\)\s+[—–-]")
_PHOTO = re.compile(r"\((?:AP|Reuters|AFP|Getty)\s+Photo|Photo:|\bPhoto by\b", re.IGNORECASE)
_AGGREGATOR = re.compile(r"\bsource\s+link\b|\bread\s+more\s+at\b|\boriginally\s+published\b",
                         re.IGNORECASE)
_WIRE_SITES = ("apnews.com", "reuters.com", "afp.com", "bbc.co.uk", "bbc.com", "cnn.com")


@dataclass(frozen=True, slots=True)
class OrientInfo:
    """What orientation reads of one document."""

    published: str | None
    captured: str | None
    agencies: int  # attributions to news agencies and outlets
    credits: frozenset[str]  # outlets the text credits in datelines and attributions
    own_name: str  # the site's name, folded ("northwire" for northwire.example)
    byline: bool
    photo_credit: bool
    aggregator: bool
    wire_site: bool


def orient_info(doc: Document) -> OrientInfo:
    """The orientation evidence of one document."""
    site = (doc.site or "").lower()
    told = [m.group(1).strip() for m in _TOLD.finditer(doc.text)]
    dateline = [m.group(1).strip() for m in _DATELINE.finditer(doc.text)]
    credits = frozenset(re.sub(r"[^a-z]", "", c.lower()) for c in told + dateline)
    own = site.split(".")[-2] if site.count(".") >= 1 else site
    return OrientInfo(
        published=doc.published, captured=doc.captured,
        agencies=len(_AGENCIES.findall(doc.text)) + len(dateline) + sum(
            1 for t in told if not _AGENCIES.fullmatch(t)),
        credits=credits, own_name=re.sub(r"[^a-z]", "", own),
        byline=bool(_BYLINE.search(doc.text)),
        photo_credit=bool(_PHOTO.search(doc.text)),
        aggregator=bool(doc.credit) or bool(_AGGREGATOR.search(doc.text)),
        wire_site=any(site == w or site.endswith("." + w) for w in _WIRE_SITES))


@dataclass(frozen=True, slots=True)
class Orientation:
    """``a_is_source`` with ``probability`` (of that direction) and the signals behind it."""

    a_is_source: bool
    probability: float
    signals: tuple[str, ...]

    @property
    def known(self) -> bool:
        """Whether the evidence is strong enough to report a direction."""
        return self.probability >= ORIENTED


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _date_signal(a: OrientInfo, b: OrientInfo, names: tuple[str, str]
                 ) -> tuple[float, str] | None:
    for label, da, db in (("published", _day(a.published), _day(b.published)),
                          ("captured", _day(a.captured), _day(b.captured))):
        if da and db and da != db:
            weight = 2.0 if label == "published" else 1.0
            first = names[0] if da < db else names[1]
            return (weight if da < db else -weight,
                    f"{first} was {label} first ({min(da, db)} vs {max(da, db)})")
    return None


def _loss_signals(a: OrientInfo, b: OrientInfo, names: tuple[str, str]
                  ) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []

    def who(first: bool) -> str:
        return names[0] if first else names[1]

    if a.agencies != b.agencies and max(a.agencies, b.agencies) >= 2:
        keeps = who(a.agencies > b.agencies)
        weight = 1.5 if min(a.agencies, b.agencies) == 0 else 0.75
        out.append((weight if a.agencies > b.agencies else -weight,
                    f"{keeps} names news agencies {max(a.agencies, b.agencies)} times, the "
                    f"other {min(a.agencies, b.agencies)}: attribution dropped in the copy"))
    for flag, what in (("byline", "a byline"), ("photo_credit", "photo credits")):
        fa, fb = getattr(a, flag), getattr(b, flag)
        if fa != fb:
            out.append((0.5 if fa else -0.5, f"{who(fa)} keeps {what}"))
    for first, x, y in ((True, a, b), (False, b, a)):
        if x.own_name and len(x.own_name) > 2 and x.own_name in y.credits \
                and y.own_name != x.own_name:
            out.append((2.0 if first else -2.0,
                        f"{who(not first)} credits {who(first)}'s own outlet in its text"))
    if bool(a.published) != bool(b.published):
        out.append((0.5 if a.published else -0.5,
                    f"{who(bool(a.published))} has a publication date, the other lost it"))
    if a.aggregator != b.aggregator:
        out.append((-1.5 if a.aggregator else 1.5,
                    f"{who(a.aggregator)} carries an aggregator's source credit"))
    if a.wire_site != b.wire_site:
        out.append((1.0 if a.wire_site else -1.0,
                    f"{who(a.wire_site)} is on a news agency's own site"))
    return out


def orient(a: OrientInfo, b: OrientInfo, inner: str = "",
           names: tuple[str, str] = ("a", "b")) -> Orientation:
    """Which of a and b is the source; ``inner`` ("a" or "b") is the side inside the other.

    ``names`` are how the signals name the two documents (their locators, say).
    """
    signals: list[tuple[float, str]] = []
    if inner:
        signals.append((-3.0 if inner == "a" else 3.0,
                        f"{names[0] if inner == 'a' else names[1]} lies inside the other "
                        "document: it is the copy"))
    dated = _date_signal(a, b, names)
    if dated:
        signals.append(dated)
    signals.extend(_loss_signals(a, b, names))
    total = sum(weight for weight, _ in signals)
    probability = 1.0 / (1.0 + math.exp(-abs(total)))
    if not signals:
        return Orientation(True, 0.5, ("no signal tells which came first",))
    return Orientation(total >= 0, round(probability, 4), tuple(text for _, text in signals))
