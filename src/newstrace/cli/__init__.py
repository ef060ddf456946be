"""The ``newstrace`` command line: a thin layer over the public API.

JSON goes to standard output; logs, progress bars and summaries go to standard error, so
``newstrace ... --json | jq`` always sees clean JSON. Each command lives in its own module.
"""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from newstrace.cli import (
    claims_cmd,
    compare_cmd,
    evaluate_cmd,
    export_cmd,
    index_cmd,
    ingest_cmd,
    serve_cmd,
)
from newstrace.cli.helptext import PlainHelp
from newstrace.errors import UsageError
from newstrace.version import __version__

app = typer.Typer(
    name="newstrace",
    help="Trace where a news story came from and where it went.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: rich markup mode read "[minilm]" in a help text as a style tag and
    # printed type names ("<bool>") for every flag.
    rich_markup_mode=None,
)

def _version(value: bool) -> None:
    if value:
        typer.echo(f"newstrace {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, metavar="",
                                         help="More log output on stderr (-v, -vv).")] = 0,
) -> None:
    """newstrace: find every copy, excerpt, rewrite and translation of a news article."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    # trafilatura and htmldate log every page they give up on; newstrace reports those itself.
    for noisy in ("trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)



app.command(name="ingest", cls=PlainHelp)(ingest_cmd.ingest)
app.command(name="trace", cls=PlainHelp)(index_cmd.trace)
app.command(name="add", cls=PlainHelp)(index_cmd.add)
app.command(name="query", cls=PlainHelp)(index_cmd.query)
app.command(name="compare", cls=PlainHelp)(compare_cmd.compare_command)
app.command(name="claims", cls=PlainHelp)(claims_cmd.claims_command)
app.command(name="export", cls=PlainHelp)(export_cmd.export_command)
app.command(name="serve", cls=PlainHelp)(serve_cmd.serve_command)
app.add_typer(evaluate_cmd.app, name="eval")


def main() -> None:
    """Entry point of the ``newstrace`` script: a usage error (a busy index, a bad field
    mapping) is one line on stderr and exit code 2, not a traceback."""
    try:
        app()
    except UsageError as exc:
        sys.stderr.write(f"newstrace: {exc}\n")
        raise SystemExit(2) from None
