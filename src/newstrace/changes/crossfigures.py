"""Figures compared across languages: one figure written each language's way.

"15.000" (German), "15 000" (French) and "15,000" (English) are one figure, as are "2,5" and
"2.5"; compared as written, every figure a German or French page wrote with a dot or a space
was a "changed number" of its translation on WMT21. So across languages a figure's value is
read from its digits and separators: a separator followed by exactly three digits groups
thousands, any other last separator marks the decimals. A figure followed by a multiplier
word ("1,35 Mio.", "6590万", "65.9 million") is compared only with one followed by the same
scale, and a translator's conversions for the reader (a 12-hour clock made 24-hour,
Fahrenheit made Celsius, each next to its unit) are not changes.
"""

from __future__ import annotations

import re

from newstrace.changes.context import PairText, change
from newstrace.changes.figures import Mention
from newstrace.changes.groups import Group
from newstrace.model import Change, Span

__all__ = ["across_languages", "cross_figure_changes", "one_figure_changed"]

#: A figure in any language's writing: digits grouped by threes with one separator (a dot,
#: a comma, a space or an apostrophe), with decimals or not, or plain digits with decimals.
_FIGURE = re.compile(r"(?<![\d.,])(?:\d{1,3}([.,'\u00a0\u202f ])\d{3}(?:\1\d{3})*(?:[.,]\d+)?"
                     r"|\d+(?:[.,]\d+)?)(?![\d])")
_SEPARATORS = re.compile(r"[.,'\u00a0\u202f ]")
#: Scale words after a figure, by the start of the word (inflections vary), longest first;
#: each adds its power of ten.
_SCALE_STEMS = tuple(sorted(
    [(stem, 9) for stem in "billion milliard miliard mrd milljarð milljörð млрд миллиард".split()]
    + [(stem, 6) for stem in "million millon millón milion mio milj млн миллион".split()]
    + [(stem, 3) for stem in "thousand tausend mille тыс тысяч þúsund".split()],
    key=lambda item: -len(item[0])))
_SCALE_CHARS = {"万": 4, "億": 8, "兆": 12, "千": 3}
_WORD_AFTER = re.compile(r"\s*([^\W\d_]+)", re.UNICODE)
#: Units next to a figure that a translator converts: degrees, and the clock.
_DEGREES = re.compile(r"\s*(?:°|degree|grad|gráð|degré|grado|градус)", re.IGNORECASE)
_CLOCK = re.compile(r"\s*(?:[ap]\.?m\b|uhr\b|h\b|heures?\b|o'clock|klukkan|ore\b|час)",
                    re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"(?:klukkan|um|at|à|alle|a las)\s*$", re.IGNORECASE)


def _value(written: str) -> str:
    """A figure's value as a plain decimal string: a last separator followed by three
    digits groups thousands, any other marks the decimals."""
    parts = _SEPARATORS.split(written)
    if len(parts) > 1 and len(parts[-1]) != 3:
        whole, fraction = "".join(parts[:-1]), parts[-1]
    else:
        whole, fraction = "".join(parts), ""
    whole, fraction = whole.lstrip("0") or "0", fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _scale(text: str, end: int) -> int:
    """The power of ten a scale word (or character) right after the figure adds."""
    if end < len(text) and text[end] in _SCALE_CHARS:
        return _SCALE_CHARS[text[end]]
    after = _WORD_AFTER.match(text, end)
    if after is None:
        return 0
    word = after.group(1).lower()
    if word == "mil":  # Spanish "thousand"; "mil millones" is read by its next word
        return 3
    return next((power for stem, power in _SCALE_STEMS if word.startswith(stem)), 0)


def across_languages(text: str, offset: int) -> list[tuple[Mention, int]]:
    """The figures of a text written in digits, valued across languages, each with its scale
    word's power of ten; times of day ("6.40 Uhr", "6:40") are left out, as the English
    readers leave out dates. Figures in words are left out: only English number words are
    read, so the other language's would never meet them."""
    out = []
    for found in _FIGURE.finditer(text):
        start, end = found.span()
        if text[end:end + 1] == ":" or text[max(0, start - 1):start] == ":" \
                or _CLOCK.match(text, end):
            continue
        out.append((Mention(Span(start + offset, end + offset), _value(found.group())),
                    _scale(text, end)))
    return out


def _unit(text: str, end: int, start: int, pattern: re.Pattern[str]) -> bool:
    return bool(pattern.match(text, end)) or (
        pattern is _CLOCK and bool(_CLOCK_BEFORE.search(text[max(0, start - 12):start])))


def _converted(x: float, y: float, a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    """Whether ``x`` became ``y`` by a conversion for the reader, its unit written by it."""
    if abs((x - 32) * 5 / 9 - y) <= 1 and (_unit(a[0], a[2], a[1], _DEGREES)
                                           or _unit(b[0], b[2], b[1], _DEGREES)):
        return True
    return (1 <= x <= 12 and y == x + 12) and (_unit(a[0], a[2], a[1], _CLOCK)
                                              or _unit(b[0], b[2], b[1], _CLOCK))


def one_figure_changed(old: tuple[Mention, int], new: tuple[Mention, int],
                       a: tuple[str, int], b: tuple[str, int]) -> bool | None:
    """Across languages, whether a sentence's one lost and one gained figure are one figure
    changed (True), the same figure told another way (None: a scale word on one side only,
    or a conversion), or figures that may count different things (False). ``a`` and ``b``
    are each side's text and offset."""
    (m, scale_m), (n, scale_n) = old, new
    if scale_m != scale_n:
        return None
    x, y = float(m.value), float(n.value)
    where_a = (a[0], m.span.start - a[1], m.span.end - a[1])
    where_b = (b[0], n.span.start - b[1], n.span.end - b[1])
    if _converted(x, y, where_a, where_b) or _converted(y, x, where_b, where_a):
        return None
    return True


def cross_figure_changes(pair: PairText, group: Group) -> list[Change]:
    """Changed figures between a sentence and its translation: the words counted differ by
    language, so a sentence's one lost and one gained figure are the one figure changed
    (``high``); more, paired in reading order, are a guess (``low``)."""
    a_text, b_text = pair.a(group), pair.b(group)
    a0, b0 = group.a_span.start, group.b_span.start
    a_read, b_read = across_languages(a_text, a0), across_languages(b_text, b0)
    lost, gained = _unmatched(a_read, b_read)
    out: list[Change] = []
    for old, new in zip(lost, gained, strict=False):
        verdict = one_figure_changed(old, new, (a_text, a0), (b_text, b0))
        if verdict is None:
            continue  # one figure told another way: a scale word, a unit converted
        sure = verdict and len(lost) == len(gained) == 1
        (m, _), (n, _) = old, new
        out.append(change("number_changed", "high" if sure else "low", m.span, n.span,
                          a_text[m.span.start - a0:m.span.end - a0],
                          b_text[n.span.start - b0:n.span.end - b0],
                          f"the source says {m.value}, the translation {n.value}" + (
                              "" if sure else " (paired by reading order: it may be "
                                              "another figure)")))
    return out


def _unmatched(a: list[tuple[Mention, int]], b: list[tuple[Mention, int]]
               ) -> tuple[list[tuple[Mention, int]], list[tuple[Mention, int]]]:
    """The figures of each side with no equal figure (value and scale) on the other."""
    left = list(b)
    lost = []
    for m, scale in a:
        twin = next((x for x in left if x[0].value == m.value and x[1] == scale), None)
        if twin is None:
            lost.append((m, scale))
        else:
            left.remove(twin)
    return lost, left
