"""newstrace: trace where a news story came from and where it went.

The public surface is what ``__all__`` lists; everything else is private and may change.

>>> from newstrace import Document, ingest, trace
>>> docs = [d for d in ingest(["examples/corpus"]) if isinstance(d, Document)]  # doctest: +SKIP
>>> report = trace(["examples/corpus"])  # the canonical JSON report, as a dict  # doctest: +SKIP
>>> with Index("corpus.db") as index:  # an index kept for later adds  # doctest: +SKIP
...     add_documents(index, docs)  # aligned; stages.semantic.relate_pending relates them
"""

from __future__ import annotations

import logging

from newstrace.changes.detect import detect_changes
from newstrace.clean.flattened import CleanedText, clean_page
from newstrace.clean.templates import strip_site_templates
from newstrace.compare import Comparison, compare
from newstrace.config import ReuseConfig
from newstrace.engine import Engine
from newstrace.engine.local import LocalEngine
from newstrace.errors import (
    EmptyInputError,
    InputError,
    NewstraceError,
    TooLargeError,
    UnsupportedFormatError,
    UsageError,
)
from newstrace.index.shingles import Fingerprint, fingerprint
from newstrace.ingest.build import build_document
from newstrace.ingest.pipeline import ingest
from newstrace.ingest.readers import ReadOptions, read_paths
from newstrace.ingest.tabular import FieldMap
from newstrace.match.verbatim import Alignment, align_verbatim
from newstrace.model import Change, Document, Failure, Passage, RawRecord, Relation, Span
from newstrace.report.json_report import build_report, dump_report
from newstrace.stages.verbatim import add_documents
from newstrace.store.index import Index, open_index
from newstrace.text.segment import split_paragraphs, split_sentences
from newstrace.text.tokens import Tokens, tokenize
from newstrace.trace import trace
from newstrace.version import __version__

__all__ = [
    "Alignment",
    "Change",
    "CleanedText",
    "Comparison",
    "Document",
    "EmptyInputError",
    "Engine",
    "Failure",
    "FieldMap",
    "Fingerprint",
    "Index",
    "InputError",
    "LocalEngine",
    "NewstraceError",
    "Passage",
    "RawRecord",
    "ReadOptions",
    "Relation",
    "ReuseConfig",
    "Span",
    "Tokens",
    "TooLargeError",
    "UnsupportedFormatError",
    "UsageError",
    "__version__",
    "add_documents",
    "align_verbatim",
    "build_document",
    "build_report",
    "clean_page",
    "compare",
    "detect_changes",
    "dump_report",
    "fingerprint",
    "ingest",
    "open_index",
    "read_paths",
    "split_paragraphs",
    "split_sentences",
    "strip_site_templates",
    "tokenize",
    "trace",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
