"""Exports of a report for other tools: JSON lines, CSV (one file per record type) and GraphML.

Everything comes from the canonical report, so an export says exactly what the report says.
Column names are stable and documented in docs/schema.md ("Exports"); nested values (a
relation's passages, its reasons) are JSON inside one CSV cell, so reading a CSV back gives
the report's relations again. GraphML (documents as nodes, relations as edges) is written
with networkx, for Gephi and friends.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["CHANGE_COLUMNS", "DOCUMENT_COLUMNS", "FORMATS", "RELATION_COLUMNS",
           "export_report", "read_relations_csv", "read_relations_jsonl"]

FORMATS = ("jsonl", "csv", "graphml", "parquet")
DOCUMENT_COLUMNS = ("id", "locator", "path", "format", "url", "site", "title", "published",
                    "published_source", "captured", "language", "credit", "story", "characters",
                    "sentences")
RELATION_COLUMNS = ("source", "derived", "kind", "oriented", "confidence", "coverage_source",
                    "coverage_derived", "passages", "proposed_by", "reasons", "signals",
                    "changes")
CHANGE_COLUMNS = ("source_doc", "derived_doc", "kind", "severity", "source_start", "source_end",
                  "derived_start", "derived_end", "before", "after", "explanation")
#: Relation fields that hold lists or objects: JSON in their CSV cell.
_NESTED = ("passages", "proposed_by", "reasons", "signals")


def _stories(report: Mapping[str, Any]) -> dict[str, str]:
    return {m: s["id"] for s in report["stories"] for m in s["members"]}


def document_rows(report: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """One flat row per document (its text left out: the JSON report has it)."""
    story = _stories(report)
    for d in report["documents"]:
        yield {**{c: d.get(c) for c in DOCUMENT_COLUMNS[:12]}, "story": story.get(d["id"]),
               "characters": len(d["text"]), "sentences": len(d["sentences"])}


def relation_rows(report: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per relation, as the report has it (changes counted; see change rows)."""
    for r in report["relations"]:
        yield {"source": r["source"], "derived": r["derived"], "kind": r["kind"],
               "oriented": r["oriented"], "confidence": r["confidence"],
               "coverage_source": r["coverage"]["source"],
               "coverage_derived": r["coverage"]["derived"],
               **{k: r[k] for k in _NESTED}, "changes": len(r.get("changes", ()))}


def change_rows(report: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per change, with the pair it belongs to."""
    for r in report["relations"]:
        for c in r.get("changes", ()):
            source, derived = c["source"] or [None, None], c["derived"] or [None, None]
            yield {"source_doc": r["source"], "derived_doc": r["derived"], "kind": c["kind"],
                   "severity": c["severity"], "source_start": source[0],
                   "source_end": source[1], "derived_start": derived[0],
                   "derived_end": derived[1], "before": c["before"], "after": c["after"],
                   "explanation": c["explanation"]}


def _write_jsonl(path: Path, rows: Iterator[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def _write_csv(path: Path, columns: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if k in _NESTED
                             else ("" if v is None else v) for k, v in row.items()})


def _graph(report: Mapping[str, Any]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for row in document_rows(report):
        graph.add_node(row["id"], **{k: v for k, v in row.items()
                                     if k != "id" and v is not None})
    for row in relation_rows(report):
        graph.add_edge(row["source"], row["derived"], kind=row["kind"],
                       oriented=row["oriented"], confidence=row["confidence"],
                       coverage_source=row["coverage_source"],
                       coverage_derived=row["coverage_derived"], changes=row["changes"])
    return graph


def export_report(report: Mapping[str, Any], out: Path, fmt: str) -> list[Path]:
    """Write ``report`` under the folder ``out`` in ``fmt``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":  # written by Spark, the [spark] extra (imported only when asked)
        from newstrace.report.parquet import write_parquet
        return write_parquet(report, out)
    if fmt == "graphml":
        path = out / "newstrace.graphml"
        nx.write_graphml(_graph(report), path)
        return [path]
    tables = (("documents", DOCUMENT_COLUMNS, document_rows(report)),
              ("relations", RELATION_COLUMNS, relation_rows(report)),
              ("changes", CHANGE_COLUMNS, change_rows(report)))
    written = []
    for name, columns, rows in tables:
        path = out / f"{name}.{fmt}"
        if fmt == "jsonl":
            _write_jsonl(path, rows)
        elif fmt == "csv":
            _write_csv(path, columns, rows)
        else:
            raise ValueError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
        written.append(path)
    return written


def _relation_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"source": row["source"], "derived": row["derived"], "kind": row["kind"],
            "oriented": row["oriented"], "confidence": row["confidence"],
            "coverage": {"source": row["coverage_source"],
                         "derived": row["coverage_derived"]},
            **{k: row[k] for k in _NESTED}}


def read_relations_csv(path: Path) -> list[dict[str, Any]]:
    """Relations read back from ``relations.csv``, in the report's relation layout (without
    ``features`` and ``changes``, which the CSV counts but does not hold)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        typed = {**row, "oriented": row["oriented"] == "True",
                 "confidence": float(row["confidence"]),
                 "coverage_source": float(row["coverage_source"]),
                 "coverage_derived": float(row["coverage_derived"]),
                 **{k: json.loads(row[k]) for k in _NESTED}}
        out.append(_relation_from_row(typed))
    return out


def read_relations_jsonl(path: Path) -> list[dict[str, Any]]:
    """Relations read back from ``relations.jsonl``, as ``read_relations_csv`` gives them."""
    with path.open(encoding="utf-8") as handle:
        return [_relation_from_row(json.loads(line)) for line in handle if line.strip()]
