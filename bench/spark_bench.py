"""The whole ``trace`` on the Spark engine (``local[N]``) against the local engine, same run.

The trace benchmark's corpus (``trace_bench.build``: Reuters + BBC with planted excerpts,
copies and spun rewrites), written as text files once, traced by the local engine on N
processes and by the Spark engine on ``local[N]``. Printed: documents/s of each, Spark's
with and without its start-up (the context's start and a first job, timed alone first),
peak memory of this process, and whether the two reports are byte-identical (they must be).

    .venv/bin/python bench/spark_bench.py --docs 10000 --workers 2
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_bench import peak_mb
from trace_bench import build, write

from newstrace.engine.local import LocalEngine
from newstrace.engine.spark import SparkEngine
from newstrace.report.json_report import dump_report
from newstrace.trace import trace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    docs, _planted = build(args.docs)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        folder.mkdir()
        write(docs, folder)
        start = time.perf_counter()
        with LocalEngine(args.workers) as engine:
            local = dump_report(trace([str(folder)], engine=engine))
        local_s = time.perf_counter() - start
        start = time.perf_counter()
        with SparkEngine(f"local[{args.workers}]") as spark:
            list(spark.map(abs, list(range(-64, 0))))  # the context and a first job
            started_s = time.perf_counter() - start
            on_spark = dump_report(trace([str(folder)], engine=spark))
        spark_s = time.perf_counter() - start
    n = len(docs)
    print(f"corpus: {n} documents; {args.workers} workers")
    print(f"local engine: {n / local_s:.1f} docs/s ({local_s:.0f} s)")
    print(f"spark local[{args.workers}]: {n / spark_s:.1f} docs/s with start-up ({spark_s:.0f} s), "
          f"{n / (spark_s - started_s):.1f} without (start-up {started_s:.1f} s)")
    print(f"ratio spark/local throughput: {local_s / spark_s:.2f} with start-up, "
          f"{local_s / (spark_s - started_s):.2f} without; peak {peak_mb():.0f} MB; "
          f"reports byte-identical: {local == on_spark}")


if __name__ == "__main__":
    main()
