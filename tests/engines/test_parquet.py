"""The report as Parquet tables (``trace --parquet``, ``export --format parquet``): every
row of the JSON report, in its order, read back by Spark SQL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newstrace.engine.local import LocalEngine
from newstrace.report.parquet import TABLES, write_parquet
from newstrace.trace import trace


def test_every_table_holds_the_reports_rows_in_order(corpus_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="Parquet tables are written by Spark: extra [spark]")
    if shutil.which("java") is None:
        pytest.skip("Spark needs a Java runtime")
    from pyspark.sql import SparkSession

    report = trace([str(corpus_dir)], engine=LocalEngine(1))
    written = write_parquet(report, tmp_path / "tables")
    assert [p.name for p in written] == [f"{t}.parquet" for t in TABLES]
    session = SparkSession.builder.getOrCreate()
    try:
        read = {t: session.read.parquet(str(tmp_path / "tables" / f"{t}.parquet")).collect()
                for t in TABLES}
    finally:
        session.stop()
    assert [r["id"] for r in read["documents"]] == [d["id"] for d in report["documents"]]
    assert [(r["source"], r["derived"], r["kind"]) for r in read["relations"]] == [
        (r["source"], r["derived"], r["kind"]) for r in report["relations"]]
    changes = [(r["derived"], c["kind"], c["severity"]) for r in report["relations"]
               for c in r.get("changes", ())]
    assert [(r["derived_doc"], r["kind"], r["severity"]) for r in read["changes"]] == changes
    assert any(r["kind"] == "number_changed" for r in read["changes"])  # the farm's figure
    assert [r["id"] for r in read["claims"]] == [c["id"] for c in report["claims"]]
    carriers = json.loads(read["claims"][0]["carriers"])  # nested fields as JSON text
    assert carriers == report["claims"][0]["carriers"]
