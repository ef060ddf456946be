"""Wire and syndication credits: which agency a document's text says it came from.

A news crawl is full of wire copy: the same AP or Reuters story printed by dozens of outlets
under their own headlines, while the agency's own page is usually not in the crawl. Two such
copies resemble each other because both come from the wire, not because one copied the
other; orientation must not make one reprint the "origin" of another, and a story must hang
them under the wire (an inferred source) as siblings.

What counts as a credit, by the conventions of each agency's copy:

- datelines: ``WASHINGTON (AP) —``, ``LONDON (Reuters) -``, ``(AFP)``, ``(Bloomberg) --``,
  ``(UPI) --``;
- bylines (in the text or in the record's ``byline``): "By Jill Colvin, Associated Press",
  "Associated Press writer", "Reuters", "Agence France-Presse", "Bloomberg News", "CNN Wire";
- credit and copyright lines: "The Associated Press contributed to this report",
  "Copyright 2018 The Associated Press", Reuters' "Reporting by ...; Editing by ...";
- syndicated columns: "King Features Syndicate", "Creators Syndicate", "Tribune Content
  Agency", "Washington Post Writers Group".

The agency's own site (apnews.com, reuters.com, ...) makes a page the agency's original.
Hand-written: the credit forms are a small closed set of house styles that no library reads.
"""

from __future__ import annotations

import re

from newstrace.model import Document

__all__ = ["AGENCY_NAMES", "AGENCY_SITES", "BYLINE_AGENCIES", "agency_home", "wire_credit",
           "wire_credit_name", "wire_whole"]

_CREDITS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.MULTILINE)) for name, pattern in (
        ("AP", r"\(AP\)\s*[—–-]|\bAssociated Press\b|\bCopyright \d{4} The Associated Press"),
        ("Reuters", r"\(Reuters\)\s*[—–-]|\bReporting by [A-Z][^\n]{0,120}\bEditing by\b"
                    r"|^\s*By [^\n]{0,80}\bReuters\s*$|\bThomson Reuters\b"),
        ("AFP", r"\(AFP\)|\bAgence France[- ]Presse\b"),
        ("Bloomberg", r"\(Bloomberg\)\s*[—–-]|\bBloomberg News\b"),
        ("UPI", r"\(UPI\)\s*[—–-]|\bUnited Press International\b"),
        ("CNN Wire", r"\bCNN Wire\b"),
        ("King Features", r"\bKing Features Syndicate\b"),
        ("Creators", r"\bCreators Syndicate\b|\bCreators\.com\b"),
        ("Tribune Content Agency", r"\bTribune Content Agency\b"),
        ("Washington Post Writers Group", r"\bWashington Post Writers Group\b"),
    ))
#: Words each credit's pattern cannot match without (one of them, case as written): a
#: substring test spares the pattern's scan of the many zones that lack them all.
_CREDIT_WORDS: dict[str, tuple[str, ...]] = {
    "AP": ("(AP)", "Associated Press"), "Reuters": ("Reuters", "Reporting by"),
    "AFP": ("(AFP)", "Agence France"), "Bloomberg": ("Bloomberg",),
    "UPI": ("(UPI)", "United Press International"), "CNN Wire": ("CNN Wire",),
    "King Features": ("King Features Syndicate",), "Creators": ("Creators",),
    "Tribune Content Agency": ("Tribune Content Agency",),
    "Washington Post Writers Group": ("Washington Post Writers Group",)}
#: Bylines name the agency plainly ("Associated Press", "Reuters", "AFP").
BYLINE_AGENCIES = re.compile(r"\b(Associated Press|AP|Reuters|AFP|Bloomberg|UPI)\b")
_BYLINE_NAMES = {"Associated Press": "AP", "AP": "AP", "Reuters": "Reuters", "AFP": "AFP",
                 "Bloomberg": "Bloomberg", "UPI": "UPI"}
#: Each agency's own sites: a page there is the agency's original.
AGENCY_SITES = {"apnews.com": "AP", "ap.org": "AP", "reuters.com": "Reuters",
                "afp.com": "AFP", "bloomberg.com": "Bloomberg", "upi.com": "UPI"}
#: An agency named as whom someone spoke to is a source of quotes, not of the text.
_TOLD = re.compile(r"(?:told|interview with|speaking to|said to|according to)\s+(?:the\s+)?$",
                   re.IGNORECASE)
#: A credit for part of the text: the outlet's own story with the agency's material in it.
#: (AP's own stories close with "Associated Press writer X contributed", which is whole.)
_PART = re.compile(r"contribut|material from|\bwith\b[^\n]{0,20}\bwires\b|additional reporting"
                   r"|\binformation from\b", re.IGNORECASE)
_WRITER = re.compile(r"\b(?:Associated Press|AP) (?:writers?|reporters?)\b")
#: Credits are read in the first and last stretch of the text, where datelines, bylines and
#: credit lines sit; an agency named in the middle is usually reported on, not credited.
_HEAD, _TAIL = 600, 800


#: Each agency by the names a dump's publisher field gives it (``--site-field``), folded.
AGENCY_NAMES = {"ap": "AP", "associatedpress": "AP", "theassociatedpress": "AP",
                "reuters": "Reuters", "thomsonreuters": "Reuters", "afp": "AFP",
                "agencefrancepresse": "AFP", "bloomberg": "Bloomberg",
                "bloombergnews": "Bloomberg", "upi": "UPI", "unitedpressinternational": "UPI"}


def agency_home(site: str | None) -> str | None:
    """The agency whose own site ``site`` is (a host such as apnews.com, or a publisher's
    name such as "Associated Press"), or None."""
    host = (site or "").lower().strip()
    for home, agency in AGENCY_SITES.items():
        if host == home or host.endswith("." + home):
            return agency
    return AGENCY_NAMES.get(re.sub(r"[^a-z]", "", host)) if " " in host or "." not in host \
        else None


def wire_credit_name(byline: str) -> str | None:
    """The agency a byline names ("Jonathan Lemire, Associated Press" -> AP), or None."""
    found = BYLINE_AGENCIES.search(byline)
    return _BYLINE_NAMES[found.group(1)] if found else None


def wire_credit(doc: Document) -> str | None:
    """The agency or syndicate the document credits for its text, or None.

    The record's byline counts first ("Jonathan Lemire, Associated Press"); then credits in
    the text's head and tail. A page on the agency's own site credits that agency.
    """
    home = agency_home(doc.site)
    if home:
        return home
    if doc.byline and (named := wire_credit_name(doc.byline)):
        return named
    text = doc.text
    zones = (text[:_HEAD], text[-_TAIL:]) if len(text) > _HEAD + _TAIL else (text,)
    for name, pattern in _CREDITS:
        if any(_credited(pattern, zone) for zone in zones
               if any(word in zone for word in _CREDIT_WORDS[name])):
            return name
    return None


def wire_whole(doc: Document, credited: str | None = None) -> bool:
    """Whether the document credits its whole text to its agency or syndicate: a byline,
    a dateline or a copyright line, not "The Associated Press contributed to this report"
    (the outlet's own story with wire material in it, which copies take from the outlet).
    ``credited`` is ``wire_credit(doc)`` when the caller has read it already."""
    home = agency_home(doc.site)
    if home or (doc.byline and wire_credit_name(doc.byline)):
        return True
    name = credited if credited is not None else wire_credit(doc)
    if name is None:
        return False
    pattern = dict(_CREDITS)[name]
    text = doc.text
    zones = (text[:_HEAD], text[-_TAIL:]) if len(text) > _HEAD + _TAIL else (text,)
    return any(_credited(pattern, zone, whole=True) for zone in zones
               if any(word in zone for word in _CREDIT_WORDS[name]))


def _credited(pattern: re.Pattern[str], zone: str, whole: bool = False) -> bool:
    for m in pattern.finditer(zone):
        if _TOLD.search(zone, max(0, m.start() - 30), m.start()):
            continue
        line_start = zone.rfind("\n", 0, m.start()) + 1
        line_end = zone.find("\n", m.end())
        line = zone[line_start:line_end if line_end >= 0 else len(zone)]
        if whole and _PART.search(line) and not _WRITER.search(line):
            continue
        return True
    return False
