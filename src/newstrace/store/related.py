"""What the semantic stage reads from and writes to the index, as public methods of
``Index`` (mixed in): the ``related`` rows (each related document's vector and names), the
documents still to relate, the verbatim alignments it starts from, the encoder the index was
related with, the sites' article numbering rates, and one batch's results in one
transaction. The stage itself
(``stages.semantic``) reads and writes the index through these alone.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator

from newstrace.config import ReuseConfig
from newstrace.match.page_ids import Rates, numbering_rates
from newstrace.match.verbatim import Alignment, alignment_from_json
from newstrace.model import Document

__all__ = ["RelatedTables"]


class RelatedTables:
    """The semantic stage's reads and writes; ``Index`` provides the connection."""

    @property
    def _conn(self) -> sqlite3.Connection:  # pragma: no cover - Index's
        raise NotImplementedError

    @property
    def _config(self) -> ReuseConfig:  # pragma: no cover - Index's
        raise NotImplementedError

    def _transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # pragma: no cover - Index's

    def _load(self, rowids: Iterable[int]) -> dict[int, Document]:
        raise NotImplementedError  # pragma: no cover - Index's

    @property
    def reuse(self) -> ReuseConfig:
        """The reuse parameters the index was built with."""
        return self._config

    def load(self, rowids: Iterable[int]) -> dict[int, Document]:
        """The documents with these rowids, by rowid."""
        return self._load(rowids)

    def related_rows(self) -> Iterator[tuple[int, bytes, str]]:
        """Every related document's (rowid, float16 vector bytes, JSON list of names), in
        rowid order."""
        return iter(self._conn.execute("SELECT doc, vector, names FROM related ORDER BY doc"))

    def unrelated(self) -> list[int]:
        """The rowids of the documents not yet related, in order."""
        return [r for (r,) in self._conn.execute(
            "SELECT rowid FROM documents WHERE rowid NOT IN (SELECT doc FROM related) "
            "ORDER BY rowid")]

    def settle_encoder(self, name: str) -> None:
        """Record the encoder the index's documents are related with."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'encoder'").fetchone()
        if row is None or row[0] != name:
            with self._transaction() as tx:
                tx.execute("INSERT OR REPLACE INTO meta VALUES ('encoder', ?)", (name,))

    def settle_numbering(self) -> None:
        """Read and record how many article numbers each site uses a day
        (``match.page_ids.numbering_rates``) over every stored document: the pages' addresses
        (the URL, else the locator) and publication dates, read from their JSON in SQLite
        (0.26 s for the dense bench's 10,000 documents)."""
        rows = self._conn.execute(
            "SELECT coalesce(json_extract(body, '$.url'), locator), published FROM documents "
            "ORDER BY rowid")
        rates = numbering_rates(rows)
        text = json.dumps(sorted([*key, rate] for key, rate in rates.items()))
        with self._transaction() as tx:
            tx.execute("INSERT OR REPLACE INTO meta VALUES ('numbering', ?)", (text,))

    def numbering(self) -> Rates:
        """The article numbering rates recorded by the last ``settle_numbering`` (none
        before one)."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'numbering'").fetchone()
        return {} if row is None else {(h, s, n, p): r for h, s, n, p, r in json.loads(row[0])}

    def verbatim_alignments(self, rowids: set[int]
                            ) -> dict[int, dict[int, tuple[Alignment, tuple[str, ...]]]]:
        """What each of these documents shares verbatim with older ones (stored by the
        verbatim stage, not yet related), with the generators that proposed each pair: by
        newer rowid, then older rowid. Only rows whose newer side lies between the least
        and the greatest of ``rowids`` are read, so a stage reading them batch by batch
        reads each row once."""
        out: dict[int, dict[int, tuple[Alignment, tuple[str, ...]]]] = {}
        first, last = min(rowids, default=0), max(rowids, default=-1)
        for newer, older, body in self._conn.execute(
                "SELECT a, b, body FROM verbatim WHERE a BETWEEN ? AND ?", (first, last)):
            if newer in rowids:
                record = json.loads(body)
                out.setdefault(newer, {})[older] = (alignment_from_json(record),
                                                    tuple(record["proposed_by"]))
        return out

    def verbatim_rows(self) -> list[tuple[str, str, str]]:
        """The stored verbatim alignments not yet related, as (first id, second id, JSON),
        in id order: what the verbatim stage alone found (its tests and benchmarks)."""
        rows = [(record["a"], record["b"], body) for (body,) in
                self._conn.execute("SELECT body FROM verbatim")
                for record in [json.loads(body)]]
        return sorted(rows)

    def store_related(self, chunk: list[int], relations: Iterable[tuple[int, int, str]],
                      rows: Iterable[tuple[int, bytes, str]]) -> None:
        """One related batch in one transaction: its documents' relations with older ones
        replaced by ``relations`` (rowid, rowid, JSON), their ``related`` rows, and their
        verbatim alignments, read, let go."""
        with self._transaction() as tx:
            for me in chunk:
                tx.execute("DELETE FROM verbatim WHERE a = ?", (me,))
                tx.execute("DELETE FROM relations WHERE a = ? AND b < ?", (me, me))
                tx.execute("DELETE FROM relations WHERE b = ? AND a < ?", (me, me))
            tx.executemany("INSERT OR REPLACE INTO relations (a, b, body) VALUES (?, ?, ?)",
                           relations)
            tx.executemany("INSERT INTO related VALUES (?, ?, ?)", rows)
