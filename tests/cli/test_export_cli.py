"""Exports round-trip: reading the CSV or the JSON lines back gives the report's relations."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.report.exports import (
    CHANGE_COLUMNS,
    DOCUMENT_COLUMNS,
    RELATION_COLUMNS,
    read_relations_csv,
    read_relations_jsonl,
)

runner = CliRunner()


@pytest.fixture(scope="module")
def exported(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[dict[str, Any], Path]:
    work = tmp_path_factory.mktemp("export")
    db, report = work / "i.db", work / "report.json"
    assert runner.invoke(app, ["trace", str(corpus_dir), "--db", str(db), "-o", str(report),
                               "--quiet"]).exit_code == 0
    for fmt in ("jsonl", "csv", "graphml"):
        result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt,
                                     "-o", str(work / "out"), "--quiet"])
        assert result.exit_code == 0, result.output
    return json.loads(report.read_text()), work / "out"


def _comparable(relations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keep = ("source", "derived", "kind", "oriented", "confidence", "coverage", "passages",
            "proposed_by", "reasons", "signals")
    return [{k: r[k] for k in keep} for r in relations]


def test_csv_and_jsonl_give_back_the_reports_relations(
        exported: tuple[dict[str, Any], Path]) -> None:
    report, out = exported
    expected = _comparable(report["relations"])
    assert read_relations_csv(out / "relations.csv") == expected
    assert read_relations_jsonl(out / "relations.jsonl") == expected


def test_columns_are_the_documented_ones(exported: tuple[dict[str, Any], Path]) -> None:
    _, out = exported
    for name, columns in (("documents", DOCUMENT_COLUMNS), ("relations", RELATION_COLUMNS),
                          ("changes", CHANGE_COLUMNS)):
        with (out / f"{name}.csv").open(encoding="utf-8") as handle:
            assert tuple(next(csv.reader(handle))) == columns
    schema = (Path(__file__).resolve().parents[2] / "docs" / "schema.md").read_text()
    for column in {*DOCUMENT_COLUMNS, *RELATION_COLUMNS, *CHANGE_COLUMNS}:
        assert f"`{column}`" in schema, column


def test_changes_export_counts_every_change(exported: tuple[dict[str, Any], Path]) -> None:
    report, out = exported
    with (out / "changes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == sum(len(r.get("changes", ())) for r in report["relations"])
    assert any(r["kind"] == "number_changed" and r["after"] == "20,000" for r in rows)


def test_graphml_opens_as_a_graph(exported: tuple[dict[str, Any], Path]) -> None:
    report, out = exported
    graph = nx.read_graphml(out / "newstrace.graphml")
    assert graph.number_of_nodes() == len(report["documents"])
    assert graph.number_of_edges() == len(report["relations"])
    kinds = {data["kind"] for _, _, data in graph.edges(data=True)}
    assert {"duplicate", "excerpt", "rewrite", "translation", "same_story"} <= kinds


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "x.db"), "--format", "xls"])
    assert result.exit_code == 2
