"""newstrace: trace where a news story came from and where it went.

The public surface is what ``__all__`` lists; everything else is private and may change.

>>> from newstrace import ingest
>>> docs = [d for d in ingest(["examples/corpus"]) if isinstance(d, Document)]  # doctest: +SKIP
"""

from __future__ import annotations

import logging

from newstrace.clean.flattened import CleanedText, clean_page
from newstrace.clean.templates import strip_site_templates
from newstrace.engine.local import LocalEngine
from newstrace.errors import (
    EmptyInputError,
    InputError,
    NewstraceError,
    TooLargeError,
    UnsupportedFormatError,
    UsageError,
)
from newstrace.ingest.build import build_document
from newstrace.ingest.pipeline import ingest
from newstrace.ingest.readers import ReadOptions, read_paths
from newstrace.ingest.tabular import FieldMap
from newstrace.model import Document, Failure, RawRecord, Span
from newstrace.text.segment import split_paragraphs, split_sentences
from newstrace.text.tokens import Tokens, tokenize

__version__ = "0.1.0"

__all__ = [
    "CleanedText",
    "Document",
    "EmptyInputError",
    "Failure",
    "FieldMap",
    "InputError",
    "LocalEngine",
    "NewstraceError",
    "RawRecord",
    "ReadOptions",
    "Span",
    "Tokens",
    "TooLargeError",
    "UnsupportedFormatError",
    "UsageError",
    "__version__",
    "build_document",
    "clean_page",
    "ingest",
    "read_paths",
    "split_paragraphs",
    "split_sentences",
    "strip_site_templates",
    "tokenize",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
