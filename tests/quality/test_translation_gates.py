"""Translations on WMT21's news test documents (../shared/data/wmt21), gate half of the
translation groups, the data pinned by SHA-256.

Measured with the default encoder: 16 of the gate half's 144 professional translations found
as `translation` of their original (de-fr, fr-de, en-is, en-ja) when first pinned; 118 of 144
(0.819: de-fr 25 of 33, fr-de 39 of 41, en-is 30 of 35, en-ja 24 of 35) since translations
are told by their names and figures in the same order at the same places
(``match.anchors``, thresholds chosen on the tuning half: 107 of 121 there), names meet
across scripts by their sound, and German pages keep their noun-heavy sentences; 119 since
Latin names are not glued to kana, possessives are their names and myriads are written out
(tuning half 106: two found only by an English encoder's vectors of other languages, no
evidence, were lost). None is
oriented from its original (the documents carry no dates and a translation drops nothing a
reader could see), and no translation is invented between documents of different articles or
of one language. Japanese is the gap: few of its figures are digits and its own names are in
kanji.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require

from newstrace.evaluate.halves import file_digest
from newstrace.evaluate.mt_pairs import evaluate_mt_pairs
from newstrace.evaluate.translations import evaluate_translations

SHA256 = {"articles.jsonl": "dc0cc7626d5f67366119f75f7b48546b80ea1119519adfb47ab45da3ca0fd9fa"}
MACHINE_SHA256 = {
    **SHA256,
    "mt_hypotheses.jsonl": "1931fa8ba79916fb801eb8e799ec2e5c8046019bb34239e23db6a9835ae42c09"}
FOUND_FLOOR = 0.82
#: High or medium changes on the translations found, every one of them faithful: 2 on the
#: gate half (figures and surnames; the tuning half's 5 include three translators' own
#: slips, "47" for "46", "830" for "860", "Lindard" for "Lingard"); before figures were read
#: as each language writes them, every "15.000" for "15,000" was one.
FLAGGED_CEILING = 3


@pytest.mark.quality
def test_professional_translations(data_dir: Path) -> None:
    folder = require(data_dir / "wmt21")
    for name, expected in SHA256.items():
        assert file_digest(folder / name) == expected, f"{name} is not the file the floors know"
    score = evaluate_translations(folder, half="gate")
    assert score.translations == 144, score
    assert score.false == 0, score
    assert score.found >= FOUND_FLOOR * score.translations, score
    assert score.flagged <= FLAGGED_CEILING, score


#: Machine translations (15 systems' output for each original, the laundered copies of seeds
#: 003 and 004), gate half: 999 of 1,576 found while a document ranked the five of another
#: language sharing the most keys among those before it; 1,149 (0.729) since the ranking
#: goes both ways, twenty deep (``stages.corpus.OTHER_LANGUAGE``, set on the tuning half:
#: 862 -> 1,010 of 1,329), none invented; 1,229 (0.780) since words are not glued to kana
#: and kanji, possessives are their names and myriads are written out (tuning half 1,049;
#: the professional gate 118 -> 119). Japanese is the gap again (its kanji names).
MACHINE_FOUND_FLOOR = 0.77


@pytest.mark.quality
def test_machine_translations(data_dir: Path) -> None:
    folder = require(data_dir / "wmt21")
    for name, expected in MACHINE_SHA256.items():
        assert file_digest(folder / name) == expected, f"{name} is not the file the floors know"
    score = evaluate_translations(folder, machine=True, half="gate")
    assert score.translations == 1576, score
    assert score.false == 0, score
    assert score.found >= MACHINE_FOUND_FLOOR * score.translations, score


#: SemEval 2022 Task 8's machine translations (``evaluate.mt_pairs``): 121 originals traced
#: with their translations among all 2,419 articles, in seven language pairs WMT21 lacks
#: (English with Italian, Chinese, Spanish, French, Russian; German into French; Polish into
#: English). Gate half when first measured: 40 of 66 found (en-it 11 of 20, en-zh 10 of 17,
#: en-es 8 of 10, en-fr 5 of 7, de-fr 4 of 6, en-ru 1 of 2, pl-en 1 of 4), and 9 translations
#: invented between two outlets' reports of one event (SemEval drew its pairs to be alike:
#: the Pell appeal in German and in English, Sonny Mehta's obituaries), each read and listed
#: in ``labels/semeval_translations.jsonl``; the tuning half 35 of 55 and 3. Then a chain of
#: five anchors or fewer with no figures kept needs 60% of both texts' sentences aligned
#: (``match.translations.translation_confirmed``, set on the tuning half: 3 -> 0 invented,
#: 35 found unchanged): gate half 39 of 66 found (one en-zh lost) and 8 invented; the
#: others chain 10-11 anchors (the Pell appeal, Trump's golf days, a Polish poll).
SEMEVAL_SHA256 = "24bcc7f1db6b17640c4a8c5312ff1e3bc2eebc96c8120701f39db40c02a9f138"
SEMEVAL_FOUND_FLOOR = 39
SEMEVAL_FALSE_CEILING = 8


@pytest.mark.quality
def test_semeval_machine_translations(data_dir: Path) -> None:
    path = require(data_dir / "semeval2022-task8" / "training_set.csv")
    assert file_digest(path) == SEMEVAL_SHA256, "training_set.csv is not the file the floors know"
    score = evaluate_mt_pairs(path, half="gate")
    assert sum(score.translations.values()) == 66, score
    assert score.unread == 0, f"translations between articles nobody read: {score}"
    assert sum(score.found.values()) >= SEMEVAL_FOUND_FLOOR, score
    assert score.false <= SEMEVAL_FALSE_CEILING, score
