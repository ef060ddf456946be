"""Quotations: where they are, and whether a copy kept the quoted words.

Words inside quotation marks are the one part of a news text a copy may not reword: they
claim to be what someone said. So a derived quotation must appear word for word in a source
quotation (a shorter piece of it is fine: partial quoting is normal). Curly or straight marks,
white space, case and punctuation are not words and do not count.

Only double marks open a quotation (“…”, "…", «…», „…“, and the typewriter pairs ``…'' that
wire copy still carries): a single curly mark is far more often an apostrophe (couldn’t) than
a nested quote. A quotation left open at the end of its
paragraph ends there, as wire style continues a long quote in the next paragraph.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.model import Span
from newstrace.text.tokens import token_norms

__all__ = ["Quote", "find_quotes", "marks_stripped", "quote_words", "speech_joins", "within"]

_MARK = re.compile(r"[“”\"«»„]|``|''")
_OPENERS = ("“", "«", "„", "\"", "``")
_CLOSERS = {"“": ("”", "\""), "«": ("»",), "„": ("“", "”", "\""), "\"": ("\"", "”", "''"),
            "``": ("''", "\"", "”")}
#: Contractions written out, so that "it's" in one copy and "it is" in another are the same
#: words (only pronouns' "'s": "Powell's" is a possessive).
_CONTRACTED = re.compile(r"\b(\w+)(n't|'re|'m|'ve|'ll|'d)\b|\b(it|that|there|here|he|she|what|who"
                         r"|where|let)'s\b")
_SUFFIXES = {"n't": "not", "'re": "are", "'m": "am", "'ve": "have", "'ll": "will", "'d": "would"}
_STEMS = {"ca": "can", "wo": "will", "sha": "shall"}
#: Negative contractions written without their apostrophe ("dont", "wasnt"): posts, and
#: pages whose punctuation a converter stripped, write them so; "cant" and "wont" are rarely
#: the nouns.
_BARE = {bare: (verb, "not") for bare, verb in (
    ("dont", "do"), ("doesnt", "does"), ("didnt", "did"), ("cant", "can"), ("wont", "will"),
    ("isnt", "is"), ("arent", "are"), ("wasnt", "was"), ("werent", "were"),
    ("couldnt", "could"), ("wouldnt", "would"), ("shouldnt", "should"), ("hasnt", "has"),
    ("havent", "have"), ("hadnt", "had"), ("mustnt", "must"), ("neednt", "need"))}
#: Every character a text quotes or contracts with; a long text holding none of them lost
#: its punctuation in conversion (``marks_stripped``).
_ANY_MARK = re.compile(r"[“”\"«»„‘’'–—]")
#: From this length a text with no quotation mark, apostrophe or dash is read as stripped:
#: a news report of 250 words without a quote, a possessive or a contraction is rare.
_STRIPPED_LENGTH = 1500


@dataclass(frozen=True, slots=True)
class Quote:
    """The text between a pair of quotation marks (``span`` excludes the marks)."""

    span: Span
    words: tuple[str, ...]

    @property
    def joined(self) -> str:
        """The words with single spaces, for containment tests."""
        return " ".join(self.words)


def _expand(match: re.Match[str]) -> str:
    if match.group(3):
        return f"{match.group(3)} {'us' if match.group(3) == 'let' else 'is'}"
    stem = match.group(1)
    return f"{_STEMS.get(stem, stem)} {_SUFFIXES[match.group(2)]}"


@functools.lru_cache(maxsize=4096)
def quote_words(text: str) -> tuple[str, ...]:
    """Normalised words (lower case, straight apostrophes, contractions written out) of a
    piece of text: "couldn’t" is "could not", "we're" is "we are". Memoised: every
    detector reads the same two texts of a group."""
    words = token_norms(text)
    if not any("'" in w or w == "cannot" or w in _BARE for w in words):
        return tuple(words)
    joined = _CONTRACTED.sub(_expand, " ".join(words))
    return tuple(w for word in joined.split() for w in (("can", "not") if word == "cannot"
                                                          else _BARE.get(word, (word,))))


def marks_stripped(text: str) -> bool:
    """Whether a text lost its quotation marks, apostrophes and dashes in conversion (an
    encoding step that dropped every non-ASCII character, say): its quotations cannot be
    told from its narration, nor "7–6" from "76", so changes that read marks do not apply."""
    return len(text) >= _STRIPPED_LENGTH and not _ANY_MARK.search(text)


def _paragraph_quotes(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    opened: tuple[int, str] | None = None
    for match in _MARK.finditer(text, start, end):
        mark, at = match.group(), match.start()
        if opened is None:
            if mark in _OPENERS:
                opened = (at, mark)
        elif mark in _CLOSERS[opened[1]]:
            spans.append(Span(opened[0] + len(opened[1]), at))
            opened = None
        elif mark in _OPENERS:  # an unclosed quote: the new mark starts the next one
            opened = (at, mark)
    if opened is not None and end - opened[0] > 2:
        spans.append(Span(opened[0] + len(opened[1]), end))
    return spans


def find_quotes(text: str, paragraphs: Sequence[Span]) -> tuple[Quote, ...]:
    """Every quotation in ``text`` with at least one word, in text order."""
    bounds = paragraphs or (Span(0, len(text)),)
    out: list[Quote] = []
    for paragraph in bounds:
        at = paragraph.start
        piece = text[paragraph.start:paragraph.end]
        found = _remembered(piece) if len(piece) <= _REMEMBERED_CHARS else _found(piece)
        out.extend(Quote(Span(at + start, at + end), words) for start, end, words in found)
    return tuple(out)


#: Paragraphs up to this long have their quotations remembered (``_remembered``); longer
#: ones (a text without paragraphs, a pasted query) are read each time, so the cache holds
#: at most about 16,384 x 4 KB.
_REMEMBERED_CHARS = 4096
_Found = tuple[tuple[int, int, tuple[str, ...]], ...]


def _found(paragraph: str) -> _Found:
    """A paragraph's quotations with at least one word, as (start, end, words) within it
    (a quotation's marks pair up within its paragraph alone)."""
    found = ((span, quote_words(paragraph[span.start:span.end]))
             for span in _paragraph_quotes(paragraph, 0, len(paragraph)))
    return tuple((span.start, span.end, words) for span, words in found if words)


@functools.lru_cache(maxsize=1 << 14)
def _remembered(paragraph: str) -> _Found:
    """``_found``, memoised: every stage reads a document's quotations, and a crawl repeats
    paragraphs across copies."""
    return _found(paragraph)


#: A speech tag splitting one quotation (“We are declaring war,” she said, “on …”) is this
#: short: at most this many words and characters between the two pieces, on one line (a
#: tag may carry an apposition: "said board member and Stanford physicist Douglas Osheroff").
_TAG_WORDS = 12
_TAG_CHARS = 120


def speech_joins(text: str, quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """Consecutive quotations split by a speech tag, each pair as one quotation (its span
    runs from the first piece's start to the second's end, over the tag): a copy that
    rejoins the pieces keeps the speaker's words in their order, which is no misquote."""
    out: list[Quote] = []
    for first, second in itertools.pairwise(quotes):
        gap = text[first.span.end:second.span.start]
        if len(gap) <= _TAG_CHARS and "\n" not in gap and len(token_norms(gap)) <= _TAG_WORDS:
            out.append(Quote(Span(first.span.start, second.span.end),
                             first.words + second.words))
    return tuple(out)


def within(quotes: Sequence[Quote], span: Span) -> list[Quote]:
    """The quotations that start inside ``span``."""
    return [q for q in quotes if span.start <= q.span.start < span.end]


def contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """Whether ``needle`` occurs as a contiguous run of words in ``haystack``."""
    if not needle:
        return True
    joined = " " + " ".join(haystack) + " "
    return " " + " ".join(needle) + " " in joined


def word_dice(x: Sequence[str], y: Sequence[str]) -> float:
    """Dice overlap of two word sets."""
    sx, sy = set(x), set(y)
    return 2 * len(sx & sy) / (len(sx) + len(sy)) if sx or sy else 0.0
