"""The demo corpus with translations of its original into German, Spanish, Italian,
Russian, Polish, Turkish and Arabic (the corpus has the French one) and a short, name-heavy
English brief (``examples/multilingual``), with the default, English encoder: every one is a
translation of the original, oriented from it (it is dated first and they credit its
agency), they are siblings rather than translations of one another, and nothing is a
translation that is not one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newstrace.trace import trace

MULTILINGUAL = Path(__file__).resolve().parents[2] / "examples" / "multilingual"
ORIGIN = "01_northwire_original.html"


@pytest.fixture(scope="module")
def report(corpus_dir: Path) -> dict[str, Any]:
    return trace([str(corpus_dir), str(MULTILINGUAL)])


LANGUAGES = ("de", "es", "it", "ru", "pl", "tr", "ar")  # translations.jsonl, in line order


def _name(locator: str) -> str:
    for line, language in enumerate(LANGUAGES, start=1):
        if locator.endswith(f"translations.jsonl#{line}") and "05_" not in locator:
            return language
    return locator


def test_the_translations_are_related_to_the_original(report: dict[str, Any]) -> None:
    loc = {d["id"]: _name(d["locator"]) for d in report["documents"]}
    language = {loc[d["id"]]: d["language"] for d in report["documents"]}
    assert [language[name] for name in LANGUAGES] == list(LANGUAGES)
    kinds = {(loc[r["source"]], loc[r["derived"]]): r for r in report["relations"]}
    for name in LANGUAGES:
        relation = kinds[(ORIGIN, name)]
        assert relation["kind"] == "translation" and relation["oriented"], (name, relation)
        assert not [c for c in relation.get("changes", ()) if c["severity"] != "low"], name
    siblings = [r for (a, b), r in kinds.items() if a in LANGUAGES and b in LANGUAGES]
    assert siblings and all(r["kind"] == "same_story" for r in siblings), siblings


def test_nothing_is_a_translation_that_is_not_one(report: dict[str, Any]) -> None:
    loc = {d["id"]: d["locator"] for d in report["documents"]}
    language = {d["id"]: d["language"] for d in report["documents"]}
    brief = next(d for d in report["documents"] if d["locator"].endswith("marrow_brief.txt"))
    assert brief["language"] in (None, "en")
    for r in report["relations"]:
        if r["kind"] == "translation":
            assert language[r["source"]] and language[r["derived"]]
            assert language[r["source"]] != language[r["derived"]], (loc[r["source"]],
                                                                     loc[r["derived"]])
            assert brief["id"] not in (r["source"], r["derived"])


def test_a_figure_changed_in_translation_is_flagged_and_separators_are_not(
        corpus_dir: Path, tmp_path: Path) -> None:
    import json
    record = json.loads((MULTILINGUAL / "translations.jsonl").read_text(encoding="utf-8")
                        .splitlines()[0])
    assert "rund 12.000 Liter" in record["text"] and "etwa 40.000 Einwohner" in record["text"]
    record["text"] = record["text"].replace("rund 12.000 Liter", "rund 21.000 Liter")
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    traced = trace([str(corpus_dir / ORIGIN), str(changed)])
    relation = next(r for r in traced["relations"] if r["kind"] == "translation")
    figures = [c for c in relation["changes"] if c["kind"] == "number_changed"]
    assert [(c["before"], c["after"], c["severity"]) for c in figures] == [
        ("12,000", "21.000", "high")], figures  # "40,000" / "40.000" is one figure


def test_a_surname_changed_in_translation_is_flagged(corpus_dir: Path, tmp_path: Path) -> None:
    import json
    record = json.loads((MULTILINGUAL / "translations.jsonl").read_text(encoding="utf-8")
                        .splitlines()[0])
    assert "Ines Albrecht" in record["text"]
    record["text"] = record["text"].replace("Ines Albrecht", "Ines Albright")
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    traced = trace([str(corpus_dir / ORIGIN), str(changed)])
    relation = next(r for r in traced["relations"] if r["kind"] == "translation")
    names = [(c["before"], c["after"], c["severity"]) for c in relation["changes"]
             if c["kind"] == "entity_changed"]
    assert names == [("Ines Albrecht", "Ines Albright", "medium")], names
