"""Orientation: which of two related documents is the source, with a probability and signals.

Each signal adds log-odds for "a is the source" (negative: b is), and says why:

- containment: the document lying inside the other is the copy (strong);
- dates: the earlier publication (or capture) date is the source's;
- information loss: copies drop attributions to news agencies ("told The Associated
  Press"), bylines and photo credits, rarely add them;
- aggregator markers: a "Source: …" credit or a "source link" line marks a republication;
- wire-service sites: a document on an agency's own site is more likely the original, and
  certainly so against a copy crediting that agency;
- wire copies: two documents crediting one agency (``match.wire``), neither on its site,
  or one crediting its whole text to an agency and the other crediting none, are siblings
  of the absent wire story: containment, lost credits and dates say nothing of which
  printed it first from the other, so only one crediting the other orients them
  (``Orientation.common`` names the agency);
- versions: two pages of one site are versions of one article (an update, a re-crawl): the
  shorter is not a copy of the longer. Dates order them; undated (or dated the same day),
  how one holds the other does: text held with paragraphs added around it is the earlier
  version a write-through grew from (the start of the longer page may be a truncated capture
  or the version an update appended to, so it weighs too little to orient alone);
- dates: a lost date counts only against a date read from a trusted place (a record field,
  page metadata, a labelled date line, a byline, a time stamp), not the first date a page
  header happened to hold;
- quoting: of a partial, the text holding in quotation marks what the other prints in its
  own first person (an op-ed, a statement) is the one quoting (``match.pair.quoting_side``);
- article numbers: of two pages of one host that their publication dates do not order
  (the same day, or undated), the one whose address carries the lower article number was
  made first (``match.page_ids``).

A site is a host or a publisher's name (``--site-field``): ``own_name`` folds either, and an
agency is recognised by either (``match.wire.agency_home``).

The probability is the logistic of the sum; a direction counts as known from 0.75 on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from newstrace.match.page_ids import MIN_DAYS, PageNumber, earlier_page, page_number
from newstrace.match.wire import agency_home, wire_credit, wire_credit_name, wire_whole
from newstrace.model import Document, iso_day

__all__ = ["ORIENTED", "OrientInfo", "Orientation", "TextMarks", "credited", "credits_other",
           "orient", "orient_info", "own_name", "text_marks"]

#: Probability from which the direction is reported as known.
ORIENTED = 0.75
# A lookahead opening a pattern (``_AGENCIES``, ``_TOLD``, ``_CITES``, ``_PHOTO``,
# ``_AGGREGATOR``) names its alternatives' first letters, in the pattern's case rules (ſ is
# an s where case is ignored): a word that cannot start a match is passed over at once.
_AGENCIES = re.compile(
    r"\b(?=[tARCBdITKL])(?:the\s+)?(?:Associated\s+Press|AP|Reuters|AFP|"
    r"Agence\s+France-Presse|CNN|BBC|Bloomberg|dpa|Interfax|TASS|Kommersant|"
    r"The\s+New\s+York\s+Times|Le\s+Monde)\b")
# Generic attributions to an outlet: "told Northwire", "in an interview with The Associated
# Press", "(Northwire) —" datelines; spinners replace them by "told reporters". The name
# stays on one line: not into the next paragraph.
_TOLD = re.compile(r"\b(?i:(?=[tisa])(?:told|interview with|speaking to|according to))"
                   r"\s+(?:the\s+)?((?:[A-Z][\w&'-]+ ?){1,3})")
#: Citations of an outlet's text that are no attribution of the reporting: "per the Free
#: Beacon", "writing in an op-ed for USA Today", "first reported by Axios". They name the
#: outlet a copy quotes (``credits``), but do not count as attributions a copy drops. The
#: lookahead names the alternatives' first letters: most words are passed over at once.
_CITES = re.compile(r"\b(?=[pPoOcCeEaAwWrR])(?i:per|"
                    r"(?:op-ed|opinion\s+piece|column|essay|editorial|piece|article)"
                    r"\s+(?:for|in)|(?:writing|wrote)\s+(?:for|in)|reported\s+by|"
                    r"published\s+(?:by|in))\s+(?:the\s+)?"
                    r"((?:[A-Z][\w&'-]+ ?){1,3})")
#: "the San Francisco Chronicle reported": the outlet whose reporting a text passes on.
_REPORTS = re.compile(r"\b((?:[A-Z][\w&'-]+\s){0,3}[A-Z][\w&'-]+)\s+(?:first\s+)?report(?:s|ed)\b")
_DATELINE = re.compile(r"(?m)^[A-Z][A-Z .,'-]{1,40}\(([A-Z][\w .&'-]{1,40})\)\s*[—–-]")
_BYLINE = re.compile(r"(?m)^\s*By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$|"
                     r"^[A-Z][A-Z .,'-]{2,40}\s+\((?:AP|Reuters|AFP)\)\s+[—–-]")
_PHOTO = re.compile(r"(?=[(p])(?:\((?:AP|Reuters|AFP|Getty)\s+Photo|Photo:|\bPhoto by\b)",
                    re.IGNORECASE)
_AGGREGATOR = re.compile(r"(?=[sro])(?:\bsource\s+link\b|\bread\s+more\s+at\b|"
                         r"\boriginally\s+published\b)", re.IGNORECASE)
_WIRE_SITES = ("apnews.com", "reuters.com", "afp.com", "bbc.co.uk", "bbc.com", "cnn.com")
#: Where a publication date read from a page can be trusted to be the page's own.
TRUSTED_DATES = frozenset({"record-field", "html-meta", "text-date-line", "text-byline",
                           "text-iso-stamp"})


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
    wire: str | None = None  # the agency or syndicate the text credits (match.wire)
    home: str | None = None  # the agency whose own site the document is on
    trusted_date: bool = False  # the publication date came from a trusted place
    author: str = ""  # the first author its byline names, folded ("richlowry")
    wire_whole: bool = False  # the whole text is credited to ``wire`` (byline, dateline)
    page: PageNumber | None = None  # the article number its address carries


@dataclass(frozen=True, slots=True)
class TextMarks:
    """Where a text's orientation evidence lies (each match's start, and the name it
    credits), read once: the cuts of a long pasted query take their share of it instead of
    reading their text again for each candidate."""

    told: tuple[tuple[int, str], ...]
    dateline: tuple[tuple[int, str], ...]
    reports: tuple[tuple[int, str], ...]
    agencies: tuple[int, ...]
    byline: tuple[int, ...]
    photo: tuple[int, ...]
    aggregator: tuple[int, ...]
    cites: tuple[tuple[int, str], ...] = ()

    def within(self, start: int, end: int) -> TextMarks:
        """The marks of the text's stretch ``start``..``end``."""
        def named(found: tuple[tuple[int, str], ...]) -> tuple[tuple[int, str], ...]:
            return tuple(m for m in found if start <= m[0] < end)

        def plain(found: tuple[int, ...]) -> tuple[int, ...]:
            return tuple(at for at in found if start <= at < end)
        return TextMarks(named(self.told), named(self.dateline), named(self.reports),
                         plain(self.agencies), plain(self.byline), plain(self.photo),
                         plain(self.aggregator), named(self.cites))


#: Words without one of which a pattern cannot match: a substring test (in the text, or
#: case-folded for the case-blind patterns) spares the regular expression's scan of a text
#: that lacks them all, most texts for most patterns (every document is read here once).
_AGENCY_WORDS = ("Associated", "AP", "Reuters", "AFP", "Agence", "CNN", "BBC", "Bloomberg",
                 "dpa", "Interfax", "TASS", "Kommersant", "York", "Monde")
_TOLD_WORDS = ("told", "interview with", "speaking to", "according to")


def _aggregated(folded: str) -> bool:
    """Whether a case-folded text holds the words of one of ``_AGGREGATOR``'s phrases."""
    return ("source" in folded and "link" in folded) or (
        "read" in folded and "more" in folded) or "originally" in folded


def text_marks(text: str) -> TextMarks:
    """The orientation evidence of ``text``, as ``TextMarks``."""
    def named(pattern: re.Pattern[str], hint: bool = True) -> tuple[tuple[int, str], ...]:
        if not hint:
            return ()
        return tuple((m.start(), m.group(1).strip()) for m in pattern.finditer(text))

    def plain(pattern: re.Pattern[str], hint: bool = True) -> tuple[int, ...]:
        if not hint:  # where the matched words start:
            return ()
        return tuple(m.start() + len(m.group(0)) - len(m.group(0).lstrip())
                     for m in pattern.finditer(text))
    folded = text.casefold()  # a superset of what the case-blind patterns match
    return TextMarks(named(_TOLD, any(w in folded for w in _TOLD_WORDS)), named(_DATELINE),
                     named(_REPORTS), plain(_AGENCIES, any(w in text for w in _AGENCY_WORDS)),
                     plain(_BYLINE), plain(_PHOTO, "photo" in folded),
                     plain(_AGGREGATOR, _aggregated(folded)), named(_CITES))


def orient_info(doc: Document, marks: TextMarks | None = None) -> OrientInfo:
    """The orientation evidence of one document (``marks``: its text's, when read
    already)."""
    site = (doc.site or "").lower()
    marks = marks if marks is not None else text_marks(doc.text)
    told = [name for _, name in marks.told]
    dateline = [name for _, name in marks.dateline]
    reports = [name for _, name in marks.reports]
    cites = [name for _, name in marks.cites]
    names = [c.split() for c in told + dateline + reports + cites]
    credits = frozenset(re.sub(r"[^a-z]", "", f.lower()) for c in names
                        for f in (" ".join(c), " ".join(_unled(c)), c[-1]) if f)
    wire = wire_credit(doc)
    return OrientInfo(
        published=doc.published, captured=doc.captured,
        agencies=len(marks.agencies) + len(dateline) + sum(
            1 for t in told if not _AGENCIES.fullmatch(t)),
        credits=credits, own_name=own_name(site),
        byline=bool(marks.byline), photo_credit=bool(marks.photo),
        aggregator=bool(doc.credit) or bool(marks.aggregator),
        wire_site=_on_wire_site(site),
        wire=wire, home=agency_home(doc.site),
        trusted_date=doc.published_source in TRUSTED_DATES,
        author=_first_author(doc.byline), wire_whole=wire_whole(doc, wire),
        page=page_number(doc.url or doc.locator))


def _first_author(byline: str | None) -> str:
    """The first personal name of a byline, folded; "" when there is none (or the byline
    names an agency, which ``match.wire`` reads)."""
    first = (byline or "").split(",")[0].strip()
    if len(first.split()) < 2 or wire_credit_name(first):
        return ""
    return re.sub(r"[^a-z]", "", first.lower())


@dataclass(frozen=True, slots=True)
class Orientation:
    """``a_is_source`` with ``probability`` (of that direction) and the signals behind it."""

    a_is_source: bool
    probability: float
    signals: tuple[str, ...]
    #: Both are copies of this agency's wire story (absent from the corpus), siblings.
    common: str | None = None

    @property
    def known(self) -> bool:
        """Whether the evidence is strong enough to report a direction."""
        return self.probability >= ORIENTED


def _date_signal(a: OrientInfo, b: OrientInfo, names: tuple[str, str]
                 ) -> tuple[float, str] | None:
    for label, da, db in (("published", iso_day(a.published), iso_day(b.published)),
                          ("captured", iso_day(a.captured), iso_day(b.captured))):
        if da and db and da != db:
            weight = 2.0 if label == "published" else 1.0
            first = names[0] if da < db else names[1]
            return (weight if da < db else -weight,
                    f"{first} was {label} first ({min(da, db)} vs {max(da, db)})")
    return None


def _number_signal(a: OrientInfo, b: OrientInfo, names: tuple[str, str]
                   ) -> tuple[float, str] | None:
    """Of two pages of one host whose publication dates do not order them, the one with
    the lower article number was made first, when the numbers lie half a day apart or
    more in the site's numbering (``match.page_ids``). Publication dates that differ decide
    alone; capture dates (when a crawler fetched the pages) weigh less than the numbers."""
    da, db = iso_day(a.published), iso_day(b.published)
    if da and db and da != db:
        return None
    days = earlier_page(a.page, b.page)
    if days is None or abs(days) < MIN_DAYS or a.page is None or b.page is None:
        return None
    low, high = (a.page.number, b.page.number) if days > 0 else (b.page.number, a.page.number)
    return (1.5 if days > 0 else -1.5,
            f"{names[0] if days > 0 else names[1]}'s address carries the site's earlier "
            f"article number ({low} before {high}, about {abs(days):.1f} days of the site's "
            "numbering): it was made first")


def _loss_signals(a: OrientInfo, b: OrientInfo, names: tuple[str, str],
                  one_language: bool = True) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []

    def who(first: bool) -> str:
        return names[0] if first else names[1]

    if one_language:
        out += _read_losses(a, b, who)
    if bool(a.published) != bool(b.published) and (a if a.published else b).trusted_date:
        out.append((0.5 if a.published else -0.5,
                    f"{who(bool(a.published))} has a publication date, the other lost it"))
    if a.aggregator != b.aggregator:
        out.append((-1.5 if a.aggregator else 1.5,
                    f"{who(a.aggregator)} carries an aggregator's source credit"))
    if a.wire_site != b.wire_site:
        # An agency's page is the original unless something says otherwise: outweighs a
        # day's difference in dates (a reprint's page is often stamped earlier, by time zone).
        weight = 2.0 if (a.home or b.home) else 1.0
        out.append((weight if a.wire_site else -weight,
                    f"{who(a.wire_site)} is on a news agency's own site"))
    return out


def _read_losses(a: OrientInfo, b: OrientInfo, who: Callable[[bool], str]
                 ) -> list[tuple[float, str]]:
    """What a copy dropped of the credits read in its words: attributions to agencies, a
    byline, photo credits; and a text crediting the other's outlet."""
    out: list[tuple[float, str]] = []

    # a text crediting the other's outlet counts that credit among its attributions: the
    # copy's, not one the source dropped
    names_other = credits_other(a, b) or credits_other(b, a)
    if a.agencies != b.agencies and max(a.agencies, b.agencies) >= 2 and not names_other:
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
        if credits_other(y, x):
            out.append((2.0 if first else -2.0,
                        f"{who(not first)} credits {who(first)}'s own outlet in its text"))
    return out


#: The networks of ``_WIRE_SITES`` by the names a dump's publisher field gives them, folded.
_WIRE_NAMES = frozenset({"cnn", "bbc", "bbcnews", "cnnwebnews"})


def _on_wire_site(site: str) -> bool:
    """A news agency's or a wire network's own site, by host (apnews.com, bbc.co.uk) or by
    a publisher's name ("Reuters", "BBC News")."""
    if any(site == w or site.endswith("." + w) for w in _WIRE_SITES):
        return True
    named = " " in site or "." not in site
    return named and (agency_home(site) is not None or own_name(site) in _WIRE_NAMES)


#: Capitalised words that open a sentence before an outlet's name ("As The Washington Times
#: reported"): not part of the name.
_LEADS = frozenset({"As", "The", "And", "But", "So", "Also", "Earlier", "While", "When"})


def _unled(words: list[str]) -> list[str]:
    """An outlet's name without the sentence's opening words before it ("As The Washington
    Times" -> "Washington Times"; the name is kept whole too: "The Hill" names
    thehill.com)."""
    while len(words) > 1 and words[0] in _LEADS:
        words = words[1:]
    return words


#: Second-level labels under a country code ("co.uk", "com.au"): the registrable name is
#: the label before them. A heuristic rather than the public suffix list (tldextract): its
#: snapshot goes stale, and news hosts use these few.
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "ne", "or", "go", "gob"})
#: Portals whose outlets are their subdomains (go.com: ABC News, ESPN); an outlet's own
#: sections (de.rt.com, blogs.ft.com) stay the outlet's.
_PORTALS = frozenset({"go"})
#: Host labels that name no outlet.
_HOST_PREFIXES = frozenset({"www", "www1", "m", "mobile", "amp", "edition", "news"})


def own_name(site: str) -> str:
    """A site's own name, folded: the host's registrable label ("foxnews" for
    www.foxnews.com, "dailymail" for www.dailymail.co.uk), or a publisher's name
    ("thewashingtontimes" for "The Washington Times") when ``--site-field`` gives names."""
    site = site.lower().strip()
    if " " not in site and site.count(".") >= 1 and not site.endswith("."):
        labels = site.split(".")
        at = -2
        if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
            at = -3
        if labels[at] in _PORTALS and len(labels) > -at and labels[at - 1] not in _HOST_PREFIXES:
            at -= 1  # a portal's name: abcnews.go.com is ABC News, not "go"
        return re.sub(r"[^a-z]", "", labels[at])
    return re.sub(r"[^a-z]", "", site)


def credits_other(y: OrientInfo, x: OrientInfo) -> bool:
    """Whether ``y``'s text credits ``x``'s outlet, another than its own."""
    return y.own_name != x.own_name and _credits_outlet(y.credits, x.own_name)


def _credits_outlet(credits: frozenset[str], own: str) -> bool:
    """Whether one of ``credits`` names the outlet whose site is ``own`` ("sfchronicle" by
    "the Chronicle", "breitbart" by "Breitbart News", "cnn" by "CNN")."""
    if len(own) < 3:
        return False
    return any(c == own or (len(c) >= 6 and own.endswith(c))
               or (len(own) >= 5 and c.startswith(own))
               or (len(c) >= 3 and own.startswith(c) and own[len(c):] in _NAME_SUFFIXES)
               or (c.startswith(own) and c[len(own):] in _NAME_SUFFIXES)
               for c in credits)


#: What a dump's publisher names add after an outlet's name ("CNN (Web News)", "New York
#: Times (News)", "Fox News Digital"), and a text after the name of an outlet's desk ("told
#: CNN Business"): "according to CNN" credits "cnnwebnews", "CNN Business" credits "cnn".
_NAME_SUFFIXES = frozenset({"news", "webnews", "online", "onlinenews", "digital", "opinion",
                            "newsonline", "newsdigital", "business", "politics", "money"})


def credited(a: OrientInfo, b: OrientInfo) -> bool:
    """Whether the texts say they share a source: one credits the other's outlet ("Fox News
    reported", "told The Washington Times"), or both carry one agency's copy, or one
    author's column. Independent reports of one event rarely name each other."""
    if credits_other(a, b) or credits_other(b, a):
        return True
    # one agency's copy: one side's whole text credited to it, not "The Associated Press
    # contributed to this report" or an AP-NORC poll cited by both
    wire = _shared_wire(a, b) is not None and (a.wire_whole or b.wire_whole)
    return wire or (bool(a.author) and a.author == b.author)


def _versions(a: OrientInfo, b: OrientInfo) -> bool:
    """Whether two documents are one site's pages (versions of one article)."""
    return bool(a.own_name) and a.own_name == b.own_name


def _wire(a: OrientInfo, b: OrientInfo, names: tuple[str, str], one_language: bool = True
          ) -> Orientation | None:
    """The orientation of two wire copies, or None when the pair is not one.

    The agency's own page is the source of a copy crediting it; two copies crediting one
    agency are siblings unless one credits the other's outlet. Across languages a credit
    counts only where it was read on both sides (``orient``'s ``one_language``).
    """
    for first, x, y in ((True, a, b), (False, b, a)):
        if x.home and y.wire == x.home and not y.home:
            who = names[0] if first else names[1]
            return Orientation(first, round(1.0 / (1.0 + math.exp(-4.0)), 4), (
                f"{who} is on {x.home}'s own site and the other credits {x.home}: the "
                "agency's page is the source",))
    if a.author and a.author == b.author and a.own_name != b.own_name \
            and not (a.home or b.home) and _shared_wire(a, b, one_language) is None:
        return Orientation(True, 0.5, ("the same author's piece on two sites: a syndicated "
                                       "column, neither printed it from the other",),
                           common="syndicated column")
    if a.home or b.home:
        return None
    agency = _shared_wire(a, b, one_language)
    if agency is None:
        return None
    for first, x, y in ((True, a, b), (False, b, a)):
        if credits_other(y, x):
            who, other = (names[0], names[1]) if first else (names[1], names[0])
            return Orientation(first, round(1.0 / (1.0 + math.exp(-2.0)), 4), (
                f"both carry {agency} copy and {other} credits {who}'s own outlet",),
                common=agency)
    return Orientation(True, 0.5, (f"both carry {agency} copy: siblings of the {agency} "
                                   "story, neither printed it from the other",), common=agency)


def _shared_wire(a: OrientInfo, b: OrientInfo, one_language: bool = True) -> str | None:
    """The agency both texts come from: both credit it, or one credits its whole text to it
    (a byline, a dateline) and the other credits no other agency. A page bylined "Associated
    Press" on a paper's site is the wire's story, so what the other page shares with it came
    from the wire too, whether or not that page kept the credit."""
    if a.wire and a.wire == b.wire:
        return a.wire
    if not one_language:  # a translation writes ロイター for Reuters: no credit read is no loss
        return None
    for x, y in ((a, b), (b, a)):
        if x.wire and x.wire_whole and y.wire is None:
            return x.wire
    return None


def _version_signal(inner: str, prefix: bool, names: tuple[str, str]) -> tuple[float, str]:
    """Which of one site's two versions came first, from how one holds the other: the
    start of the longer page is a truncated capture of it; held with paragraphs added
    around it, it is the earlier version a write-through grew from."""
    inside = names[0] if inner == "a" else names[1]
    if prefix:  # or an update that only added paragraphs at the end: alone, not enough
        return (-1.25 if inner == "a" else 1.25,
                f"{inside} is the start of the other page: a truncated capture of it, or "
                "the version an update added paragraphs to")
    return (1.5 if inner == "a" else -1.5,
            f"the other page holds {inside}'s text with paragraphs added: a later "
            "write-through of it")


def orient(a: OrientInfo, b: OrientInfo, inner: str = "",
           names: tuple[str, str] = ("a", "b"), prefix: bool = False,
           quoting: str = "", new_top: str = "", one_language: bool = True) -> Orientation:
    """Which of a and b is the source; ``inner`` ("a" or "b") is the side inside the other,
    ``prefix`` whether it is the start of the other, ``quoting`` the side that holds in
    quotation marks shared words the other prints as its own text, ``new_top`` the side
    that tells the shared text under a lead of its own while the other leads with it.

    ``names`` are how the signals name the two documents (their locators, say).
    ``one_language`` says whether both texts are in one language: across languages what
    is read in the words (attributions to agencies, bylines, photo credits, a credit of
    the other's outlet) does not compare, as the readers know their English forms only
    and a translation writes "ロイター" for Reuters (WMT21's BBC article "lost" its agency
    credits in each of its Japanese machine translations).
    """
    signals: list[tuple[float, str]] = []
    versions = _versions(a, b)
    wired = None if versions else _wire(a, b, names, one_language)
    if wired is not None:
        return wired
    dated = _date_signal(a, b, names)
    if inner and versions and not dated:  # dated versions are ordered by their dates: an
        # update may trim the page as well as add to it
        signals.append(_version_signal(inner, prefix, names))
    elif inner and not versions:
        signals.append((-3.0 if inner == "a" else 3.0,
                        f"{names[0] if inner == 'a' else names[1]} lies inside the other "
                        "document: it is the copy"))
    if dated:
        signals.append(dated)
    numbered = _number_signal(a, b, names)
    if numbered:
        signals.append(numbered)
    if not versions:  # a site's own update adds or drops credits freely
        signals.extend(_loss_signals(a, b, names, one_language))
        if quoting:
            # A report quoting an op-ed, a statement or a transcript holds in marks what
            # the speaker's own page prints as its text (a copy that drops a quotation's
            # marks is the rarer case, and other signals tell it).
            signals.append((-2.0 if quoting == "a" else 2.0,
                            f"{names[0] if quoting == 'a' else names[1]} quotes words the "
                            "other prints as its own text: it is the one quoting"))
    if new_top and versions:
        # A site's later report puts its earlier one's text under a new top (on the tuning
        # half of the labelled AllSides pairs, right on all 12 same-site pairs where it
        # fired). Across sites it is no rule: a spin or a simplified version drops the lead
        # of the text it retells (OneStopEnglish's elementary versions), a copy may lead
        # with another's lower paragraphs.
        signals.append((-1.25 if new_top == "a" else 1.25,
                        f"{names[0] if new_top == 'a' else names[1]} tells the shared text "
                        "under a lead of its own, the other leads with it: a later report "
                        "or update built on it"))
    total = sum(weight for weight, _ in signals)
    probability = 1.0 / (1.0 + math.exp(-abs(total)))
    if not signals:
        return Orientation(True, 0.5, ("no signal tells which came first",))
    return Orientation(total >= 0, round(probability, 4), tuple(text for _, text in signals))
