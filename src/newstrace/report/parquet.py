"""The report as Parquet tables — documents, relations, changes, claims — for DuckDB, pandas
or Spark SQL: the form a crawl of millions of articles is queried in.

Written by Spark (the ``[spark]`` extra), in the session the Spark engine runs, or in one
started on ``local[1]`` for an export: one folder per table, each a single Parquet file
(``documents.parquet/part-*.parquet``), rows in the report's order. The columns are the
CSV export's (``report.exports``), typed; lists and objects (passages, reasons, a claim's
carriers) are JSON text, as in the CSV. The JSON report stays the canonical, byte-stable
form: Parquet files carry writer metadata of their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from newstrace.errors import UsageError
from newstrace.report.exports import (
    CHANGE_COLUMNS,
    DOCUMENT_COLUMNS,
    RELATION_COLUMNS,
    change_rows,
    document_rows,
    relation_rows,
)

__all__ = ["CLAIM_COLUMNS", "TABLES", "claim_rows", "write_parquet"]

CLAIM_COLUMNS = ("id", "kind", "text", "speaker", "carriers", "independent_origins",
                 "circular", "syndicated", "origins", "first_seen")
#: The columns that are not text, by their Spark SQL type (every other column is a string).
_TYPES = {"characters": "bigint", "sentences": "bigint", "oriented": "boolean",
          "confidence": "double", "coverage_source": "double", "coverage_derived": "double",
          "changes": "bigint", "source_start": "bigint", "source_end": "bigint",
          "derived_start": "bigint", "derived_end": "bigint", "independent_origins": "bigint",
          "circular": "boolean", "syndicated": "boolean"}
#: Each table's columns (the CSV export's, and the claims') and their Spark SQL types.
TABLES: dict[str, dict[str, str]] = {
    table: {name: _TYPES.get(name, "string") for name in columns}
    for table, columns in (("documents", DOCUMENT_COLUMNS), ("relations", RELATION_COLUMNS),
                           ("changes", CHANGE_COLUMNS), ("claims", CLAIM_COLUMNS))}


def claim_rows(report: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per claim (its carriers, origins and first sighting as they are in the
    report: ``write_parquet`` writes them as JSON text)."""
    for c in report["claims"]:
        yield {"id": c["id"], "kind": c["kind"], "text": c["text"], "speaker": c.get("speaker"),
               "carriers": c["carriers"], "independent_origins": c["independent_origins"],
               "circular": c["circular"], "syndicated": c.get("syndicated", False),
               "origins": c["origins"], "first_seen": c.get("first_seen")}


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _rows(report: Mapping[str, Any], table: str) -> Iterator[dict[str, Any]]:
    made = {"documents": document_rows, "relations": relation_rows, "changes": change_rows,
            "claims": claim_rows}[table](report)
    for row in made:  # nested fields as JSON text, as the CSV has them
        yield {k: _json(v) if isinstance(v, list | dict) else v for k, v in row.items()}


def _session() -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise UsageError("Parquet tables are written by Spark: pip install "
                         "'newstrace[spark]' (and a Java 17 runtime)") from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    return (SparkSession.builder.master("local[1]").appName("newstrace-export")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false").getOrCreate())


def write_parquet(report: Mapping[str, Any], out: Path) -> list[Path]:
    """Write the report's four tables under the folder ``out``; returns the table folders."""
    out.mkdir(parents=True, exist_ok=True)
    session = _session()
    written = []
    for table, columns in TABLES.items():
        schema = ", ".join(f"`{name}` {kind}" for name, kind in columns.items())
        rows = [tuple(row.get(name) for name in columns) for row in _rows(report, table)]
        path = out / f"{table}.parquet"
        frame = session.createDataFrame(rows, schema=schema)
        frame.coalesce(1).write.mode("overwrite").parquet(str(path))
        written.append(path)
    return written
