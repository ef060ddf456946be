"""``compare``: two documents, fully compared — their relation and what the copy changed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from newstrace.changes.detect import relation_changes
from newstrace.config import ReuseConfig
from newstrace.index.embed import Encoder, load_encoder
from newstrace.index.sentences import sentence_features
from newstrace.index.shingles import fingerprint
from newstrace.match.anchors import Anchors, text_anchors
from newstrace.match.kinds import DERIVATIONS
from newstrace.match.pair import compare_pair, flipped, make_input
from newstrace.match.sentences import SentenceConfig
from newstrace.match.verbatim import align_verbatim
from newstrace.model import Change, Document, Relation

__all__ = ["Comparison", "compare"]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two documents, the relation between them (None when unrelated) and the changes.

    ``source`` is the document the relation names as the source (the first one given when
    the relation is not a derivation, or when ``as_given`` asked for that order).
    """

    source: Document
    derived: Document
    relation: Relation | None
    changes: tuple[Change, ...]
    encoder: str

    def to_json(self) -> dict[str, Any]:
        """The comparison as a JSON-ready mapping."""
        def brief(doc: Document) -> dict[str, Any]:
            return {"id": doc.id, "locator": doc.locator, "title": doc.title, "site": doc.site,
                    "published": doc.published, "url": doc.url}

        return {"encoder": self.encoder, "source": brief(self.source),
                "derived": brief(self.derived),
                "relation": self.relation.to_json() if self.relation else None,
                "changes": [c.to_json() for c in self.changes]}


def _as_given(relation: Relation, first: Document) -> Relation:
    """The relation with ``first`` as its source (the passages swapped when needed)."""
    if relation.source == first.id:
        return relation
    return replace(flipped(relation), oriented=False, confidence=1.0 - relation.confidence,
                   reasons=(*relation.reasons, "direction as given on the command line"))


def compare(first: Document, second: Document, *, encoder: Encoder | None = None,
            as_given: bool = False, config: SentenceConfig | None = None,
            reuse: ReuseConfig | None = None) -> Comparison:
    """Align two documents, decide their relation and, for a derivation, list its changes.

    The direction is the one orientation finds (dates, containment, lost credits...), unless
    ``as_given``: then ``first`` is taken as the source whatever the evidence says.
    """
    model = encoder if encoder is not None else load_encoder()
    reuse = reuse or ReuseConfig()
    fa, fb = sentence_features([first, second], model)
    verbatim = align_verbatim(fingerprint(first, reuse.seed), fingerprint(second, reuse.seed),
                              reuse)
    relation = compare_pair(
        make_input(first, fa, anchors=_anchors(first)), make_input(second, fb,
                                                                  anchors=_anchors(second)),
        verbatim, ("compare",), config or SentenceConfig(), model.multilingual)
    if relation is None or relation.kind not in DERIVATIONS:
        return Comparison(first, second, relation, (), model.name)
    if as_given:
        relation = _as_given(relation, first)
    source, derived = (first, second) if relation.source == first.id else (second, first)
    cross = bool(source.language and derived.language and source.language != derived.language)
    changes = relation_changes(source, derived, relation, cross)
    return Comparison(source, derived, relation, changes, model.name)


def _anchors(doc: Document) -> Anchors | None:
    """A document's names and figures in order, where its language is known."""
    return text_anchors(doc.text) if doc.language else None
