"""``newstrace compare A B``: the relation of two captures and every change, side by side."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newstrace.cli.common import (
    EXIT_NOTHING_READ,
    AsJson,
    DateField,
    EncoderName,
    IdField,
    SiteField,
    TextField,
    TitleField,
    UrlField,
    err_console,
    out_console,
    read_options,
)
from newstrace.compare import Comparison, compare
from newstrace.engine.local import LocalEngine
from newstrace.index.embed import load_encoder
from newstrace.ingest.pipeline import ingest
from newstrace.ingest.readers import ReadOptions
from newstrace.match.kinds import DERIVATIONS
from newstrace.model import Change, Document, Failure, Span

__all__ = ["compare_command", "render_comparison"]

_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}
_MARK = {"high": "bold white on red", "medium": "black on yellow", "low": "underline"}
#: A long run of dropped or added sentences is shown by its start.
_LONGEST = 600


def _read_one(path: str, options: ReadOptions) -> Document:
    items = list(ingest([path], options, engine=LocalEngine(1), site_templates=False))
    for failure in (i for i in items if isinstance(i, Failure)):
        err_console().print(f"failed {failure.path}: {failure.reason}", style="red")
    docs = [i for i in items if isinstance(i, Document)]
    if not docs:
        err_console().print(f"no article read from {path}", style="red")
        raise typer.Exit(EXIT_NOTHING_READ)
    if len(docs) > 1:
        err_console().print(f"{path} holds {len(docs)} articles; comparing the first")
    return docs[0]


def _cell(doc: Document, span: Span | None, severity: str) -> Text:
    """The sentences around ``span``, with the span itself marked."""
    if span is None:
        return Text("—", style="dim")
    start = min((s.start for s in doc.sentences if s.end > span.start), default=span.start)
    end = max((s.end for s in doc.sentences if s.start < span.end), default=span.end)
    start, end = min(start, span.start), min(max(end, span.end), start + _LONGEST)
    text = Text(doc.text[start:end])
    text.stylize(_MARK[severity], span.start - start, min(span.end, end) - start)
    return text


def render_comparison(console: Console, result: Comparison) -> None:
    """The relation, then one row per change: what, the source, and the copy."""
    relation = result.relation
    if relation is None:
        console.print(Text.assemble(("unrelated", "bold"),
                                    ": no reused passage and no shared story"))
        return
    direction = "oriented" if relation.oriented else "direction uncertain"
    console.print(Text.assemble((relation.kind, "bold"),
                                f" ({direction}, p={relation.confidence:.2f}): "
                                f"{result.source.locator} → {result.derived.locator}"))
    for reason in relation.reasons:
        console.print(f"  · {reason}")
    if not result.changes:
        console.print("no changes" if relation.kind in DERIVATIONS
                      else "not a derivation: changes are only read on copies")
        return
    table = Table(show_lines=True, expand=True)
    table.add_column("change", ratio=2)
    table.add_column(f"source: {result.source.locator}", ratio=3)
    table.add_column(f"copy: {result.derived.locator}", ratio=3)
    for change in result.changes:
        what = Text(f"{change.kind}\n", style=_SEVERITY_STYLE[change.severity])
        what.append(f"{change.severity}\n", style=_SEVERITY_STYLE[change.severity])
        what.append(change.explanation)
        table.add_row(what, _cell(result.source, _span(change, "source"), change.severity),
                      _cell(result.derived, _span(change, "derived"), change.severity))
    console.print(table)
    console.print(_totals(result.changes))


def _span(change: Change, side: str) -> Span | None:
    return change.source if side == "source" else change.derived


def _totals(changes: tuple[Change, ...]) -> str:
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.severity] = counts.get(change.severity, 0) + 1
    return f"{len(changes)} changes: " + ", ".join(
        f"{counts[s]} {s}" for s in ("high", "medium", "low") if s in counts)


def compare_command(
    first: Annotated[str, typer.Argument(
        metavar="FIRST", help="One capture (any format newstrace reads).")],
    second: Annotated[str, typer.Argument(metavar="SECOND", help="The other capture.")],
    as_json: AsJson = False,
    as_given: Annotated[bool, typer.Option(
        "--as-given", help="Take the first capture as the source, whatever the evidence.")]
    = False,
    encoder: EncoderName = None,
    text_field: TextField = None,
    url_field: UrlField = None,
    title_field: TitleField = None,
    date_field: DateField = None,
    site_field: SiteField = None,
    id_field: IdField = None,
) -> None:
    """Compare two captures: their relation and, for a copy, every typed change it made."""
    options = read_options(text_field, url_field, title_field, date_field,
                           site_field=site_field, id_field=id_field)
    a, b = _read_one(first, options), _read_one(second, options)
    result = compare(a, b, encoder=load_encoder(encoder), as_given=as_given)
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, sort_keys=True,
                                    indent=2) + "\n")
    else:
        render_comparison(out_console(), result)
