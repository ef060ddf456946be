"""Translations on WMT21's news test documents: found, oriented, and never invented.

``../shared/data/wmt21`` holds news originals with their professional translations
(``articles.jsonl``) and machine translations of the same documents (``mt_hypotheses.jsonl``),
each record labelled with its ``translation_group`` (the original's) and ``role``. The corpus
is traced as a user traces it (``trace`` with its default settings and the encoder given) and
the report is read: a translation is found when the report relates it to its group's original
as a ``translation``, oriented when the original is named the source. Any ``translation``
between documents of different groups, or of one language, is false.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.evaluate.crawls import trace_records
from newstrace.evaluate.halves import half_of
from newstrace.index.embed import Encoder

__all__ = ["TranslationScore", "evaluate_translations", "score_translations", "wmt_records"]


@dataclass(frozen=True, slots=True)
class TranslationScore:
    """How one role's translations came out of a trace."""

    translations: int  # translations of that role in the corpus
    found: int  # related to their original as a translation
    oriented: int  # ... with the original as the source
    false: int  # translation relations between different groups or one language
    #: High or medium changes the report lists on the translations found: every WMT21
    #: translation is faithful, so each is a false alarm or a translator's own slip.
    flagged: int = 0

    def to_json(self) -> dict[str, float | int]:
        """The score as a JSON-ready mapping, with the shares."""
        return {"translations": self.translations, "found": self.found,
                "oriented": self.oriented, "false": self.false, "flagged": self.flagged,
                "found_share": round(self.found / self.translations, 4)
                if self.translations else 0.0,
                "oriented_share": round(self.oriented / self.translations, 4)
                if self.translations else 0.0}


def wmt_records(data: Path, machine: bool = False) -> list[dict[str, Any]]:
    """The originals with their professional translations, or (``machine``) with the machine
    translations instead, in file order."""
    def read(name: str) -> list[dict[str, Any]]:
        with open(data / name, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle]

    articles = read("articles.jsonl")
    if not machine:
        return articles
    return [r for r in articles if r["labels"]["role"] == "original"] + read("mt_hypotheses.jsonl")


def score_translations(report: dict[str, Any], ids: dict[str, str],
                       records: list[dict[str, Any]], half: str | None = None
                       ) -> TranslationScore:
    """Read the report of a trace of ``records`` (``ids``: locator -> record id), for the
    translation groups of one half (``evaluate.halves``, by group) or all."""
    by_id = {r["id"]: r for r in records}
    crawl = {d["id"]: ids[d["locator"]] for d in report["documents"]}
    related: dict[frozenset[str], dict[str, Any]] = {}
    false = 0
    for relation in report["relations"]:
        if relation["kind"] != "translation":
            continue
        source, derived = crawl[relation["source"]], crawl[relation["derived"]]
        a, b = by_id[source], by_id[derived]
        groups = sorted((a["labels"]["translation_group"], b["labels"]["translation_group"]))
        if half is not None and half_of(groups[0]) != half:  # whatever the direction
            continue
        if a["labels"]["translation_group"] != b["labels"]["translation_group"] \
                or a.get("lang") == b.get("lang"):
            false += 1
            continue
        related[frozenset((source, derived))] = {
            "source": source, "oriented": relation["oriented"],
            "flagged": sum(c["severity"] in ("high", "medium")
                           for c in relation.get("changes", ()))}
    originals = {r["labels"]["translation_group"]: r["id"] for r in records
                 if r["labels"]["role"] == "original"}
    translations = [r for r in records if r["labels"]["role"] != "original"
                    and (half is None or half_of(r["labels"]["translation_group"]) == half)]
    found = oriented = flagged = 0
    for record in translations:
        original = originals.get(record["labels"]["translation_group"])
        hit = related.get(frozenset((record["id"], original))) if original else None
        found += hit is not None
        oriented += bool(hit and hit["oriented"] and hit["source"] == original)
        flagged += hit["flagged"] if hit else 0
    return TranslationScore(len(translations), found, oriented, false, flagged)


def evaluate_translations(data: Path, encoder: Encoder | None = None,
                          machine: bool = False, half: str | None = None) -> TranslationScore:
    """Trace WMT21's originals with their professional (or machine) translations, and score
    one half of the translation groups (or all)."""
    records = wmt_records(data, machine)
    report, ids = trace_records(records, encoder=encoder)
    return score_translations(report, ids, records, half)
