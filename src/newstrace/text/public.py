"""Public words: the parts of a news text that independent reports share without copying.

Two outlets covering one event print the same quotations (a president's tweet, a statement,
a line from a televised interview), the same dateline form and the same photo agency
credits. Shared word for word, those are evidence that both report one event, not that one
copied the other (on the AllSides development crawl, most verbatim passages shared by two
outlets' independent reports lie inside quotation marks). Copying shows in the reporter's
own narrative words; ``public_spans`` marks the rest so that relation rules can count only
narrative reuse.

What is marked, in each paragraph:

- quotations (``text.quotes.find_quotes``), with their marks;
- quoted posts: a paragraph carrying a post's signature, ``— Name (@handle) July 16, 2018``
  or a ``pic.twitter.com`` link, is the post's words;
- quotations in single marks, the British style ('We will not go,' she said): a mark
  opening before a capital letter and closing after the sentence's punctuation, on one
  line (an apostrophe rarely sits there; ``text.quotes`` leaves single marks alone, as a
  misquote needs surer marks);
- transcripts: a run of paragraphs under speakers' tags in capitals (opening a paragraph,
  a sentence or what a colon introduces) in which one speaker speaks twice
  (``KING: … CALLER: … KING: …``; ``Q: … A: … Q: …``), page labels ("UPDATE:") aside;
- datelines and credits: ``WASHINGTON (AP) —`` at a paragraph's start, photo credits
  (``(AP Photo/Evan Vucci)``, ``Photo: …``, ``Getty Images``).

Hand-written: no library marks quoted material in running news text; the rules are the
conventions of wire style.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from newstrace.model import Span
from newstrace.text.quotes import Quote, find_quotes

__all__ = ["CAPTION_OPENINGS", "merged_spans", "narrative_share", "outside", "public_spans"]

#: How wire photo captions open ("FILE PHOTO: Health workers move a patient ...", "FILE - In
#: this Nov. 8, 2006 photo ..."): such a line is a caption, whatever dates or figures it holds.
CAPTION_OPENINGS = ("FILE -", "FILE –", "FILE —", "FILE:", "FILE PHOTO")

_POST = re.compile(r"\(@\w{1,30}\)\s*(?:\w+\.?\s+\d{1,2},\s+\d{4})?|pic\.twitter\.com/\w+"
                   r"|https?://t\.co/\w+")
_DATELINE = re.compile(r"[A-Z][A-Za-z .,'-]{1,60}\((?:AP|Reuters|AFP|UPI|CNN|dpa|Bloomberg)\)"
                       r"\s*[—–-]+\s*")
_PHOTO = re.compile(r"\((?:AP|Reuters|AFP|Getty|Bloomberg|EPA)[^()\n]{0,60}Photo[^()\n]{0,60}\)"
                    r"|\((?:Photo|Image)[^()\n]{0,80}\)|\bPhoto(?:graph)?:[^\n.]{0,80}"
                    r"|\b(?:Getty Images|AP Photo|Reuters/[A-Z][\w ]{1,40})", re.IGNORECASE)
#: Words every photo credit holds one of: a search for them spares ``_PHOTO``'s scan (its
#: alternatives are tried at every position) of the paragraphs without a credit, most.
_PHOTO_HINT = re.compile(r"photo|image|reuters/", re.IGNORECASE)

#: A quotation in single marks: opening at a word's start before a capital, closing after
#: the sentence's punctuation at a word's end.
#: Inside, no mark but an apostrophe within a word ("don't"): a scare quote ('Squad') is
#: no quotation, and must not run on to the next quotation's closing mark.
_SINGLE = re.compile(r"(?<![\w'‘’])['‘](?=[A-Z])(?:[^\n'‘’]|['’](?=\w)){1,1200}?[.,!?]['’]"
                     r"(?![\w'’])")
#: A transcript's speaker tag: a name in capitals and a colon, opening the paragraph, a
#: sentence or what a colon introduces ("U.S.: more than 5,000" inside a sentence is no tag).
_TAG = re.compile(r"(?:^|(?<=[.?!:\]\"”] ))([A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]+){0,2}): ",
                  re.MULTILINE)
#: Capitals and a colon that label a page's parts, not speakers.
_LABELS = frozenset({"UPDATE", "UPDATED", "EDITOR'S NOTE", "EDITORS NOTE", "CORRECTION",
                     "WATCH", "READ", "READ MORE", "RELATED", "BREAKING", "PHOTOS", "VIDEO",
                     "CLARIFICATION", "NOTE"})

#: A quotation longer than this is a mark left open in flattened text, not someone's words.
_LONGEST_QUOTE = 1500
#: A post's words stand before its signature, this long at most (a post of 280 characters
#: and its link): the rest of a long paragraph (flattened text) is the report's own.
_LONGEST_POST = 400


def public_spans(text: str, paragraphs: Sequence[Span],
                 quotes: Sequence[Quote] | None = None) -> tuple[Span, ...]:
    """The public words of ``text``, as sorted, non-overlapping spans (``quotes``: its
    quotations, when the caller found them already)."""
    bounds = paragraphs or (Span(0, len(text)),)
    found: list[tuple[int, int]] = []
    for quote in (find_quotes(text, bounds) if quotes is None else quotes):
        if len(quote.span) <= _LONGEST_QUOTE:  # longer: an unclosed mark, not a quotation
            found.append((max(0, quote.span.start - 1), min(len(text), quote.span.end + 1)))
    for paragraph in bounds:
        post = _POST.search(text, paragraph.start, paragraph.end)
        if post:
            found.append((max(paragraph.start, post.start() - _LONGEST_POST), post.end()))
            continue
        dateline = _DATELINE.match(text, paragraph.start, paragraph.end)
        if dateline:
            found.append((dateline.start(), dateline.end()))
        if _PHOTO_HINT.search(text, paragraph.start, paragraph.end):
            for photo in _PHOTO.finditer(text, paragraph.start, paragraph.end):
                found.append((photo.start(), photo.end()))
        for single in _SINGLE.finditer(text, paragraph.start, paragraph.end):
            found.append((single.start(), single.end()))
    found.extend(_transcripts(text, bounds))
    return _merged(found)


def _transcripts(text: str, paragraphs: Sequence[Span]) -> list[tuple[int, int]]:
    """The exchanges under speakers' tags: a run of paragraphs that each open with a tag or
    hold two, in which one speaker speaks twice (KING, CALLER, KING; Q, A, Q). A state
    round-up ("TEXAS: ...", "FLORIDA: ...") names no one twice, and a lone "WASHINGTON: " is a
    dateline."""
    tags = [[(m.start(), m.group(1)) for m in _TAG.finditer(text, p.start, p.end)
             if m.group(1) not in _LABELS]
            for p in paragraphs]

    def tagged(i: int) -> bool:
        return bool(tags[i]) and (tags[i][0][0] == paragraphs[i].start or len(tags[i]) >= 2)
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(paragraphs):
        if not tagged(i):
            i += 1
            continue
        run = [i]
        while run[-1] + 1 < len(paragraphs) and tagged(run[-1] + 1):
            run.append(run[-1] + 1)
        names = [name for j in run for _, name in tags[j]]
        if len(set(names)) < len(names):  # a speaker speaks twice: an exchange
            out.extend((tags[j][0][0], paragraphs[j].end) for j in run)
        i = run[-1] + 1
    return out


def merged_spans(*groups: Sequence[Span]) -> tuple[Span, ...]:
    """Sorted, non-overlapping spans covering every span of ``groups``."""
    return _merged((s.start, s.end) for group in groups for s in group)


def _merged(found: Iterable[tuple[int, int]]) -> tuple[Span, ...]:
    out: list[list[int]] = []
    for start, end in sorted(found):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple(Span(start, end) for start, end in out)


def outside(span: Span, public: Sequence[Span]) -> int:
    """How many characters of ``span`` lie outside the public spans."""
    covered = 0
    first = max(0, bisect.bisect_right(public, Span(span.start, span.start)) - 1)
    for mark in public[first:]:
        if mark.start >= span.end:
            break
        covered += max(0, min(mark.end, span.end) - max(mark.start, span.start))
    return len(span) - covered


def narrative_share(span: Span, public: Sequence[Span]) -> float:
    """The share of ``span`` outside the public spans (1.0 for an empty span)."""
    return outside(span, public) / len(span) if len(span) else 1.0
