"""House notes: where a page speaks for its publisher, not for the story.

Publishers dress their articles with their own notes: an editor's note selling a membership
("Editor's Note: Want to support Townhall ...? Join Townhall VIP ..."), a survey's
methodology box ("How we did this ... Everyone who took part is a member of Pew Research
Center's American Trends Panel ..."), acknowledgments, and calls to the reader ("See the
survey questions and methodology", "Want to see more data on these questions?"). One
publisher's pages about different stories share these notes word for word, and they were
read as partial copies: on the spring AllSides crawl, 6 of the 10 reported derivations were
two pages of one publisher sharing only such notes (read by a person, both texts), the
notes on two to four of its pages, too few for the site template pass
(``clean.templates.REPEATED_PAGES``) or the stock pass (``clean.stock``, whose sentences
must recur verbatim on three sites) to see.

A note is not a copy's evidence, nor an event's (two reports sharing a methodology box are
not one event told twice, as two sharing a quotation are): the relation rules count
neither (``match.pair.pair_features``: ``house_words``). The text stays: the notes are what
the page printed, and a reader may want them.

What is marked:

- a box opened by its label, at a paragraph's or a sentence's start, to the paragraph's
  end: "Editor's Note:", "Note:", "How we did this", "About this survey", "Methodology:",
  "Acknowledgments:", "Disclosure:" (not "Correction:" or "Update:", which say what changed
  in the story);
- a sentence calling on the reader: one opening on an imperative of the page's own actions
  ("Click", "Sign up", "Subscribe", "Watch", ...; "See", "Visit", "Join", "Read" and the like
  only before the page's own thing, "See the survey questions", "Join Townhall VIP", since
  "Read aloud in court" and "Access to water" open reports' sentences), a question
  put to the reader ("Want to see more data on these questions?") or an infinitive clause
  before one ("To analyze these questions ..., visit the interactive tool"), and "Here are
  the questions ..." pointing to the page's own material. A link's label ("Read: ...",
  "Watch: ...", "Read more: ...") is not one: in a flattened page the linked headline runs
  into the next paragraph's first sentence, which is the report's own.

Hand-written: boilerplate detectors (trafilatura's, jusText's) judge whole blocks of HTML by
link density and length; here the page is text already and the notes sit inside the
article's paragraphs, so the label and the voice are what tell them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newstrace.model import Span
from newstrace.text.public import merged_spans

__all__ = ["house_spans"]

#: Where a sentence may open: a paragraph's start, or after a sentence's end.
_OPEN = r"(?:^|(?<=[.?!\"”:] )|(?<=[.?!\"”]  ))"
#: A box's label; the box runs to its paragraph's end.
_BOX = re.compile(
    _OPEN + r"(?:(?:Editor|EDITOR|Editors|EDITORS)(?:['’][sS]?)? (?:Note|NOTE|note)\s*:"
    r"|(?:Note|NOTE)\s*:|How we did this\b|About (?:this|the) (?:survey|report|data|analysis"
    r"|study|poll|series|project)\b|(?:Methodology|METHODOLOGY)\s*:"
    r"|Acknowledge?ments\s*:|(?:Disclosure|DISCLOSURE)\s*:)",
    re.MULTILINE)
#: A sentence calling on the reader: the imperative of a page's own action, a question put
#: to the reader, or an infinitive clause before an imperative; it runs to the sentence's end.
_CALL = re.compile(
    _OPEN + r"(?:(?:Click|Sign up|Subscribe|Follow us|Donate|Check out|Find out|Learn more"
    r"|Watch(?! out)|Listen)\b(?!:)"
    # verbs that also open a report's sentence ("Access to water", "Read aloud in court",
    # "Download speeds fell"): a call only with the page's own thing after them
    r"|(?:See|Visit|Read|Join|Download|Explore|Access|Tap|Support) (?:the|our|us|more|here"
    r"|this|these|all|full|it|them|my|your|now|today)\b(?!:)"
    r"|(?:Visit|Join|Support) [A-Z]\w*\b(?!:)"  # "Join Townhall VIP", "Visit NPR.org"
    r"|(?:Want|Interested|Looking|Curious) (?:to|in|for|about)\b[^.?!\n]{0,160}\?"
    r"|To [^,.?!\n]{3,160}, (?:visit|see|click|read|go to|download|explore|access|sign up"
    r"|subscribe)\b"
    r"|Here(?:['’]s| is| are) (?:the|a|our) (?:questions|full|complete|data|methodology"
    r"|topline|survey|link)\b)",
    re.MULTILINE)
#: A sentence's end: punctuation (and closing marks) before a space, a line's end or the
#: text's.
_END = re.compile(r"[.?!][”\"’)]*(?=\s|$)")


def house_spans(text: str, paragraphs: Sequence[Span]) -> tuple[Span, ...]:
    """The house notes of ``text`` (see the module's docstring), as sorted, non-overlapping
    spans within its ``paragraphs`` (the whole text when none)."""
    found: list[Span] = []
    for paragraph in paragraphs or (Span(0, len(text)),):
        if not _may_hold(text, paragraph):
            continue
        box = _BOX.search(text, paragraph.start, paragraph.end)
        if box:
            found.append(Span(box.start(), paragraph.end))
        for call in _CALL.finditer(text, paragraph.start, box.start() if box else paragraph.end):
            end = _END.search(text, call.end() - 1, paragraph.end)
            found.append(Span(call.start(), end.end() if end else paragraph.end))
    return merged_spans(found)


#: Words one of the patterns opens on: a paragraph holding none is skipped at once.
_HINTS = ("Note", "NOTE", "How we", "About ", "Methodology", "METHODOLOGY", "Acknowledg",
          "Disclosure", "DISCLOSURE", "See", "Visit", "Click", "Tap", "Sign up",
          "Subscribe", "Join", "Download", "Follow us", "Read", "Watch", "Listen", "Explore",
          "Access", "Check out", "Find out", "Learn more", "Donate", "Support", "Want ",
          "Interested ", "Looking ", "Curious ", "To ", "Here")


def _may_hold(text: str, paragraph: Span) -> bool:
    """Cheap test before the patterns: most paragraphs hold none of their opening words."""
    part = text[paragraph.start:paragraph.end]
    return any(hint in part for hint in _HINTS)
