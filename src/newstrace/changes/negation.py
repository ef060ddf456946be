"""Negations gained or lost: "couldn’t not think about it" is not "couldn’t think about it".

A negation is counted per word (``not``, ``no``, ``never``, ``without``, any ``n't``
contraction, and verbs that mean "not": avoid, refuse, deny...). Two aligned texts whose
counts differ say opposite things unless the rewrite expressed the negation another way
("asked not to be named" / "requested anonymity"); so a difference is high severity where
the words are otherwise close (a copy or a quotation), medium where they are near, and low
in a free rewrite, where it is most likely rephrasing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from newstrace.changes.attribution import NOT_VERIFIED
from newstrace.changes.context import PairText, change
from newstrace.changes.groups import Group
from newstrace.index.sentences import stem
from newstrace.model import Change
from newstrace.text.quotes import Quote, quote_words, within, word_dice

__all__ = ["NEGATIONS", "negated_words", "negation_changes", "negations", "total_negations"]

#: Words that negate what follows them ("n't" contractions are counted apart).
NEGATIONS = frozenset("not no never nor neither nobody none nothing nowhere without "
                      "cannot rarely seldom hardly scarcely".split())
#: "nor" goes on with a negation already made ("have not found X, nor Y"): it counts only
#: without one before it in the same text.
_CONTINUING = frozenset({"nor"})
#: Verbs that carry a negation in their meaning ("avoid drinking" is "not drink"): a rewrite
#: swaps "nobody should drink" for "people should avoid drinking" without flipping anything.
#: Matched as word starts ("rather" only before "than"); those in ``BEFORE_TO`` only when
#: "to" or "comment" follows ("declined to comment" negates, "shares declined" does not).
IMPLICIT = ("avoid", "refrain", "refus", "deni", "deny", "reject", "disput")
BEFORE_TO = ("fail", "declin")
#: What may follow those verbs for them to negate: "declined to", "declined comment".
_AFTER = frozenset({"to", "comment", "comments"})
#: Word overlap (Dice) above which a lost or gained negation is a flip (a copy or a light
#: edit: high severity), between which it probably is (medium), and below which the rewrite
#: may well have said the same thing another way (low).
CLOSE_WORDS = 0.6
NEAR_WORDS = 0.4
_VERIFIED = re.compile(NOT_VERIFIED, re.IGNORECASE)
#: Words a negation may stand before without being what it negates ("not be", "no longer").
_SMALL = frozenset("a an the be been being to of it its any all this that their his her our "
                   "your my they we he she you i is are was were have has had do does did "
                   "so very too more longer".split())


_NEGATING = re.compile(
    r"(?:^| )(?:(?:" + "|".join(sorted(NEGATIONS)) + r")(?= |$)|[^ ]*n't(?= |$)"
    r"|(?:" + "|".join(IMPLICIT) + r")[^ ]*|rather(?= than(?= |$))"
    r"|(?:" + "|".join(BEFORE_TO) + r")[^ ]*(?= (?:" + "|".join(sorted(_AFTER)) + r")(?= |$)))")


def negation_positions(words: Sequence[str]) -> list[int]:
    """Where a sequence of normalised words negates (a "nor" after a negation is not new).

    One regular expression over the joined words: the stage reads every changed group."""
    joined = " ".join(words)
    found: list[int] = []
    for match in _NEGATING.finditer(joined):
        start = match.start() + (joined[match.start()] == " ")
        i = joined.count(" ", 0, start)
        if not (found and words[i] in _CONTINUING) and not _idiom(words, i):
            found.append(i)
    return found


def _idiom(words: Sequence[str], i: int) -> bool:
    """A "not" that negates nothing: "whether or not", "not only ... but"."""
    if words[i] != "not":
        return False
    if i >= 1 and words[i - 1] == "or" and "whether" in words[max(0, i - 12):i]:
        return True
    return i + 1 < len(words) and words[i + 1] == "only"


def negations(words: Sequence[str]) -> int:
    """How many negations a sequence of normalised words holds."""
    return len(negation_positions(words))


def negated_words(words: Sequence[str]) -> set[str]:
    """The stems of the words each negation bears on: the first content word after it."""
    out: set[str] = set()
    for i in negation_positions(words):
        first = i + 2 if words[i] == "rather" else i + 1  # "rather than later": "later"
        following = [w for w in words[first:first + 4] if w not in _SMALL and len(w) > 2]
        if following:
            out.add(stem(following[0]))
    return out


@functools.lru_cache(maxsize=4096)
def total_negations(text: str) -> int:
    """Negations in a whole text, quoted or not ("could not be independently verified" is a
    hedge, not a negation). A copy that moves a negation into or out of quotation marks, or
    splits a quotation differently, still says the same: only these totals tell a flip."""
    return negations(quote_words(_VERIFIED.sub(" ", text)))


def _outside_quotes(text: str, offset: int, quotes: Sequence[Quote]) -> tuple[str, ...]:
    """The words of ``text`` (starting at ``offset``) that lie outside quotations."""
    pieces: list[str] = []
    at = offset
    for q in sorted(quotes, key=lambda q: q.span.start):
        if q.span.start >= at:
            pieces.append(text[at - offset:q.span.start - offset])
            at = max(at, q.span.end)
    pieces.append(text[max(0, at - offset):])
    return quote_words(_VERIFIED.sub(" ", " ".join(pieces)))


def negation_changes(pair: PairText, group: Group) -> list[Change]:
    """A negation gained or lost outside quotations (quotations are judged with them), when
    the group as a whole gained or lost one."""
    a_text, b_text = pair.a(group), pair.b(group)
    if total_negations(a_text) == total_negations(b_text):
        return []
    a_words = _outside_quotes(a_text, group.a_span.start, within(pair.source_view.quotes,
                                                                 group.a_span))
    b_words = _outside_quotes(b_text, group.b_span.start, within(pair.derived_view.quotes,
                                                                 group.b_span))
    before, after = negations(a_words), negations(b_words)
    if before == after:
        return []
    overlap = word_dice(quote_words(a_text), quote_words(b_text))
    severity = ("high" if overlap >= CLOSE_WORDS else "medium" if overlap >= NEAR_WORDS
                else "low")
    what = "lost" if after < before else "gained"
    more, other = (a_words, b_words) if before > after else (b_words, a_words)
    if not negated_words(more) & {stem(w) for w in other}:
        # What the negation bore on is not in the other text at all: a clause was left out
        # or added, not turned around.
        severity = "low"
    near = pair.around(group, derived=before > after)
    if severity != "low" and negated_words(more) <= negated_words(quote_words(near)):
        # The other document negates the same words elsewhere (the sentence sits just
        # outside the aligned group): nothing was turned around.
        return []
    return [change("negation_flipped", severity, group.a_span, group.b_span, a_text, b_text,
                   f"the copy {what} a negation ({before} in the source, {after} here)"
                   + ("" if severity == "high" else "; a rewrite may have rephrased it"))]

