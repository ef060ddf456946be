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
