"""Figures as any language writes them (``text.written``) and compared across languages
(``changes.crossfigures``)."""

from __future__ import annotations

from newstrace.changes.crossfigures import across_languages, one_figure_changed
from newstrace.text.written import written_figures


def _values(text: str) -> list[tuple[str, int]]:
    return [(f.value, f.scale) for f in written_figures(text)]


def test_one_figure_in_every_writing() -> None:
    assert _values("15.000 / 15 000 / 15,000") == [("15000", 0)] * 3
    assert _values("2,5 und 2.5") == [("2.5", 0), ("2.5", 0)]
    assert _values("4.163.892 Fälle, 64 582 cas") == [("4163892", 0), ("64582", 0)]
    assert _values("1,35 Mio. Euro; 11,85 milljörðum; $11.85 billion; 6590万人") == [
        ("1.35", 6), ("11.85", 9), ("11.85", 9), ("6590", 4)]
    assert _values("um 6.40 Uhr, at 6:40 a.m., à 6 h 40") == [("40", 0)]
    assert _values("نحو ١٢٬٠٠٠ لتر، ٢٫٥ و ٤٨ ساعة") == [("12000", 0), ("2.5", 0), ("48", 0)]


def test_immutables_read_arabic_indic_figures() -> None:
    from newstrace.text.immutables import immutables
    assert immutables("نحو ١٢٬٠٠٠ لتر و ٤٨ ساعة").numbers == immutables(
        "about 12,000 litres and 48 hours").numbers == frozenset({"12000", "48"})


def _pair(a: str, b: str) -> bool:
    (old,), (new,) = across_languages(a, 0), across_languages(b, 0)
    return one_figure_changed(old, new, (a, 0), (b, 0))


def test_a_changed_figure_and_a_figure_told_another_way() -> None:
    assert _pair("30 Menschen", "300 people") is True  # tenfold: visible
    assert _pair("2,5 Prozent", "25 percent") is True
    assert _pair("1,35 Mio.", "1.35") is False  # a scale word on one side only
    assert _pair("yfir 32 gráður", "above 90 degrees") is False  # Fahrenheit made Celsius
    assert across_languages("at 8 p.m.", 0) == []  # a time of day is no figure
    assert _pair("20 Tote", "8 dead") is True  # no unit: not a conversion


def test_decimals_scales_and_clocks_read_as_written() -> None:
    assert _values("0,500 Liter; 1.234.567,891") == [("0.5", 0), ("1234567.891", 0)]
    assert _values("3 am Tag, seit 2019 am Markt") == [("3", 0), ("2019", 0)]  # German "am"
    assert _values("at 3 a.m. and 4pm, в 5 часов") == []  # times of day
    assert _values("5 частных компаний") == [("5", 0)]
    assert _values("13亿, 2 miljardia, 3,5 milljónum, 10 mil millones") == [
        ("13", 8), ("2", 9), ("3.5", 6), ("10", 9)]


def test_a_name_behind_a_title_is_read() -> None:
    from newstrace.changes.crossnames import _people
    text = "Kanzlerin Angela Merkel sagte am Montag nichts."
    assert [p[2] for p in _people(text, text)] == ["Angela", "Merkel"]
