"""Figures compared across languages: one figure written each language's way.

"15.000" (German), "15 000" (French) and "15,000" (English) are one figure, as are "2,5" and
"2.5"; compared as written, every figure a German or French page wrote with a dot or a space
was a "changed number" of its translation on WMT21. So across languages a figure's value is
read from its digits and separators (``text.written``): a separator followed by exactly
three digits groups thousands, any other last separator marks the decimals. A figure
followed by a multiplier word ("1,35 Mio.", "6590万", "65.9 million") is compared only with
one followed by the same scale; times of day are not read, and Fahrenheit made Celsius
next to a degree is a translator's conversion for the reader, not a change.
"""

from __future__ import annotations

import re

from newstrace.changes.context import PairText, change
from newstrace.changes.figures import Mention
from newstrace.changes.groups import Group
from newstrace.match.anchors import text_anchors
from newstrace.model import Change, Span
from newstrace.text.scripts import DENSE_LANGUAGES
from newstrace.text.written import written_figures

__all__ = ["across_languages", "cross_figure_changes", "one_figure_changed"]

#: A degree next to a figure: Fahrenheit and Celsius are converted for the reader.
_DEGREES = re.compile(r"\s*(?:°|degree|grad|gráð|degré|grado|градус)", re.IGNORECASE)


def across_languages(text: str, offset: int) -> list[tuple[Mention, int]]:
    """The figures of a text written in digits (``text.written``), as mentions valued across
    languages, each with its scale word's power of ten. Figures in words are left out: only
    English number words are read, so the other language's would never meet them."""
    return [(Mention(Span(f.start + offset, f.end + offset), f.value), f.scale)
            for f in written_figures(text)]


def _converted(x: float, y: float, a: tuple[str, int], b: tuple[str, int]) -> bool:
    """Whether Fahrenheit ``x`` became Celsius ``y`` for the reader, a degree written next to
    either (``a``, ``b``: each side's text and the figure's end in it). Times of day are
    not read as figures at all (``text.written``), so a 12-hour clock made 24-hour is no
    change either."""
    return abs((x - 32) * 5 / 9 - y) <= 1 and bool(_DEGREES.match(*a) or _DEGREES.match(*b))


def one_figure_changed(old: tuple[Mention, int], new: tuple[Mention, int],
                       a: tuple[str, int], b: tuple[str, int]) -> bool:
    """Across languages, whether a lost and a gained figure (with their scales) differ, and
    are not the same figure told another way (a scale word on one side only, a conversion).
    ``a`` and ``b`` are each side's text and offset."""
    (m, scale_m), (n, scale_n) = old, new
    if scale_m != scale_n:
        return False
    x, y = float(m.value), float(n.value)
    end_a, end_b = (a[0], m.span.end - a[1]), (b[0], n.span.end - b[1])
    return not (_converted(x, y, end_a, end_b) or _converted(y, x, end_b, end_a))


def cross_figure_changes(pair: PairText, group: Group) -> list[Change]:
    """Changed figures between a sentence and its translation: the words counted differ by
    language, so a sentence's one lost and one gained figure are the one figure changed
    (``high``); more, paired in reading order, are a guess (``low``)."""
    a_text, b_text = pair.a(group), pair.b(group)
    a0, b0 = group.a_span.start, group.b_span.start
    a_read, b_read = across_languages(a_text, a0), across_languages(b_text, b0)
    lost, gained = _unmatched(a_read, b_read)
    dense = bool({pair.source.language, pair.derived.language} & DENSE_LANGUAGES)
    if dense:
        if lost and gained and _unconfirmed(a_read, lost, a_text, b_text):
            return []
        lost, gained = _uncounted(lost), _uncounted(gained)
    out: list[Change] = []
    for old, new in zip(lost, gained, strict=False):
        if not one_figure_changed(old, new, (a_text, a0), (b_text, b0)):
            continue  # one figure told another way: a scale word, a unit converted
        sure = len(lost) == len(gained) == 1
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


def _uncounted(figures: list[tuple[Mention, int]]) -> list[tuple[Mention, int]]:
    """The figures less the counts under ten: Japanese and Chinese write every count in
    digits ("1年半", "2度目") where the other language writes "a year and a half", "a
    second", which are not read, so across them a small count met or missed says nothing
    (a real "5" made "50" is missed too: the price of not flagging every "2度目")."""
    return [(m, scale) for m, scale in figures
            if not (scale == 0 and m.value.isdecimal() and int(m.value) < 10)]


def _unconfirmed(a_read: list[tuple[Mention, int]], lost: list[tuple[Mention, int]],
                 a_text: str, b_text: str) -> bool:
    """Whether a sentence pair of a dense language (``text.scripts.DENSE_LANGUAGES``) shares
    neither a figure nor a name: such a pair was matched by its length and place alone,
    which in characters that each carry a syllable or a word say little, so its figures
    may be two sentences' (on WMT21's machine translations into Japanese, "5. ágúst" met
    "1年", "COVID-19" met "7月23日"). Names in Chinese characters are not read, so a
    Chinese sentence that names its people only so shares no name: its figures are left."""
    if len(a_read) > len(lost):  # a figure both sentences hold
        return False
    return not _names(a_text) & _names(b_text)


def _names(text: str) -> set[str]:
    """The sound keys of a sentence's names (``match.anchors.text_anchors``: capitalised
    words it never writes in lower case, and katakana runs). Names written in Chinese
    characters are not read (a run of them is a phrase, not a name)."""
    return {key for key in text_anchors(text).keys if key.startswith("e:")}
