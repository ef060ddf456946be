"""Figures as any language writes them: "15.000", "15 000", "15,000", "2,5", "1,35 Mio.",
"6590万".

A separator followed by exactly three digits groups thousands, any other last separator
marks the decimals; a scale word after a figure (read by its stem, in the languages listed)
or a scale character (万, 億) multiplies it. Read for the figures a translation changed
(``changes.crossfigures``). (Keying ``match.anchors``' figures by these values, "659" for
both "65.9 million" and "6590万", was measured and not kept: WMT21's tuning half 106 -> 105
translations found, years and round figures meeting where they should not.)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["CLOCK", "WrittenFigure", "written_figures"]


@dataclass(frozen=True, slots=True)
class WrittenFigure:
    """A figure: where it is, its value as a plain decimal string, and the power of ten its
    scale word adds."""

    start: int
    end: int
    value: str
    scale: int


#: A figure in any language's writing: digits grouped by threes with one separator (a dot,
#: a comma, a space or an apostrophe), with decimals or not, or plain digits with decimals.
_FIGURE = re.compile(r"(?<![\d.,])(?:\d{1,3}([.,'\u00a0\u202f \u066c])\d{3}(?:\1\d{3})*"
                     r"(?:[.,\u066b]\d+)?|\d+(?:[.,\u066b]\d+)?)(?![\d])")
_SEPARATORS = re.compile(r"[.,'\u00a0\u202f \u066c\u066b]")
#: Scale words after a figure, by the start of the word (inflections vary), longest first;
#: each adds its power of ten.
_SCALE_STEMS = tuple(sorted(
    [(stem, 9) for stem in ("billion milliard miliard miljard mrd milljarð milljörð млрд "
                            "миллиард").split()]
    + [(stem, 6) for stem in "million millon millón milion mio millj milj млн миллион".split()]
    + [(stem, 3) for stem in "thousand tausend mille тыс тысяч þúsund".split()],
    key=lambda item: -len(item[0])))
_SCALE_CHARS = {"万": 4, "萬": 4, "億": 8, "亿": 8, "兆": 12, "千": 3}
_WORD_AFTER = re.compile(r"\s*([^\W\d_]+)", re.UNICODE)
#: A word after a figure that makes it a date's or a clock's, not a figure: a time of day
#: ("a.m." with its dots or "pm" joined to the figure, never German's "am" after a space;
#: Japanese and Chinese "時"/"时" for the hour, "午後3時" is 3 p.m., while "3時間", three
#: hours, is a figure), and a month by its number ("7月23日", July 23: a month is a name in
#: the languages that write it with letters, so "7" would meet no figure there).
CLOCK = re.compile(r"\s*[ap]\.m\.|[ap]m\b|\s*(?:uhr|h|heures?|ore|час(?:а|ов)?)\b|\s*o'clock"
                   r"|[時时](?![間间])|月", re.IGNORECASE)
#: A clock word before a figure: Icelandic "klukkan 15" (at 15:00), "kl. 15".
_CLOCK_BEFORE = re.compile(r"\b(?:klukkan|kl\.)\s*$", re.IGNORECASE)


def _value(written: str) -> str:
    """A figure's value as a plain decimal string in ASCII digits: a last separator followed
    by three digits groups thousands ("1.500" is 1,500 whatever the language), any other
    marks the decimals, as does one after a zero ("0,500") or one unlike the separators
    before it ("1.234.567,891"); Arabic writes "٬" and "٫"."""
    if not written.isascii():  # Arabic-Indic and other digits, in ASCII
        written = "".join(str(unicodedata.decimal(ch)) if ch.isdigit() else ch
                          for ch in written)
    parts = _SEPARATORS.split(written)
    separators = _SEPARATORS.findall(written)
    decimal = len(parts) > 1 and (
        len(parts[-1]) != 3 or parts[0].strip("0") == ""  # "0,500" is a half
        or (len(separators) > 1 and separators[-1] != separators[0]))  # "1.234.567,891"
    if decimal:
        whole, fraction = "".join(parts[:-1]), parts[-1]
    else:
        whole, fraction = "".join(parts), ""
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _scale(text: str, end: int) -> int:
    """The power of ten a scale word (or character) right after the figure adds."""
    if text[end:end + 1] in (" ", "\u00a0") and text[end + 1:end + 2] in _SCALE_CHARS:
        end += 1  # a machine translation's "60 万人" is "60万人"
    if end < len(text) and text[end] in _SCALE_CHARS:
        return _SCALE_CHARS[text[end]]
    after = _WORD_AFTER.match(text, end)
    if after is None:
        return 0
    word = after.group(1).lower()
    if word == "mil":  # Spanish "thousand"; "mil millones" is a thousand millions
        return 3 + _scale(text, after.end()) if _scale(text, after.end()) == 6 else 3
    return next((power for stem, power in _SCALE_STEMS if word.startswith(stem)), 0)


def written_figures(text: str) -> list[WrittenFigure]:
    """The figures of a text written in digits, in order, times of day left out ("6.40 Uhr",
    "6:40")."""
    out = []
    for found in _FIGURE.finditer(text):
        start, end = found.span()
        if text[end:end + 1] == ":" or text[max(0, start - 1):start] == ":" \
                or CLOCK.match(text, end) or _CLOCK_BEFORE.search(text, max(0, start - 12), start):
            continue
        out.append(WrittenFigure(start, end, _value(found.group()), _scale(text, end)))
    return out
