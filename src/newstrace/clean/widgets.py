"""Page widgets left in flattened article text: video playlists, photo galleries, slideshows.

Scrapers that keep a page's text nodes (newspaper3k, the AllSides crawl's extractor) keep the
widgets' text with the article: on the AllSides development crawl 197 of 1,419 articles hold
a CNN video playlist ("JUST WATCHED <title> Replay More Videos ... MUST WATCH <title> 07:23")
and 214 a CNN photo gallery, its captions interleaved with "Hide Caption 3 of 19 Photos:
<gallery title>" counters. Left in, they are shared verbatim by unrelated pages of the site
(a copy to the aligner) and read as names, numbers and times by the change detectors (video
running times became "time_shifted", gallery counters "number_changed").

The Hill links each politician's name to a card that a text scrape flattens into the
sentence: "Senate Majority Leader Mitch McConnell Addison (Mitch) Mitchell McConnellGOP
senators introduce resolution ... Republicans walk tightrope on police reform MORE (R-Ky.)
said": the full name, glued to three of the day's headlines, closed by "MORE". On a held-out
AllSides month 12 of 24 reported derivations were two Hill pages sharing only such cards.

Crawls joined by other scrapers carry "###" between the page's blocks and the labels of its
buttons on lines of their own ("Save", "Purchase: Order Reprint"). ``strip_widgets`` cuts
all of them from a text before the page cleaner reads it. Hand-written: the
widgets are site habits seen as text, which no extraction library removes once the markup
is gone; each pattern is one habit.
"""

from __future__ import annotations

import re

__all__ = ["strip_widgets"]

#: One playlist entry: "JUST WATCHED <title> Replay More Videos ... MUST WATCH <title> 07:23".
_PLAYLIST = re.compile(r"JUST WATCHED\b.{0,300}?\bMUST WATCH\b.{0,300}?\b\d{1,2}:\d{2}\b",
                       re.DOTALL)
#: A gallery: from its first "Photos: <title>" to its last "Hide Caption N of M".
_HIDE = re.compile(r"\s*Hide Caption \d{1,3} of \d{1,3}")
_PHOTOS = re.compile(r"Photos: ")
#: How far before a gallery's first counter its "Photos:" title may stand (one caption).
_CAPTION_CHARS = 900
#: A crawl's paragraph joint ("###" where the scraper joined the page's blocks) and the
#: buttons a text scrape keeps on lines of their own ("Save", "Purchase: Order Reprint").
_JOINT = re.compile(r"[ \t]*#{3,}[ \t]*")
_BUTTONS = re.compile(r"^[ \t]*(?:Save|Share|Purchase|Reprint|Order Reprint|Purchase:? Order "
                      r"Reprint|Print|Email|Comments?)[ \t]*$", re.MULTILINE)
#: A slideshow or gallery marker on its own: "Slideshow (4 Images)", "Photos: 1 of 12".
_MARKER = re.compile(r"\bSlideshow \(\d+ Images?\)|\bView (?:photo )?gallery\b"
                     r"|^[ \t]*Photos: [^\n]{0,80}$", re.MULTILINE)


#: The end of a name card: " MORE" before punctuation (a closing quotation mark too: a card
#: inside a quotation, "... Donald John TrumpLawmakers prep ... MORE”"), a space, a
#: possessive or the end.
_MORE = re.compile(r" MORE(?=[\s.,;:?!)'’”\"]|$)")
#: Where the card's full name meets its first headline: a lowercase letter glued to a
#: capital or a digit ("McConnellGOP", "TrumpMcBath", "McCain2020"; "McConnell" itself is
#: tried and not found).
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z0-9])")
#: How long a card may be, and how far before it its name may be first written.
_CARD_CHARS, _NAME_CHARS = 600, 120
#: A card whose full name is not glued to its headlines: the name as written ("Paul Ryan"),
#: then the full name from the same first name to the same surname ("Paul Davis Ryan").
_REPEATED = re.compile(r"\b([A-Z][\w'-]+) ([A-Z][\w'-]+) \1(?: [A-Z(][\w.()'-]*){0,3} \2(?= )")
#: Letters a surname glued to its card needs ("Papadopoulos"; not "Mc" of "McCain").
_GLUED_NAME = 4
#: The card's full name before its glued surname: up to three capitalised words.
_FULL_NAME = re.compile(r"(?:[A-Z(][\w.()'-]* ){1,3}$")
#: The name as written, cut before its surname: the card's first name and one or two
#: capitalised words, ending where the card begins ("Sarah Huckabee [card] Sanders").
_WRITTEN_FIRST = r"\b{first}(?: [A-Z][\w'-]+){{1,2}} $"


def strip_widgets(text: str) -> str:
    """``text`` without video playlists, photo galleries, slideshow markers, name cards,
    paragraph joints and button labels."""
    if "###" in text:
        text = _JOINT.sub("\n\n", text)
    text = _BUTTONS.sub("", text)
    if "JUST WATCHED" in text:
        text = _PLAYLIST.sub("\n\n", text)
    if "Hide Caption" in text:
        text = _without_galleries(text)
    if " MORE" in text:
        text = _without_name_cards(text)
    if "Slideshow" in text or "gallery" in text or "Photos: " in text:
        text = _MARKER.sub("", text)
    return text


def _without_galleries(text: str) -> str:
    """Cut each gallery: the run of captions from the "Photos:" title before its first
    counter to its last counter (counters within one caption's length of each other)."""
    out: list[str] = []
    at = 0
    counters = list(_HIDE.finditer(text))
    index = 0
    while index < len(counters):
        first = counters[index]
        last = first
        while index + 1 < len(counters) and \
                counters[index + 1].start() - last.end() <= _CAPTION_CHARS:
            index += 1
            last = counters[index]
        index += 1
        window = text.rfind("\n", max(at, first.start() - _CAPTION_CHARS), first.start())
        title = _PHOTOS.search(text, max(at, window, first.start() - _CAPTION_CHARS),
                               first.start())
        start = title.start() if title else first.start()
        out.append(text[at:start])
        out.append("\n\n")
        at = last.end()
    out.append(text[at:])
    return "".join(out)


def _cut_before_surname(text: str, window: int, name_start: int) -> int | None:
    """Where a card begins that was set inside the name as written, before its surname
    ("invite Sarah Huckabee Sarah Elizabeth SandersWhite House ... MORE Sanders"): the card's
    full name starts with a first name written just before it with one or two more
    capitalised words. None when the text does not read so."""
    full = _FULL_NAME.search(text, max(window, name_start - _NAME_CHARS), name_start)
    if full is None:
        return None
    # the full name's first word: its last capitalised words are read from the nearest out
    words = full.group().split()
    for count in range(1, len(words) + 1):
        start = name_start - len(" ".join(words[-count:])) - 1
        written = re.search(_WRITTEN_FIRST.format(first=re.escape(words[-count])),
                            text[window:start])
        if written:
            return window + written.end() - 1
    return None


def _without_name_cards(text: str) -> str:
    """Cut each name card: from the end of the name as the sentence wrote it ("Mitch
    McConnell") to the card's "MORE". A card is known by its glued full name, whose last word
    the sentence wrote just before it; without that, the text is left as it is."""
    out: list[str] = []
    at = 0
    for more in _MORE.finditer(text):
        if more.start() < at:
            continue
        low = max(at, more.start() - _CARD_CHARS, text.rfind("\n", 0, more.start()) + 1)
        for glue in _GLUE.finditer(text, low, more.start()):
            name_start = max(text.rfind(" ", low, glue.start()) + 1, low)
            surname = text[name_start:glue.start()]
            window = max(low, name_start - _NAME_CHARS)
            # the name as written may itself be glued to the card ("George PapadopoulosGeorge"),
            # if long enough not to be a prefix ("Mc" of "McCain")
            glued = "|[A-Z]" if len(surname) >= _GLUED_NAME else ""
            written = list(re.finditer(rf"\b{re.escape(surname)}(?=\b{glued})",
                                       text[window:name_start]))
            if not surname[:1].isupper():
                continue
            cut = window + written[-1].end() if written \
                else _cut_before_surname(text, window, name_start)
            if cut is not None:
                out.append(text[at:cut])
                at = more.end()
                break
        else:
            repeated = list(_REPEATED.finditer(text, low, more.start()))
            if repeated:  # the one nearest the card's end
                out.append(text[at:repeated[-1].end(2)])
                at = more.end()
    out.append(text[at:])
    return "".join(out)
