"""Exceptions raised by newstrace.

The tree::

    NewstraceError                 anything newstrace raises on purpose
    ├── InputError                 one capture cannot be read; becomes a ``Failure`` record
    │   ├── UnsupportedFormatError   binary or unknown content (an image, an archive)
    │   ├── EmptyInputError          nothing left after decoding or extraction
    │   └── TooLargeError            over the per-document size limit
    └── UsageError                 the caller asked for something impossible (bad field mapping)

Readers turn an ``InputError`` into a ``Failure`` (path plus reason) and go on with the next
capture; only ``UsageError`` stops a run, because no capture could succeed under it.
"""

from __future__ import annotations

__all__ = [
    "EmptyInputError",
    "InputError",
    "NewstraceError",
    "TooLargeError",
    "UnsupportedFormatError",
    "UsageError",
]


class NewstraceError(Exception):
    """Base class of every error newstrace raises on purpose."""


class InputError(NewstraceError):
    """A single capture cannot be read; the message is the plain reason shown to users."""


class UnsupportedFormatError(InputError):
    """The content is binary or of a kind newstrace does not read."""


class EmptyInputError(InputError):
    """The capture holds no text (or no article text after extraction)."""


class TooLargeError(InputError):
    """The capture is larger than the per-document limit (``--max-bytes``)."""


class UsageError(NewstraceError):
    """The request cannot work for any capture (for example a CSV field that does not exist)."""


class QueryStopped(NewstraceError):
    """A query stopped before its end: its time budget ran out, or its client went away."""
