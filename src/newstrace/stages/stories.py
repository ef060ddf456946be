"""The stories stage: the relations of a run reconciled across the corpus, then grouped into
stories, events and topics.

Pairwise relations are decided one pair at a time (``stages.semantic``); some are only right
seen together (two copies of one absent wire story are siblings, not each other's source:
``provenance.reconcile``). The stories are built on the reconciled relations
(``provenance.stories``), and every later stage (claims, changes, the report) reads those.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.model import Document, Relation, Story
from newstrace.provenance.reconcile import reconcile
from newstrace.provenance.stories import build_stories

__all__ = ["Told", "tell"]


@dataclass(frozen=True)
class Told:
    """The relations, reconciled, and the stories built on them (sorted by story id)."""

    relations: list[Relation]
    stories: list[Story]


def tell(docs: Sequence[Document], relations: list[Relation]) -> Told:
    """Reconcile ``relations`` with the documents' dates, and build every document's story."""
    reconciled = reconcile({d.id: d.published for d in docs}, relations)
    return Told(reconciled, build_stories((d.id for d in docs), reconciled))
