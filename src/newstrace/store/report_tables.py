"""The last report built from an index, kept in it as tables, so that ``serve`` answers each
page with a few indexed queries instead of holding the whole report in memory.

At 100k documents the report is hundreds of megabytes of JSON: loading it took the web app
tens of seconds to start and most of its memory, and every page then searched Python lists.
Kept as rows (one per document, story, relation, change and claim, each with the JSON the
pages show and the columns they are looked up and filtered by), a page reads only its rows:
the app starts by reading one row, and a page's time does not grow with the corpus.

The rows are written in one transaction under a key of what they were built from (the
index's documents, relations and failures, by count and last row, and the encoders), so a
reader sees either the whole old report or the whole new one, and can tell when an ``add``
has made it stale. The store takes rows of text, not the report: it does not import the layer
above it (``report.tables`` makes the rows).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newstrace.version import __version__

__all__ = ["CREATE", "ChangeFilter", "ReportRows", "ReportTables", "content_key",
           "write_report"]

#: The tables (schema migration "the report as tables").
CREATE = """
    DROP TABLE IF EXISTS reports;
    CREATE TABLE report_head (key TEXT NOT NULL, body TEXT NOT NULL);
    CREATE TABLE report_docs (
        id TEXT PRIMARY KEY, ord INTEGER NOT NULL, label TEXT NOT NULL, story TEXT,
        head TEXT NOT NULL, body TEXT NOT NULL, card TEXT);
    CREATE INDEX report_docs_ord ON report_docs (ord);
    CREATE TABLE report_stories (
        ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, rank INTEGER, row TEXT, view TEXT,
        body TEXT NOT NULL);
    CREATE INDEX report_stories_rank ON report_stories (rank) WHERE rank IS NOT NULL;
    CREATE TABLE report_relations (
        ord INTEGER PRIMARY KEY, source TEXT NOT NULL, derived TEXT NOT NULL, story TEXT,
        derivation INTEGER, kind TEXT NOT NULL, changes INTEGER NOT NULL, body TEXT NOT NULL);
    CREATE UNIQUE INDEX report_relations_pair ON report_relations (source, derived);
    CREATE INDEX report_relations_derived ON report_relations (derived);
    CREATE INDEX report_relations_story ON report_relations (story, derivation)
        WHERE derivation IS NOT NULL;
    CREATE TABLE report_changes (
        ord INTEGER PRIMARY KEY, kind TEXT NOT NULL, severity TEXT NOT NULL,
        site TEXT NOT NULL, story TEXT NOT NULL, words TEXT NOT NULL, body TEXT NOT NULL);
    CREATE INDEX report_changes_kind ON report_changes (kind, severity);
    CREATE INDEX report_changes_severity ON report_changes (severity);
    CREATE INDEX report_changes_site ON report_changes (site);
    CREATE INDEX report_changes_story ON report_changes (story);
    CREATE TABLE report_claims (
        ord INTEGER PRIMARY KEY, html TEXT NOT NULL, body TEXT NOT NULL)
"""

#: Each table's columns in the order ``ReportRows`` gives them (named, so that a table
#: whose columns were added in another order is written right).
_DOC_COLUMNS = ("id", "ord", "label", "story", "head", "body", "card")
_STORY_COLUMNS = ("ord", "id", "rank", "row", "view", "body")
_RELATION_COLUMNS = ("ord", "source", "derived", "story", "derivation", "kind", "changes",
                     "body")
_CHANGE_COLUMNS = ("ord", "kind", "severity", "site", "story", "words", "body")
_CLAIM_COLUMNS = ("ord", "html", "body")
_TABLES = ("report_head", "report_docs", "report_stories", "report_relations",
           "report_changes", "report_claims")


@dataclass(frozen=True)
class ReportRows:
    """A report as the rows of its tables (JSON text in ``head`` and ``body`` columns).

    docs: (id, ord, label, story, head, body, card); stories: (ord, id, rank, row, view,
    body), ``view`` the story's drawing as HTML (stories of two documents or more);
    relations: (ord, source, derived, story, derivation, kind, number of changes, body);
    changes: (ord, kind, severity, site, story, words, body), ``words`` being what a search
    looks in, case-folded;
    claims: (ord, html, body), ``html`` the claim's row on the claims page.
    The iterables are read once, as they are written.
    """

    head: str
    docs: Iterable[tuple[str, int, str, str | None, str, str, str | None]]
    stories: Iterable[tuple[int, str, int | None, str | None, str | None, str]]
    relations: Iterable[tuple[int, str, str, str | None, int | None, str, int, str]]
    changes: Iterable[tuple[int, str, str, str, str, str, str]]
    claims: Iterable[tuple[int, str, str]]


def content_key(conn: sqlite3.Connection, encoder: str, rescorer: str | None = None) -> str:
    """What a report of this index was built from: its rows, the encoders and the version
    of newstrace that built it (another version's report is not current: its rules may
    differ)."""
    counts = conn.execute(
        "SELECT (SELECT COUNT(*) FROM documents), (SELECT COALESCE(MAX(rowid), 0) FROM "
        "documents), (SELECT COUNT(*) FROM relations), (SELECT COALESCE(MAX(rowid), 0) FROM "
        "relations), (SELECT COUNT(*) FROM failures)").fetchone()
    return json.dumps({"rows": list(counts), "encoder": encoder, "rescorer": rescorer,
                       "newstrace": __version__}, sort_keys=True)


def write_report(conn: sqlite3.Connection, key: str, rows: ReportRows) -> None:
    """Replace the kept report with ``rows``, built for ``key``, in one transaction. The
    caller holds the index's writer lock."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in _TABLES:
            conn.execute(f"DELETE FROM {table}")
        for table, columns, values in (
                ("report_docs", _DOC_COLUMNS, rows.docs),
                ("report_stories", _STORY_COLUMNS, rows.stories),
                ("report_relations", _RELATION_COLUMNS, rows.relations),
                ("report_changes", _CHANGE_COLUMNS, rows.changes),
                ("report_claims", _CLAIM_COLUMNS, rows.claims),
                ("report_head", ("key", "body"), [(key, rows.head)])):
            conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                             f"({', '.join('?' * len(columns))})", values)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@dataclass(frozen=True)
class ChangeFilter:
    """What the changes page filters on; empty values do not filter."""

    kind: str | None = None
    severity: str | None = None
    site: str | None = None
    story: str | None = None
    words: str | None = None


def _texts(rows: Iterable[tuple[str]]) -> list[str]:
    return [row[0] for row in rows]


def _parsed(texts: Iterable[str]) -> list[dict[str, Any]]:
    return [json.loads(text) for text in texts]


class ReportTables:
    """Reads of the kept report, each one indexed query (a page is a handful of them). The
    ``*_json`` reads give the rows' JSON text as kept, for answers that pass it on as it is
    (the API: parsing and writing again a claim of a dense crawl's hundreds of carriers cost
    more than the rest of the request)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _one(self, sql: str, *values: object) -> str | None:
        row = self.conn.execute(sql, values).fetchone()
        return row[0] if row else None

    def head(self) -> tuple[str, dict[str, Any]] | None:
        """The key the report was built for and its head, or None when none is kept."""
        row = self.conn.execute("SELECT key, body FROM report_head").fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def doc_json(self, doc_id: str, whole: bool = True) -> str | None:
        """A document (``whole``: with its text and sentences; else only what labels and
        trees need), or None."""
        column = "body" if whole else "head"
        return self._one(f"SELECT {column} FROM report_docs WHERE id = ?", doc_id)

    def doc(self, doc_id: str, whole: bool = True) -> dict[str, Any] | None:
        found = self.doc_json(doc_id, whole)
        return json.loads(found) if found else None

    def _by_ids(self, column: str, doc_ids: Iterable[str]) -> list[tuple[str, str]]:
        """(id, ``column``) of the documents named, those in the report, 500 a query."""
        wanted = sorted(set(doc_ids))
        found: list[tuple[str, str]] = []
        for start in range(0, len(wanted), 500):
            part = wanted[start:start + 500]
            found += self.conn.execute(
                f"SELECT id, {column} FROM report_docs WHERE id IN "
                f"({','.join('?' * len(part))})", part).fetchall()
        return found

    def docs(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Documents without their texts, by id: what a page naming hundreds of documents
        reads at once."""
        return {doc_id: json.loads(head) for doc_id, head in self._by_ids("head", doc_ids)}

    def labels(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """Documents' labels by id."""
        return dict(self._by_ids("label", doc_ids))

    def label(self, doc_id: str) -> str | None:
        """A document's label ("site · title · date"), or None."""
        return self._one("SELECT label FROM report_docs WHERE id = ?", doc_id)

    def card_json(self, doc_id: str) -> str | None:
        """A document's provenance card, or None."""
        return self._one("SELECT card FROM report_docs WHERE id = ?", doc_id)

    def card(self, doc_id: str) -> dict[str, Any] | None:
        found = self.card_json(doc_id)
        return json.loads(found) if found else None

    def documents(self, offset: int, limit: int) -> list[tuple[str, str]]:
        """(id, label) of the corpus's documents in report order (inferred sources, which
        come after them, left out)."""
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT id, label FROM report_docs WHERE ord >= ? AND ord < ? ORDER BY ord",
            (offset, offset + limit))]

    def story_json(self, story_id: str) -> str | None:
        return self._one("SELECT body FROM report_stories WHERE id = ?", story_id)

    def story(self, story_id: str) -> dict[str, Any] | None:
        found = self.story_json(story_id)
        return json.loads(found) if found else None

    def story_view(self, story_id: str) -> str | None:
        """The story's drawing (tree or outline, and timeline) as kept, HTML, or None."""
        return self._one("SELECT view FROM report_stories WHERE id = ?", story_id)

    def stories_json(self, offset: int, limit: int) -> list[str]:
        """Stories in report order."""
        return _texts(self.conn.execute(
            "SELECT body FROM report_stories WHERE ord >= ? AND ord < ? ORDER BY ord",
            (offset, offset + limit)))

    def stories(self, offset: int, limit: int) -> list[dict[str, Any]]:
        return _parsed(self.stories_json(offset, limit))

    def ranked(self, offset: int, limit: int) -> list[dict[str, Any]]:
        """The ranked rows of the stories of two documents or more, most severe first."""
        return _parsed(_texts(self.conn.execute(
            "SELECT row FROM report_stories WHERE rank >= ? AND rank < ? ORDER BY rank",
            (offset, offset + limit))))

    def relation_json(self, source: str, derived: str) -> str | None:
        return self._one("SELECT body FROM report_relations WHERE source = ? AND derived = ?",
                         source, derived)

    def relation(self, source: str, derived: str) -> dict[str, Any] | None:
        found = self.relation_json(source, derived)
        return json.loads(found) if found else None

    def _relations_of(self, columns: str, doc_id: str) -> sqlite3.Cursor:
        """``columns`` of the relations ``doc_id`` takes part in, in report order."""
        return self.conn.execute(
            f"SELECT {columns} FROM (SELECT ord, {columns} FROM report_relations WHERE "
            f"source = ?1 UNION SELECT ord, {columns} FROM report_relations WHERE derived = ?1)"
            " ORDER BY ord", (doc_id,))

    def relations_of_json(self, doc_id: str) -> list[str]:
        """The relations ``doc_id`` takes part in, in report order."""
        return _texts(self._relations_of("body", doc_id))

    def relations_of(self, doc_id: str, whole: bool = True) -> list[dict[str, Any]]:
        """The relations ``doc_id`` takes part in, in report order; not ``whole``: each as
        its source, copy and kind only (what a list of them shows)."""
        if whole:
            return _parsed(self.relations_of_json(doc_id))
        return [{"source": source, "derived": derived, "kind": kind}
                for source, derived, kind in self._relations_of("source, derived, kind",
                                                                doc_id)]

    def derivations(self, story_id: str, limit: int) -> tuple[int, list[dict[str, Any]]]:
        """How many derivations have their copy in the story, and the first ``limit`` of
        them in report order, each as its source, copy, kind and number of changes."""
        total = self.conn.execute(
            "SELECT COUNT(*) FROM report_relations WHERE story = ? AND derivation IS NOT NULL",
            (story_id,)).fetchone()[0]
        return int(total), [
            {"source": r[0], "derived": r[1], "kind": r[2], "changes": r[3]}
            for r in self.conn.execute(
                "SELECT source, derived, kind, changes FROM report_relations WHERE story = ? "
                "AND derivation IS NOT NULL ORDER BY derivation LIMIT ?", (story_id, limit))]

    def changes(self, chosen: ChangeFilter, offset: int, limit: int
                ) -> tuple[int, list[dict[str, Any]]]:
        """How many changes pass the filter, and the ``limit`` from ``offset`` on, most
        severe first."""
        clauses, values = [], []
        for column in ("kind", "severity", "site", "story"):
            value = getattr(chosen, column)
            if value:
                clauses.append(f"{column} = ?")
                values.append(value)
        needle = (chosen.words or "").casefold().strip()
        if needle:
            clauses.append("instr(words, ?) > 0")
            values.append(needle)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        total = self.conn.execute(f"SELECT COUNT(*) FROM report_changes{where}",
                                  values).fetchone()[0]
        rows = _parsed(_texts(self.conn.execute(
            f"SELECT body FROM report_changes{where} ORDER BY ord LIMIT ? OFFSET ?",
            [*values, limit, offset])))
        return int(total), rows

    def claims_json(self, offset: int, limit: int) -> list[str]:
        """Claims in report order, whole."""
        return _texts(self.conn.execute(
            "SELECT body FROM report_claims WHERE ord >= ? AND ord < ? ORDER BY ord",
            (offset, offset + limit)))

    def claims(self, offset: int, limit: int) -> list[dict[str, Any]]:
        """Claims in report order."""
        return _parsed(self.claims_json(offset, limit))

    def claim_rows(self, offset: int, limit: int) -> list[str]:
        """The claims page's rows (HTML, as kept), in report order."""
        return _texts(self.conn.execute(
            "SELECT html FROM report_claims WHERE ord >= ? AND ord < ? ORDER BY ord",
            (offset, offset + limit)))
