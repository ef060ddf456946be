"""Credit and certainty: who a copy says the information came from, and how sure it is.

``attribution_removed``: the source credits a news organisation ("told the AP", "The
Associated Press saw") and the copy's aligned text names none, or only a vague stand-in
("told reporters", "reporters discovered") — the laundering move this field watches for.
``attribution_changed``: another organisation gets the credit, or a quotation's named speaker
became someone else. ``hedge_removed`` / ``hedge_added``: markers of unconfirmed information
("reportedly", "couldn’t be independently verified", "might have") lost or gained.

Organisations are found by name (the wires and networks that news credits most) or by form
(capitalised words ending in News, Press, Times, Post...). A lexicon, because no maintained
library tags news-credit phrases; named-entity taggers need models this package cannot ship.
"""

from __future__ import annotations

import re

from newstrace.changes.context import PairText, change
from newstrace.changes.groups import Group
from newstrace.model import Change
from newstrace.text.immutables import fold
from newstrace.text.memo import per_text

__all__ = ["NOT_VERIFIED", "attribution_changes", "hedge_changes", "hedges", "outlets"]

_OUTLET = re.compile(
    r"\b(?:[Tt]he\s+)?(?P<name>Associated Press|AP|Reuters|AFP|Agence France-Presse|CNN|BBC|"
    r"Bloomberg|Interfax|TASS|Tass|RIA Novosti|Al Jazeera|NPR|Xinhua|Kyodo|Yonhap|ANSA|"
    r"dpa|EFE|Fox News|NBC|CBS|ABC News|"
    r"(?:[A-Z][\w.&'’-]*\s+){1,4}(?:News|Press|Times|Post|Journal|Herald|Tribune|Gazette|"
    r"Telegraph|Guardian|Daily|Agency|Radio|Television|TV|Wire|Magazine|Newspaper))\b")
_ALIASES = {"ap": "associated press", "agence france-presse": "afp", "tass": "tass"}
_VAGUE = re.compile(r"\b(?:reporters?|journalists?|the media|media outlets?|the press|"
                    r"(?:a|one) news (?:agency|outlet)|news outlets|local media|sources)\b",
                    re.IGNORECASE)
_NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*"
_SPEAKER = re.compile(
    rf"\b(?:said|says|told|added|stated|according to)\s+(?P<after>{_NAME})"
    rf"|(?P<before>{_NAME})(?:,[^,]{{1,80}},)?\s+(?:said|says|told|added|stated)\b")
#: "couldn’t be independently verified": a hedge, whose "n’t" is not a negation of the claim.
NOT_VERIFIED = (r"(?:couldn[’']t|can[’']t|cannot|could not|can not|wouldn[’']t|would not) be "
                r"(?:independently )?(?:verified|confirmed)")
#: "told Northwire", "in an interview with the Courier": any named party someone spoke to is
#: a credit, outlet or not, when the copy swaps it for a vague stand-in.
_TOLD = re.compile(rf"\b(?:told|(?:in )?an interview with|speaking to|spoke to)\s+(?:the\s+)?"
                   rf"(?P<agent>{_NAME})")
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|unconfirmed|unverified|"
    r"perhaps|possibly|accused of|(?:is|are|was|were) (?:said|believed|thought) to|"
    r"(?:may|might|could) have|(?:it )?(?:is|remains|was) unclear|claimed|"
    + NOT_VERIFIED + r")\b",
    re.IGNORECASE)


def outlets(text: str) -> dict[str, tuple[str, str]]:
    """News organisations named in ``text``: canonical key -> (the words as written, name)."""
    return dict(_outlets(text))


@per_text
def _outlets(text: str) -> tuple[tuple[str, tuple[str, str]], ...]:
    """``outlets(text)`` as items, remembered per text (a source is read once per copy)."""
    found: dict[str, tuple[str, str]] = {}
    for m in _OUTLET.finditer(text):
        name = m.group("name")
        key = _ALIASES.get(fold(name), fold(name))
        found.setdefault(key, (m.group(0), name))
    return tuple(found.items())


def hedges(text: str) -> list[str]:
    """The hedging markers of ``text``, as written."""
    return list(_hedges(text))


@per_text
def _hedges(text: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _HEDGE.finditer(text))


#: Words a speech tag names a speaker by that are not the speaker's name: "the Oklahoma
#: Republican said", "a White House spokesman told". Two copies naming one speaker by name
#: and by description have not changed who spoke.
_NOT_SPEAKERS = frozenset("""
he she they it the we i you republican republicans democrat democrats senator congressman
congresswoman spokesman spokeswoman spokesperson official officials president leader
governor mayor secretary minister chairman chairwoman lawmaker lawmakers aide aides source
sources administration house senate committee department ministry office campaign statement
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
michigan minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico york
carolina dakota ohio oklahoma oregon pennsylvania island tennessee texas utah vermont virginia
washington wisconsin wyoming
""".split())


@per_text
def _speakers(text: str) -> frozenset[str]:
    """Last names of those ``text`` says said something (remembered per text, like
    ``outlets``)."""
    names: set[str] = set()
    for m in _SPEAKER.finditer(text):
        name = m.group("after") or m.group("before")
        last = fold(name.split()[-1])
        if last not in _NOT_SPEAKERS:
            names.add(last)
    return frozenset(names)


#: An organisation named as a source of the information, not as a subject ("WaPo is the
#: subject of her claim") or a point of comparison ("an NBC poll showed"): named after
#: "according to", "told", "via", ..., or before "reported", "said", "learned", ...
_CREDIT_BEFORE = re.compile(r"\b(?:according to|told|to|by|via|with|from|interview with|"
                            r"speaking to|spoke to|reported by|cited by|(?:in|on) an?)"
                            r"\s+(?:the\s+)?$", re.IGNORECASE)
# Matched at the end of the name (``match(text, end)``): no ``^``, which would only hold at
# the start of the whole text.
_CREDIT_AFTER = re.compile(r"[’']?s?\s*(?:\)\s*[—–-]|(?:has |had |have )?(?:first )?"
                           r"(?:reported|reports|said|says|learned|obtained|reviewed|saw|seen|"
                           r"confirmed|found|wrote|writes|contributed|revealed|published|"
                           r"interview|report|reporting|story|analysis|investigation))\b",
                           re.IGNORECASE)


def _as_credit(text: str, start: int, end: int) -> bool:
    return bool(_CREDIT_BEFORE.search(text, max(0, start - 30), start)
                or _CREDIT_AFTER.match(text, end, end + 40))


def _credits(text: str) -> dict[str, tuple[str, str]]:
    """Organisations ``text`` names as sources of its information, and the named parties
    it says someone spoke to."""
    found: dict[str, tuple[str, str]] = {}
    for m in _OUTLET.finditer(text):
        if _as_credit(text, m.start(), m.end()) \
                and not _a_person(text, m.start(), m.group("name")):
            name = m.group("name")
            found.setdefault(_ALIASES.get(fold(name), fold(name)), (m.group(0), name))
    for m in _TOLD.finditer(text):
        agent = m.group("agent")
        if not _OUTLET.search(agent):
            found.setdefault(fold(agent), (m.group(0), agent))
    return found


#: Outlets named after a person, whose name also stands for the person ("New York Mayor
#: Michael Bloomberg said"): read as the person after a first name.
_SURNAME_OUTLETS = frozenset({"Bloomberg"})
#: A first name: a capitalised word that does not open the sentence.
_FIRST_NAME = re.compile(r"[\w,;’'\"”]\s+[A-Z][a-z]+\s+$")


def _a_person(text: str, start: int, name: str) -> bool:
    """Whether the outlet's name at ``start`` is a person's surname: an outlet named after
    a person, with a first name right before it (not a word opening the sentence:
    "Yesterday Bloomberg reported" credits the agency)."""
    return name in _SURNAME_OUTLETS and _FIRST_NAME.search(text, max(0, start - 30),
                                                           start) is not None


def _squeezed(key: str) -> str:
    """A credit's key as a host writes it: "Fox News", "FoxNews" and "FoxNews.com" alike."""
    return re.sub(r"\.com$", "", key).replace(" ", "").replace(".", "")


@per_text
def _credited_anywhere(text: str) -> frozenset[str]:
    """The keys of every credit a whole text gives (remembered per text), squeezed."""
    return frozenset(_squeezed(k) for k in _credits(text))


def _own(key: str, site: str | None) -> bool:
    """Whether a credit names the site's own outlet ("Fox News" on foxnews.com): a site
    dropping its own name in its own story hides nothing."""
    squeezed = key.replace(" ", "").replace(".", "")
    host = (site or "").lower().replace(".", "")
    return len(squeezed) > 2 and squeezed in host


def _credit_changes(pair: PairText, group: Group, a_text: str, b_text: str) -> list[Change]:
    credited = _credits(a_text)
    if not credited:
        return []
    kept = {_squeezed(k) for k in _credits(b_text)}
    b_words = {fold(w) for w in re.findall(r"[\w’'-]+", b_text)}
    still = _credited_anywhere(pair.derived.text)
    out: list[Change] = []
    for key, (written, name) in credited.items():
        if _squeezed(key) in kept or all(part in b_words for part in key.split()) \
                or _squeezed(key) in still or _own(key, pair.derived.site):
            continue
        named = {_squeezed(k) for k in credited}
        others = [w for k, (w, _) in outlets(b_text).items() if _squeezed(k) not in named]
        vague = _VAGUE.search(b_text)
        if others:
            out.append(change("attribution_changed", "medium", group.a_span, group.b_span,
                              written, others[0],
                              f"the source credits {name}; the copy credits {others[0]}"))
        else:
            after = vague.group(0) if vague else ""
            instead = f"says “{after}” instead" if vague else "credits no one"
            out.append(change("attribution_removed", "medium", group.a_span, group.b_span,
                              written, after,
                              f"the source credits {name} (“{written}”); the copy "
                              f"{instead}, hiding where the information came from"))
    return out


def attribution_changes(pair: PairText, group: Group) -> list[Change]:
    """Credits to news organisations dropped or changed, and quotations given a new speaker."""
    a_text, b_text = pair.a(group), pair.b(group)
    out = _credit_changes(pair, group, a_text, b_text)
    said_a, said_b = _speakers(a_text), _speakers(b_text)
    if not said_a or not said_b:
        return out  # a changed speaker needs a speaker on each side
    b_folded = {fold(w) for w in re.findall(r"[\w’'-]+", b_text)}
    a_folded = {fold(w) for w in re.findall(r"[\w’'-]+", a_text)}
    lost = sorted(s for s in said_a if s not in b_folded)
    new = sorted(s for s in said_b if s not in a_folded)
    if lost and new and not _one_person(lost[0], new[0], pair.source.text, pair.derived.text):
        out.append(change("attribution_changed", "high", group.a_span, group.b_span,
                          lost[0], new[0],
                          f"words the source attributes to {lost[0].title()} are attributed "
                          f"to {new[0].title()}"))
    return out


def _one_person(lost: str, new: str, *texts: str) -> bool:
    """Whether two speakers are one person's first and last names: a text writes them
    together ("Lt. Col. Peter Lerner" in the source, "Lt. Col. Peter said" in the copy) and
    never the new one apart from the other ("Gov. Scott Walker and Sen. Tim Scott" are
    two people)."""
    together = re.compile(rf"\b(?:{re.escape(lost)}\s+{re.escape(new)}|{re.escape(new)}\s+"
                          rf"{re.escape(lost)})\b", re.IGNORECASE)
    alone = re.compile(rf"\b{re.escape(new)}\b", re.IGNORECASE)
    return any(together.search(text) and len(together.findall(text)) == len(
        alone.findall(text)) for text in texts)


#: A hedge that introduces a quotation: a speech verb ("He claimed the women “originally
#: came...”") or a clause closed by a colon ("may have put it best: “...”"), within six
#: words of the opening mark. The words are the speaker's either way; no fact is asserted.
_SPEECH_HEDGES = frozenset({"claimed"})
_TO_QUOTE = re.compile(r"(?:\s+[^\s.!?:“\"]+){0,6}?(?P<colon>:)?\s*[“\"]")


def _on_a_quotation(text: str, hedge: str, copy: str) -> bool:
    """Whether ``hedge`` introduces a quotation in ``text`` (see ``_TO_QUOTE``) and the copy
    keeps a quotation too."""
    if not re.search(r"[“\"]", copy):
        return False
    for m in re.finditer(rf"\b{re.escape(hedge)}\b", text, re.IGNORECASE):
        follows = _TO_QUOTE.match(text, m.end())
        if follows and (hedge.lower() in _SPEECH_HEDGES or follows.group("colon")):
            return True
    return False


def hedge_changes(pair: PairText, group: Group) -> list[Change]:
    """Markers of unconfirmed information lost or gained within one aligned group."""
    a_text, b_text = pair.a(group), pair.b(group)
    before, after = hedges(a_text), hedges(b_text)
    if len(before) > len(after):
        kept = {h.lower() for h in after}
        gone = [h for h in before if h.lower() not in kept] or before
        near = {h.lower() for h in hedges(pair.around(group, derived=True))}
        if all(h.lower() in near for h in gone):
            return []  # the copy keeps the hedge, just outside this aligned group
        quoting = all(_on_a_quotation(a_text, h, b_text) for h in gone)
        return [change("hedge_removed", "low" if quoting else "medium", group.a_span,
                       group.b_span, ", ".join(gone), ", ".join(after),
                       "the copy states as fact what the source marks as unconfirmed "
                       f"(‘{gone[0]}’ is gone)" + ("; the hedge was on who said a "
                                                  "quotation, which both keep"
                                                  if quoting else ""))]
    if len(after) > len(before):
        had = {h.lower() for h in before}
        new = [h for h in after if h.lower() not in had] or after
        return [change("hedge_added", "low", group.a_span, group.b_span,
                       ", ".join(before), ", ".join(new),
                       f"the copy casts doubt the source does not (‘{new[0]}’)")]
    return []

