"""The whole ``trace`` on the Spark engine (``local[N]``) against the local engine, same run.

The trace benchmark's corpus (``trace_bench.build``: Reuters + BBC with planted excerpts,
copies and spun rewrites), written as text files once (or read from ``--corpus``, a folder
``trace_bench.write`` wrote), traced by the local engine on N processes and by the Spark
engine on ``local[N]``. Printed: documents/s of each, Spark's with and without its start-up
(the context's start and a first job, timed alone first), peak memory of this process, of
its finished workers and of Spark's JVM, and whether the reports are byte-identical (they
must be). Reports are spooled and written to disk, compared by digest, so that a 100k run
holds neither report's text; ``--engines spark`` runs Spark alone (a scaling curve).

    .venv/bin/python bench/spark_bench.py --docs 10000 --workers 2
    .venv/bin/python bench/spark_bench.py --corpus /tmp/gen100k --engines spark
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_bench import peak_mb
from trace_bench import build, write

from newstrace.engine.local import LocalEngine
from newstrace.engine.protocol import Engine
from newstrace.engine.spark import SparkEngine
from newstrace.report.json_report import write_report
from newstrace.trace import trace


def _traced(folder: Path, engine: Engine, out: Path) -> str:
    """Trace ``folder`` on ``engine``, the report spooled and written to ``out``; its
    sha256."""
    report = trace([str(folder)], engine=engine, spool=True)
    with open(out, "w", encoding="utf-8") as handle:
        write_report(report, handle)
    del report
    with open(out, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _jvm_peak_mb(spark: SparkEngine) -> float:
    """The peak resident memory of Spark's JVM (the gateway process pyspark started), read
    while it runs: it outlives the context, so the children's usage never counts it."""
    pid = spark.context_._gateway.proc.pid
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=None,
                        help="a corpus folder written already (--docs is then unused)")
    parser.add_argument("--engines", default="local,spark",
                        help="which engines run: local,spark (default), local or spark")
    args = parser.parse_args()
    engines = set(args.engines.split(","))
    if not engines or engines - {"local", "spark"}:
        parser.error(f"--engines takes local, spark or both, not {args.engines!r}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.corpus
        if folder is None:
            folder = Path(scratch) / "corpus"
            folder.mkdir()
            write(build(args.docs)[0], folder)
        n = sum(1 for path in folder.iterdir() if path.suffix == ".txt")
        print(f"corpus: {n} documents; {args.workers} workers")
        digests = {}
        if "local" in engines:
            start = time.perf_counter()
            with LocalEngine(args.workers) as engine:
                digests["local"] = _traced(folder, engine, Path(scratch) / "local.json")
            local_s = time.perf_counter() - start
            print(f"local engine: {n / local_s:.1f} docs/s ({local_s:.0f} s)", flush=True)
        if "spark" in engines:
            start = time.perf_counter()
            with SparkEngine(f"local[{args.workers}]") as spark:
                list(spark.map(abs, list(range(-64, 0))))  # the context and a first job
                started_s = time.perf_counter() - start
                digests["spark"] = _traced(folder, spark, Path(scratch) / "spark.json")
                jvm = _jvm_peak_mb(spark)
            spark_s = time.perf_counter() - start
            print(f"spark local[{args.workers}]: {n / spark_s:.1f} docs/s with start-up "
                  f"({spark_s:.0f} s), {n / (spark_s - started_s):.1f} without (start-up "
                  f"{started_s:.1f} s)")
        if len(digests) == 2:
            print(f"ratio spark/local throughput: {local_s / spark_s:.2f} with start-up, "
                  f"{local_s / (spark_s - started_s):.2f} without; reports byte-identical: "
                  f"{digests['local'] == digests['spark']}")
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak: this process {peak_mb():.0f} MB, its largest finished worker "
              f"{children:.0f} MB" + (f", Spark's JVM {jvm:.0f} MB" if "spark" in engines
                                      else "")
              + f"; report sha256 {sorted(set(digests.values()))}")


if __name__ == "__main__":
    main()
