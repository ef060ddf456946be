"""What comparing needs of one document: its sentence features and the evidence read from
its text once (orientation marks, public words, quotations, voice, anchors), made once per
run and reused for every pair the document is in (``match.pair.compare_pair``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

import numpy as np

from newstrace.index.sentences import SentenceFeatures
from newstrace.match.anchors import Anchors
from newstrace.match.narrative import NARRATIVE_SENTENCE, narrative_lengths
from newstrace.match.orient import OrientInfo, TextMarks, orient_info
from newstrace.model import Document, Span
from newstrace.text.house import house_spans
from newstrace.text.public import merged_spans, public_spans
from newstrace.text.quotes import find_quotes, marks_stripped

__all__ = ["PairInput", "TextReadings", "cut_input", "make_input", "read_text"]


@dataclass(frozen=True, slots=True)
class PairInput:
    """One side of a pair: its sentence features, orientation evidence and text length."""

    features: SentenceFeatures
    info: OrientInfo
    length: int
    locator: str
    #: Sentence vectors of a second, stronger encoder (``--rescore``), when the pair is worth
    #: aligning: sentence alignment then scores with them (documents are still compared with
    #: ``features``' vectors, on which the relation rules were calibrated).
    rescored: np.ndarray | None = None
    #: What the relation rules do not count as narrative: the document's public words
    #: (``text.public``: quotations, quoted posts, datelines and credits, which independent
    #: reports share without copying) and its house notes (``house``).
    public: tuple[Span, ...] = ()
    #: Characters of each sentence outside public words (``match.narrative``).
    narrative: tuple[int, ...] | None = None
    #: The text lost its quotation marks in conversion (``text.quotes.marks_stripped``): its
    #: quotations cannot be told from its narration.
    stripped: bool = False
    #: Its quotations (inside the marks), and its sentences in the first person outside
    #: them: the voice of a statement or an op-ed printed whole.
    quotes: tuple[Span, ...] = ()
    voiced: tuple[Span, ...] = ()
    #: The sentences its site repeats on other pages (``Document.repeated``); None unread.
    repeated: tuple[Span, ...] | None = None
    #: Its names and figures in order (``match.anchors``), read where its language is known.
    anchors: Anchors | None = None
    #: Its house notes (``text.house``): where the page speaks for its publisher (an
    #: editor's note, a methodology box, a call to the reader), evidence of no copy and of
    #: no event.
    house: tuple[Span, ...] = ()


#: First-person words: a sentence holding one outside quotation marks speaks for its writer.
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|We|our|Our|us)\b")


@dataclass(frozen=True, slots=True)
class TextReadings:
    """What comparing reads of one document's text whatever it is paired with: the part of
    its ``PairInput`` besides the features, read once per run on a worker
    (``stages.semantic``), where reading it in the process that prepares the batches kept
    the workers waiting."""

    info: OrientInfo
    public: tuple[Span, ...]
    narrative: tuple[int, ...]
    stripped: bool
    quotes: tuple[Span, ...]
    voiced: tuple[Span, ...]
    house: tuple[Span, ...] = ()


def read_text(doc: Document, spans: tuple[Span, ...] | None = None,
              marks: TextMarks | None = None) -> TextReadings:
    """A document's readings (``spans``: the sentences its features hold, the document's own
    when None; ``marks``: its orientation evidence, when read already)."""
    spans = spans if spans is not None else tuple(doc.sentences)
    found = find_quotes(doc.text, doc.paragraphs or (Span(0, len(doc.text)),))
    house = house_spans(doc.text, doc.paragraphs)
    public = merged_spans(public_spans(doc.text, doc.paragraphs, found), house)
    narrative = narrative_lengths(spans, public)
    voiced = tuple(s for s, told in zip(spans, narrative, strict=True)
                   if (told / len(s) if len(s) else 1.0) >= NARRATIVE_SENTENCE
                   and _FIRST_PERSON.search(doc.text, s.start, s.end))
    return TextReadings(orient_info(doc, marks), public, narrative, marks_stripped(doc.text),
                        tuple(q.span for q in found), voiced, house)


def make_input(doc: Document, features: SentenceFeatures,
               marks: TextMarks | None = None, anchors: Anchors | None = None,
               readings: TextReadings | None = None) -> PairInput:
    """What comparing needs of one document (``marks``: its orientation evidence, when
    read already; ``anchors``: its names and figures in order, read by the caller for a
    pair across languages, ``match.anchors.text_anchors``: about 1 ms a document, so not
    for every one; ``readings``: ``read_text`` of it with ``features``' sentences, when
    read already)."""
    read = readings if readings is not None else read_text(doc, features.spans, marks)
    return PairInput(features, read.info, len(doc.text), doc.locator, public=read.public,
                     narrative=read.narrative, stripped=read.stripped, quotes=read.quotes,
                     voiced=read.voiced, repeated=doc.repeated, anchors=anchors,
                     house=read.house)


def cut_input(whole: PairInput, doc: Document, features: SentenceFeatures, offset: int,
              marks: TextMarks) -> PairInput:
    """What comparing needs of a cut of a long query (``stages.region.cut``: ``doc`` starts
    at ``offset`` of the whole), taken from the whole query's input and orientation marks
    rather than read again for each candidate (a 5 MB paste has a thousand)."""
    end = offset + len(doc.text)
    public = _shifted(whole.public, offset, end)
    # the cut is the whole paste's page: its article number, read against the corpus's
    # rates already (``stages.features.numbered``), is the whole's
    info = replace(orient_info(doc, marks.within(offset, end)), page=whole.info.page)
    return PairInput(features, info, len(doc.text), doc.locator, public=public,
                     narrative=narrative_lengths(features.spans, public),
                     stripped=whole.stripped, quotes=_shifted(whole.quotes, offset, end),
                     voiced=_shifted(whole.voiced, offset, end),
                     house=_shifted(whole.house, offset, end))


def _shifted(spans: tuple[Span, ...], start: int, end: int) -> tuple[Span, ...]:
    """The sorted ``spans`` that meet ``start``..``end``, clipped to it and counted from
    ``start``."""
    lo = bisect.bisect_right(spans, start, key=lambda s: s.end)
    hi = bisect.bisect_left(spans, end, key=lambda s: s.start)
    return tuple(Span(max(s.start, start) - start, min(s.end, end) - start)
                 for s in spans[lo:hi])
