"""How much a segment of a flattened page reads as prose: the scores the article's densest
run is found by (``clean.flattened``).

A segment scores its word count, positive when it reads as a sentence (it ends in terminal
punctuation and at most half its words are capitalised, three quarters in a language that
capitalises its nouns) and negative, times 1.5, when it does not (menus, tag lists,
headlines); the article is the contiguous run of segments with the largest sum (the
body-text-extraction idea of Finn, Kushmerick & Smyth, 2001, over sentences). Written here
because no library scores text that arrives already flattened (``clean.flattened``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["CAPITAL_START", "TERMINAL", "WORD", "Segment", "densest_run", "page_capitals",
           "prose_score", "score_prose"]

# Word starts that are a capital letter (Latin, Greek, Cyrillic) or a digit: counting regex
# matches in C is several times faster than testing each word in Python. A figure is one
# word however it groups its digits: "26.469,89" and "3,215.63" start once, not three times
# (each group had counted, so a market report's sentences read as tables of figures).
CAPITAL_START = re.compile(r"(?<![\w'’])(?<!\d[.,])[A-Z0-9À-ÖØ-ÞΑ-ΩА-ЯЁ]")
#: What a sentence ends in: its full stop, or a closing quotation mark or bracket. Chinese and
#: Japanese close with "。", "！", "？" and "」"; German and Icelandic quote „so“, closing with
#: "“" (without these, WMT21's Japanese and Icelandic pages lost whole paragraphs).
TERMINAL = ".!?…:\"'”’»)。！？」』）“"
_NON_PROSE_WEIGHT = 1.5
#: A sentence has at most this share of its words capitalised (menus, tag lists and
#: headlines have more) ...
_CAPITALS = 0.5
#: ... or this share in a language that capitalises its nouns: a German news sentence has
#: 40-60% ("Der Chef des Konglomerats Berkshire Hathaway kaufte ... Aktien der Bank of
#: America": 10 of 18), and the 0.5 rule cut WMT21's German originals to their first line.
_CAPITALS_NOUNS = 0.75
#: Function words of the languages that capitalise nouns (German, Luxembourgish): a page
#: where they are this share of the words is read with ``_CAPITALS_NOUNS``.
_NOUN_CAPITALISING = re.compile(
    r"\b(?:der|die|das|und|nicht|ist|sich|mit|dem|den|auf|für|eine?|von|auch|wird|"
    r"werden|hat|wurde|zu|im|vun|an|ass|mat|fir|net|huet|gëtt)\b")
_NOUN_CAPITALISING_SHARE = 0.1
#: A word: letters and digits, with inner apostrophes ("don't", "l’indice").
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(slots=True)
class Segment:
    """A sentence of the page: its paragraph (block), its bounds, why it was dropped
    (None while kept) and its prose score."""

    block: int
    start: int
    end: int
    chrome: str | None = None  # why it was dropped, or None
    score: float | None = None  # prose score, computed once (see prose_score)


def page_capitals(text: str) -> float:
    """The share of capitalised words a sentence of this page may have (``_CAPITALS``)."""
    words = len(WORD.findall(text))
    function = len(_NOUN_CAPITALISING.findall(text.lower())) if words else 0
    return _CAPITALS_NOUNS if function >= _NOUN_CAPITALISING_SHARE * words else _CAPITALS


def score_prose(text: str, segments: list[Segment], capitals: float) -> None:
    """Score every segment's prose (``prose_score``) for a page of this kind; sentences full
    of names (``_named_prose``) between two sentences of prose score nothing."""
    for seg in segments:
        prose_score(text, seg, capitals)
    named = [seg.chrome is None and (seg.score or 0) < 0 and text[seg.end - 1] in TERMINAL
             and _named_prose(text, seg) for seg in segments]
    for start, end in _runs(named):
        if start > 0 and end < len(segments) and _prose(segments[start - 1]) \
                and _prose(segments[end]):
            for seg in segments[start:end]:
                seg.score = 0.0


def _runs(flags: list[bool]) -> Iterator[tuple[int, int]]:
    """The (start, end) of each run of true flags."""
    position = 0
    for flag, group in itertools.groupby(flags):
        size = sum(1 for _ in group)
        if flag:
            yield position, position + size
        position += size


def _prose(seg: Segment) -> bool:
    """Whether a segment is kept and reads as a sentence."""
    return seg.chrome is None and (seg.score or 0) > 0


def prose_score(text: str, seg: Segment, capitals: float = _CAPITALS) -> float:
    """Word count, positive for a segment that reads like a sentence, negative otherwise.

    A sentence ends in terminal punctuation and at most ``capitals`` of its words are
    capitalised or numbers (menus, tag lists and headlines are mostly capitalised).
    Non-prose weighs 1.5 times its words: tuned on the extraction benchmark, flattened (1.0
    gave 0.800 token F1, 1.5 gives 0.819, 2.0 0.806).
    """
    if seg.score is not None:
        return seg.score
    count = _words(text, seg)
    capitalised = len(CAPITAL_START.findall(text, seg.start, seg.end))
    if count >= 4 and text[seg.end - 1] in TERMINAL and capitalised <= capitals * count:
        seg.score = float(count)
    else:
        seg.score = -_NON_PROSE_WEIGHT * max(count, 1)
    return seg.score


#: Word starts in lower case (Latin, Greek, Cyrillic).
_LOWER_START = re.compile(r"(?<![\w'’])[a-zß-öø-ÿα-ωа-яё]")
#: A sentence over the capitals share is still prose with this many words in lower case,
#: and this share of its words: its verbs and function words ("The Karen Fire was reported
#: just after 3 p.m. on Sierra Avenue and Karen Lane.": 7 of 15). Menus, tag lists,
#: bylines and title-case headlines have none or one ("By John Smith and Jane Doe, AP.").
_NAMED_LOWER = 3
_NAMED_LOWER_SHARE = 0.3
#: ... and it is one sentence, at most this many words: a flattened page's menu glued to the
#: sentence after it ("Follow The Telegraph Follow on Facebook ... Tennis latest ...") runs
#: to a hundred words and more.
_NAMED_WORDS = 60


def _named_prose(text: str, seg: Segment) -> bool:
    """Whether a sentence with many capitalised words reads as prose full of names."""
    count = _words(text, seg)
    lower = len(_LOWER_START.findall(text, seg.start, seg.end))
    return count <= _NAMED_WORDS and lower >= max(_NAMED_LOWER, _NAMED_LOWER_SHARE * count)


#: Kana and Chinese characters: Chinese and Japanese are written without spaces between words.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def _words(text: str, seg: Segment) -> int:
    """How many words a segment holds: its spaces (a segment holds single spaces only), and
    one word for every two Chinese characters or kana, as most Chinese words and many
    Japanese ones are two characters long (counted by spaces, a Japanese paragraph was a
    word or two, too few to read as a sentence, and WMT21's Japanese pages lost them)."""
    return (text.count(" ", seg.start, seg.end) + 1
            + len(_UNSPACED.findall(text, seg.start, seg.end)) // 2)


def densest_run(text: str, live: list[Segment]) -> list[Segment]:
    """The contiguous run of segments with the largest total prose score (Kadane)."""
    best_sum, best = 0.0, (0, 0)
    run_sum, run_start = 0.0, 0
    for position, seg in enumerate(live):
        if run_sum <= 0:
            run_sum, run_start = 0, position
        run_sum += prose_score(text, seg)
        if run_sum > best_sum:
            best_sum, best = run_sum, (run_start, position + 1)
    return live[best[0] : best[1]]
