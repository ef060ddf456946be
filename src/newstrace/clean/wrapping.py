"""Undo hard line wrapping: newswire archives, e-mails and text dumps break lines at ~70
characters inside sentences, which would make every line a paragraph.

A text counts as hard-wrapped when no line is longer than a typewriter width (40 to 100
characters) and several long lines stop in mid-sentence. Then a line break is kept only where
a paragraph starts: after a blank line, before an indented line, or after a line that ends a
sentence well short of the wrap width; every other break becomes a space.
"""

from __future__ import annotations

__all__ = ["unwrap_hard_breaks"]

_SENTENCE_END = ('.', '!', '?', '"', "'", '”', '’', ':')


def _is_wrapped(lines: list[str]) -> bool:
    """Lines no longer than a typewriter width, several of them cut in mid-sentence."""
    body = [line.rstrip() for line in lines if line.strip()]
    if len(body) < 3:
        return False
    width = max(len(line) for line in body)
    if not 40 <= width <= 100:
        return False
    cut = sum(1 for line in body if len(line) >= 0.5 * width and not line.endswith(_SENTENCE_END))
    return cut >= 2 and cut >= 0.3 * len(body)


def unwrap_hard_breaks(text: str) -> str:
    """The text with soft (wrapping) line breaks replaced by spaces, or unchanged."""
    lines = text.split("\n")
    if not _is_wrapped(lines):
        return text
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
    return "\n".join(out)
