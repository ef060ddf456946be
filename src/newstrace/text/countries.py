"""One country named several ways: "the U.S.", "the United States", "America", "American",
"Washington"; "the UK", "Britain", "British", "London".

A rewrite swaps these freely, and none of them replaces the entity. The spellings come from
``countryinfo`` (each country's name, alternative spellings with ISO codes, demonym and
capital), not from a list of our own. A name counts as a country's only when every word of
it is a word of that country's spellings: "United States" is, "United Airlines" is not.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

from countryinfo import CountryInfo

from newstrace.text.names import words_folded

__all__ = ["countries_named"]

#: Words inside a country's long name that do not name it on their own.
_GLUE = frozenset("of the and da de".split())


def _plain(word: str) -> str:
    """A folded name word as the country table holds it: no dots ("u.s" -> "us")."""
    return word.replace(".", "")


@functools.cache
def _index() -> Mapping[str, frozenset[str]]:
    """Each word of a country's spellings -> the countries it spells (loaded on first use:
    only a pair whose names differ asks)."""
    index: dict[str, set[str]] = {}
    for key, info in sorted(CountryInfo.all().items()):
        written = [*_strings(info.get("name")), *_strings(info.get("altSpellings")),
                   *_strings(info.get("capital"))]
        for demonym in _strings(info.get("demonym")):
            written += [demonym, demonym + "s"]
        for spelling in written:
            for word in words_folded(spelling):
                folded = _plain(word)
                if folded and folded not in _GLUE:
                    index.setdefault(folded, set()).add(key)
    return {word: frozenset(keys) for word, keys in index.items()}


def _strings(value: object) -> list[str]:
    """A field of the table as strings: some are one string, some a list of them."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def countries_named(run: Iterable[str]) -> frozenset[str]:
    """The countries a name (its folded words) spells wholly: every word of it is a word of
    their spellings. Empty for any other name."""
    index = _index()
    found: frozenset[str] | None = None
    for word in run:
        keys = index.get(_plain(word), frozenset())
        found = keys if found is None else found & keys
        if not found:
            return frozenset()
    return found or frozenset()
