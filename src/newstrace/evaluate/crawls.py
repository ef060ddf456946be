"""The real crawls the crawl evaluation traces, drawn from the public data in ``../shared/data``.

Six crawls, each a pure function of its data set (records in id order) with the labels
read for it by people, shipped in ``evaluate/labels``:

- ``development``: a dense sample of AllSides (1,419 articles: July 2018, the silver
  near-duplicate pairs, the carriers of the most shared quotations). The relation and change
  rules were set on its ``tune`` half; its ``gate`` half was only read in aggregate.
- ``held-out``: the AllSides articles of April and June 2020 outside the development crawl
  (1,277 articles), a news cycle (the pandemic, the George Floyd protests) the rules were
  not written on. Its ``tune`` labels (June) were read after a first trace, and fixes came
  from them; its ``gate`` labels (April and June, drawn afterwards) were not read while tuning.
- ``fresh``: the AllSides articles of October 2019 and March 2020 outside both (1,091
  articles: the impeachment inquiry, the pandemic's first month), labelled once every rule
  above was set: 84 pairs drawn at random from its reported derivations (all 16), pairs
  sharing three or more 8-word runs that it did not report as copies (28 sharing 20 or more,
  28 fewer) and its other links (12), each read by people blind to what ``trace`` said.
  All its labels form one gate (``half`` is ``gate``).
- ``blind``: the AllSides articles of December 2019 and January 2020 outside the three
  above (945 articles), sampled as the fresh crawl was (78 pairs: all 10 reported
  derivations, 56 pairs sharing 8-word runs, 12 other links) and labelled blind after the
  fresh crawl's fixes; its results are read only in aggregate, never pair by pair, so that
  one gate stays unread.
- ``spring``: the AllSides articles of February and May 2020 outside the four above (1,063
  articles: the primaries' first month, the pandemic's third), sampled as the fresh crawl
  was (78 pairs: all 10 reported derivations, 56 pairs sharing 8-word runs, 12 other links)
  and labelled blind after the blind crawl's round; all its labels form one gate.
- ``onestopenglish``: OneStopEnglish's 282 texts, each Guardian article rewritten by
  professionals at three reading levels: real human rewrites, for the change detectors (its
  labels are changes only).
"""

from __future__ import annotations

import gzip
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newstrace.index.embed import Encoder
from newstrace.trace import trace

__all__ = ["AGGREGATE_ONLY", "CRAWLS", "FILE_NAMES", "LABELS", "Crawl", "blind_crawl",
           "development_crawl", "fresh_crawl", "held_out_crawl", "months_crawl",
           "onestopenglish_crawl", "spring_crawl", "trace_records"]

_LABELS = Path(__file__).parent / "labels"
#: Each crawl's labelled relations and labelled changes (None where it has none).
LABELS: dict[str, tuple[Path | None, Path | None]] = {
    "development": (_LABELS / "allsides_relations.jsonl",
                    _LABELS / "allsides_changes.jsonl"),
    "held-out": (_LABELS / "allsides_held_out_relations.jsonl", None),
    "fresh": (_LABELS / "allsides_fresh_relations.jsonl", None),
    "blind": (_LABELS / "allsides_blind_relations.jsonl", None),
    "spring": (_LABELS / "allsides_spring_relations.jsonl", None),
    "onestopenglish": (None, _LABELS / "onestopenglish_changes.jsonl"),
}
#: Crawls whose scores are shown in aggregate only (no pair-by-pair disagreements).
AGGREGATE_ONLY = frozenset({"blind"})
#: The months of the held-out crawl.
HELD_OUT_MONTHS = ("2020-04", "2020-06")
#: A crawl: its records drawn from the data set's folder.
Crawl = Callable[[Path], list[dict[str, Any]]]


def _allsides(data: Path) -> dict[str, dict[str, Any]]:
    with gzip.open(data / "articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        return {(record := json.loads(line))["id"]: record for line in handle}


def development_crawl(data: Path, *, month: str = "2018-07", quotes: int = 40
                      ) -> list[dict[str, Any]]:
    """The development crawl: a fixed, dense sample of the AllSides crawl in ``data``.

    AllSides spreads 37,554 articles over eight years, too thin for most to meet a
    relative; this keeps the part where real reuse and shared quotations sit: every article
    of ``month`` (July 2018, the Helsinki summit: wire copy and shared quotations), both
    sides of every silver near-duplicate pair (syndication and same-site re-crawls), and the
    articles carrying the ``quotes`` quotations shared by the most outlets (independent
    reports of one statement). A pure function of the data, in id order.
    """
    docs = _allsides(data)
    return [docs[i] for i in sorted(_development_ids(docs, data, month, quotes)) if i in docs]


def _development_ids(docs: dict[str, dict[str, Any]], data: Path, month: str = "2018-07",
                     quotes: int = 40) -> set[str]:
    """The ids ``development_crawl`` chooses among ``docs`` (read from ``data``)."""
    chosen = {i for i, d in docs.items() if (d.get("date") or "").startswith(month)}
    with open(data / "silver_near_duplicate_pairs.jsonl", encoding="utf-8") as handle:
        for line in handle:
            pair = json.loads(line)
            chosen |= {pair["id_a"], pair["id_b"]}
    with open(data / "silver_shared_quotes.jsonl", encoding="utf-8") as handle:
        shared = [json.loads(line) for line in handle]
    shared.sort(key=lambda q: (-len(q["sources"]), -q["n_docs"], q["quote"]))
    for quote in shared[:quotes]:
        chosen |= set(quote["doc_ids"])
    return chosen


def months_crawl(data: Path, months: tuple[str, ...]) -> list[dict[str, Any]]:
    """The AllSides articles of ``months`` outside the development crawl, in id order: the
    held-out, fresh, blind and spring crawls, whose months do not overlap, so none holds
    another's articles either."""
    docs = _allsides(data)
    seen = _development_ids(docs, data)
    return [docs[i] for i in sorted(docs)
            if (docs[i].get("date") or "")[:7] in months and i not in seen]


def held_out_crawl(data: Path, months: tuple[str, ...] = HELD_OUT_MONTHS
                   ) -> list[dict[str, Any]]:
    """The AllSides articles of ``months`` that the development crawl does not hold."""
    return months_crawl(data, months)


#: The months of the fresh crawl: the impeachment inquiry and the pandemic's first month.
FRESH_MONTHS = ("2019-10", "2020-03")


def fresh_crawl(data: Path) -> list[dict[str, Any]]:
    """The AllSides articles of ``FRESH_MONTHS`` that no earlier crawl holds: labelled
    after every rule was set, so that no rule was read off it."""
    return months_crawl(data, FRESH_MONTHS)


#: The months of the blind crawl: the impeachment trial and the turn of 2020.
BLIND_MONTHS = ("2019-12", "2020-01")


def blind_crawl(data: Path) -> list[dict[str, Any]]:
    """The AllSides articles of ``BLIND_MONTHS`` that no other crawl holds: labelled once
    every rule was set, and scored only in aggregate, never read pair by pair."""
    return months_crawl(data, BLIND_MONTHS)


#: The months of the spring crawl: the primaries' first month and the pandemic's third.
SPRING_MONTHS = ("2020-02", "2020-05")


def spring_crawl(data: Path) -> list[dict[str, Any]]:
    """The AllSides articles of ``SPRING_MONTHS`` that no other crawl holds: labelled blind
    once the blind crawl's rules were set."""
    return months_crawl(data, SPRING_MONTHS)


def onestopenglish_crawl(data: Path) -> list[dict[str, Any]]:
    """OneStopEnglish's texts, as its ``articles.jsonl`` holds them (traced as that file:
    a document's id hashes its locator, and the changes were labelled on that trace)."""
    with open(data / "articles.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


#: The crawls by name, each read from its data set's folder.
CRAWLS: dict[str, Crawl] = {"development": development_crawl, "held-out": held_out_crawl,
                            "fresh": fresh_crawl, "blind": blind_crawl, "spring": spring_crawl,
                            "onestopenglish": onestopenglish_crawl}
#: The file name each crawl is traced as ("crawl.jsonl" unless named here).
FILE_NAMES = {"onestopenglish": "articles.jsonl"}


def trace_records(records: list[dict[str, Any]], name: str = "crawl.jsonl",
                  encoder: Encoder | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """The report of ``trace`` (default settings, as a user runs it, with ``encoder`` when
    given) on records written as one JSON-lines file called ``name``, and each locator's
    record id."""
    with tempfile.TemporaryDirectory(prefix="newstrace-crawl-") as scratch:
        path = Path(scratch) / name
        with open(path, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        report = trace([str(path)], encoder=encoder)
    return report, {f"{name}#{n}": r["id"] for n, r in enumerate(records, start=1)}
