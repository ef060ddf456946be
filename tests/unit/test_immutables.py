"""Immutables: the numbers and names a rewrite or a translation keeps."""

from __future__ import annotations

from newstrace.text.countries import countries_named
from newstrace.text.immutables import fold, immutables


def test_numbers_lose_their_thousands_separators_and_words_become_digits() -> None:
    found = immutables("About 1,500 applied; eight of 11 died; 12 000 litres; 3.5 percent.")
    assert {"1500", "8", "11", "12000", "3.5"} <= found.numbers


def test_names_are_capitalised_words_outside_function_words_folded() -> None:
    found = immutables("The mayor of Halloway, Inès Albrecht, told Northwire on Thursday.")
    assert {"halloway", "ines", "albrecht", "northwire"} <= found.names
    assert "the" not in found.names and "thursday" not in found.names


def test_a_translation_shares_the_immutables_of_its_source() -> None:
    english = immutables("Mayor Ines Albrecht said 12,000 litres spilled into the Marrow.")
    french = immutables("La maire Ines Albrecht a dit que 12 000 litres ont coulé dans la Marrow.")
    assert english.keys() & french.keys() >= {"e:ines", "e:albrecht", "n:12000", "e:marrow"}


def test_quoted_fragments_are_kept_as_folded_words() -> None:
    found = immutables("He said: “I couldn’t not think about it,” and left.")
    assert found.quotes == ("i couldn't not think about it",)  # typography folded
    assert immutables("He said: \"I couldn't not think about it,\" and left.").quotes \
        == found.quotes


def test_fold_drops_accents_case_and_possessives() -> None:
    assert fold("Prigozhin’s") == "prigozhin" and fold("Zelenskyy") == "zelenskyy"
    assert fold("Élodie") == "elodie"


def test_a_country_name_is_wholly_a_countrys_words() -> None:
    united_states = countries_named(("united", "states"))
    assert "united states" in united_states
    for run in [("u.s",), ("american",), ("americans",), ("america",), ("washington",)]:
        assert countries_named(run) & united_states, run
    assert countries_named(("britain",)) == countries_named(("uk",)) == {"united kingdom"}
    assert countries_named(("united", "airlines")) == frozenset()
    assert countries_named(("halloway",)) == frozenset()
