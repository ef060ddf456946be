"""``newstrace serve --db FILE``: the web app over an index (127.0.0.1 unless told)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli.common import EncoderName, err_console, no_index
from newstrace.errors import UsageError
from newstrace.index.embed import load_encoder

__all__ = ["serve_command"]


def serve_command(
    db: Annotated[Path, typer.Option("--db", metavar="FILE", help="The index to serve.")],
    host: Annotated[str, typer.Option(
        metavar="HOST",
        help="Address to bind; the default keeps the app on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on.")] = 8765,
    max_upload: Annotated[int, typer.Option(
        "--max-upload", metavar="BYTES",
        help="Largest article a query accepts, in bytes.")] = 5_000_000,
    encoder: EncoderName = None,
    query_seconds: Annotated[float, typer.Option(
        "--query-seconds", metavar="SECONDS",
        help="Time budget of a query: past it the query is stopped at its next step "
             "(HTTP 503).")] = 60.0,
    workers: Annotated[int | None, typer.Option(
        metavar="N", min=1,
        help="Processes answering requests, each reading the index on its own (default: "
             "two, or one on a one-core machine).")] = None,
    allow_remote: Annotated[bool, typer.Option(
        "--allow-remote",
        help="Confirm serving beyond this machine (a --host other than loopback): anyone "
             "who can reach the address reads the index and can run queries.")] = False,
) -> None:
    """Serve stories, documents, pairs, claims and a query form over an index, with a JSON
    API beside each page (/api/..., described at /docs).

    The app answers only to this machine's names unless --host names another address and
    --allow-remote confirms it.
    """
    import uvicorn

    from newstrace.report.guard import LOOPBACK, host_names
    from newstrace.report.web import SETTINGS, create_app
    from newstrace.store.index import Index

    if not db.exists():
        raise no_index(db)
    hosts: frozenset[str] | None = LOOPBACK
    if host.lower().strip("[]") not in LOOPBACK:
        if not allow_remote:
            raise UsageError(f"--host {host} serves the index beyond this machine, to anyone "
                             "who can reach it; add --allow-remote to confirm")
        hosts = None if host in ("0.0.0.0", "::") else host_names(host)
        err_console().print(f"newstrace: WARNING: serving {db} to the network at {host}; "
                            "the index and the query form are open to anyone who can reach "
                            "it", style="bold red", soft_wrap=True)
    workers = workers or min(2, os.cpu_count() or 1)
    if workers == 1:
        app = create_app(db, load_encoder(encoder), max_upload, hosts=hosts,
                         query_seconds=query_seconds)
        err_console().print(f"newstrace serving {db} at http://{host}:{port}/")
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Worker processes import the app by name: the settings travel in the environment.
    # The index is opened here first (migrated if older), so that a file that is not one
    # fails before they start; the first worker to start builds a missing report while the
    # others wait for it (the index's writer lock).
    with Index(db):
        pass
    os.environ[SETTINGS] = json.dumps({
        "db": str(db.resolve()), "encoder": encoder, "max_upload": max_upload,
        "hosts": None if hosts is None else sorted(hosts), "query_seconds": query_seconds})
    err_console().print(f"newstrace serving {db} at http://{host}:{port}/ ({workers} "
                        "processes)")
    uvicorn.run("newstrace.report.web:app_from_environment", factory=True, host=host,
                port=port, workers=workers, log_level="warning")
