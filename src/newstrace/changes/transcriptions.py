"""One statement transcribed two ways by two independent reports.

Two outlets that both quote a press conference, a speech or a post often write the
speaker's words differently: one hears "we will not", the other "we won't"; one quotes "a
total disaster", the other "a complete disaster". Neither copied the other, so this is no
copy's misquote (``quote_altered``); but a fact-checker wants to see it, since at most one
of the two is what was said. ``transcriptions`` finds, between the quotations of two reports
of one event, those that are clearly one statement (most of their content words shared)
but not word for word the same, and reports both versions as a ``transcription_differs``
finding: medium when content words, figures or negations differ, low when only small words
do.

Quoting more or less of one statement (one quotation inside the other) is not a difference.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from newstrace.changes.negation import negations
from newstrace.index.hashsets import HashedSets, exact_dice, joined_sets, set_hashes
from newstrace.index.sentences import content_words
from newstrace.model import Change, Document
from newstrace.text.quotes import Quote, find_quotes

__all__ = ["SAME_STATEMENT", "Statements", "statements", "transcriptions"]

#: Two quotations sharing this Dice share of their content words are one statement.
SAME_STATEMENT = 0.6
#: Quotations shorter than this (in words) are phrases, not statements to compare.
_MIN_WORDS = 6


def _content(quote: Quote) -> tuple[str, ...]:
    return _content_of(quote.joined)


@functools.lru_cache(maxsize=1 << 14)
def _content_of(joined: str) -> tuple[str, ...]:
    """A statement's content words, sorted (memoised: each statement of a report is compared
    with every statement of each report it is linked to)."""
    return tuple(sorted(content_words(joined)))


def _marked(quote: Quote) -> tuple[int, frozenset[str]]:
    """What content words leave out but a statement turns on: its negations, its figures."""
    return (negations(quote.words), frozenset(w for w in quote.words if w[:1].isdigit()))


@dataclass(frozen=True, slots=True)
class Statements:
    """A document's statements as ``transcriptions`` compares them, read once: the
    quotations, their words padded for containment tests, their content words hashed for
    every Dice share of two reports' statements at once (a much-quoted report is linked to
    hundreds of others, and pair by pair this was a sixth of a dense crawl's report)."""

    quotes: tuple[Quote, ...]
    padded: tuple[str, ...]
    content: HashedSets


def statements(doc: Document) -> Statements:
    """The quotations of a document long enough to be statements."""
    quotes = tuple(q for q in find_quotes(doc.text, doc.paragraphs)
                   if len(q.words) >= _MIN_WORDS)
    return Statements(quotes, tuple(f" {q.joined} " for q in quotes),
                      joined_sets([set_hashes(_content(q)) for q in quotes], unions=False))


def transcriptions(a: Document, b: Document, quotes_a: Statements | None = None,
                   quotes_b: Statements | None = None) -> tuple[Change, ...]:
    """Each quotation of ``a`` that ``b`` transcribes differently, with both versions
    (``source`` spans point into ``a``, ``derived`` into ``b``), in ``a``'s order;
    ``quotes_a``/``quotes_b`` are their ``statements`` when already read."""
    read_a = statements(a) if quotes_a is None else quotes_a
    read_b = statements(b) if quotes_b is None else quotes_b
    if not read_a.quotes or not read_b.quotes:
        return ()
    shares = exact_dice(read_a.content, read_b.content)
    out: list[Change] = []
    for row, (qa, padded) in enumerate(zip(read_a.quotes, read_a.padded, strict=True)):
        if any(padded in other or other in padded for other in read_b.padded):
            continue  # b has these words (or a stretch of them) as they are
        # the best match, the earliest of equals (b's quotations are in text order)
        at = int(np.argmax(shares[row]))
        best, share = read_b.quotes[at], float(shares[row, at])
        if share < SAME_STATEMENT:
            continue
        differs = set(_content(qa)) != set(_content(best)) or _marked(qa) != _marked(best)
        before = a.text[qa.span.start:qa.span.end]
        after = b.text[best.span.start:best.span.end]
        out.append(Change(
            "transcription_differs", "medium" if differs else "low", qa.span, best.span,
            before.strip(), after.strip(),
            "two independent reports quote one statement in different words; at most one "
            "of them is what was said"))
    return tuple(out)
