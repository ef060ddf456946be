"""Numbers, their qualifiers, and times: "about 80" is not "over 80", "this week" not "last".

Each mention keeps its span, a value that compares across spellings ("1,500", "1500",
French "1 500", "eight" and "8", "$2.5 billion" and "2,500,000,000") and, for numbers, the
class of its qualifier: approximate ("about", "roughly"), a lower bound ("over", "at
least"), an upper bound ("nearly", "up to") or exact. Within an aligned group, a value the
copy lost while gaining another is ``number_changed`` (``time_shifted`` for years and
dates); the same value under another qualifier class is ``qualifier_changed``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from newstrace.changes.context import PairText, change
from newstrace.changes.groups import Group
from newstrace.model import Change, Span
from newstrace.text.immutables import NOT_NAMES, fold
from newstrace.text.memo import per_text

__all__ = ["Mention", "counted", "counted_word", "figure_changes", "numbers", "qualifier_class",
           "qualifier_start", "time_class", "times"]

_MULTIPLIERS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
                "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "m": 1_000_000}
_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
           "ninety": 90, "dozen": 12, "hundred": 100}
_VAGUE = ("dozens", "hundreds", "thousands", "millions", "billions")
_DIGITS = re.compile(
    r"(?<![\w.,/:])(?P<frac>\d+/\d+)|"
    r"(?<![\w.,/:])(?P<num>\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?!\d|[,\u00a0\u202f ]\d)"
    r"(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?![/:]\d)(?:[\s-]?(?P<mult>thousand|million|billion|trillion|bn)\b|(?P<m>m)\b)?",
    re.IGNORECASE)
_ANY_DIGIT = re.compile(r"\d")
#: Number words are found among the runs of letters by a set lookup: one regex alternation
#: of 40 words tried at every position was two thirds of the time spent reading numbers.
_LETTERS = re.compile(r"[^\W\d_]+")
_NUMBER_WORDS = frozenset(_WORDS) | frozenset(_VAGUE)
_QUALIFIERS = {
    "approximate": ("about", "around", "roughly", "approximately", "some", "an estimated",
                    "estimated", "perhaps", "maybe", "circa", "or so"),
    "at least": ("over", "more than", "at least", "upwards of", "in excess of", "above",
                 "well over", "just over", "or more", "a minimum of"),
    "at most": ("nearly", "almost", "up to", "under", "less than", "fewer than",
                "just under", "as many as", "no more than", "at most", "close to", "below"),
    "exactly": ("exactly", "precisely", "only", "just"),
}
_BEFORE = re.compile(r"\b(" + "|".join(sorted(
    (q for qs in _QUALIFIERS.values() for q in qs if q not in ("or so", "or more")),
    key=len, reverse=True)) + r")\s+(?:a\s+|an\s+|age\s+|\$|€|£)?$", re.IGNORECASE)
_AFTER = re.compile(r"^\s*(?:\w+\s+)?(or so|or more)\b", re.IGNORECASE)
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
#: A month starts with a capital ("may" the verb, "a march" are not months); the rest of the
#: word in any case. Capitals in the pattern, not a test after matching every "may": 2.7x
#: faster on news sentences, the same matches.
_MONTH = re.compile(r"\b(?P<month>J(?i:an|u[nl])|F(?i:eb)|M(?i:a[ry])|A(?i:pr|ug)|S(?i:ept?)|"
                    r"O(?i:ct)|N(?i:ov)|D(?i:ec))"
                    r"(?i:[a-z]*\.?(?:\s+(?P<day>\d{1,2})\b(?!,\d))?)")
#: A range of days after a month's day ("April 20-26", "from Jan. 6 to 19") is one time: its
#: last day is no figure (a survey "conducted April 20-26, 2020" was read as "26" counting
#: "survey" on the labelled crawls' claims). A range ends on a later day of the month, not
#: before a share or a large unit ("May 5-4", "June 5 to 10 percent"); written with "to" or
#: "through", only after "from" ("June 5 to 10 people died" is a date and a count).
_DAY_RANGE = re.compile(r"(?:\s?[-–—]\s?|\s+(?P<word>to|through)\s+)(?P<last>\d{1,2})\b"
                        r"(?![,.]?\d)"
                        r"(?!\s*(?:%|per\s?cent|million|billion|thousand|hundred))")
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
# The lookahead names the alternatives' first letters (case is ignored): a word that cannot
# start one is passed over at once (half the pattern's time on news text).
_RELATIVE = re.compile(
    r"\b(?=[tlnpceymwfs\d])"
    r"(?:\b(?P<rel>this|last|next|past|previous|coming|earlier this|later this)\s+"
    r"(?P<unit>week|weekend|month|year|spring|summer|fall|autumn|winter|"
    + "|".join(_DAYS) + r")\b|\b(?P<deictic>yesterday|today|tomorrow|tonight)\b|"
    r"\b(?P<day>" + "|".join(_DAYS) + r")\b|\b(?P<year>(?:19|20)\d\d)\b|"
    r"\b(?P<clock>\d{1,2}:\d\d(?:\s?[ap]\.?m\b\.?)?))", re.IGNORECASE)
_REL_SYNONYMS = {"past": "last", "previous": "last", "coming": "next",
                 "earlier this": "this", "later this": "this"}


#: Words that say nothing about what a figure counts.
_FILLERS = NOT_NAMES | frozenset("""such other more than additional some about around nearly
almost per cent percent of people had have has might may could would will were was are is
be been being up to at least over under roughly approximately another just only""".split())


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 \
        else word


def counted_word(text: str) -> str | None:
    """What a figure counts: the first meaningful word after it, singular ("regions" ->
    "region")."""
    for word in re.findall(r"[^\W\d_][\w’'-]*", text)[:5]:
        folded = fold(word)
        if folded in _FILLERS or len(folded) < 3:
            continue
        return _singular(folded)
    return None


_CURRENCIES = {"$": "dollar", "€": "euro", "£": "pound"}


def counted(text: str, start: int, end: int) -> str | None:
    """What the number at ``text[start:end]`` counts, or None when it is part of a word
    ("IK-17", "3rd", "two-month")."""
    before, after = text[max(0, start - 2):start], text[end:end + 60]
    if re.match(r"(?:st|nd|rd|th)\b|-|\s?['’]s\b", after) or re.search(r"[A-Za-z]-$", before):
        return None
    if before.endswith(tuple(_CURRENCIES)):
        return _CURRENCIES[before[-1]]
    if re.match(r"\s?(?:%|per ?cent\b)", after):
        return "percent"
    return counted_word(after)


@dataclass(frozen=True, slots=True)
class Mention:
    """A number or a time expression: where it is, what it is, and its qualifier."""

    span: Span
    value: str
    qualifier: str = "none"


def qualifier_class(before: str, after: str = "") -> str:
    """The class of the qualifier written just before (or after) a number."""
    found = _BEFORE.search(before[-30:]) or _AFTER.match(after[:20])
    if not found:
        return "none"
    word = found.group(1).lower()
    return next(name for name, words in _QUALIFIERS.items() if word in words)


def qualifier_start(before: str) -> int | None:
    """Where the qualifier written just before a number starts in ``before`` (None: none)."""
    found = _BEFORE.search(before)
    return found.start() if found else None


def times(text: str, offset: int = 0) -> list[Mention]:
    """Time expressions: relative ("this week"), weekdays, months with days, years."""
    return _shifted(_times_at_zero(text), offset)


def _shifted(found: tuple[Mention, ...], offset: int) -> list[Mention]:
    if not offset:
        return list(found)
    return [Mention(Span(m.span.start + offset, m.span.end + offset), m.value, m.qualifier)
            for m in found]


@per_text
def _times_at_zero(text: str) -> tuple[Mention, ...]:
    """``times(text)``, remembered per text (a pure function of it)."""
    out: list[Mention] = []
    for m in _RELATIVE.finditer(text):
        if m.group("rel"):
            rel = m.group("rel").lower()
            value = f"{_REL_SYNONYMS.get(rel, rel)} {m.group('unit').lower()}"
        else:
            value = (m.group("deictic") or m.group("day") or m.group("year")
                     or m.group("clock")).lower()
        out.append(Mention(Span(m.start(), m.end()), value))
    for m in _MONTH.finditer(text):
        word = m.group(0).lower().split()[0].rstrip(".")
        month = next((name for name in _MONTHS if name.startswith(word)), None)
        if month is None:
            continue
        value = f"{month} {m.group('day')}" if m.group("day") else month
        end = m.end()
        if m.group("day") and (last := _last_day(text, m.start(), end, int(m.group("day")))):
            value, end = f"{value}-{last[0]}", last[1]
        out.append(Mention(Span(m.start(), end), value))
    covered = [mention.span for mention in out if mention.value[:1].isdigit()
               or " " in mention.value]
    kept = [m for m in out if not any(c != m.span and c.start <= m.span.start
                                      and m.span.end <= c.end for c in covered)]
    return tuple(sorted(kept, key=lambda m: m.span.start))


def _last_day(text: str, start: int, end: int, day: int) -> tuple[int, int] | None:
    """The last day of a range of days written after the date ``text[start:end]`` (whose
    day is ``day``), and where it ends; None when there is none (``_DAY_RANGE``)."""
    found = _DAY_RANGE.match(text, end)
    if found is None or not day < int(found.group("last")) <= 31:
        return None
    if found.group("word") and not _FROM.search(text[max(0, start - 8):start]):
        return None
    return int(found.group("last")), found.end()


def time_class(value: str) -> str:
    """What kind of time a mention names. "this week" / "last week" differ in fact;
    "Monday" / "yesterday" may be one day seen from two dates, so a shift across classes is
    only worth a low-severity note."""
    if value[:1].isdigit():
        return "clock" if ":" in value else "year"
    if value.split()[0] in _MONTHS:
        return "date"
    return "weekday" if value in _DAYS else "relative"


def _value(m: re.Match[str]) -> str:
    if m.group("frac"):
        return m.group("frac")
    number = float(re.sub(r"[,\u00a0\u202f ]", "", m.group("num")))
    if m.group("mult") or m.group("m"):  # "$540m" is 540 million
        number *= _MULTIPLIERS[(m.group("mult") or "m").lower()]
    return str(int(number)) if number == int(number) else f"{number:g}"


def _word_char(text: str, at: int) -> bool:
    """Whether ``text[at]`` exists and is a word character (``\\w``: a word boundary
    needs the opposite)."""
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def _figures(text: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of every number written in digits or in words, in reading
    order. Number words and digits never overlap (no multiplier is a number word)."""
    found = [(m.start(), m.end(), _value(m)) for m in _DIGITS.finditer(text)] \
        if _ANY_DIGIT.search(text) else []
    for m in _LETTERS.finditer(text):
        word = m.group().lower()
        if word in _NUMBER_WORDS and not _word_char(text, m.start() - 1) \
                and not _word_char(text, m.end()):
            found.append((m.start(), m.end(), word if word in _VAGUE else str(_WORDS[word])))
    return sorted(found)


def numbers(text: str, offset: int = 0, skip: list[Span] | None = None) -> list[Mention]:
    """Numbers with their qualifiers; those inside ``skip`` spans (dates, years) left out."""
    found = _shifted(_numbers_at_zero(text), offset)
    if not skip:
        return found
    return [m for m in found if not any(s.start <= m.span.start < s.end for s in skip)]


@per_text
def _numbers_at_zero(text: str) -> tuple[Mention, ...]:
    """``numbers(text)``, remembered per text (a pure function of it)."""
    return tuple(Mention(Span(start, end), value,
                         qualifier_class(text[max(0, start - 30):start], text[end:end + 20]))
                 for start, end, value in _figures(text))


def _unmatched(a: list[Mention], b: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    left = list(b)
    lost: list[Mention] = []
    for m in a:
        twin = next((x for x in left if x.value == m.value), None)
        if twin is None:
            lost.append(m)
        else:
            left.remove(twin)
    return lost, left


def _say(pair: PairText, side: str, span: Span) -> str:
    text = pair.source.text if side == "a" else pair.derived.text
    return text[span.start:span.end]


def _paired(lost: list[Mention], gained: list[Mention], a_text: str, a0: int, b_text: str,
            b0: int) -> list[tuple[Mention, Mention, bool]]:
    """Lost and gained numbers paired: first those counting the same thing ("12,000 litres"
    / "20,000 litres": surely one figure changed), then the rest in reading order, marked as
    unsure."""
    def what(m: Mention, text: str, offset: int) -> str | None:
        return counted(text, m.span.start - offset, m.span.end - offset)

    left, right = list(lost), list(gained)
    out: list[tuple[Mention, Mention, bool]] = []
    for old in lost:
        kind = what(old, a_text, a0)
        twin = next((new for new in right if kind and what(new, b_text, b0) == kind), None)
        if twin is not None:
            out.append((old, twin, True))
            left.remove(old)
            right.remove(twin)
    out += [(old, new, False) for old, new in zip(left, right, strict=False)]
    return sorted(out, key=lambda t: t[0].span.start)


#: A rounded figure stays within this share of the exact one ("59,619" -> "60,000").
_ROUNDING = 0.05
#: ... and a figure said to be approximate ("about 20 percent") within this share.
_APPROXIMATE = 0.1


def rounded(x: str, y: str, approximate: float = 0.0) -> bool:
    """Whether one figure is the other rounded to the precision it is written with ("1,662"
    for 1,661.51, "60,000" for 59,619, "17 percent" for 17.3): the same figure, told less
    exactly, not a changed one. With ``approximate`` (one figure is said to be about the
    other), any two within that share are one figure."""
    try:
        a, b = float(x), float(y)
    except ValueError:
        return False  # fractions and vague words ("dozens") are compared as written
    if approximate and a and b and abs(a - b) <= approximate * max(abs(a), abs(b)):
        return True
    if a == b or not a or not b or abs(a - b) > _ROUNDING * max(abs(a), abs(b)):
        return False
    coarse, fine = (x, b) if _places(x) <= _places(y) else (y, a)
    places = _places(coarse)
    if places == -1:
        places = 0  # "80" may be exact: only hundreds and beyond read as rounded
    step = 10.0 ** -places
    return float(coarse) in (math.floor(fine / step + 0.5) * step, math.floor(fine / step) * step)


def _places(value: str) -> int:
    """Decimal places a figure is written with; negative for the zeros ending an integer."""
    if "." in value:
        return len(value.split(".")[1])
    digits = value.lstrip("-")
    return -(len(digits) - len(digits.rstrip("0"))) if digits.strip("0") else 0


_CAPITAL = re.compile(r"\b[A-Z][a-z]{2,}\b")
#: How far before a figure its subject is looked for ("Harris spoke for 11 minutes").
_SUBJECT_CHARS = 60


def _other_subjects(a_text: str, a_at: int, b_text: str, b_at: int) -> bool:
    """Whether the two figures are said of differently named subjects: both are preceded
    (within ``_SUBJECT_CHARS``) by capitalised names and none is shared."""
    def names(text: str, at: int) -> set[str]:
        line_start = text.rfind("\n", 0, at) + 1
        return set(_CAPITAL.findall(text, max(line_start, at - _SUBJECT_CHARS), at))
    left, right = names(a_text, a_at), names(b_text, b_at)
    return bool(left and right and not left & right)


_TIME_WORD = re.compile(r"[a-z]+|\d+")


def _same_time(x: str, y: str) -> bool:
    """Whether two time mentions name one time: the same words in another order or style
    ("Oct. 19" / "19 October"), or one more precise than the other ("July" / "July 25")."""
    def words(value: str) -> set[str]:
        return {w[:3] if w.isalpha() else w.lstrip("0") for w in _TIME_WORD.findall(value.lower())}
    left, right = words(x), words(y)
    return bool(left and right) and (left <= right or right <= left)


def figure_changes(pair: PairText, group: Group) -> list[Change]:
    """Changed numbers, qualifiers and times in one aligned group."""
    a_text, b_text = pair.a(group), pair.b(group)
    a0, b0 = group.a_span.start, group.b_span.start
    a_times, b_times = times(a_text, a0), times(b_text, b0)
    a_nums = numbers(a_text, a0, [t.span for t in a_times])
    b_nums = numbers(b_text, b0, [t.span for t in b_times])
    out: list[Change] = []
    lost, gained = _unmatched(a_nums, b_nums)
    for old, new, same in _paired(lost, gained, a_text, a0, b_text, b0):
        exact = not rounded(old.value, new.value)
        if same and _other_subjects(a_text, old.span.start - a0, b_text, new.span.start - b0):
            same = False  # "Gabbard: 6 minutes" / "Harris: 11 minutes": two subjects' figures
        if not (old.value[:1].isdigit() and new.value[:1].isdigit()):
            same = False  # "millions" / "22 million": a vague word made precise
        if exact and "approximate" in (old.qualifier, new.qualifier):
            exact = not rounded(old.value, new.value, _APPROXIMATE)  # "about 20" for 19.4
        # Figures that count different things, paired only by reading order, are a guess:
        # on the labelled AllSides changes 15 of 16 such medium flags compared two figures.
        out.append(change("number_changed", "high" if same and exact else "low",
                          old.span, new.span, _say(pair, "a", old.span),
                          _say(pair, "b", new.span),
                          f"the source says {old.value}, the copy {new.value}" + (
                              " (rounded)" if not exact
                              else "" if same else " (what each counts differs: it may be "
                                                   "another figure)")))
    for m in a_nums:
        twin = next((x for x in b_nums if x.value == m.value), None)
        if twin is not None and twin.qualifier != m.qualifier:
            before = a_text[max(0, m.span.start - a0 - 25):m.span.end - a0].split()
            after = b_text[max(0, twin.span.start - b0 - 25):twin.span.end - b0].split()
            # A bound or an approximation traded for another ("about 80" -> "over 80")
            # changes the claim; one gained or dropped ("only 1", "one" for "at least one",
            # "over two weeks" for "in two weeks") mostly rewords it: 0 of 9 such flags were
            # real on the labelled AllSides changes.
            both = "none" not in (m.qualifier, twin.qualifier)
            out.append(change("qualifier_changed", "medium" if both else "low", m.span,
                              twin.span,
                              " ".join(before[-3:]), " ".join(after[-3:]),
                              f"{m.value} went from {m.qualifier} to {twin.qualifier}"))
    lost_t, gained_t = _unmatched(a_times, b_times)
    for old, new in zip(lost_t, gained_t, strict=False):
        if _same_time(old.value, new.value):
            continue
        severity = "medium" if time_class(old.value) == time_class(new.value) else "low"
        out.append(change("time_shifted", severity, old.span, new.span,
                          _say(pair, "a", old.span), _say(pair, "b", new.span),
                          f"the source dates this “{old.value}”, the copy “{new.value}”"))
    return out

