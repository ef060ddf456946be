"""Misquotes: a quotation whose words differ from the source's, lost its marks, or is new.

For each quotation in a derived group: kept when its words run, in order, inside one of the
source's quotations (around an ellipsis, piece by piece) or inside two pieces of one that a
speech tag split ("“We are declaring war,” she said, “on …”"); otherwise paired with the group's
most similar source quotation (or any source quotation sharing most of its words: alignment
groups can be off by a sentence, or the group's one unclaimed source quotation when they
share a word: a spun quote keeps little more) and
reported as ``quote_altered``, with the words it dropped and gained. A source quotation whose
words the copy kept without marks is ``quote_unquoted``; words in marks that no source
quotation holds are ``quote_added``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence

from newstrace.changes.context import PairText, change
from newstrace.changes.groups import Group
from newstrace.changes.negation import NEGATIONS, negated_words, negations, total_negations
from newstrace.changes.quote_marks import FIRST_PERSON, block_quoted, is_title, single_quoted
from newstrace.index.sentences import content_words, stem
from newstrace.model import Change
from newstrace.text.memo import per_text
from newstrace.text.quotes import Quote, contains, quote_words, within, word_dice

__all__ = ["difference", "quote_changes"]

#: A derived quotation sharing this much of its words with a source quotation of the same
#: group is an altered version of it; with one anywhere in the source, ``_ANYWHERE``.
_SAME_GROUP = 0.3
_ANYWHERE = 0.6
#: From this share of content words a quotation surely is the source's, reworded: high
#: severity; below it the pairing may have met another quotation of the same speaker.
_SURELY_SAME = 0.5
#: Quotations shorter than this are scare quotes or titles; they are kept or not, never
#: reported as altered or added.
_MIN_WORDS = 3


def difference(before: Sequence[str], after: Sequence[str]) -> str:
    """The words a copy dropped and gained, in reading order ("‘not’ dropped")."""
    dropped: list[str] = []
    gained: list[str] = []
    matcher = difflib.SequenceMatcher(a=list(before), b=list(after), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            dropped.append(" ".join(before[i1:i2]))
        if op in ("replace", "insert"):
            gained.append(" ".join(after[j1:j2]))
    parts = []
    if dropped:
        parts.append("dropped " + ", ".join(f"‘{w}’" for w in dropped[:4]))
    if gained:
        parts.append("added " + ", ".join(f"‘{w}’" for w in gained[:4]))
    return "; ".join(parts) or "word order changed"


#: Words whose change alone does not change what a quotation says ("this" / "the").
_MINOR = frozenset("a an the this that these those and but or so then therefore also".split())
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
#: An ellipsis, or an editor's words in brackets ("Admiral (Harold) Gehman", "[the president]
#: will come"): what stands around them must be the speaker's, what is inside need not be.
_ELISION = re.compile(r"\.\s?\.\s?\.|…|\[[^\[\]]*\]|\([^()]*\)")
_BRACKETS = frozenset("[(")


def _elided(source_text: str, text: str) -> bool:
    """Whether a source quotation stands in for words it left out, which a copy quoting
    more may have restored: an ellipsis, or brackets the copy's quotation does not keep."""
    return bool(_ELLIPSIS.search(source_text)
                or (_BRACKETS.isdisjoint(text) and _ELISION.search(source_text)))


def _faithful(source: Quote, text: str, source_text: str) -> bool:
    """Whether the quotation ``text`` keeps the words of ``source`` (written ``source_text``):
    contiguous inside it, or, around an ellipsis, its pieces in order inside it (a
    legitimate elision) — or around brackets ``source_text`` has none of: an editor's
    clarification. Brackets the source has too are its words, and compared as words."""
    own = _ELISION if _BRACKETS.isdisjoint(source_text) else _ELLIPSIS
    pieces = [tuple(_letters_joined(quote_words(piece))) for piece in own.split(text)]
    words = _letters_joined(source.words)
    at = 0
    for piece in pieces:
        if not piece:
            continue
        found = _find(words, piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def _find(words: list[str], piece: tuple[str, ...], start: int) -> int:
    for i in range(start, len(words) - len(piece) + 1):
        if tuple(words[i:i + len(piece)]) == piece:
            return i
    return -1


_SUFFIX = re.compile(r"(?:ies|es|s|ed|d|ing|ly)$")
#: Spellings this close (difflib ratio, words of five letters or more) are one word spelt two
#: ways ("labour" / "labor"), not a different word.
_SPELLING = 0.8


#: Small words a typing slip turns into each other.
_SMALL_TYPOS = frozenset({"than", "then"})
_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def _variant(x: str, y: str) -> bool:
    """Whether two words are one word inflected or spelt two ways ("attack" / "attacks",
    "U.S." / "US", "one" / "1")."""
    if _SUFFIX.sub("", x) == _SUFFIX.sub("", y) or x.replace(".", "") == y.replace(".", "") \
            or _NUMBER_WORDS.get(x, x) == _NUMBER_WORDS.get(y, y) or x.rstrip("s") == y.rstrip("s"):
        return True
    if {x, y} <= _SMALL_TYPOS:
        return True  # "than" / "then": a typo between two small words
    return (min(len(x), len(y)) >= 5
            and difflib.SequenceMatcher(a=x, b=y, autojunk=False).ratio() >= _SPELLING)


def _severity(before: Sequence[str], after: Sequence[str]) -> str | None:
    """High when content words differ; low when only small words, inflections or spellings
    do, or only small words were added; None when the two differ only in how compounds are
    written ("cyber assets" / "cyberassets")."""
    before, after = _letters_joined(_unstuttered(before)), _letters_joined(_unstuttered(after))
    if "".join(before).replace("-", "") == "".join(after).replace("-", ""):
        return None
    dropped = set(before) - set(after) - _MINOR
    gained = set(after) - set(before) - _MINOR
    if not dropped and not gained:
        return "low" if set(before) != set(after) else "high"  # reordered words: high
    if not dropped and _small(gained):
        return "low"  # small words added: "It will be" for "will be"
    lost, new = set(before) - set(after), set(after) - set(before)  # small words too
    if all(any(_variant(x, y) for y in new) for x in dropped) and all(
            any(_variant(y, x) for x in lost) for y in gained):
        return "low"  # "than" / "then": a small word on one side still spells the other
    return "high"


def _letters_joined(words: Sequence[str]) -> list[str]:
    """Runs of single letters joined: "U.S." read as "u", "s" is the word "us"."""
    out: list[str] = []
    for i, w in enumerate(words):
        if len(w) == 1 and w.isalpha() and i and len(words[i - 1]) == 1 \
                and words[i - 1].isalpha() and out:
            out[-1] += w
        else:
            out.append(w)
    return out


def _unstuttered(words: Sequence[str]) -> list[str]:
    """The words with immediate repeats dropped ("I'm, I'm free"): a transcript's stutter.
    A doubled negation is no stutter: "couldn't not" is "could not not"."""
    return [w for i, w in enumerate(words)
            if i == 0 or w != words[i - 1] or w in NEGATIONS]


def _small(words: set[str]) -> bool:
    """Whether added words are all function words: no content word, figure or negation."""
    return not (content_words(" ".join(words)) or words & NEGATIONS
                or any(w[:1].isdigit() for w in words))


def _content(quote: Quote) -> tuple[str, ...]:
    """A quotation's content words: two different quotes of one speaker share "I", "my" and
    "the", which must not make one the altered version of the other."""
    return tuple(content_words(quote.joined))


def _best(quote: Quote, candidates: Sequence[Quote], floor: float) -> Quote | None:
    scored = [(word_dice(_content(quote), _content(c)), -c.span.start, c) for c in candidates]
    scored = [s for s in scored if s[0] >= floor]
    return max(scored, key=lambda s: (s[0], s[1]))[2] if scored else None


def _quoted_stretch(before: Sequence[str], after: Sequence[str]) -> Sequence[str]:
    """The stretch of the source's quotation that the copy quotes from: where the copy's
    quotation starts (or ends) on a word of the source's, the source's words before (after)
    it were left out by quoting part of the quotation, which is normal, not dropped from it.
    A copy that starts on other words replaced the source's first ones: nothing is cut."""
    matcher = difflib.SequenceMatcher(a=list(before), b=list(after), autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return before
    first, last = blocks[0], blocks[-1]
    start = first.a if first.b == 0 else 0
    end = last.a + last.size if last.b + last.size == len(after) else len(before)
    return before[start:end]


def _widened(quote: Quote, piece: Quote, joins: Sequence[Quote]) -> Quote:
    """The source quotation an altered one is compared with: ``piece``, or the speech-tag
    join it begins or ends when the copy's words are closer to the whole (a copy that
    rejoined the pieces and changed a word in the second is shown that word)."""
    best, score = piece, word_dice(_content(quote), _content(piece))
    for join in joins:
        if piece.span.start == join.span.start or piece.span.end == join.span.end:
            joined = word_dice(_content(quote), _content(join))
            if joined > score:
                best, score = join, joined
    return best


def _runs_through(text: str, before: Quote, after: Quote) -> bool:
    """Whether the copy's longer quotation is, word for word, a stretch of the source's text
    around its quotation: wire copy continues a long quote in the next paragraph, and a
    copy that joins the paragraphs quotes it whole. Words the source never wrote there are
    words put into the speaker's mouth."""
    reach = after.span.end - after.span.start
    around = text[max(0, before.span.start - reach):before.span.end + reach]
    return contains(quote_words(around), after.words)


#: How far around its quotation the source may hold words a copy pulls into its marks (the
#: speaker's next quotation, the narration that introduced it).
_BESIDE_CHARS = 400


def _beside(text: str, before: Quote, quoted: Sequence[str], after: Sequence[str]) -> bool:
    """Whether the copy's quotation only adds words the source writes beside its own (an
    adjacent quotation merged in, "The president" moved inside the marks) and drops
    nothing: an editing of the marks, not words put in the speaker's mouth."""
    gained = set(after) - set(quoted)
    if not gained or set(quoted) - set(after) - _MINOR:
        return False
    around = text[max(0, before.span.start - _BESIDE_CHARS):before.span.end + _BESIDE_CHARS]
    return gained <= set(quote_words(around))


#: Words whose loss or gain at a quotation's end changes what it says: a negation, a
#: condition.
_MEANING = frozenset({"not", "no", "never", "if", "unless", "only", "except", "until"}) \
    | NEGATIONS


def _trimmed(quoted: Sequence[str], after: Sequence[str], whole: Sequence[str]) -> bool:
    """Whether two quotations are more and less of one statement: the shorter one's words
    run, in order and unchanged, inside the longer (the source's whole quotation or the
    copy's), so only words at the ends differ, and no negation or condition is among them.
    A copy quoting a tweet whole where its source quoted a phrase of it is no misquote;
    words put inside a quotation, between its words, are."""
    for short, long in ((after, whole), (quoted, after), (after, quoted)):
        if len(short) < len(long) and contains(long, short):
            extra = set(long) - set(short)
            return not extra & _MEANING
    return False


def _cut_condition(pair: PairText, source: Quote, kept: Quote) -> list[Change]:
    """A copy quoting part of a quotation is normal, unless the part stops right before a
    negation or a condition that bore on it ("We will close the plant" of "We will close
    the plant only if the talks fail"): then what is quoted says something else."""
    if pair.derived.text[kept.span.start:kept.span.end].rstrip(" ,’'\"”").endswith(
            (".", "!", "?")):
        return []  # a whole sentence quoted: what follows is the speaker's next sentence
    words = list(source.words)
    at = _find(words, kept.words, 0)
    if at < 0:
        return []
    after = words[at + len(kept.words):at + len(kept.words) + 2]
    if not after or after[0] not in _MEANING:
        return []
    src, dst = _said(pair, source), pair.derived.text[kept.span.start:kept.span.end]
    return [change("quote_altered", "high", source.span, kept.span, src, dst,
                   f"the copy quotes the statement up to ‘{' '.join(after)}’ and cuts the "
                   "condition or negation that followed, so it says something else")]


def _said(pair: PairText, quote: Quote) -> str:
    """A source quotation as the source writes it."""
    return pair.source.text[quote.span.start:quote.span.end]


def _altered(pair: PairText, before: Quote, after: Quote, flipped: bool) -> list[Change]:
    """``quote_altered`` (and ``negation_flipped`` when the quotes differ in negation and
    ``flipped``: the whole group does too, so the negation did not just move elsewhere)."""
    src, dst = _said(pair, before), pair.derived.text[after.span.start:after.span.end]
    quoted = _quoted_stretch(before.words, after.words)
    severity = _severity(quoted, after.words)
    if severity is None or (_faithful(after, src, dst) and (
            _elided(src, dst) or _runs_through(pair.source.text, before, after))):
        return []  # the copy's quote holds the source's: an elision filled in, or more of
        # the source's own words (a quotation continued over a paragraph break, rejoined)
    if severity != "low" and _trimmed(quoted, after.words, before.words):
        return [change("quote_trimmed", "low", before.span, after.span, src, dst,
                       "the copy quotes more or less of the same quotation ("
                       + difference(quoted, after.words) + "); no word inside is changed")]
    loose = word_dice(_content(before), _content(after)) < _SURELY_SAME
    if loose and severity == "high":
        severity = "medium"  # it may be another quotation of the same speaker
    if severity != "low" and _beside(pair.source.text, before, quoted, after.words):
        severity = "low"  # the copy only moved into its marks words the source wrote nearby
    out = [change("quote_altered", severity, before.span, after.span, src, dst,
                  "the words inside quotation marks differ from the source's quote: "
                  + difference(quoted, after.words)
                  + ("; the two share few words, so this may be another quotation"
                     if loose else ""))]
    extended = contains(after.words, quoted)  # the copy quotes more of the statement
    if flipped and negations(quoted) != negations(after.words) and not loose \
            and not extended and _turned(quoted, after.words):
        lost = negations(after.words) < negations(quoted)
        out.append(change("negation_flipped", "high", before.span, after.span, src, dst,
                          f"the quote {'lost' if lost else 'gained'} a negation: it now "
                          "says the opposite of what was said"))
    return out


#: A copy's quotation found anywhere in its source's text is the source's own words when it
#: is this long: shorter runs ("said it was") turn up in any long text by chance.
_ANYWHERE_WORDS = 6
#: A quotation this long, this share of its word trigrams in the source's text, quotes the
#: source's own words with a slip (``_in_text``).
_OWN_WORDS = 15
_OWN_SHARE = 0.8
#: Words a trigram may stand off the place the others put the quotation at.
_OWN_SLACK = 5


@per_text
def _joined_words(text: str) -> str:
    """A text's normalised words joined with spaces (and padded), read once per source."""
    return " " + " ".join(quote_words(text)) + " "


def _in_text(text: str, words: Sequence[str]) -> bool:
    """Whether ``words`` run contiguously somewhere in ``text``, or (a quotation of at
    least ``_OWN_WORDS`` words) ``_OWN_SHARE`` of its word trigrams do within one stretch
    of the text no longer than the quotation and a few words, with no negation or figure
    among the words the text lacks there: a report quoting a paragraph of an op-ed or a
    poll's release whose mark closes after the tag ("..., Gallup notes.") or that a typo
    changed ("its fine") still quotes the source's own words; a quotation spliced from two
    distant sentences, or one with a "not" put in, does not."""
    joined = _joined_words(text)
    if " " + " ".join(words) + " " in joined:
        return True
    if len(words) < _OWN_WORDS:
        return False
    source = joined.split()
    at: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(source) - 2):
        at.setdefault(tuple(source[i:i + 3]), []).append(i)
    grams = [at.get(tuple(words[k:k + 3]), []) for k in range(len(words) - 2)]
    # where the quotation would start in the text: the offset most of its trigrams agree on
    starts = Counter(pos - k for k, found in enumerate(grams) for pos in found)
    if not starts:
        return False
    start = min(starts, key=lambda o: (-starts[o], o))
    held = sum(any(abs(pos - k - start) <= _OWN_SLACK for pos in found)
               for k, found in enumerate(grams))
    if held < _OWN_SHARE * len(grams):
        return False
    window = source[max(0, start - _OWN_SLACK):start + len(words) + _OWN_SLACK]
    missing = set(words) - set(window)
    return not (missing & NEGATIONS or any(any(c.isdigit() for c in w) for w in missing))


def _turned(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether what the lost (or gained) negation bore on is still there to be turned
    around: a quote dropping "earlier rather than later" dropped a comparison."""
    more, other = (before, after) if negations(before) > negations(after) else (after, before)
    targets = negated_words(more)
    return not targets or bool(targets & {stem(w) for w in other})  # "I did not."


def _use(used: set[int], quote: Quote, quotes: Sequence[Quote]) -> None:
    """Mark the source quotations ``quote`` covers (both pieces of a rejoined one) as
    accounted for: their words are in the copy's marks."""
    used.update(q.span.start for q in quotes
                if quote.span.start <= q.span.start < quote.span.end)


def quote_changes(pair: PairText, group: Group) -> list[Change]:
    """Altered, unquoted and added quotations in one aligned group."""
    source_here = within(pair.source_view.quotes, group.a_span)
    every = (*pair.source_view.quotes, *pair.source_view.joins)  # single ones first
    used: set[int] = set()
    out: list[Change] = []
    a_words = quote_words(pair.a(group))
    flipped = total_negations(pair.a(group)) != total_negations(pair.b(group))
    derived_here = within(pair.derived_view.quotes, group.b_span)
    for quote in derived_here:
        text = pair.derived.text[quote.span.start:quote.span.end]
        kept = next((s for s in every if _faithful(s, text, _said(pair, s))), None)
        if kept is not None:
            _use(used, kept, pair.source_view.quotes)
            out.extend(_cut_condition(pair, kept, quote))
            continue
        if len(quote.words) < _MIN_WORDS or is_title(pair.derived.text, quote):
            continue  # a scare quote ("refuseniks") or a title ("Fox News Sunday")
        free = [q for q in source_here if q.span.start not in used]
        before = (_best(quote, source_here, _SAME_GROUP)
                  or _best(quote, pair.source_view.quotes, _ANYWHERE)
                  or (free[0] if len(free) == 1
                      and word_dice(_content(free[0]), _content(quote)) > 0 else None))
        if before is not None:
            before = _widened(quote, before, pair.source_view.joins)
            _use(used, before, pair.source_view.quotes)
            out.extend(_altered(pair, before, quote, flipped))
            continue
        if contains(a_words, quote.words) or (len(quote.words) >= _ANYWHERE_WORDS and
                                              _in_text(pair.source.text, quote.words)):
            continue  # the copy quotes its source's own words (crediting them): no change,
            # wherever in the source they stand (a report quoting an op-ed's other paragraph)
        dst = pair.derived.text[quote.span.start:quote.span.end]
        where = "words no source quotation has"
        out.append(change("quote_added", "medium", None, quote.span, "", dst,
                          f"the copy puts in quotation marks {where}"))
    b_words = quote_words(pair.b(group))
    # any quotation of the copy: a group's edge may cut a quotation off from its marks
    in_marks = [q.words for q in pair.derived_view.quotes]
    for quote in source_here:
        if quote.span.start in used or len(quote.words) < 3 or FIRST_PERSON & set(quote.words) \
                or block_quoted(pair, group, quote.words):
            continue  # first-person words outside marks are the speaker's own text (a
            # statement or an op-ed printed whole, a block quote): a reporter unquoting
            # them would have had to turn "I" into "he"
        if contains(b_words, quote.words) and not any(contains(w, quote.words)
                                                      for w in in_marks) \
                and not single_quoted(pair.b(group), quote.words):
            src = pair.source.text[quote.span.start:quote.span.end]
            out.append(change("quote_unquoted", "medium", quote.span, group.b_span, src,
                              pair.b(group),
                              "the copy keeps the quoted words but drops the quotation "
                              "marks, so readers cannot tell they were someone's words"))
    return out
