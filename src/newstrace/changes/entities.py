"""Entities replaced: a person, place or organisation in the source became another one.

Within an aligned group, a name of the source is *lost* when no word of the whole copy is that
name or a spelling of it ("Zelenskyy" / "Zelensky"), and a name of the copy is *new* when the
whole source has no spelling of it. Judging against whole documents, not the group, keeps a
name that moved to the next sentence from counting. A group that lost a name and gained
another in the same place (where a word-level diff of the two reads a replacement) replaced
an entity. News organisations are left to the attribution detector.

One entity written two ways is not a replacement: an acronym and its expansion ("CDC" /
"Centers for Disease Control"), a name and a longer form of it ("Powell" / "Secretary of State
Colin Powell"), a compound holding a name the copy keeps ("U.S.-controlled"), a title
("Lt." / "Lieut."), or a country by its name, short name, demonym or capital ("the U.S." /
"American"; "the UK" / "Britain"; ``text.countries``).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable

from newstrace.changes.attribution import outlets
from newstrace.changes.context import PairText, change
from newstrace.changes.groups import Group
from newstrace.model import Change
from newstrace.text.countries import countries_named
from newstrace.text.immutables import NOT_NAMES, fold
from newstrace.text.names import name_tokens, words_folded

__all__ = ["entity_changes", "same_name"]

_WORDS = re.compile(r"[^\W\d_][\w’'.-]*[\w]|[^\W\d_]")
#: Ranks and honorifics: capitalised before a name, abbreviated as each paper likes.
_TITLES = frozenset("lt lieut gen sen gov rep col capt sgt maj adm cmdr prof rev supt insp "
                    "cpl pvt jr sr secretary president minister".split())
#: Small words that may stand inside one name ("Centers for Disease Control").
_CONNECTORS = frozenset("of for and the with on de du la von van".split())
#: Spellings this similar (difflib ratio) are one name transliterated two ways.
_SPELLING = 0.8


#: Sounds one alphabet writes in several ways, as a name passes through translations
#: ("Prigozhin", French "Prigojine", back in English "Prigogine").
_SOUNDS = (("zh", "g"), ("kh", "h"), ("ch", "c"), ("sh", "s"), ("j", "g"), ("y", "i"),
           ("k", "c"), ("w", "v"), ("ph", "f"))


def _skeleton(name: str) -> str:
    """The consonants of a name, with spellings of one sound made one and doubles single."""
    for written, sound in _SOUNDS:
        name = name.replace(written, sound)
    consonants = [c for c in name if c.isalpha() and c not in "aeiou"]
    return "".join(c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1])


#: News's common second names for one party or group (folded name tokens).
_ALIASES = {"gop": "republican", "republicans": "republican", "isis": "islamic",
            "isil": "islamic", "dems": "democrat", "democrats": "democrat",
            "democratic": "democrat"}


@functools.lru_cache(maxsize=1 << 16)
def same_name(x: str, y: str) -> bool:
    """Whether two folded names are one name spelt two ways (or transliterated two ways).

    Memoised (a pure function of two names): claim matching asks it of the same speakers
    for every pair of statements in two reports."""
    if x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x))):
        return True
    if _demonym(x, y):
        return True  # a place and its people: "Kentucky" / "Kentuckian", "Mexico" / "Mexican"
    if _ALIASES.get(x, x) == _ALIASES.get(y, y):
        return True  # "GOP" / "Republican", "ISIS" / "Islamic"
    if "." in x + y and x.replace(".", "") == y.replace(".", ""):
        return True  # "FTC" / "F.T.C."
    if min(len(x), len(y)) >= 6 and _skeleton(x) == _skeleton(y):
        return True
    if 2 * min(len(x), len(y)) < _SPELLING * (len(x) + len(y)):
        return False  # too different in length for the ratio to reach the bar
    matcher = difflib.SequenceMatcher(a=x, b=y, autojunk=False)
    return matcher.quick_ratio() >= _SPELLING and matcher.ratio() >= _SPELLING


#: What a people's name adds to its place's stem ("Kentucki-an", "Chin-ese", "Pol-ish").
_DEMONYM = re.compile(r"(?:i?ans?|ese|i|ish|ers?|ites?)")


def _demonym(x: str, y: str) -> bool:
    """Whether one name is the other's people: they share a stem of five letters or more
    that the place ends at most one letter after, and the other ends in a demonym's ending
    ("Justin" / "Justice", "Federal" / "Federation" are not)."""
    short, long = sorted((x, y), key=len)
    stem_length = next((i for i, (p, q) in enumerate(zip(short, long, strict=False))
                        if p != q), len(short))
    return stem_length >= 5 and len(short) - stem_length <= 1 \
        and _DEMONYM.fullmatch(long[stem_length:]) is not None


def _absent(name: str, words: frozenset[str], names: Iterable[str]) -> bool:
    if name in words or any(part.strip(".") in words for part in name.split("-") if part):
        return False  # "U.S.-controlled" where the copy still says "U.S."
    return not any(same_name(name, other) for other in names)


def _runs(text: str) -> list[tuple[str, ...]]:
    """Runs of capitalised words (small connectors may stand inside, punctuation may not),
    folded, without the connectors: one name each."""
    runs: list[list[str]] = []
    current: list[str] = []
    end = 0
    for match in _WORDS.finditer(text):
        word = match.group()
        if current and not text[end:match.start()].isspace():
            runs.append(current)  # punctuation ends a name: "on Iran, Powell said"
            current = []
        end = match.end()
        if word[0].isupper() or (current and word in _CONNECTORS):
            current.append(word)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    # Words capitalised for standing first ("The", "In") are not part of the name.
    return [names for run in runs
            if (names := tuple(fold(w) for w in run
                               if w.lower() not in NOT_NAMES and w not in _CONNECTORS))]


def _spelled_out(acronym: str, runs: Iterable[tuple[str, ...]]) -> set[str]:
    """The words of a run whose initials spell ``acronym`` ("ada": "Americans with
    Disabilities Act"), or nothing."""
    letters = acronym.replace(".", "")
    if not 2 <= len(letters) <= 6 or not letters.isalpha():
        return set()
    for run in runs:
        at = "".join(w[0] for w in run).find(letters)
        if at >= 0:
            return set(run[at:at + len(letters)])
    return set()


def _longer_forms(runs: list[tuple[str, ...]], other: list[tuple[str, ...]]) -> set[str]:
    """Words of ``runs`` that only lengthen a name ``other`` writes shorter: a run that
    holds a whole run of ``other`` ("Colin Powell" holding "Powell")."""
    extra: set[str] = set()
    for run in runs:
        for short in other:
            if short and set(short) < set(run):
                extra |= set(run) - set(short)
    return extra


def _same_entities(a_text: str, b_text: str, lost: list[str], new: list[str]
                   ) -> tuple[list[str], list[str]]:
    """``lost`` and ``new`` less what is one entity written two ways (module docstring)."""
    a_runs, b_runs = _runs(a_text), _runs(b_text)
    kept_lost = [n for n in lost if n not in _TITLES]
    kept_new = [n for n in new if n not in _TITLES]
    for name in list(kept_lost):
        spelled = _spelled_out(name, b_runs)
        if spelled:
            kept_lost.remove(name)
            kept_new = [n for n in kept_new if n not in spelled]
    for name in list(kept_new):
        spelled = _spelled_out(name, a_runs)
        if spelled:
            kept_new.remove(name)
            kept_lost = [n for n in kept_lost if n not in spelled]
    longer_b, longer_a = _longer_forms(b_runs, a_runs), _longer_forms(a_runs, b_runs)
    return _one_country(a_runs, b_runs, [n for n in kept_lost if n not in longer_a],
                        [n for n in kept_new if n not in longer_b])


def _country_names(runs: list[tuple[str, ...]], names: list[str]) -> dict[str, frozenset[str]]:
    """Each of ``names`` that stands in a run naming a country wholly -> those countries."""
    found: dict[str, frozenset[str]] = {}
    for run in runs:
        if any(w in names for w in run) and (named := countries_named(run)):
            for word in run:
                if word in names:
                    found[word] = found.get(word, frozenset()) | named
    return found


def _one_country(a_runs: list[tuple[str, ...]], b_runs: list[tuple[str, ...]],
                 lost: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """``lost`` and ``new`` less the names of a country both sides name, each its own way
    ("U.S." / "American" / "Washington"; "UK" / "Britain")."""
    if not lost or not new:
        return lost, new
    a_countries, b_countries = _country_names(a_runs, lost), _country_names(b_runs, new)
    if not a_countries or not b_countries:
        return lost, new
    shared = frozenset().union(*a_countries.values()) & frozenset().union(*b_countries.values())
    return ([n for n in lost if not a_countries.get(n, frozenset()) & shared],
            [n for n in new if not b_countries.get(n, frozenset()) & shared])


def _outlet_words(text: str) -> set[str]:
    return {w for written, _ in outlets(text).values() for w in words_folded(written)}


def _replaced(a_text: str, b_text: str, lost: set[str], new: set[str]
              ) -> tuple[list[str], list[str]]:
    """The lost and new names that stand in the same place of the two texts: a stretch the
    word-level diff reads as replaced. A name the copy merely left out, beside one it merely
    added elsewhere, is editing, not a substitution."""
    a_raw, b_raw = _WORDS.findall(a_text), _WORDS.findall(b_text)
    a_words, b_words = [fold(w) for w in a_raw], [fold(w) for w in b_raw]
    matcher = difflib.SequenceMatcher(a=a_words, b=b_words, autojunk=False)
    before: list[str] = []
    after: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue  # below: only capitalised words ("the stock" is not "Nasdaq Stock")
        gone = [w for w, raw in zip(a_words[i1:i2], a_raw[i1:i2], strict=True)
                if w in lost and raw[0].isupper()]
        came = [w for w, raw in zip(b_words[j1:j2], b_raw[j1:j2], strict=True)
                if w in new and raw[0].isupper()]
        if gone and came:
            before += [w for w in gone if w not in before]
            after += [w for w in came if w not in after]
    return before, after


def entity_changes(pair: PairText, group: Group) -> list[Change]:
    """Names of the source replaced, in the same place, by names the source never uses."""
    a_text, b_text = pair.a(group), pair.b(group)
    a_names = {n for n in name_tokens(a_text, pair.source_view.names) - _outlet_words(a_text)
               if n not in pair.derived_view.words}
    b_names = {n for n in name_tokens(b_text, pair.derived_view.names) - _outlet_words(b_text)
               if n not in pair.source_view.words}
    if not a_names or not b_names:
        return []
    lost, new = _replaced(
        a_text, b_text,
        {n for n in a_names if _absent(n, pair.derived_view.words, pair.derived_view.names)},
        {n for n in b_names if _absent(n, pair.source_view.words, pair.source_view.names)})
    lost, new = _same_entities(a_text, b_text, lost, new)
    if not lost or not new:
        return []
    return [change("entity_changed", "high", group.a_span, group.b_span,
                   ", ".join(lost), ", ".join(new),
                   f"the source names {', '.join(n.title() for n in lost)}; the copy "
                   f"names {', '.join(n.title() for n in new)} instead")]
