"""Machine translations in SemEval 2022 Task 8: found in seven language pairs, never invented.

SemEval's article ids with a language suffix ("1484037032zh") are machine translations of
the article with the bare id, and 121 of those originals are in the data too: English with
Italian, Chinese, Spanish, French and Russian, German with French, Polish with English.
WMT21 (``evaluate.translations``) covers four language pairs and articles of different
events; SemEval's pairs were drawn to be alike, so the data also holds the hard case, two
outlets' own reports of one event in two languages (the Pell appeal in German and in
English), which must never be called translations.

Every article is traced together, as a user traces a folder (``trace``, default settings),
and the report is read:
- **found**: an original and its machine translation related as a ``translation``;
- **false**: a ``translation`` within one identified language, or between articles of
  different groups that a person did not read as one text. Pairs read are listed in
  ``labels/semeval_translations.jsonl`` (each with its evidence): a few articles of
  different ids are one text (a wire story and its copy, translated: the Indiana baby-box
  story from AP), and a translation between them is right. A translation between two
  groups nobody read counts as false and is reported as unread, to be read and listed.
Two machine translations of one original ("1484009941it", "1484009941es") are translations
of one another and count as neither.

A group's half is its bare id's (``evaluate.halves``); a relation between two groups is in
the half of the smaller id.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newstrace.evaluate.crawls import trace_records
from newstrace.evaluate.halves import half_of
from newstrace.evaluate.semeval import read_pairs
from newstrace.index.embed import Encoder

__all__ = ["MtScore", "evaluate_mt_pairs", "mt_records", "read_labels", "score_mt_pairs"]

_GROUP = re.compile(r"\d+")


def _group(article: str) -> str:
    match = _GROUP.match(article)
    return match.group() if match else article


@dataclass(frozen=True, slots=True)
class MtScore:
    """Machine translations found and invented, per language pair (original first)."""

    translations: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    false: int = 0
    unread: int = 0  # of the false: pairs of two groups that no label covers

    def to_json(self) -> dict[str, Any]:
        """The score as a JSON-ready mapping."""
        total, hit = sum(self.translations.values()), sum(self.found.values())
        return {"translations": total, "found": hit,
                "found_share": round(hit / total, 4) if total else 0.0,
                "false": self.false, "unread": self.unread,
                "languages": {key: {"translations": self.translations[key],
                                    "found": self.found[key]}
                              for key in sorted(self.translations)}}


def mt_records(csv_path: Path) -> list[dict[str, Any]]:
    """Every article of the SemEval CSV once, as a record (``id``, ``lang``, ``text``), in
    id order."""
    texts: dict[str, tuple[str, str]] = {}
    for pair in read_pairs(csv_path):
        first, second = pair.pair_id.split("_")
        texts.setdefault(first, (pair.lang1, pair.text1))
        texts.setdefault(second, (pair.lang2, pair.text2))
    return [{"id": key, "lang": lang, "text": text}
            for key, (lang, text) in sorted(texts.items()) if text.strip()]


def read_labels(path: Path | None = None) -> dict[frozenset[str], bool]:
    """Pairs of articles of different ids read by a person: whether they are one text."""
    if path is None:
        text = resources.files("newstrace.evaluate").joinpath(
            "labels/semeval_translations.jsonl").read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return {frozenset((row["a"], row["b"])): bool(row["one_text"]) for row in rows}


def score_mt_pairs(report: dict[str, Any], ids: dict[str, str],
                   records: list[dict[str, Any]], labels: dict[frozenset[str], bool],
                   half: str | None = None) -> MtScore:
    """Read the report of a trace of ``records`` (``ids``: locator -> record id), for the
    groups of one half or all."""
    by_id = {r["id"]: r for r in records}
    article = {d["id"]: ids[d["locator"]] for d in report["documents"]}
    language = {d["id"]: d.get("language") for d in report["documents"]}
    found_pairs: set[frozenset[str]] = set()
    false = unread = 0
    for relation in report["relations"]:
        if relation["kind"] != "translation":
            continue
        a, b = article[relation["source"]], article[relation["derived"]]
        groups = sorted((_group(a), _group(b)), key=lambda g: (len(g), g))  # by number
        if half is not None and half_of(groups[0]) != half:
            continue
        if language[relation["source"]] == language[relation["derived"]]:
            false += 1
        elif groups[0] == groups[1]:
            found_pairs.add(frozenset((a, b)))
        elif not labels.get(frozenset((a, b)), False):
            false += 1
            unread += frozenset((a, b)) not in labels
    translations: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for record in records:
        original = _group(record["id"])
        if record["id"] == original or original not in by_id \
                or (half is not None and half_of(original) != half):
            continue
        key = f"{by_id[original]['lang']}-{record['lang']}"
        translations[key] += 1
        found[key] += frozenset((original, record["id"])) in found_pairs
    return MtScore(translations, found, false, unread)


def evaluate_mt_pairs(csv_path: Path, encoder: Encoder | None = None,
                      half: str | None = None) -> MtScore:
    """Trace every SemEval article and score the machine translations of one half (or
    all)."""
    records = mt_records(csv_path)
    report, ids = trace_records(records, encoder=encoder)
    return score_mt_pairs(report, ids, records, read_labels(), half)
