"""Paragraph and sentence segmentation as spans into the clean text.

Hand-written on purpose: news text needs a splitter that is fast (thousands of documents a
second), exact about offsets, and right on the cases that matter for alignment — "St.
Petersburg", "U.S.", "Aug. 25", "$3.5", "No. 10", ellipses inside quotes and a sentence that
ends inside its closing quotation mark. A regex with an abbreviation list does that; statistical
splitters (Punkt) need trained data files, and rule libraries such as pysbd are two orders of
magnitude slower.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newstrace.model import Document, Span

__all__ = [
    "ABBREVIATIONS",
    "SENTENCE_STARTERS",
    "paragraph_bounds",
    "segment_document",
    "sentence_bounds",
    "split_paragraphs",
    "split_sentences",
]

#: Words that end in a period without ending the sentence (compared lower-case, no period).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st sr jr gen lt col maj capt sgt cpl adm cmdr gov sen rep rev hon pres
    supt insp det fr sec amb brig atty
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    inc co corp ltd llc plc bros dept univ assn est approx vs etc al fig no nos vol ch pp
    mt ft ave blvd rd hwy ste apt
    """.split()
)

#: Capitalised words that very often begin a sentence; after an initialism ("U.S.") they mark
#: a real boundary, while a name ("U.S. Army") does not.
SENTENCE_STARTERS = frozenset(
    """
    The A An In On At It He She They We I But And Or So Yet This That These Those There Then
    However Meanwhile Still Also After Before When While If As Although Though His Her Their
    Its Our My Now Some Many Most Several One Two Three Last Next Earlier Later Instead Since
    According What Why How Who Where Nor For Despite Over Under Among More Few
    """.split()
)

# A candidate end: terminal punctuation, optional closing quotes/brackets, then white space;
# or a full stop of the scripts written without spaces (Chinese and Japanese "。", "！",
# "？"), which ends a sentence with no space after it. Without it a Japanese paragraph was
# one "sentence", and a Japanese translation of an English article aligned by no sentence.
_CJK_END = "。！？"
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|[" + _CJK_END + r"]+[」』）〕】\"”’]*")
#: A Japanese quotation closed after its full stop and followed by the particle that
#: reports it (「...。」と述べた: "... ," he said) goes on after the quotation.
_QUOTATIVE = re.compile(r"[とっ]")
_NEXT_WORD = re.compile(r"\s+([\"'“‘«(\[]*)(\S*)")
_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*|\n")
# In hard-wrapped text a single line break is a paragraph break only after terminal
# punctuation or before a line that opens like a new sentence (not lower case, a digit, a
# comma or an opening bracket).
_WRAPPED_BREAK = re.compile(
    r"\n[ \t\r\f\v]*\n\s*|(?<=[.!?:…])\n|\n(?![ \t]*[a-zà-ÿ0-9(,])")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")


def split_paragraphs(text: str, unwrap: bool = False) -> list[Span]:
    """Paragraphs: runs of text between line breaks, trimmed of surrounding white space.

    With ``unwrap`` the text is taken as hard-wrapped (plain-text corpora such as PAN's): a
    line break inside a sentence — no terminal punctuation before it, a lower-case word or a
    digit after it — joins the lines instead of splitting them. Extracted web text is not
    wrapped, and there a short line (a heading, a caption) is its own paragraph. Ingest's
    ``clean.wrapping`` decides for a whole text by its line widths (newswire wrapped at a
    typewriter width); PAN's obfuscated texts break lines at any width (none of the first
    300 passes that test), so this decides break by break.
    """
    return [Span(start, end) for start, end in paragraph_bounds(text, unwrap)]


def split_sentences(text: str, paragraphs: list[Span] | None = None,
                    unwrap: bool = False) -> list[Span]:
    """Sentences as trimmed spans; a sentence never crosses a paragraph boundary
    (``unwrap`` as for ``split_paragraphs``)."""
    blocks = ([(p.start, p.end) for p in paragraphs] if paragraphs is not None
              else paragraph_bounds(text, unwrap))
    return [Span(start, end) for block in blocks for start, end in sentence_bounds(text, *block)]


def paragraph_bounds(text: str, unwrap: bool = False) -> list[tuple[int, int]]:
    """``split_paragraphs`` as plain ``(start, end)`` pairs, for hot loops."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for match in (_WRAPPED_BREAK if unwrap else _PARA_BREAK).finditer(text):
        _append_trimmed(text, pos, match.start(), bounds)
        pos = match.end()
    _append_trimmed(text, pos, len(text), bounds)
    return bounds


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` (one paragraph) as trimmed ``(start, end)`` pairs."""
    bounds: list[tuple[int, int]] = []
    for match in _END.finditer(text, start, end):
        stop = match.end()
        if _is_boundary(text, match.start(), stop, end):
            _append_trimmed(text, start, stop, bounds)
            start = stop
    _append_trimmed(text, start, end, bounds)
    return bounds


def _is_boundary(text: str, punct_start: int, end: int, limit: int) -> bool:
    """Decide whether the terminal punctuation at ``punct_start`` ends a sentence."""
    if text[punct_start] in _CJK_END:
        return end >= limit or not (text[end - 1] in "」』”" and _QUOTATIVE.match(text, end))
    following = _NEXT_WORD.match(text, end, limit)
    if following is None:
        return True
    opener, word = following.group(1), following.group(2)
    if not word:
        return True
    first = word[0]
    if first.islower() or first in ",;:-–—":
        return False  # "through ... with", "p.m. on", lists
    if text[punct_start] != ".":
        return True  # ! ? … before a capital or a quote
    if text[punct_start:end].startswith(".."):
        return bool(opener) or first.isupper()
    window = text[max(0, punct_start - 48) : punct_start]
    token = "" if not window or window[-1].isspace() else window.split()[-1]
    token = token.rpartition("。")[2].lstrip("\"'“‘«([")  # "。Mr." reads "Mr."
    if text[punct_start + 1 : end]:
        return True  # the period sits inside a closing quote or bracket: 'it.” Next'
    return not _is_abbreviation(token, word, first)


def _is_abbreviation(token: str, next_word: str, first: str) -> bool:
    """True when ``token.`` is an abbreviation that does not end the sentence here."""
    bare = token.rstrip(".")
    if bare.lower() in ABBREVIATIONS:
        return not (bare.lower() in {"etc", "al", "inc", "co", "corp", "ltd", "llc", "plc"}
                    and next_word.rstrip(",.;:") in SENTENCE_STARTERS)
    if _INITIALISM.match(token) or (len(bare) == 1 and bare.isupper()):
        # "U.S. Army" stays together; "in the U.S. The next day" splits.
        return next_word.rstrip(",.;:") not in SENTENCE_STARTERS
    return False


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        start += len(piece) - len(piece.lstrip())
        out.append((start, start + len(stripped)))


def segment_document(doc: Document) -> Document:
    """The document with its paragraph and sentence spans computed from its text (spans
    read from an earlier text, its site's repeated sentences, are dropped)."""
    paragraphs = split_paragraphs(doc.text)
    return replace(doc, paragraphs=tuple(paragraphs),
                   sentences=tuple(split_sentences(doc.text, paragraphs)), repeated=None)
