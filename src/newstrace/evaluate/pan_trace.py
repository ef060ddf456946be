"""PAN text alignment scored on what the product reports for a pair, not on PAN-only rules.

``detect_traced`` compares a (suspicious, source) pair the way ``newstrace compare`` and the
relate stage of ``trace`` do: ``match.pair.compare_pair`` with the default ``SentenceConfig``
on the verbatim alignment of the two documents' fingerprints. When the relation is a
derivation, its passages are the detections; a link (``same_story``, ``same_topic``) or no
relation detects nothing. None of ``evaluate.pan.detect_pair``'s additions (loose pairs,
summaries, near copies, word-pair filters) takes part.

The documents are PAN's raw texts, segmented as the product segments a hard-wrapped plain
text (PAN's offsets refer to the raw texts, and they hold no page chrome to clean).
Candidate generation is not measured: every listed pair is compared, as ``compare`` does.

PAN labels a summary's case as the whole source document (its 05 folder), where the product
reports the source sentences it aligned. ``whole_source`` gives the second figure PAN's
convention asks for: each detection's source side stretched to the whole source, in the
scoring only.
"""

from __future__ import annotations

from pathlib import Path

from newstrace.config import ReuseConfig
from newstrace.index.sentences import SentenceFeatures
from newstrace.index.shingles import fingerprint
from newstrace.match.kinds import DERIVATIONS
from newstrace.match.pair import compare_pair, make_input
from newstrace.match.sentences import SentenceConfig
from newstrace.match.verbatim import align_verbatim
from newstrace.model import Document, Span
from newstrace.text.segment import split_paragraphs, split_sentences

__all__ = ["Detection", "detect_traced", "whole_source"]

#: One detection: (suspicious offset, length, source offset, length).
Detection = tuple[int, int, int, int]


def _document(path: str, text: str) -> Document:
    """A raw PAN text as a document, segmented as hard-wrapped plain text."""
    paragraphs = split_paragraphs(text, unwrap=True)
    return Document(id=path, path=path, locator=path, format="text", text=text,
                    paragraphs=tuple(paragraphs),
                    sentences=tuple(split_sentences(text, paragraphs)))


def detect_traced(susp_path: str, source_path: str, susp_features: SentenceFeatures,
                  source_features: SentenceFeatures, config: ReuseConfig) -> list[Detection]:
    """The passages the product reports between the two files, as PAN detections."""
    susp = _document(susp_path, Path(susp_path).read_text(encoding="utf-8"))
    source = _document(source_path, Path(source_path).read_text(encoding="utf-8"))
    verbatim = align_verbatim(fingerprint(susp, config.seed), fingerprint(source, config.seed),
                              config)
    relation = compare_pair(make_input(susp, _as(susp_features, susp)),
                            make_input(source, _as(source_features, source)), verbatim,
                            ("pan",), SentenceConfig())
    if relation is None or relation.kind not in DERIVATIONS:
        return []
    spans: list[tuple[Span, Span]] = [
        (p.a, p.b) if relation.source == susp.id else (p.b, p.a) for p in relation.passages]
    return sorted((s.start, len(s), r.start, len(r)) for s, r in spans)


def _as(features: SentenceFeatures, doc: Document) -> SentenceFeatures:
    """Features computed on the document's own sentences (their spans must agree)."""
    if features.spans != doc.sentences:
        raise ValueError(f"{doc.path}: features were computed on other sentences")
    return features


def whole_source(found: list[Detection], source_length: int) -> list[Detection]:
    """PAN's summary convention: each detection's source side is the whole source."""
    return [(d[0], d[1], 0, source_length) for d in found]
