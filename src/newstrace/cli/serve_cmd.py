"""``newstrace serve --db FILE``: the web app over an index (127.0.0.1 unless told)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli.common import EncoderName, err_console, no_index
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
) -> None:
    """Serve stories, documents, pairs, claims and a query form over an index, with a JSON
    API beside each page (/api/..., described at /docs)."""
    import uvicorn

    from newstrace.report.web import create_app

    if not db.exists():
        raise no_index(db)
    app = create_app(db, load_encoder(encoder), max_upload)
    err_console().print(f"newstrace serving {db} at http://{host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning")
