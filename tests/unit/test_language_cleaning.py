"""Cleaning reads prose in languages that capitalise their nouns.

A German news sentence has 40-60% of its words capitalised; the English rule (at most half)
had cut WMT21's German originals down to their first line, and with them every translation
found from them. The texts below are fictional, written for this test.
"""

from __future__ import annotations

from newstrace.clean.flattened import clean_page

_GERMAN = [
    "Die Stadtwerke Neuhaven erhöhen zum Jahreswechsel die Preise für Strom und Gas.",
    "Der Aufsichtsrat des Versorgers stimmte der Erhöhung am Dienstag in Hamburg zu.",
    "Kunden mit Grundversorgung zahlen Ende Januar im Schnitt elf Prozent mehr.",
    "Die Verbraucherzentrale Nord kritisierte den Zeitpunkt der Ankündigung scharf.",
]


def test_german_sentences_full_of_nouns_are_prose() -> None:
    capitals = [sum(w[0].isupper() for w in s.split()) / len(s.split()) for s in _GERMAN]
    assert max(capitals) > 0.5  # what the English rule would have cut
    page = "Startseite Politik Wirtschaft Sport Kultur\n\n" + "\n\n".join(_GERMAN)
    kept = clean_page(page, find_title=False).text
    assert all(s in kept for s in _GERMAN), kept
    assert "Startseite" not in kept


def test_english_capitalised_lines_are_still_chrome() -> None:
    prose = ["The council met on Tuesday to vote on the new budget for the city schools.",
             "Officials said the plan would cost the city about four million dollars a year."]
    # 6 of 9 capitalised: prose under the German rule, a headline under the English one
    menu = "Harbour Board votes On New Pier plan for May."
    kept = clean_page("\n\n".join([menu, *prose]), find_title=False).text
    assert all(p in kept for p in prose) and "Harbour Board" not in kept, kept
