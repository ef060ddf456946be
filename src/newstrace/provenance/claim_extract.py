"""Claims in one document: quotations with their speaker, attributed statements, figures.

A claim is what a fact-checker would check: a direct quotation ("couldn’t not think about
it", said by Tabalov), a statement attributed to a named source ("Prigozhin denies he has
any ties to Wagner"), a figure with what it counts ("about 1,500 might have applied"), or an
event dated to a year ("In 2023, a grain barge sank near the same bend").
Each keeps its span in the clean text and the sentence it stands in.

Speakers are found by the frames news writing uses — "said X", "X said", "X, the lawyer,
said", "according to X" — and a pronoun ("he said") takes the last speaker named in the
preceding sentences of its paragraph. Frames and word lists, for the reason given in
``changes.attribution``: no maintained library tags news attribution offline.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from newstrace.bounded import BoundedMap
from newstrace.changes.figures import (
    Mention,
    counted,
    numbers,
    qualifier_start,
    time_class,
    times,
)
from newstrace.model import Document, Span
from newstrace.text.countries import countries_named
from newstrace.text.immutables import NOT_NAMES, fold
from newstrace.text.public import CAPTION_OPENINGS
from newstrace.text.quotes import find_quotes

__all__ = ["SPEECH_VERBS", "ClaimReader", "ExtractedClaim", "SentenceClaims", "extract_claims",
           "read_sentence"]

#: The verbs that say whose a statement is.
SPEECH_VERBS = (r"said|says|told|added|stated|wrote|denied|denies|claimed|claims|"
                r"estimated|estimates|argued|warned|insisted|acknowledged|confirmed|"
                r"explained|noted|recalled|continued|testified|hypothesized|believes|believed")
#: Titles' abbreviations and initials before a word of a name ("Lt. Gov. Dan Patrick",
#: "Andrew M. Cuomo"): part of the name, never it.
_TITLE = (r"(?:(?:Rep|Sen|Gov|Lt|Gen|Col|Maj|Sgt|Capt|Adm|Cmdr|Dr|Mr|Mrs|Ms|Prof|Rev|Sec"
          r"|Amb|Atty|[A-Z])\.\s+)*")
_CAPITAL = rf"{_TITLE}[A-Z][\w’'.-]*[\w]"
#: Up to six capitalised words: "Senate Minority Leader Chuck Schumer", "GOP Rep. Debbie Lesko".
_NAME = rf"{_CAPITAL}(?:\s+{_CAPITAL}){{0,5}}"
# "said Osechkin", but not "told Northwire" or "warned Congress": whoever follows "told"
# or "warned" is the listener.
_AFTER_VERB = re.compile(
    rf"\b(?:{SPEECH_VERBS.replace('told|', '').replace('warned|', '')})\s+(?P<name>{_NAME})")
_DIRECTLY = re.compile(rf"(?P<name>{_NAME})\s+(?:{SPEECH_VERBS})\b")
_BEFORE_VERB = re.compile(
    rf"(?P<name>{_NAME})(?:,\s*(?P<apposed>[^,.]{{1,100}}),)?\s+(?:{SPEECH_VERBS})\b")
_WHOLE_NAME = re.compile(_NAME)
_ACCORDING = re.compile(rf"\baccording to\s+(?P<name>{_NAME})")
_PRONOUN = re.compile(rf"\b(?:he|she|they)\s+(?:{SPEECH_VERBS})\b"
                      rf"|\b(?:{SPEECH_VERBS})\s+(?:he|she)\b",
                      re.IGNORECASE)
#: Every frame needs a speech verb or "according to": half the sentences of news have none,
#: and one search for them spares those the five frames (extraction 11% faster, same claims).
_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS}|according to)\b", re.IGNORECASE)
#: Capitalised words a frame may catch that are not sources.
_NOT_SPEAKERS = NOT_NAMES | frozenset("""he she they it we i you but and the a an in on
this that these those his her their its instead speaking now also meanwhile however jr sr
ii iii""".split())
#: Classes of people, capitalised only at a sentence's start ("Officials said"): no one
#: source, and two reports' "officials" are not one speaker.
_CLASSES = frozenset("""officials experts authorities analysts critics sources witnesses
observers researchers scientists aides advisers lawmakers investigators protesters
organizers residents doctors""".split())
#: A quotation this short is a phrase (“refuseniks”), not a claim.
MIN_QUOTE_WORDS = 4


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """One claim as a document states it.

    ``kind`` is ``quote``, ``statement``, ``figure`` or ``event``; ``speaker`` who said it,
    a person's folded surname or an organisation's whole folded name (None when the text
    does not say); ``value`` and ``counted`` a
    figure's number and the word for what it counts (an event's ``value`` is its year);
    ``sentence`` the index of its sentence.
    """

    doc: str
    kind: str
    span: Span
    text: str
    sentence: int
    speaker: str | None = None
    value: str | None = None
    counted: str | None = None


#: The last word of an organisation's name: such a speaker is its whole name ("Johns Hopkins
#: University", "the Justice Department"), where a person is their surname. On two labelled
#: crawls, 'university', 'department', 'office', 'archives', 'times' and 'financial' each
#: stood for several sources at once.
_BODIES = frozenset("""office department university agency administration committee
commission service bureau institute institutes center centre council foundation association
archives times news post journal press financial group inc corp corporation company bank
fund party court reserve board organization organisation network ministry house senate
congress police school college hospital union federation coalition campaign project
laboratory research poll survey""".split())
#: Verbs that make "said X" the start of what was said ("said House prosecutors had
#: proved"): an auxiliary in the two words after the name, or a verb in -s or -ed right
#: after it ("said Trump uses social media").
_AUXILIARIES = frozenset("""had has have was were is are would will could can did does do
should may might must""".split())
#: Capitalised ranks that an organisation's name follows ("Secretary of State Mike Pompeo"):
#: the person comes after them, not before.
_RANKS = frozenset("""secretary director chief speaker minister leader chairman chair
president governor head member commissioner ambassador attorney general""".split())
#: Words of a document, not of a speaker ("what the Constitution says").
_DOCUMENTS = frozenset("constitution amendment report memo study".split())


def _speaker_in(text: str) -> str | None:
    """The speaker a sentence names."""
    for pattern in (_AFTER_VERB, _ACCORDING, _DIRECTLY, _BEFORE_VERB):
        for m in pattern.finditer(text):
            name = m.group("name")
            apposed = m.groupdict().get("apposed")
            head = None
            if apposed and _WHOLE_NAME.fullmatch(apposed.strip()):
                name = apposed  # "the head of the Foundation, Alexandra Garmazhapova, told"
            elif (head := _affiliated(text, m.start("name"))) == "" or (
                    pattern is _AFTER_VERB and _object_of(text, m.end("name"))):
                continue
            if _ranks_only(name):  # "said Secretary of State Mike Pompeo"
                ranked = _OF_AFTER.match(text, m.end("name"))
                name = ranked.group("name") if ranked else name
            found = _speaker_of(head + name if head else name, organisation=bool(head))
            if found:
                return found
    return None


def _speaker_of(name: str, organisation: bool = False) -> str | None:
    """A name's speaker key: a person's folded surname, an organisation's whole name
    (its last word in ``_BODIES``, or ``organisation``: "Department of Justice"); None for
    no source (a country, a document, only capitalised words)."""
    whole = [fold(w.rstrip(".")) for w in name.split()]
    words = [w for w in whole if w not in _NOT_SPEAKERS]
    if not words or countries_named(words) or words[-1] in _DOCUMENTS | _CLASSES:
        return None
    if organisation or words[-1] in _BODIES:  # all its words but a leading article
        return " ".join(whole[1:] if whole[0] == "the" else whole)
    return words[-1]


def _ranks_only(name: str) -> bool:
    return all(fold(w.rstrip(".")) in _RANKS for w in name.split())


_OF_BEFORE = re.compile(r"(?P<word>[A-Za-z]+)\s+(?:of|at|for)(?:\s+the)?\s+$")
_OF_AFTER = re.compile(rf"\s+of(?:\s+the)?\s+(?P<name>{_NAME})")
_CAPITALS_BEFORE = re.compile(r"(?:[A-Z][\w’'.-]*\s+)*$")
_FOLLOWING = re.compile(r"\s+([a-z]+)\b(?:\s+([a-z]+)\b)?")


def _affiliated(text: str, start: int) -> str | None:
    """Where the name at ``start`` stands after "of", "at" or "for": "" when that is where
    someone works ("Fauci of the National Institutes of Health told", "a professor at the
    School of Public Health said"), not who speaks; the beginning of the organisation's
    name it ends ("The Department of " before "Justice said"); None when nothing is before
    it, or a rank is ("Secretary of State Mike Pompeo" is Pompeo)."""
    begin = start
    while (found := _OF_BEFORE.search(text, max(0, begin - 40), begin)) is not None:
        raw = found.group("word")
        word = fold(raw)
        if word in _RANKS:
            break
        if word not in _BODIES or not raw[0].isupper():
            return ""
        # the capitalised words before it are the organisation's too (an empty run matches)
        run = _CAPITALS_BEFORE.search(text, max(0, found.start("word") - 60),
                                      found.start("word"))
        assert run is not None
        begin = run.start()
    return text[begin:start] if begin < start else None


def _object_of(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` after "said" is what was said about, not who said
    it: an auxiliary in the two lower-case words after it, or a verb in -s or -ed right
    after it (``_AUXILIARIES``)."""
    following = _FOLLOWING.match(text, end, end + 40)
    if following is None:
        return False
    first, second = following.group(1), following.group(2)
    return bool({first, second} & _AUXILIARIES) or (
        len(first) > 3 and first.endswith(("s", "ed")) and not first.endswith("ss"))


@dataclass(frozen=True, slots=True)
class SentenceClaims:
    """What claims read of one sentence alone, wherever it stands: whether it speaks (a
    speech verb), the speaker it names, whether a pronoun speaks ("he said"), its figures
    as (start, end, text, value, counted) within the sentence, and the first year it
    dates something to."""

    speaking: bool
    named: str | None
    pronoun: bool
    figures: tuple[tuple[int, int, str, str, str], ...]
    year: str | None


def read_sentence(text: str) -> SentenceClaims:
    """``SentenceClaims`` of one sentence's text."""
    speaking = _SPEECH.search(text) is not None
    found_times = times(text)
    years = [t.value for t in found_times if time_class(t.value) == "year"]
    return SentenceClaims(speaking, _speaker_in(text) if speaking else None,
                          speaking and _PRONOUN.search(text) is not None,
                          _figures(text, found_times), years[0] if years else None)


class ClaimReader:
    """``extract_claims`` reading each distinct sentence once per reader.

    A crawl repeats sentences across documents (wire copies, versions, shared
    quotations): the dense 10k bench's 429,307 sentences are 179,300 distinct. One reader
    is made per map, so each worker keeps what its own slice of documents repeats (no
    state crosses processes or calls). Readings are kept until about ``capacity_bytes`` are
    held (an estimate: the sentence, its figures' texts and the objects around them).
    """

    def __init__(self, capacity_bytes: int = 64 << 20) -> None:
        self.kept: BoundedMap[str, SentenceClaims] = BoundedMap(capacity_bytes)

    def __call__(self, doc: Document) -> list[ExtractedClaim]:
        return extract_claims(doc, self.read)

    def __len__(self) -> int:
        """How many sentences' readings are kept."""
        return len(self.kept)

    def read(self, text: str) -> SentenceClaims:
        """``read_sentence``, kept while there is room."""
        found = self.kept.get(text)
        if found is None:
            found = read_sentence(text)
            self.kept.keep(text, found, 300 + 2 * len(text)
                           + sum(120 + len(f[2]) for f in found.figures))
        return found


def _sentence_speakers(doc: Document, readings: list[SentenceClaims]) -> list[str | None]:
    """The speaker of each sentence: named in it, or the last one named earlier in the same
    paragraph when it says "he said" or opens with a quotation mark (a quote going on)."""
    out: list[str | None] = []
    last: str | None = None
    paragraph_ends = sorted(p.end for p in doc.paragraphs)
    current_end = -1
    for span, read in zip(doc.sentences, readings, strict=True):
        if span.start >= current_end:  # a new paragraph forgets the last speaker
            last = None
            current_end = next((e for e in paragraph_ends if e >= span.end), len(doc.text))
        if read.named is not None:
            last = read.named
            out.append(read.named)
        else:  # "he said", or a quotation going on from the last speaker's
            opening = doc.text[span.start:min(span.start + 1, span.end)]
            out.append(last if read.pronoun or opening in "“\"«" else None)
    return out


def _figure_text(text: str, start: int, end: int) -> str:
    """A figure with its qualifier and the words after it, up to a clause break."""
    left = text[max(0, start - 30):start]
    begins = qualifier_start(left)
    head = left[begins:] if begins is not None else ""
    tail = re.split(r"[,;:.!?](?=\s|$)|[—–()“”\"]", text[end:end + 80], maxsplit=1)[0]
    return (head + text[start:end] + " " + " ".join(tail.split()[:6])).strip()


def _figures(text: str, found_times: list[Mention]) -> tuple[tuple[int, int, str, str, str], ...]:
    skip = [t.span for t in found_times]
    out: list[tuple[int, int, str, str, str]] = []
    for mention in numbers(text, 0, skip):
        if mention.value in ("0", "1", "dozens", "hundreds", "thousands", "millions",
                             "billions"):
            continue
        what = counted(text, mention.span.start, mention.span.end)
        if what is None:
            continue
        out.append((mention.span.start, mention.span.end,
                    _figure_text(text, mention.span.start, mention.span.end), mention.value,
                    what))
    return tuple(out)


def _captions(doc: Document) -> set[int]:
    """The sentences in photo captions: every sentence of a paragraph opening as wire
    captions do (``text.public.CAPTION_OPENINGS``)."""
    captions = [p for p in doc.paragraphs if doc.text.startswith(CAPTION_OPENINGS, p.start)]
    return {n for n, s in enumerate(doc.sentences)
            if any(p.start <= s.start < p.end for p in captions)} if captions else set()


def extract_claims(doc: Document, read: Callable[[str], SentenceClaims] = read_sentence
                   ) -> list[ExtractedClaim]:
    """Every claim of a document, in text order (``read``: how a sentence is read,
    ``ClaimReader.read`` to keep what repeats)."""
    readings = [read(doc.text[s.start:s.end]) for s in doc.sentences]
    speakers = _sentence_speakers(doc, readings)
    quotes = find_quotes(doc.text, doc.paragraphs)
    starts = [s.start for s in doc.sentences]
    captions = _captions(doc)
    out: list[ExtractedClaim] = []
    quoted_sentences: dict[int, int] = {}
    for quote in quotes:
        index = max(0, bisect.bisect_right(starts, quote.span.start) - 1)
        if len(quote.words) < MIN_QUOTE_WORDS or index in captions:
            continue
        speaker = speakers[index] if index < len(speakers) else None
        if speaker is None and index + 1 < len(speakers):
            speaker = speakers[index + 1]  # “…,” on one line, "she said" on the next
        out.append(ExtractedClaim(doc.id, "quote", quote.span,
                                  doc.text[quote.span.start:quote.span.end], index, speaker))
        quoted_sentences[index] = quoted_sentences.get(index, 0) + len(quote.span)
    for index, (span, reading) in enumerate(zip(doc.sentences, readings, strict=True)):
        if index in captions:
            continue  # a photo caption's date or figure is the picture's, not a claim
        speaker = speakers[index]
        if speaker is not None and quoted_sentences.get(index, 0) < len(span) / 2:
            out.append(ExtractedClaim(doc.id, "statement", span,
                                      doc.text[span.start:span.end], index, speaker))
        out.extend(ExtractedClaim(doc.id, "figure", Span(span.start + start, span.start + end),
                                  text, index, speaker, value, what)
                   for start, end, text, value, what in reading.figures)
        if reading.year is not None:
            # a sentence that dates something to a year ("In 2023, a grain barge sank..."):
            # the kind of fact independent reports both recall
            out.append(ExtractedClaim(doc.id, "event", span, doc.text[span.start:span.end],
                                      index, speaker, reading.year))
    return sorted(out, key=lambda c: (c.span.start, c.kind))
