"""The claims stage: the statements two documents or more carry, and the independent origins
behind each (``provenance.claims``), found on the engine's workers.

A run's claims are found before its changes: both stages' workers read most documents, and
run one after the other they keep two children, not four, beside this process (the process
tree's peak, docs/scaling.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newstrace.engine.protocol import Engine
from newstrace.index.embed import Encoder
from newstrace.model import Claim, Document
from newstrace.provenance.claims import found_claims
from newstrace.stages.stories import Told

__all__ = ["find_claims"]


def find_claims(docs: Sequence[Document], told: Told, model: Encoder | None = None,
                engine: Engine | None = None, send: bool = False) -> Iterator[Claim]:
    """The claims carried by two documents or more, as they are found (in no report's
    order): independent reports' statements compared with ``model`` (the shipped encoder
    when None), on ``engine``'s workers (None: here); with ``send``
    (``engine.packed.worth_sending``) the workers are sent their inputs packed rather than
    forked with this process's memory."""
    return found_claims(docs, told.relations, told.stories, model, engine=engine, send=send)
