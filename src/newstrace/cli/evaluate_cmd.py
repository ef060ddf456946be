"""``newstrace eval ...``: the evaluations behind the quality gates, from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from newstrace.cli.common import AsJson, EncoderName, Workers, err_console, out_console
from newstrace.cli.helptext import PlainHelp
from newstrace.engine.local import LocalEngine
from newstrace.evaluate.claim_pairs import load_claim_pairs, score_claim_pairs
from newstrace.evaluate.crawl import (
    load_change_labels,
    load_labels,
    score_changes,
    score_crawl,
    trace_crawl,
)
from newstrace.evaluate.crawls import AGGREGATE_ONLY, CRAWLS, LABELS
from newstrace.evaluate.extraction import evaluate_extraction
from newstrace.evaluate.halves import HALVES
from newstrace.evaluate.links import load_link_labels, score_links
from newstrace.evaluate.mrpc import PARAPHRASE, evaluate_mrpc
from newstrace.evaluate.mt_pairs import evaluate_mt_pairs
from newstrace.evaluate.pan import RULES, evaluate_pan
from newstrace.evaluate.semeval import evaluate_semeval
from newstrace.evaluate.translations import evaluate_translations
from newstrace.index.embed import load_encoder

app = typer.Typer(help="Evaluate newstrace on public data sets.", no_args_is_help=True,
                  rich_markup_mode=None)

Folder = Annotated[Path, typer.Argument(metavar="FOLDER",
    help="The data set's folder.", exists=True,
                                        file_okay=False)]


Half = Annotated[str | None, typer.Option(
    metavar="HALF", help="Only the tune or the gate half of the pairs (fixed by a hash of "
    "each pair's ids).")]


def _check_half(half: str | None) -> None:
    if half is not None and half not in HALVES:
        raise typer.BadParameter(f"use one of: {', '.join(HALVES)}", param_hint="--half")


@app.command("pan", cls=PlainHelp)
def pan(
    folder: Folder,
    as_json: AsJson = False,
    out: Annotated[Path | None, typer.Option(
        "--out", metavar="DIR",
        help="Write one PAN detection XML per pair under this folder.")] = None,
    limit: Annotated[int | None, typer.Option(
        metavar="N", help="Only the first N pairs per folder.")]
    = None,
    workers: Workers = None,
    encoder: EncoderName = None,
    verbatim_only: Annotated[bool, typer.Option(
        "--verbatim-only",
        help="Detect verbatim passages only (no sentence alignment; the pan rules).")]
    = False,
    rules: Annotated[str, typer.Option(
        metavar="RULES", help="trace: score the passages newstrace itself reports for each "
        "pair (the default); pan: the PAN-tuned detector, for comparison.")] = "trace",
    half: Half = None,
) -> None:
    """PAN text alignment: precision, recall, granularity and plagdet per obfuscation type.

    The corpus is laid out like PAN 2013's training set (src/, susp/, one folder per
    obfuscation type with its pairs file and truth XMLs). With the trace rules, the summary
    folder and the pooled figure are also given under PAN's convention that a summary's
    source is the whole source document.
    """
    if rules not in RULES:
        raise typer.BadParameter(f"use one of: {', '.join(RULES)}", param_hint="--rules")
    _check_half(half)
    if verbatim_only:
        rules = "pan"
    model = None if verbatim_only else load_encoder(encoder)
    with err_console().status("aligning PAN pairs"), LocalEngine(workers) as engine:
        scores = evaluate_pan(folder, engine=engine, out=out, limit=limit, encoder=model,
                              rules=rules, half=half)
    if as_json:
        sys.stdout.write(json.dumps({k: v.to_json() for k, v in scores.items()},
                                    sort_keys=True) + "\n")
        return
    table = Table(title=f"PAN text alignment: {folder}")
    for column in ("folder", "pairs", "cases", "detections", "precision", "recall",
                   "granularity", "plagdet", "pairs with detections"):
        table.add_column(column, justify="right" if column != "folder" else "left")
    for name, score in scores.items():
        share = score.pairs_with_detections / max(score.pairs, 1)
        table.add_row(name, str(score.pairs), str(score.cases), str(score.detections),
                      f"{score.precision:.3f}", f"{score.recall:.3f}",
                      f"{score.granularity:.3f}", f"{score.plagdet:.3f}",
                      f"{score.pairs_with_detections} ({share:.1%})")
    out_console().print(table)


@app.command("crawl", cls=PlainHelp)
def crawl(
    folder: Folder,
    as_json: AsJson = False,
    name: Annotated[str, typer.Option(
        "--crawl", metavar="NAME",
        help="Which crawl: development, held-out, fresh, blind or spring (FOLDER is "
                        "AllSides), onestopenglish (FOLDER is OneStopEnglish).")] = "development",
) -> None:
    """Relations, changes and claims on a real crawl against what people labelled by reading.

    The crawl (--crawl) is drawn from FOLDER, traced with the default settings and scored
    against the labels shipped with newstrace, per half ("tune": what the rules were set
    on; "gate": what the quality gate reads). The development crawl (1,419 AllSides
    articles) has labelled relations and changes, the held-out, fresh, blind and spring
    crawls (later months) labelled relations, OneStopEnglish (professional rewrites) labelled
    changes; the spring, fresh and held-out crawls also pairs of claims' carriers (how many
    of those saying the same thing are one claim, how many saying different things are
    kept apart); the development, fresh, spring and held-out crawls pairs of articles read
    as one event's reports or not (how many of those the report links as same_story are).
    The blind crawl is scored in aggregate only: its disagreements are not shown.
    """
    if name not in CRAWLS:
        raise typer.BadParameter(f"no crawl {name!r}: {', '.join(CRAWLS)}", param_hint="--crawl")
    relation_labels, change_labels = LABELS[name]
    with err_console().status(f"tracing the {name} crawl"):
        traced = trace_crawl(folder, name)
    halves = {half: (score_crawl(traced, load_labels(relation_labels, half))
                     if relation_labels else None,
                     score_changes(traced, load_change_labels(change_labels, half))
                     if change_labels else None,
                     score_claim_pairs(traced[0], traced[1], pairs)
                     if (pairs := load_claim_pairs(crawl=name, half=half)) else None,
                     score_links(traced, links)
                     if (links := load_link_labels(crawl=name, half=half)) else None)
              for half in ("tune", "gate")}
    if as_json:
        sys.stdout.write(json.dumps(
            {h: {"relations": _shown(r.to_json(), name) if r else None,
                 "changes": c.to_json() if c else None,
                 "claims": k.to_json() if k else None,
                 "links": s.to_json() if s else None}
             for h, (r, c, k, s) in halves.items()}, sort_keys=True) + "\n")
        return
    table = Table(title=f"Real crawl ({name}): {folder} "
                        f"({len(traced[0]['documents'])} documents)")
    for column in ("half", "pairs", "derivation precision", "recall", "direction",
                   "high/medium changes", "real", "change precision",
                   "claim pairs kept", "different kept apart", "same_story right"):
        table.add_column(column, justify="left" if column == "half" else "right")
    for half, (rel, chg, clm, lnk) in halves.items():
        relations = [str(rel.pairs), f"{rel.precision:.3f}", f"{rel.recall:.3f}",
                     f"{rel.direction_accuracy:.3f}"] if rel and rel.pairs else ["-"] * 4
        changes = [f"{chg.labelled} of {chg.flagged}", str(chg.real),
                   f"{chg.precision:.3f}"] if chg else ["-"] * 3
        claims = [f"{clm.kept} of {clm.same}",
                  f"{clm.different - clm.merged} of {clm.different}"] if clm else ["-"] * 2
        stories = [f"{lnk.right} of {lnk.linked} ({lnk.events} events)"] if lnk else ["-"]
        table.add_row(half, *relations, *changes, *claims, *stories)
    out_console().print(table)


def _shown(scores: dict[str, Any], crawl: str) -> dict[str, Any]:
    """A crawl's relation scores as shown: an aggregate-only crawl's without the pairs."""
    return {k: v for k, v in scores.items()
            if crawl not in AGGREGATE_ONLY or k != "disagreements"}


@app.command("extraction", cls=PlainHelp)
def extraction(folder: Folder, as_json: AsJson = False) -> None:
    """Article extraction token F1: as HTML, flattened to one line, and all text (baseline)."""
    with err_console().status("extracting benchmark pages"):
        scores = evaluate_extraction(folder)
    if as_json:
        sys.stdout.write(json.dumps(scores.to_json(), sort_keys=True) + "\n")
        return
    table = Table(title=f"Extraction: {folder} ({scores.pages} pages)", show_header=False)
    table.add_row("HTML (trafilatura + newstrace cleaning)", f"{scores.html_f1:.3f}")
    table.add_row("flattened to one line (newstrace cleaner)", f"{scores.flattened_f1:.3f}")
    table.add_row("flattened, all text kept (baseline)", f"{scores.all_text_f1:.3f}")
    out_console().print(table)


@app.command("semeval", cls=PlainHelp)
def semeval(
    path: Annotated[Path, typer.Argument(metavar="CSV",
        help="The SemEval 2022 Task 8 CSV.", exists=True,
                                         dir_okay=False)],
    as_json: AsJson = False,
    encoder: EncoderName = None,
    limit: Annotated[int | None, typer.Option(metavar="N", help="Only the first N pairs.")] = None,
    half: Half = None,
) -> None:
    """Story similarity against SemEval 2022 Task 8's human Overall rating (Pearson).

    Reported against -Overall (1 = very similar in the data), per language pair and overall.
    """
    _check_half(half)
    model = load_encoder(encoder)
    with err_console().status("comparing article pairs"):
        scores = evaluate_semeval(path, model, limit=limit, half=half)
    if as_json:
        sys.stdout.write(json.dumps({"encoder": model.name, "scores": scores},
                                    sort_keys=True) + "\n")
        return
    table = Table(title=f"SemEval 2022 Task 8 ({model.name})")
    for column in ("languages", "pairs", "Pearson"):
        table.add_column(column, justify="left" if column == "languages" else "right")
    for key, row in sorted(scores.items(), key=lambda kv: (-int(kv[1]["pairs"]), kv[0])):
        table.add_row(key, str(row["pairs"]), f"{row['pearson']:.3f}")
    out_console().print(table)


@app.command("mrpc", cls=PlainHelp)
def mrpc(
    path: Annotated[Path, typer.Argument(metavar="FILE",
        help="An MRPC file (msr_paraphrase_train.txt).",
                                         exists=True, dir_okay=False)],
    as_json: AsJson = False,
    encoder: EncoderName = None,
    threshold: Annotated[float, typer.Option(
        metavar="SCORE", help="Similarity a paraphrase needs.")]
    = PARAPHRASE,
    limit: Annotated[int | None, typer.Option(metavar="N", help="Only the first N pairs.")] = None,
) -> None:
    """Paraphrase decisions against MRPC labels: "same meaning" = aligned as a paraphrase and
    no change of severity medium or higher."""
    model = load_encoder(encoder)
    with err_console().status("comparing sentence pairs"):
        scores = evaluate_mrpc(path, model, threshold, limit)
    if as_json:
        sys.stdout.write(json.dumps(scores, sort_keys=True) + "\n")
        return
    console = out_console()
    console.print(f"MRPC {path.name}: {scores['pairs']} pairs of the gate half, "
                  f"encoder {scores['encoder']}")
    console.print(f"accuracy (similarity >= {threshold} and no medium/high change): "
                  f"{scores['accuracy']:.3f}")
    alone = scores["similarity_only"]
    console.print(f"similarity alone, threshold {alone['threshold']} chosen on the "
                  f"{scores['tuning_pairs']} pairs of the tuning half: "
                  f"{alone['accuracy']:.3f}; pairs with a medium/high change: "
                  f"{scores['flagged_share']:.1%}")
    table = Table(title="medium/high changes by label")
    for column in ("change", "paraphrases", "non-paraphrases"):
        table.add_column(column, justify="left" if column == "change" else "right")
    for kind, row in scores["kinds"].items():
        table.add_row(kind, str(row["paraphrases"]), str(row["non_paraphrases"]))
    console.print(table)
    only = scores["numbers_only"]
    console.print(f"pairs differing only in numbers: {only['pairs']} "
                  f"({only['non_paraphrases']} non-paraphrases); number_changed flags "
                  f"{only['flagged']}, precision {only['precision']:.3f}, "
                  f"recall {only['recall']:.3f}")


@app.command("translations", cls=PlainHelp)
def translations(
    folder: Folder,
    as_json: AsJson = False,
    encoder: EncoderName = None,
    machine: Annotated[bool, typer.Option(
        "--machine", help="The machine translations instead of the professional ones.")]
    = False,
    half: Half = None,
) -> None:
    """Translations on WMT21's news test documents: found as translations of their original,
    oriented from it, and translations invented between other documents.

    The folder holds WMT21's articles.jsonl (originals and professional translations) and
    mt_hypotheses.jsonl (machine translations), as ../shared/data/wmt21 does.
    """
    _check_half(half)
    model = load_encoder(encoder)
    with err_console().status("tracing originals and translations"):
        score = evaluate_translations(folder, model, machine, half)
    if as_json:
        sys.stdout.write(json.dumps({"encoder": model.name, **score.to_json()},
                                    sort_keys=True) + "\n")
        return
    kind = "machine" if machine else "professional"
    out_console().print(
        f"WMT21 {kind} translations ({model.name}): {score.found} of {score.translations} "
        f"found as translations, {score.oriented} oriented from their original; "
        f"{score.false} translations between other documents or within one language; "
        f"{score.flagged} high or medium changes on the translations found (each faithful)")


@app.command("semeval-translations", cls=PlainHelp)
def semeval_translations(
    path: Annotated[Path, typer.Argument(metavar="CSV",
        help="The SemEval 2022 Task 8 CSV.", exists=True,
                                         dir_okay=False)],
    as_json: AsJson = False,
    encoder: EncoderName = None,
    half: Half = None,
) -> None:
    """Machine translations among SemEval 2022 Task 8's articles: each original traced with
    its translations into or from English (Italian, Chinese, Spanish, French, Russian,
    Polish) or German into French, found as translations, and translations invented between
    two outlets' reports of one event.

    The articles of every pair are traced together as one folder; the pairs of different
    articles read by a person are listed in newstrace's labels.
    """
    _check_half(half)
    model = load_encoder(encoder)
    with err_console().status("tracing SemEval's articles"):
        score = evaluate_mt_pairs(path, model, half)
    if as_json:
        sys.stdout.write(json.dumps({"encoder": model.name, **score.to_json()},
                                    sort_keys=True) + "\n")
        return
    table = Table(title=f"SemEval 2022 Task 8 machine translations ({model.name})")
    for column in ("languages", "translations", "found"):
        table.add_column(column, justify="left" if column == "languages" else "right")
    for key in sorted(score.translations):
        table.add_row(key, str(score.translations[key]), str(score.found[key]))
    table.add_row("all", str(sum(score.translations.values())), str(sum(score.found.values())))
    console = out_console()
    console.print(table)
    console.print(f"{score.false} translations between two outlets' articles or within one "
                  f"language ({score.unread} between articles no label has read)")
