"""Changes read between a text and its translation into a language written without spaces
(Japanese, Chinese): names end where the kana and kanji begin, months and hours written
with digits are no figures, and a sentence pair that only length and place matched
(nothing shared) yields no changed figure."""

from __future__ import annotations

from newstrace.changes.context import DocView, PairText
from newstrace.changes.crossfigures import cross_figure_changes
from newstrace.changes.crossnames import cross_name_changes
from newstrace.changes.groups import Group
from newstrace.model import Document, Span
from newstrace.text.written import written_figures


def _pair(a: str, b: str, lang_a: str = "en", lang_b: str = "ja") -> tuple[PairText, Group]:
    def doc(name: str, text: str, lang: str) -> Document:
        return Document(id=name, path=name, locator=name, format="text", text=text,
                        language=lang)
    pair = PairText(DocView.of(doc("a", a, lang_a)), DocView.of(doc("b", b, lang_b)),
                    cross_lingual=True)
    return pair, Group((0,), (0,), Span(0, len(a)), Span(0, len(b)))


def test_a_latin_name_ends_where_japanese_begins() -> None:
    # read as one word, "Singh氏は" was a changed surname of "Digvijaya Singh"
    assert cross_name_changes(*_pair("Digvijaya Singh said the party would fight on.",
                                     "Digvijaya Singh氏は党が戦い続けると述べた。")) == []
    changed = cross_name_changes(*_pair("Digvijaya Singh said the party would fight on.",
                                        "Digvijaya Sharma氏は党が戦い続けると述べた。"))
    assert [(c.before, c.after) for c in changed] == [("Digvijaya Singh", "Digvijaya Sharma")]


def test_months_and_hours_written_with_digits_are_no_figures() -> None:
    values = [f.value for f in written_figures(
        "7月23日以降、午後3時過ぎ、3時間、下午3时、klukkan 15 í dag")]
    assert values == ["23", "3"]  # the day, and the three hours of "3時間"
    # a machine translation's "60 万人" is 600,000 people, as "60万人" is
    assert [(f.value, f.scale) for f in written_figures("60 万人、60万人")] == [("60", 4)] * 2


def test_a_changed_figure_in_a_sentence_pair_that_shares_a_name() -> None:
    changed = cross_figure_changes(*_pair("Modi will attend the ceremony with 200 guests.",
                                          "モディ首相は500人の来賓と式典に出席する。"))
    assert [(c.before, c.after, c.severity) for c in changed] == [("200", "500", "high")]


def test_no_changed_figure_where_only_length_and_place_paired_the_sentences() -> None:
    # "Aug. 25" met "15年" (fifteen years since ...): two sentences sharing nothing
    unrelated = "議会が自治権を撤回してから15年が経過する日でもある。"
    assert cross_figure_changes(*_pair("The ceremony is set for Aug. 25 at the site.",
                                       unrelated)) == []
    # the same figures in a spaced language pair stand as a change
    spaced = cross_figure_changes(*_pair("The ceremony is set for Aug. 25 at the site.",
                                         "Die Zeremonie ist für den 15. August angesetzt.",
                                         "en", "de"))
    assert [(c.before, c.after) for c in spaced] == [("25", "15")]


def test_small_counts_are_no_changed_figure_across_japanese() -> None:
    # "a year and a half" is written in words, "1年半" in digits
    assert cross_figure_changes(*_pair("Meng Wanzhou was arrested in December 2018 in Canada.",
                                       "Meng Wanzhouが12月にカナダで逮捕されてから1年半。")) == []
    # a small count gained is left out before the figures are paired: 200 meets 500
    changed = cross_figure_changes(*_pair("Modi met 200 farmers on his second visit.",
                                          "モディ首相は2度目の訪問で500人の農民と会った。"))
    assert [(c.before, c.after, c.severity) for c in changed] == [("200", "500", "high")]
