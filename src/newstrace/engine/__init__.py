"""Engines run pure kernels over records; they move data and compute nothing themselves.

The seam is small on purpose (DESIGN §4, ``engine.protocol``): ``map`` (over documents or
over pairs, in order), ``map_async`` (start a map and collect it later, to overlap the
caller's own work), ``map_shared`` (items that all read one large record) and ``close``.
Grouping by key is a pure kernel (``index.candidates.pairs_sharing_keys``) that an engine
applies to its partitions; collecting the graph is the store's job. The Spark engine
(``engine.spark``) implements the same protocol with Spark jobs and passes the same contract
tests (``tests/engines/``).
"""

from newstrace.engine.local import LocalEngine
from newstrace.engine.protocol import Engine, start_each, start_shared

__all__ = ["Engine", "LocalEngine", "start_each", "start_shared"]
