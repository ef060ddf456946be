"""What the claims' link workers read, packed to be sent to them rather than inherited.

Finding the links of a batch's relations reads the documents of its derivations and every
mention of their claims. Forked children that read them as this process's objects wrote
their reference counts and copied the pages under them: at 100,000 generated documents
each of the two held about 1.5 GB of such copies. Packed (``engine.packed``: each
document, each document's mentions and each relation pickled and deflated into a buffer)
they are sent to each worker once (``Engine.map_shared``'s ``send``), and a worker holds
what it was sent and the most recently read of them.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import overload

from newstrace.bounded import RecentMap
from newstrace.engine.packed import Packed
from newstrace.model import Document
from newstrace.provenance.claim_extract import ExtractedClaim

__all__ = ["KEPT", "PackedDocuments", "PackedMentions"]

#: Documents, and documents' mentions, a worker keeps unpacked: the relations come sorted
#: by source, so what a worker reads again is mostly what it read last.
KEPT = 512


class PackedDocuments:
    """Documents by id, packed; the most recently read kept unpacked (``KEPT``)."""

    def __init__(self, docs: Mapping[str, Document], ids: Sequence[str]) -> None:
        self.place = {doc_id: at for at, doc_id in enumerate(ids)}
        self.docs: Packed[Document] = Packed(docs[i] for i in ids)
        self.read: RecentMap[int, Document] = RecentMap(KEPT)

    def __getitem__(self, doc_id: str) -> Document:
        return self.read.get_or_make(self.place[doc_id], self.docs.__getitem__)


class PackedMentions(Sequence[ExtractedClaim]):
    """Every mention of a batch, indexed as the list they were packed from: packed one
    document's run at a time (``runs``: where each run starts), the most recently read runs
    kept unpacked (``KEPT``)."""

    def __init__(self, mentions: Sequence[ExtractedClaim], runs: Sequence[range]) -> None:
        ordered = sorted(runs, key=lambda r: r.start)
        stops = [0, *(r.stop for r in ordered)]
        if [r.start for r in ordered] != stops[:-1] or stops[-1] != len(mentions):
            raise ValueError("the runs must cover the mentions one after another")
        self.starts = [r.start for r in ordered]
        self.size = len(mentions)
        self.runs: Packed[tuple[ExtractedClaim, ...]] = Packed(
            tuple(mentions[i] for i in r) for r in ordered)
        self.read: RecentMap[int, tuple[ExtractedClaim, ...]] = RecentMap(KEPT)

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> ExtractedClaim: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[ExtractedClaim]: ...

    def __getitem__(self, index: int | slice) -> ExtractedClaim | Sequence[ExtractedClaim]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.size))]
        if not 0 <= index < self.size:
            raise IndexError(f"mention {index} of {self.size}")
        run = bisect.bisect_right(self.starts, index) - 1
        return self.read.get_or_make(run, self.runs.__getitem__)[index - self.starts[run]]
