"""How a copy marks someone's words besides double quotation marks.

The quotation detectors (``changes.misquotes``) read double marks; real pages also quote in
single marks (British papers, headlines), set a post or a statement apart as a paragraph of
its own (a block quote, its marks lost with the markup), print a speaker's first-person text
whole, and put titles in marks ("Fox News Sunday"). Each is a reason a quotation is still
marked as someone's words, or was never one.
"""

from __future__ import annotations

import re

from newstrace.changes.context import PairText
from newstrace.changes.groups import Group
from newstrace.text.quotes import Quote, contains, quote_words

__all__ = ["FIRST_PERSON", "block_quoted", "is_title", "single_quoted"]

#: Small words a title leaves in lower case.
_SMALL = frozenset("a an the of and in on for to at by with".split())

#: A quotation in single marks ('…', ‘…’), the house style of British papers and of
#: headlines: opened after a space or bracket, closed before one or punctuation (so an
#: apostrophe inside a word opens nothing).
_SINGLE = re.compile(r"(?:^|(?<=[\s(\[—–-]))[‘'](?=\w)(.+?)(?<=[\w.,!?])[’'](?=[\s.,;:!?)\]—–-]|$)")


def single_quoted(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``words`` stand inside single quotation marks in ``text``: still quoted."""
    return any(contains(quote_words(m.group(1)), words) for m in _SINGLE.finditer(text))


#: "I" cannot pass from a quotation into a reporter's narration unchanged ("we" can: an
#: organisation's statement), so unmarked first-person singular words are the speaker's own
#: text printed whole.
FIRST_PERSON = frozenset({"i", "me", "my"})
#: A quoted title: a few words, each capitalised but the small ones.
_TITLE_WORDS = 6


def is_title(text: str, quote: Quote) -> bool:
    """Whether a quotation is a title in marks (a show, an operation, a book)."""
    words = text[quote.span.start:quote.span.end].split()
    return len(words) <= _TITLE_WORDS and all(
        w[:1].isupper() or w.lower() in _SMALL for w in words)


#: Unquoted words making up this share of their paragraph in the copy stand as a block
#: quote (a post or a statement set apart, its marks lost with the markup).
_BLOCK = 0.8


def block_quoted(pair: PairText, group: Group, words: tuple[str, ...]) -> bool:
    """Whether the quotation's words form (nearly) a paragraph of the copy of their own."""
    text = pair.derived.text
    for paragraph in pair.derived.paragraphs:
        if paragraph.end <= group.b_span.start or paragraph.start >= group.b_span.end:
            continue
        held = quote_words(text[paragraph.start:paragraph.end])
        if contains(held, words) and len(words) >= _BLOCK * len(held):
            return True
    return False
