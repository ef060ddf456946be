"""A negation lost or gained in translation (``changes.crossnegation``): each language read
with its own negators, and a translation that drops one flagged as a low change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.changes.crossnegation import negated
from newstrace.trace import trace

MULTILINGUAL = Path(__file__).resolve().parents[2] / "examples" / "multilingual"


@pytest.mark.parametrize(("language", "text", "negator"), [
    ("en", "The crew was not injured.", "not"),
    ("en", "The company didn’t say.", "didn’t"),
    ("de", "Keines der vier Besatzungsmitglieder sei verletzt worden.", "Keines"),
    ("fr", "Le bateau n'a pas coulé.", "pas"),
    ("fr", "Personne n’a été blessé.", "Personne"),
    ("fr", "Il ne le sait plus.", "plus"),
    ("es", "Nadie resultó herido.", "Nadie"),
    ("it", "La nave non è affondata.", "non"),
    ("ru", "Никто не пострадал.", "Никто"),
    ("pl", "Nikt nie został ranny.", "Nikt"),
    ("is", "Enginn slasaðist ekki.", "Enginn"),
    ("ar", "ولم يصب أحد بأذى.", "ولم"),
    ("fr", "Lorsqu'aucun élu ne vote, le texte tombe.", "Lorsqu'aucun"),
    ("fr", "Nul ne sait.", "Nul"),
    ("it", "Nessun'altra squadra ha vinto.", "Nessun'altra"),
    ("nl", "Hij is niet alleen in 2020.", "niet"),  # "not alone": no "maar" follows
    ("es", "Dijo que no hay agua.", "no"),
])
def test_each_language_is_read_with_its_own_negators(language: str, text: str,
                                                     negator: str) -> None:
    assert negated(text, language) == negator


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Not only the crew but also the pilot was rescued."),  # "not only": no negation
    ("en", "The council held a no-confidence vote."),
    ("fr", "Il ne reste que deux bateaux."),  # "ne ... que" is "only"
    ("fr", "Rien que cette année, plus de vingt bateaux."),
    ("fr", "Une personne a été blessée, plus que prévu."),
    ("de", "Das Schiff ist nicht nur alt, sondern auch langsam."),
    ("en", "The company refused to comment."),  # a negating verb raises no flag by itself
    ("tr", "Kimse yaralanmadı."),  # negation inside the verb: Turkish is not read
    ("en", "He returned to No. 10 Downing Street."),
    ("it", "Il più alto mai registrato dal 1990."),  # "mai" without "non" is "ever"
    ("es", "Más que nunca."),
    ("fr", "Un score nul, 1-1, et un grand pas."),
    ("fr", "Chaque personne ne peut acheter que 2 billets."),
    ("ar", "لا سيما في الشمال."),  # "especially"
    ("ar", "شاهدنا فلم الأسبوع."),  # "film", not "so did not"
    ("ru", "Что бы ни случилось."),  # "whatever happens"
    ("nl", "Niet alleen dit, maar ook dat."),
])
def test_what_negates_nothing_or_cannot_be_read_is_no_negation(language: str,
                                                               text: str) -> None:
    assert negated(text, language) is None


def test_a_translation_that_drops_a_negation_is_flagged(corpus_dir: Path,
                                                        tmp_path: Path) -> None:
    """The demo's German translation, with "none of the four crew members was injured"
    turned into "all four were injured": the relation from the original carries one low
    ``negation_flipped`` on that sentence, and the faithful translations carry none."""
    german = json.loads((MULTILINGUAL / "translations.jsonl").read_text(
        encoding="utf-8").splitlines()[0])
    faithful = "keines der vier Besatzungsmitglieder sei verletzt worden"
    assert faithful in german["text"]
    german["text"] = german["text"].replace(
        faithful, "alle vier Besatzungsmitglieder seien verletzt worden")
    german["url"] = german["url"].replace(".example/", ".example/edited/")
    (tmp_path / "edited.jsonl").write_text(json.dumps(german, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    report = trace([str(corpus_dir), str(MULTILINGUAL), str(tmp_path / "edited.jsonl")])
    locator = {d["id"]: d["locator"] for d in report["documents"]}
    flips = {(locator[r["source"]], locator[r["derived"]]): [
        c for c in r.get("changes", ()) if c["kind"] == "negation_flipped"]
        for r in report["relations"] if r["kind"] == "translation"}
    edited = [changes for (source, derived), changes in flips.items()
              if derived.endswith("edited.jsonl#1")]
    assert len(edited) == 1 and len(edited[0]) == 1, flips
    assert edited[0][0]["severity"] == "low"
    assert "alle vier Besatzungsmitglieder" in edited[0][0]["after"]
    assert "none of its four crew members" in edited[0][0]["before"]
    assert not [c for (_, derived), c in flips.items()
                if c and not derived.endswith("edited.jsonl#1")], flips
