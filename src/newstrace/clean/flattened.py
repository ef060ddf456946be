"""Boilerplate removal for pages that were already flattened to text.

No library does this case: trafilatura and jusText need the HTML tree, but captures often
arrive as text — sometimes one 11,000-character line holding the navigation menu, a photo
gallery's captions (twice), ad slots, a related-links block, the article and the footer.

The method, in order:

1. cut what is chrome wherever it stands: photo captions (a gallery counter or "FILE -" up to
   the photo credit), ad slots and separators (``patterns.INLINE_CHROME``);
2. split into blocks (lines) and sentences, and mark whole segments that are chrome (share
   counters, footers, banners, link blocks, summaries, sentences repeated later on the page);
3. find the headline (the top lines of a text, or the words before a "By ..." byline);
4. keep the densest run of prose: each segment scores its word count, positive when it reads
   as a sentence (ends in terminal punctuation, mostly lower-case words) and negative when it
   does not (menus, tag lists, headlines); the maximum-sum contiguous run is the article
   (the body-text-extraction idea of Finn, Kushmerick & Smyth, 2001, over sentences;
   the scores are ``clean.prose``'s).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from newstrace.clean import patterns as P
from newstrace.clean.prose import (
    TERMINAL,
    WORD,
    Segment,
    densest_run,
    page_capitals,
    prose_score,
    score_prose,
)
from newstrace.clean.wrapping import unwrapped
from newstrace.model import Span
from newstrace.text.segment import paragraph_bounds, sentence_bounds

__all__ = ["CleanedText", "clean_page", "normalise_page"]

_SPACES = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")
_THREE_CAPITALS = re.compile(r"(?:[A-Z0-9À-ÖØ-ÞΑ-ΩА-ЯЁ]\S*\s+){2}[A-Z0-9À-ÖØ-ÞΑ-ΩА-ЯЁ]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_UNICODE_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_BYLINE = re.compile(r"\s+By\s+(?=[A-Z])")
_MAX_TITLE_WORDS = 30
#: Headlines run to about this many words; a longer top line closed by a full stop is a lead.
_HEADLINE_WORDS = 16
#: A verb of saying in the past tense followed by what was said: reporting, not a headline
#: ("Trump says ..." headlines use the present).
_SAYS = re.compile(r"\b(?:said|told|announced|reported)\b(?: on \w+)?[,:]? "
                   r"(?:(?:that|it|he|she|they|we)\b|[“\"])")
_MAX_TOP_LINE_WORDS = 20  # headlines run 8-15 words; AP leads run 25-35


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The article text (paragraphs separated by blank lines), its headline, and the page
    text that came before the article (where bylines, dates and URLs usually are)."""

    text: str
    title: str | None
    header: str
    masthead: str | None = None
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()


def normalise_page(raw: str) -> str:
    """Unify line ends and spaces and drop invisible characters; no offsets are kept."""
    return _normalised(raw)[0]


def _normalised(raw: str) -> tuple[str, bool]:
    """``normalise_page``'s text, and whether the page was hard-wrapped."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw
    text, wrapped = unwrapped(text)
    if not text.isascii():
        if _INVISIBLE.search(text):
            text = _INVISIBLE.sub("", text)
        if _UNICODE_SPACES.search(text):
            text = _UNICODE_SPACES.sub(" ", text)
    if "  " in text or "\t" in text or "\f" in text or "\v" in text:
        text = _SPACES.sub(" ", text)
    return text, wrapped


def clean_page(raw: str, *, select_region: bool = True, find_title: bool = True
               ) -> CleanedText:
    """Strip page chrome from flattened text and return the article, its title and header.

    ``select_region=False`` keeps every segment not marked as chrome; use it for text that an
    HTML extractor already reduced to the article. ``find_title=False`` is for captures whose
    title is known already (a JSONL field): their first line is then article text.
    """
    text, wrapped = _normalised(raw)
    text = _cut_captions(text)
    if P.may_hold_inline_chrome(text):
        text = P.INLINE_CHROME.sub("\n", text)
    segments = _segment(text)
    _mark_chrome(text, segments)
    segments = _split_glued_menus(text, segments)
    _mark_author_box(text, segments)
    score_prose(text, segments, page_capitals(text))
    masthead = _take_masthead(text, segments)
    title = _take_title(text, segments) if find_title else None
    _mark_repeats(text, segments)
    live = [s for s in segments if s.chrome is None]
    if select_region and not wrapped:
        # A capture with no prose at all (a table of figures) is kept whole, not emptied;
        # so is a hard-wrapped one, a wire archive's item (an earnings table with a note)
        # or an e-mail, with no page around it to cut.
        live = densest_run(text, live) or live
    header_end = live[0].start if live else len(text)
    body, paragraphs, sentences = _assemble(text, segments, live)
    return CleanedText(body, title, text[:header_end], masthead, paragraphs, sentences)


def _cut_captions(text: str) -> str:
    """Remove photo captions: from a gallery counter or "FILE -" to the credit that closes it."""
    cuts: list[tuple[int, int]] = []
    if not P.may_hold_photo_credit(text):
        return text
    for credit in P.PHOTO_CREDIT.finditer(text):
        window_start = max(credit.start() - 1500, cuts[-1][1] if cuts else 0)
        starts = list(P.CAPTION_START.finditer(text, window_start, credit.start()))
        begin = starts[0].start() if starts else credit.start()
        cuts.append((begin, credit.end()))
    if not cuts:
        return text
    pieces, pos = [], 0
    for begin, end in cuts:
        pieces.append(text[pos:begin])
        pieces.append("\n")
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _segment(text: str) -> list[Segment]:
    return [Segment(number, start, end)
            for number, block in enumerate(paragraph_bounds(text))
            for start, end in sentence_bounds(text, *block)]


def _split_glued_menus(text: str, segments: list[Segment]) -> list[Segment]:
    """Split a run of capitalised menu words from the sentence glued after it.

    Flattening joins "Search Donate Home The Blog September 10, 2018 | by Catherine" and "Our
    goal with hosting..." into one segment; the split point is where a capitalised prefix
    gives way to a mostly lower-case sentence (the split maximising capitalised words before
    it and lower-case words after it).
    """
    out: list[Segment] = []
    for seg in segments:
        cut = None
        if seg.chrome is None and _capitalised_start(text, seg):
            words = list(WORD.finditer(text, seg.start, seg.end))
            cut = _menu_prefix_end(words) if len(words) >= 10 else None
        if cut is None:
            out.append(seg)
            continue
        out.append(Segment(seg.block, seg.start, words[cut - 1].end()))
        out.append(Segment(seg.block, words[cut].start(), seg.end))
    return out


def _capitalised_start(text: str, seg: Segment) -> bool:
    """Whether the segment opens with three capitalised words (a menu may be glued on)."""
    return _THREE_CAPITALS.match(text, seg.start, seg.end) is not None


def _menu_prefix_end(words: list[re.Match[str]]) -> int | None:
    """Index of the first sentence word after a capitalised prefix, or None when none is."""
    signs = [1 if w.group()[0].isupper() or w.group()[0].isdigit() else -1 for w in words]
    total = sum(signs)
    best, best_at, running = 0, None, 0
    for index in range(1, len(words) - 4):
        running += signs[index - 1]
        gain = 2 * running - total  # capitalised before minus capitalised after, roughly
        if gain > best and words[index].group()[0].isupper():
            best, best_at = gain, index
    if best_at is None or best_at < 3:
        return None
    before = signs[:best_at]
    after = signs[best_at:]
    if before.count(1) >= 0.75 * len(before) and after.count(1) <= 0.35 * len(after):
        return best_at
    return None


def _mark_chrome(text: str, segments: list[Segment]) -> None:
    """Mark chrome segments; split a link block from the article text glued after it."""
    index = 0
    while index < len(segments):
        seg = segments[index]
        piece = text[seg.start : seg.end]
        if P.CHROME_SEGMENT.match(piece) or P.SHARE_COUNTER.match(piece):
            seg.chrome = "chrome"
        elif P.SUMMARY_HEADER.match(piece):
            _mark_block(segments, seg.block, "summary")
        elif P.LINK_BLOCK_HEADER.match(piece):
            cut = _last_implied_boundary(text, seg.start, seg.end)
            if cut is not None and len(WORD.findall(text, cut, seg.end)) >= 4:
                segments.insert(index + 1, Segment(seg.block, cut, seg.end))
                seg.end = cut
            seg.chrome = "related-links"
        index += 1


#: An author's box is one of the page's last paragraphs (``patterns.AUTHOR_BOX``).
_AUTHOR_BOX_LAST = 2


def _mark_author_box(text: str, segments: list[Segment]) -> None:
    """Mark an author's box at the foot of the page: one of its last paragraphs, never its
    first, that opens with the author's post ("... is Senior Editor-at-Large at Breitbart
    News.")."""
    firsts: dict[int, Segment] = {}
    for seg in segments:
        if seg.chrome is None:
            firsts.setdefault(seg.block, seg)
    # a box follows a story: the first paragraph is the story's, whatever it opens with
    for block in sorted(firsts)[1:][-_AUTHOR_BOX_LAST:]:
        first = firsts[block]
        if P.AUTHOR_BOX.match(text, first.start, first.end):
            _mark_block(segments, block, "author")


def _mark_block(segments: list[Segment], block: int, reason: str) -> None:
    for seg in segments:
        if seg.block == block:
            seg.chrome = reason


def _last_implied_boundary(text: str, start: int, end: int) -> int | None:
    """The last place where a new sentence starts without punctuation ("teammates The group")."""
    found = None
    words = list(WORD.finditer(text, start, end))
    for prev, word in itertools.pairwise(words):
        if _starts_unpunctuated(text, prev, word):
            found = word.start()
    return found


def _starts_unpunctuated(text: str, prev: re.Match[str], word: re.Match[str]) -> bool:
    """True where ``word`` opens a new sentence glued on without punctuation: a lower-case
    content word, only white space, then a capitalised word ("teammates The group")."""
    before = prev.group()
    return (word.group()[0].isupper() and not before[0].isupper()
            and before.lower() not in P.STOPWORDS
            and text[prev.end() : word.start()].isspace())


def _take_masthead(text: str, segments: list[Segment]) -> str | None:
    """A site name alone on the first line ("The Limited Times"), above a longer headline."""
    first = next((seg for seg in segments if seg.chrome is None), None)
    if first is None or any(s.block == first.block and s is not first for s in segments):
        return None
    line = text[first.start : first.end]
    words = WORD.findall(line)
    later = [s for s in segments if s.chrome is None and s.block > first.block]
    if (1 <= len(words) <= 4 and all(w[0].isupper() or w.isdigit() for w in words)
            and line[-1] not in TERMINAL and len(later) >= 3):
        first.chrome = "masthead"
        return line.strip()
    return None


def _take_title(text: str, segments: list[Segment]) -> str | None:
    """Find the headline, mark every copy of it as chrome, and return it."""
    blocks = {seg.block for seg in segments if seg.chrome is None}
    title = _top_line_title(text, segments) if len(blocks) >= 2 else None
    if title is None:
        title = _byline_title(text, segments)
    if title:
        key = _key(title)
        for seg in segments:
            if (seg.chrome is None and abs(seg.end - seg.start - len(title)) < 8
                    and _key(text[seg.start : seg.end]) == key):
                seg.chrome = "title"
    return title


def _top_line_title(text: str, segments: list[Segment]) -> str | None:
    """The first short line of a multi-line text, unless it is the masthead or a date."""
    by_block: dict[int, list[Segment]] = {}
    for seg in segments:
        if seg.chrome is None:
            by_block.setdefault(seg.block, []).append(seg)
    for block in sorted(by_block)[:4]:
        segs = by_block[block]
        line = text[segs[0].start : segs[-1].end]
        words = WORD.findall(line)
        if len(words) < 3 or not any(c.isalpha() for c in line) or _looks_like_date(line):
            continue
        if len(words) > _MAX_TOP_LINE_WORDS or _reports(line):
            return None  # a lead paragraph, not a headline: the text keeps it
        for seg in segs:
            seg.chrome = "title"
        return _SPACES.sub(" ", line).strip()
    return None


def _reports(line: str) -> bool:
    """Whether a top line is a sentence of reporting, not a headline: it tells who said what
    ("Officials said on Monday that ..."), or is a full sentence longer than headlines run
    (a spun page may end its headline with a full stop)."""
    closing = line.rstrip().rstrip("”\"’')]")
    return bool(_SAYS.search(line)) or (
        closing.endswith(".") and len(WORD.findall(line)) > _HEADLINE_WORDS)


def _byline_title(text: str, segments: list[Segment]) -> str | None:
    """In a one-line page, the headline is the run of words just before "By <Name>"."""
    for seg in segments:
        if seg.chrome is None and prose_score(text, seg) > 0:
            return None
        byline = _BYLINE.search(text, seg.start, seg.end)
        if byline is None:
            continue
        cut = seg.start
        words = list(WORD.finditer(text, seg.start, byline.start()))
        for position in range(1, len(words) - 3):
            if _starts_unpunctuated(text, words[position - 1], words[position]):
                cut = words[position].start()
        title = _SPACES.sub(" ", text[cut : byline.start()]).strip()
        return title if 3 <= len(WORD.findall(title)) <= _MAX_TITLE_WORDS else None
    return None


def _looks_like_date(line: str) -> bool:
    return bool(re.fullmatch(r"[\s\dTZ:.,/+-]+|.{0,12}\d{4}-\d\d-\d\d.{0,30}", line.strip()))


def _key(piece: str) -> str:
    return " ".join(WORD.findall(piece.casefold()))


def _mark_repeats(text: str, segments: list[Segment]) -> None:
    """A sentence seen again later on the page (a pull quote, a teaser) keeps its last copy."""
    keys = [" ".join(text[seg.start : seg.end].casefold().split()) for seg in segments]
    last = {key: position for position, key in enumerate(keys) if key.count(" ") >= 5}
    for position, (seg, key) in enumerate(zip(segments, keys, strict=True)):
        if seg.chrome is None and last.get(key, position) != position:
            seg.chrome = "repeat"


def _assemble(text: str, segments: list[Segment],
              kept: list[Segment]) -> tuple[str, tuple[Span, ...], tuple[Span, ...]]:
    """Join kept segments (same block, nothing dropped between them: same paragraph) and
    return the text with its paragraph and sentence spans, so nothing is split twice."""
    keep = {id(seg) for seg in kept}
    pieces: list[str] = []
    paragraphs: list[Span] = []
    sentences: list[Span] = []
    length, para_start = 0, 0
    previous: Segment | None = None
    for seg in segments:
        if id(seg) not in keep:
            if seg.chrome is not None:
                previous = None
            continue
        piece = text[seg.start : seg.end]
        same_paragraph = previous is not None and previous.block == seg.block
        if pieces:
            if not same_paragraph:
                paragraphs.append(Span(para_start, length))
            separator = " " if same_paragraph else "\n\n"
            pieces.append(separator)
            length += len(separator)
        if not same_paragraph:
            para_start = length
        sentences.append(Span(length, length + len(piece)))
        pieces.append(piece)
        length += len(piece)
        previous = seg
    if pieces:
        paragraphs.append(Span(para_start, length))
    return "".join(pieces), tuple(paragraphs), tuple(sentences)
