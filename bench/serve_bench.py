"""``newstrace serve`` on a large index: how long the app takes to answer its first page, and
the latency of its pages and API routes under concurrent clients, beside the peer: what the
app did at start before it read the report's tables (loading the whole kept report, JSON,
and computing every page's view from it).

The index is the trace benchmark's corpus (originals, excerpts, copies, generated rewrites),
traced with ``--db`` once (``--db PATH`` keeps it for later runs). Start-up is timed from
launching ``newstrace serve`` to its first answered ``/`` (imports, encoder, first read
included). Then ``--clients`` threads send ``--requests`` requests in all, spread evenly over
the home, story, document and claims pages and their API routes (stories and documents
drawn at random, the largest story always among them), each thread on one keep-alive
connection; the figures are per route and overall (median, p99, max). With ``--add N``, N new
documents are added by ``newstrace add`` while the app runs, and the bench times how long
until the app shows them.

    .venv/bin/python bench/serve_bench.py --docs 100000 --db /tmp/serve100k.db
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from trace_bench import build, write

from newstrace.trace import trace

ROUTES = ("/", "/stories/{story}", "/documents/{doc}", "/claims", "/api/summary",
          "/api/stories/{story}", "/api/documents/{doc}", "/api/claims")


def make_index(docs_count: int, db: Path) -> None:
    """Trace the benchmark corpus into ``db`` (which keeps its report as tables)."""
    docs, _ = build(docs_count)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        folder.mkdir()
        write(docs, folder)
        start = time.perf_counter()
        trace([str(folder)], db=db)
        print(f"traced {len(docs)} documents into {db} in {time.perf_counter() - start:.0f} s")


def peer_start(db: Path) -> float:
    """The old start, at its least: the whole report read into memory (every row of the
    kept report parsed), before any page's view was computed from it."""
    start = time.perf_counter()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    held = [[json.loads(body) for (body,) in conn.execute(f"SELECT body FROM {table}")]
            for table in ("report_docs", "report_stories", "report_relations",
                          "report_changes", "report_claims")]
    conn.close()
    took = time.perf_counter() - start
    del held
    return took


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Host": "localhost"})
    response = conn.getresponse()
    return response.status, response.read()


def start_server(db: Path, port: int, workers: int) -> tuple[subprocess.Popen[bytes], float]:
    """``newstrace serve`` launched; the seconds until its first ``/`` answered 200."""
    began = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "newstrace", "serve", "--db", str(db),
                               "--port", str(port), "--workers", str(workers)],
                              stderr=subprocess.DEVNULL)
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            if get(conn, "/")[0] == 200:
                return server, time.perf_counter() - began
        except OSError:
            time.sleep(0.02)
        if server.poll() is not None:
            raise SystemExit("newstrace serve exited before answering")


def targets(db: Path, rng: random.Random) -> tuple[list[str], list[str]]:
    """Story ids (the largest first) and document ids to request."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    stories = [r[0] for r in conn.execute(
        "SELECT id FROM report_stories WHERE rank IS NOT NULL ORDER BY rank")]
    largest = conn.execute("SELECT id FROM report_stories ORDER BY "
                           "json_array_length(json_extract(body, '$.members')) DESC "
                           "LIMIT 1").fetchone()[0]
    docs = [r[0] for r in conn.execute("SELECT id FROM report_docs WHERE ord >= 0")]
    conn.close()
    return [largest, *rng.sample(stories, min(200, len(stories)))], rng.sample(
        docs, min(500, len(docs)))


def load(port: int, paths: list[str], clients: int) -> dict[str, list[float]]:
    """Send ``paths`` over ``clients`` threads; each route's latencies in seconds."""
    times: dict[str, list[float]] = {}
    lock = threading.Lock()
    errors: list[str] = []

    def worker(mine: list[str]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for path in mine:
            start = time.perf_counter()
            status, _ = get(conn, path)
            took = time.perf_counter() - start
            route = next(r for r in ROUTES if _matches(r, path))
            with lock:
                times.setdefault(route, []).append(took)
                if status != 200:
                    errors.append(f"{status} {path}")

    threads = [threading.Thread(target=worker, args=(paths[n::clients],))
               for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        print(f"{len(errors)} errors, e.g. {errors[:3]}")
    return times


def _matches(route: str, path: str) -> bool:
    head = route.split("{")[0]
    return path == route if "{" not in route else (path.startswith(head) and
                                                   "/" not in path[len(head):])


def quantiles(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return (f"median {1000 * statistics.median(ordered):6.1f} ms  p99 {1000 * p99:6.1f} ms  "
            f"max {1000 * ordered[-1]:6.1f} ms  ({len(ordered)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None, help="keep (or reuse) the index")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--add", type=int, default=0, help="documents added while serving")
    parser.add_argument("--workers", type=int, default=2, help="serve --workers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "serve.db"
        if not db.exists():
            make_index(args.docs, db)
        rng = random.Random(5)
        stories, docs = targets(db, rng)
        port = free_port()
        server, ready = start_server(db, port, args.workers)
        try:
            paths = [ROUTES[n % len(ROUTES)].format(story=rng.choice(stories) if n % 16 != 1
                                                    else stories[0], doc=rng.choice(docs))
                     for n in range(args.requests)]
            began = time.perf_counter()
            times = load(port, paths, args.clients)
            wall = time.perf_counter() - began
            peer = peer_start(db)
            print(f"index: {db.stat().st_size / 1e6:.0f} MB; serve answered its first page "
                  f"{ready:.2f} s after launch; the peer (the whole report read and parsed) "
                  f"{peer:.2f} s: ratio {ready / peer:.3f}")
            print(f"{args.requests} requests from {args.clients} clients to {args.workers} "
                  f"serving processes in {wall:.1f} s "
                  f"({args.requests / wall:.0f}/s)")
            for route in ROUTES:
                print(f"  {route:24s} {quantiles(times.get(route, [0.0]))}")
            print(f"  {'all':24s} {quantiles([t for v in times.values() for t in v])}")
            if args.add:
                added(db, port, args.add)
        finally:
            server.terminate()
            server.wait(timeout=30)


def documents_shown(port: int) -> int:
    """The documents the app's summary counts (a new connection: the app closes idle ones)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        return int(json.loads(get(conn, "/api/summary")[1])["summary"]["documents"])
    finally:
        conn.close()


def added(db: Path, port: int, count: int) -> None:
    """Add ``count`` new documents while the app runs; time until it shows them."""
    docs, _ = build(count, seed=97)
    before = documents_shown(port)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        write(docs, folder)
        for path in folder.iterdir():  # new texts: a mark the benchmark's corpus lacks
            path.write_text(f"Late edition {path.stem}. " + path.read_text())
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newstrace", "add", str(folder), "--db",
                        str(db), "-q"], check=True)
        took_add = time.perf_counter() - start
        while documents_shown(port) == before:
            time.sleep(0.1)
    print(f"add of {count} documents while serving: {took_add:.1f} s (report kept "
          f"included); shown {time.perf_counter() - start - took_add:.2f} s after it ended")


if __name__ == "__main__":
    main()
