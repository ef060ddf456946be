"""Undo hard line wrapping: newswire archives, e-mails and text dumps break lines at ~70
characters inside sentences, which would make every line a paragraph.

A text counts as hard-wrapped when no line is longer than a typewriter width (40 to 100
characters) and several long lines stop in mid-sentence. Then a line break is kept only where
a paragraph starts: after a blank line, before an indented line, or after a line that ends a
sentence well short of the wrap width; every other break becomes a space.
"""

from __future__ import annotations

import itertools

from newstrace.clean.prose import TERMINAL

__all__ = ["unwrap_hard_breaks", "unwrapped"]

#: What a sentence ends in, in every script: the prose score's marks (``clean.prose``), so
#: closing brackets, guillemets and "…" too (a Japanese paragraph's "。" had read as a line
#: cut in mid-sentence, and its paragraphs as one hard-wrapped text).
_SENTENCE_END = tuple(TERMINAL)


def _is_wrapped(lines: list[str]) -> bool:
    """Lines no longer than a typewriter width, several of them cut in mid-sentence, or one
    whose sentence plainly runs on: the next line goes on in lower case ("Hog prices opened
    1.00 dlr higher,\nprivate sources said." is a wire item of three lines)."""
    body = [line.rstrip() for line in lines if line.strip()]
    if len(body) < 3:
        return False
    width = max(len(line) for line in body)
    if not 40 <= width <= 100:
        return False
    cut = sum(1 for line in body if _cut(line, width))
    # next to each other, with no blank line between: a heading over a paragraph that opens
    # in lower case is no sentence running on
    runs_on = any(_cut(here.rstrip(), width) and after[:1].islower()
                  for here, after in itertools.pairwise(lines))
    return (cut >= 2 and cut >= 0.3 * len(body)) or runs_on


def _cut(line: str, width: int) -> bool:
    """Whether a (right-stripped) line is long and stops in mid-sentence."""
    return len(line) >= 0.5 * width and not line.endswith(_SENTENCE_END)


def unwrap_hard_breaks(text: str) -> str:
    """The text with soft (wrapping) line breaks replaced by spaces, or unchanged."""
    return unwrapped(text)[0]


def unwrapped(text: str) -> tuple[str, bool]:
    """The text unwrapped (``unwrap_hard_breaks``), and whether it was hard-wrapped: a
    newswire archive's item, an e-mail or a text dump, not a page's text (no crawl or
    extraction here wraps its lines). ``text``'s line ends are "\\n" already."""
    lines = text.split("\n")
    if not _is_wrapped(lines):
        return text, False
    width = max(len(line.rstrip()) for line in lines)
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and line.strip() and not line[:1].isspace():
            previous = out[-1].rstrip()
            short_end = previous.endswith(_SENTENCE_END) and len(previous) < 0.75 * width
            if not short_end:
                out[-1] = previous + " " + line.strip()
                continue
        out.append(line)
    return "\n".join(out), True
