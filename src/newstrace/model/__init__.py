"""The records every stage passes around: frozen, slotted, typed, and nothing else.

What is read (``documents``: ``Span``, ``RawRecord``, ``Failure``, ``Document``, ``Change``),
what is found between documents (``relations``: ``Passage``, ``Relation`` with its
``FeatureRecord``), how they group (``stories``: ``Story``, ``TreeEdge``, ``InferredSource``)
and what they claim (``claims``: ``Claim``, ``Carrier``). The stages that make them import
them from here; nothing here imports a stage.
"""

from newstrace.model.claims import Carrier, Claim
from newstrace.model.documents import (
    SEVERITIES,
    Change,
    Document,
    Failure,
    RawRecord,
    Span,
    document_from_json,
    iso_day,
)
from newstrace.model.relations import (
    FeatureRecord,
    Passage,
    Relation,
    flipped_passages,
    relation_from_json,
)
from newstrace.model.stories import InferredSource, Story, TreeEdge

__all__ = ["SEVERITIES", "Carrier", "Change", "Claim", "Document", "Failure", "FeatureRecord",
           "InferredSource", "Passage", "RawRecord", "Relation", "Span", "Story", "TreeEdge",
           "document_from_json", "flipped_passages", "iso_day", "relation_from_json"]
