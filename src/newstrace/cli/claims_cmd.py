"""``newstrace claims --db FILE``: the claims of an index and the independent origins behind
each, with circular reporting flagged."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from newstrace.cli.common import AsJson, EncoderName, no_index, out_console
from newstrace.index.embed import load_encoder
from newstrace.provenance.claims import Claim, build_claims
from newstrace.provenance.reconcile import reconcile
from newstrace.provenance.stories import build_stories
from newstrace.store.index import Index

__all__ = ["claims_command"]


def index_claims(db: Path, encoder: str | None, min_carriers: int) -> tuple[list[Claim],
                                                                          dict[str, str]]:
    """The claims of an index, and each document's locator."""
    with Index(db) as index:
        docs = index.documents()
        relations = reconcile({d.id: d.published for d in docs}, index.relations())
    stories = build_stories((d.id for d in docs), relations)
    claims = build_claims(docs, relations, stories, load_encoder(encoder), min_carriers)
    return claims, {d.id: d.locator for d in docs}


def _render(console: Console, claims: list[Claim], locators: dict[str, str]) -> None:
    table = Table(title="claims by carriers", show_lines=True, expand=True)
    for column, ratio in (("claim", 5), ("kind", 1), ("carriers", 1), ("origins", 3),
                          ("first seen", 2), ("flags", 2)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for claim in claims:
        said = f" ({claim.speaker.title()})" if claim.speaker else ""
        flags = ["circular reporting"] if claim.circular else []
        if claim.syndicated:
            flags.append("syndicated wire copy")
        if claim.variants:
            flags.append(f"{claim.variants} variant{'s' if claim.variants > 1 else ''}")
        doc, date = claim.first_seen
        table.add_row(claim.text[:240] + said, claim.kind, str(len(claim.carriers)),
                      "\n".join(locators.get(o, "wire story, not in the corpus")
                                for o in claim.origins),
                      f"{locators[doc]}\n{date or 'no date'}", "\n".join(flags))
    console.print(table)


def claims_command(
    db: Annotated[Path, typer.Option("--db", metavar="FILE", help="The index file to read.")],
    as_json: AsJson = False,
    encoder: EncoderName = None,
    min_carriers: Annotated[int, typer.Option(
        "--min-carriers", metavar="N",
        help="Only claims carried by at least this many documents.")] = 2,
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
            sys.stdout.write(json.dumps(claim.to_json(), ensure_ascii=False,
                                        sort_keys=True) + "\n")
        return
    _render(out_console(), claims, locators)
