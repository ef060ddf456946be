"""Translations told without a multilingual encoder: names and numbers in the same order at
the same places.

A translation keeps its original's names and figures, and keeps them where they were: the
third paragraph's "Bill Morneau" and "41 000" are in the translation's third paragraph. Two
independent reports of one event share names too, but not their order and places. So each
side's anchors (capitalised words that are not ordinary words of the text, and digit
groups) are keyed so that they compare across languages and scripts, and matched where
their relative places in the two texts agree; the longest chain of such matches in order in
both texts is the evidence (the idea of anchor-based parallel text alignment, as in Gale and
Church's aligner and its successors, whose length models are not needed here).

Keys: a name is folded to ASCII (``anyascii``: "Путин" -> "Putin", "トランプ" -> "toranpu"),
spellings of one sound are made one letter (``_SOUNDS``) and it is reduced to its first
letter and consonant skeleton, so that transliterations and inflections meet
("Putin"/"Путина" -> "ptn", "Trump"/"トランプ" -> "trmp"); a number is each of its runs of
two or more digits that are not all zeros, which reads "41 000", "41,000" and "41.000"
alike. Runs of katakana are
names (Japanese writes foreign names so, with no capital to mark them); a text whose words
are otherwise uncased (Chinese, Japanese, Arabic) has only those and its figures.

Measured on WMT21's tuning half (``evaluate.translations``): translations' chains cover
0.34-0.90 of the smaller side's anchors; other articles of the same language pair at most
0.44 (two reports of one event naming the same people in much the same order), which their
figures then tell apart (``FIGURES_KEPT``).

Written here because no maintained library aligns documents across languages by order-
preserving anchors without a bilingual lexicon or a multilingual model.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from anyascii import anyascii

from newstrace.text.immutables import NOT_NAMES
from newstrace.text.scripts import UNSPACED_CHARS

__all__ = ["ANCHOR_CHAIN", "ANCHOR_SHARE", "ANCHOR_SURE", "FIGURES_KEPT", "LENGTH_SPAN", "Anchors",
           "Chain", "anchor_chain", "name_sound", "proportionate", "sound_keys", "text_anchors",
           "translated"]

#: A translation's chain holds at least this many anchors ...
ANCHOR_CHAIN = 4
#: ... and this share of the smaller side's anchors.
ANCHOR_SHARE = 0.3
#: ... and, unless the chain holds this share (which no two reports of one event reached:
#: at most 0.44 on WMT21's tuning half, translations 0.34-0.90 with a median of 0.65), ...
ANCHOR_SURE = 0.6
#: ... where both texts hold two figures or more, more than this share of the smaller
#: side's figures are the other's: a translator keeps every figure, while two reports of one
#: event in the same order differ in theirs (WMT21's tuning half: translations 0.5-1.0 with
#: 4 of 200 at 0.5 or under; the same-event pairs whose chains passed, 0.4-0.6).
FIGURES_KEPT = 0.6
#: Matched anchors lie within this share of the text of the line through the others.
PLACE_TOLERANCE = 0.045
#: Slopes allowed for that line: one text may have lost a part the other kept (a cut top,
#: a dropped paragraph), so relative places are fitted by a line, not taken as equal.
_SLOPES = (0.5, 2.0)
#: Anchors read (first occurrences, in order) to fit the line: enough for any article.
_FIT_ANCHORS = 80

#: A word: a run of word characters outside the scripts written without spaces (kana, kanji,
#: hangul), which in a Japanese text would glue a Latin name to the words around it
#: ("BJPとヒンドゥー民族主義" read as one capitalised word).
_WORD = rf"[^\W{UNSPACED_CHARS}]+"
_TOKEN = re.compile(_WORD + r"(?:[-'’]" + _WORD + r")*")
_DIGITS = re.compile(r"\d{2,}")
_VOWELS = re.compile(r"[aeiouy]")
#: An English possessive's ending: "Modi's" is Modi, as the translation writes him.
_POSSESSIVE = re.compile(r"['’][sS]$")
_REPEATS = re.compile(r"(.)\1+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


@dataclass(frozen=True, slots=True)
class Anchors:
    """A text's anchors in reading order: keys (``n:``/``e:``) and relative places."""

    keys: tuple[str, ...]
    places: tuple[float, ...]

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(frozen=True, slots=True)
class Chain:
    """The longest chain of anchors matched in order at agreeing places."""

    length: int
    share: float  # of the smaller side's anchors
    #: The share of the smaller side's distinct figures that the other holds; None where
    #: either holds fewer than two.
    figures: float | None = None
    #: The line that maps a place in the first text (a share of it) to its place in the
    #: second: a translation of the whole has slope 1 and offset 0, one of its first half
    #: slope 2.
    slope: float = 1.0
    offset: float = 0.0
    #: Distinct anchors (names and figures) in the chain found, one of the longest (which
    #: one, where several are, follows the order of the matches). Where no figures confirm
    #: it, a chain of a few names met again and again is chance: a Japanese text writes
    #: loanwords in katakana too ("ラウンド" for "round"), and on WMT21's machine
    #: translations one such word met six times and a Luanda said twice chained an
    #: Icelandic report on Angola to a Japanese one on American football. Three
    #: translations of WMT21 chain 2-3 distinct names, all with their figures kept.
    distinct: int = 0
    #: Whether the two texts' lengths are those of a text and its translation
    #: (``proportionate``; True where the lengths were not compared).
    proportionate: bool = True

    def translated(self) -> bool:
        """Whether the chain makes the two texts translations of one another."""
        kept = self.figures is not None and self.figures > FIGURES_KEPT
        return self.length >= ANCHOR_CHAIN and (self.distinct >= ANCHOR_CHAIN or kept) \
            and self.share >= ANCHOR_SHARE and (
            self.share >= ANCHOR_SURE or self.figures is None or self.figures > FIGURES_KEPT) \
            and self.proportionate


#: Sounds that scripts and languages write in several ways, folded to one letter before the
#: vowels go: "sh"/"s", "ng"/"n", "th"/"s", "l"/"r", "v"/"b", "c"/"k", and an "n" before a
#: lip sound, so that Japanese katakana read by ``anyascii`` meets the English spelling
#: ("toranpu" and "Trump" -> "trmp", "washinton" and "Washington" -> "wsntn"), and Russian
#: "kh" meets German "ch" ("Альбрехт" and "Albrecht").
_SOUNDS = (("sch", "s"), ("sh", "s"), ("kh", "k"), ("ch", "k"), ("ph", "f"), ("th", "s"),
           ("ng", "n"), ("ck", "k"), ("c", "k"), ("q", "k"), ("x", "ks"), ("z", "s"),
           ("l", "r"), ("v", "b"))
_LIP = re.compile(r"n(?=[bpm])")
#: Katakana runs: how Japanese writes foreign names ("ドナルド・トランプ"), read as names.
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")


@functools.lru_cache(maxsize=1 << 16)
def _name_key(word: str) -> str | None:
    folded = _NOT_ALNUM.sub("", anyascii(word).lower())
    if len(folded) < 3:
        return None
    for spelled, sound in _SOUNDS:
        folded = folded.replace(spelled, sound)
    skeleton = _REPEATS.sub(r"\1", _LIP.sub("m", folded[0] + _VOWELS.sub("", folded[1:])))
    return f"e:{skeleton}" if len(skeleton) >= 2 else None


def text_anchors(text: str) -> Anchors:
    """The anchors of a text: its digit groups, and its capitalised words that the text
    never writes in lower case (a word capitalised only to start a sentence is an ordinary
    word, written lower case elsewhere) and that are not function words (``NOT_NAMES``)."""
    text = _myriads(text)
    tokens = list(_TOKEN.finditer(text))
    lower = {m.group().lower() for m in tokens if m.group()[0].islower()}
    size = max(1, len(text))
    keys: list[str] = []
    places: list[float] = []
    if _KATAKANA.search(text):
        tokens = sorted([*tokens, *_KATAKANA.finditer(text)], key=lambda m: m.start())
    for match in tokens:
        word = match.group()
        if any(ch.isdigit() for ch in word):
            # each group at its own place ("2020-2021" is two anchors, in order); a group of
            # zeros ("000" of every "N,000") says nothing of which figure it is
            for group in _DIGITS.finditer(anyascii(word)):
                if group.group().strip("0"):
                    keys.append(f"n:{group.group()}")
                    places.append(min(match.start() + group.start(), size - 1) / size)
            continue
        word = _POSSESSIVE.sub("", word)  # "Modi's" is Modi; "That's" is "That", no name
        if match.re is _KATAKANA or (
                word[0].isupper() and (low := word.lower()) not in lower and low not in NOT_NAMES):
            key = _name_key(word)
            if key:
                keys.append(key)
                places.append(match.start() / size)
    return Anchors(tuple(keys), tuple(places))


#: Japanese, Chinese and Korean count large figures in myriads: "60万" is 600,000, "1,200万"
#: 12 million, "3万5000" 35,000. Written out in digit groups ("600,000") they meet the
#: other language's figure; a decimal ("1.5億") is left as it is (its digits split at the
#: point, in every language).
_MYRIADS = {"万": 10**4, "萬": 10**4, "만": 10**4, "億": 10**8, "亿": 10**8, "억": 10**8,
            "兆": 10**12, "조": 10**12}
_MYRIAD_NUMBER = re.compile(r"(?<![\d.])(\d[\d,]*)([万萬만億亿억兆조])(\d+)?")


def _myriads(text: str) -> str:
    """``text`` with its myriad-counted figures written out in groups of three."""
    def written(match: re.Match[str]) -> str:
        whole = int(match.group(1).replace(",", "")) * _MYRIADS[match.group(2)]
        return f"{whole + int(match.group(3) or 0):,}"
    return _MYRIAD_NUMBER.sub(written, text)  # the text itself where none is


def name_sound(word: str) -> str | None:
    """A name's sound key ("Albrecht", "Альбрехт" -> the same), or None for a short word."""
    key = _name_key(word)
    return key[2:] if key else None


def sound_keys(names: Iterable[str]) -> frozenset[str]:
    """Names (``e:`` keys or words) as ``s:`` keys of their sound (``_name_key``): what
    documents of two languages are proposed on (``stages.corpus``)."""
    out = set()
    for name in names:
        key = _name_key(name[2:] if name.startswith("e:") else name)
        if key:
            out.add(f"s:{key[2:]}")
    return frozenset(out)


def _line(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The line (slope, offset) through two of the points that passes within
    ``PLACE_TOLERANCE`` of the most points; the diagonal first, ties to the earliest."""
    lines = [(1.0, 0.0)]
    for i, (x1, y1) in enumerate(points):
        for x2, y2 in points[i + 1:]:
            if x2 - x1 > 0.15 and _SLOPES[0] <= (slope := (y2 - y1) / (x2 - x1)) <= _SLOPES[1]:
                lines.append((slope, y1 - slope * x1))
    fitted = np.array(lines)
    xs, ys = np.array(points).T
    near = np.abs(ys[None, :] - (fitted[:, :1] * xs[None, :] + fitted[:, 1:])) < PLACE_TOLERANCE
    slope, offset = fitted[int(np.argmax(near.sum(axis=1)))]  # argmax: the first best
    return float(slope), float(offset)


def anchor_chain(a: Anchors, b: Anchors) -> Chain:
    """The longest chain of anchors of ``a`` and ``b`` matched by key, in order in both
    texts, at places on one line (``_line``)."""
    if not len(a) or not len(b):
        return Chain(0, 0.0)
    firsts_a: dict[str, float] = {}
    firsts_b: dict[str, float] = {}
    for key, place in zip(a.keys, a.places, strict=True):
        firsts_a.setdefault(key, place)
    for key, place in zip(b.keys, b.places, strict=True):
        firsts_b.setdefault(key, place)
    shared = sorted((firsts_a[k], firsts_b[k]) for k in firsts_a.keys() & firsts_b.keys())
    if not shared:
        return Chain(0, 0.0)
    slope, offset = _line(shared[:_FIT_ANCHORS])
    at: dict[str, list[float]] = {}
    for key, place in zip(b.keys, b.places, strict=True):
        at.setdefault(key, []).append(place)
    matched = sorted((x, -y, key) for key, x in zip(a.keys, a.places, strict=True)
                     for y in at.get(key, ()) if abs(y - (slope * x + offset)) < PLACE_TOLERANCE)
    # the longest increasing run of places in b, a's places in order (one place of a
    # matched to several of b: one link), with each link's predecessor to read its keys
    tails: list[float] = []
    ends: list[int] = []
    before: list[int] = []
    for i, (_, negative, _) in enumerate(matched):
        position = bisect.bisect_left(tails, -negative)
        before.append(ends[position - 1] if position else -1)
        if position == len(tails):
            tails.append(-negative)
            ends.append(i)
        else:
            tails[position] = -negative
            ends[position] = i
    names: set[str] = set()
    link = ends[-1] if ends else -1
    while link >= 0:
        names.add(matched[link][2])
        link = before[link]
    return Chain(len(tails), round(len(tails) / min(len(a), len(b)), 4), _figures(a, b),
                 round(slope, 4), round(offset, 4), len(names))


def _figures(a: Anchors, b: Anchors) -> float | None:
    figures_a = {k for k in a.keys if k.startswith("n:")}
    figures_b = {k for k in b.keys if k.startswith("n:")}
    smaller = min(len(figures_a), len(figures_b))
    return round(len(figures_a & figures_b) / smaller, 4) if smaller >= 2 else None


#: A translation is about as long as the part of its original that it translates (Gale and
#: Church's aligner rests on this, sentence by sentence): on WMT21's tuning half, every
#: translation found by its anchors between languages written with spaces was 0.62-1.39
#: times the length its original and the chain's line predict (the gate half 0.72-1.50).
#: Two reports of one event naming the same people in the same order can be of any length
#: (the gate half's two chains of different articles over ``ANCHOR_SHARE`` lay at 0.50 and
#: 1.80). Set a quarter outside the tuning half's span, both ways alike.
LENGTH_SPAN = 1.75


def proportionate(length_a: int, length_b: int, slope: float) -> bool:
    """Whether texts of these lengths (in characters, in two languages written with spaces)
    are a text and a translation of it or of part of it, the chain's line mapping a place
    in the first to its place in the second with ``slope`` (2: the second translates the
    first's first half, so it should be half its length)."""
    if length_a <= 0 or length_b <= 0 or slope <= 0:
        return True
    ratio = length_b * slope / length_a
    return 1 / LENGTH_SPAN <= ratio <= LENGTH_SPAN


def translated(a: Anchors | None, b: Anchors | None) -> Chain | None:
    """The anchor chain of two texts in different languages, or None where either side's
    anchors were not read (a text of no identified language)."""
    return anchor_chain(a, b) if a is not None and b is not None else None
