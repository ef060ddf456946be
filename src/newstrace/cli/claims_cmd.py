"""``newstrace claims --db FILE``: the claims of an index and the independent origins behind
each, with circular reporting flagged.

The claims are the report's: read from the report kept in the index when it is current,
else the report is built (the flow ``add`` and ``serve`` run) and kept, so the next
``claims`` or ``serve`` reads it too. An index that cannot be written gets its report built
in memory, the same claims, once.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from newstrace.cli.common import AsJson, EncoderName, no_index, out_console
from newstrace.index.embed import Encoder, load_encoder
from newstrace.report.kept import index_report
from newstrace.report.tables import report_rows
from newstrace.store.index import Index

__all__ = ["claims_command"]


def index_claims(db: Path, encoder: str | None, min_carriers: int
                 ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The claims of an index's report carried by ``min_carriers`` documents or more, in
    report order (most carried first), and the locators of their documents. The report kept
    is read when it is current (built with ``encoder`` when one is named)."""
    with Index(db) as index:
        claims = index.kept_claims(encoder)
        if claims is None:
            claims = _built(index, load_encoder(encoder))
        chosen = [c for c in claims if len(c["carriers"]) >= min_carriers]
        locators = index.locators(c["doc"] for claim in chosen for c in claim["carriers"])
    return chosen, locators


def _built(index: Index, model: Encoder) -> list[dict[str, Any]]:
    """The claims of the index's report, built now once, and kept where the index can be
    written (under its writer's lock, so that what is kept is what was read)."""
    try:
        index.writing()
        writable = True
    except OSError:  # no lock file where the index lies: a read-only folder
        writable = False
    report = index_report(index, model, engine=index.engine_in_use())
    if writable:
        try:
            index.keep_report(report_rows(report), model.name)
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc):
                raise
    return list(report["claims"])


def _render(console: Console, claims: list[dict[str, Any]], locators: dict[str, str]) -> None:
    table = Table(title="claims by carriers", show_lines=True, expand=True)
    for column, ratio in (("claim", 5), ("kind", 1), ("carriers", 1), ("origins", 3),
                          ("first seen", 2), ("flags", 2)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for claim in claims:
        said = f" ({claim['speaker'].title()})" if claim["speaker"] else ""
        flags = ["circular reporting"] if claim["circular"] else []
        if claim["syndicated"]:
            flags.append("syndicated wire copy")
        variants = sum(c["variant"] is not None for c in claim["carriers"])
        if variants:
            flags.append(f"{variants} variant{'s' if variants > 1 else ''}")
        seen = claim["first_seen"]
        table.add_row(claim["text"][:240] + said, claim["kind"], str(len(claim["carriers"])),
                      "\n".join(locators.get(o, "wire story, not in the corpus")
                                for o in claim["origins"]),
                      f"{locators[seen['doc']]}\n{seen['date'] or 'no date'}", "\n".join(flags))
    console.print(table)


def claims_command(
    db: Annotated[Path, typer.Option("--db", metavar="FILE", help="The index file to read.")],
    as_json: AsJson = False,
    encoder: EncoderName = None,
    min_carriers: Annotated[int, typer.Option(
        "--min-carriers", metavar="N", min=2,
        help="Only claims carried by at least this many documents (2 or more: the "
             "report's claims).")] = 2,
    limit: Annotated[int | None, typer.Option(
        metavar="N", help="Only the N most carried claims.")]
    = None,
) -> None:
    """Claims (quotations, attributed statements, figures, dated events) with the documents
    carrying them and the independent origins behind them."""
    if not db.exists():
        raise no_index(db)
    claims, locators = index_claims(db, encoder, min_carriers)
    claims = claims[:limit] if limit is not None else claims
    if as_json:
        for claim in claims:
            sys.stdout.write(json.dumps(claim, ensure_ascii=False, sort_keys=True) + "\n")
        return
    _render(out_console(), claims, locators)
