"""Translations told by names and figures in the same order at the same places
(``match.anchors``). The texts are fictional, written for these tests."""

from __future__ import annotations

import json

from newstrace.match.anchors import Chain, anchor_chain, sound_keys, text_anchors
from newstrace.stages.corpus import Corpus, names_to_store, stored_names

_ENGLISH = (
    "The mayor of Neuhaven, Clara Voss, said on Monday that the harbour bridge would close "
    "for 14 weeks. Repairs will cost 38 million euros, according to the port authority of "
    "Brunsfeld. The ferry company Nordlicht will add two boats between Neuhaven and Ostwick. "
    "Voss said 2,400 commuters cross the bridge every day. The work starts on 3 March and "
    "the council of Brunsfeld must still approve a further 6 million euros."
)
_GERMAN = (
    "Die Bürgermeisterin von Neuhaven, Clara Voss, sagte am Montag, die Hafenbrücke werde "
    "14 Wochen lang gesperrt. Die Reparatur kostet nach Angaben der Hafenbehörde von "
    "Brunsfeld 38 Millionen Euro. Die Fährgesellschaft Nordlicht setzt zwei Boote zwischen "
    "Neuhaven und Ostwick ein. Täglich überqueren laut Voss 2.400 Pendler die Brücke. Die "
    "Arbeiten beginnen am 3. März, und der Rat von Brunsfeld muss weitere 6 Millionen Euro "
    "noch genehmigen."
)
#: The same event reported independently: the same names, other figures, another order.
_OTHER_REPORT = (
    "Commuters in Ostwick face months of detours. Nordlicht, the ferry operator, said it was "
    "ready to help. The authority in Brunsfeld put the bill at 41 million, while Clara Voss, "
    "mayor of Neuhaven, spoke of 12 weeks of work. Voss gave no date; 1,900 people use the "
    "bridge, the authority said."
)
_RUSSIAN = (
    "Мэр Нойхафена Клара Фосс заявила в понедельник, что мост закроют на 14 недель. Ремонт "
    "обойдётся в 38 миллионов евро, сообщили в портовом управлении Брунсфельда."
)


def test_a_translation_keeps_names_and_figures_in_order() -> None:
    chain = anchor_chain(text_anchors(_ENGLISH), text_anchors(_GERMAN))
    assert chain.translated(), chain
    assert chain.length >= 8 and chain.figures == 1.0


def test_an_independent_report_of_the_event_is_not_a_translation() -> None:
    chain = anchor_chain(text_anchors(_ENGLISH), text_anchors(_OTHER_REPORT))
    assert not chain.translated(), chain


def test_names_meet_across_scripts() -> None:
    keys = set(text_anchors(_RUSSIAN).keys) & set(text_anchors(_ENGLISH).keys)
    assert {"n:14", "n:38"} <= keys
    assert any(k.startswith("e:") for k in keys), keys  # Brunsfeld, Neuhaven


def test_a_capitalised_ordinary_word_is_not_an_anchor() -> None:
    keys = text_anchors("The bridge is closed. Bridge repairs start. Voss spoke.").keys
    # Voss ("v" sounds as "b"): "The" is a function word, "Bridge" is written lower case
    assert keys == ("e:bs",)


def test_figures_a_translator_changed_veto_a_loose_chain() -> None:
    loose = Chain(length=6, share=0.4, figures=0.5, distinct=6)
    assert not loose.translated()
    assert Chain(length=6, share=0.4, figures=None, distinct=6).translated()
    # a chain this full is sure
    assert Chain(length=6, share=0.7, figures=0.5, distinct=6).translated()


def test_a_chain_of_few_names_met_again_and_again_needs_its_figures() -> None:
    assert not Chain(length=6, share=0.4, figures=None, distinct=3).translated()
    assert Chain(length=6, share=0.4, figures=1.0, distinct=3).translated()
    # a loanword in katakana met again and again ("ラウンド", round) and a place said twice
    chain = anchor_chain(text_anchors("Luanda said. Luanda again. Maria and Sara met."),
                         text_anchors("ラウンド後、ラウンドの後で、マリアとサラが会った。"))
    assert chain.length >= 4 and chain.distinct == 3 and not chain.translated()


def test_names_sound_alike_across_scripts() -> None:
    assert sound_keys(["e:trump", "トランプ"]) == frozenset({"s:trmp"})
    assert sound_keys(["Washington", "ワシントン"]) == frozenset({"s:wsntn"})
    assert sound_keys(["Putin", "Путин"]) == frozenset({"s:ptn"})
    japanese = text_anchors("ドナルド・トランプ大統領は2020年7月、ワシントンで述べた。")
    assert japanese.keys == ("e:dnrd", "e:trmp", "n:2020", "e:wsntn")  # in reading order


def test_documents_of_another_language_are_proposed_on_shared_sounds_and_figures() -> None:
    import numpy as np
    corpus = Corpus()
    unit = np.eye(4, dtype=np.float32)
    german = frozenset({"e:neuhaven", "e:voss", "e:hafenbrucke", "e:reparatur"})
    english = frozenset({"e:neuhaven", "e:voss"})
    crossing = [sound_keys(german) | {"n:14"}, sound_keys(english) | {"n:14"}]
    found = corpus.add([1, 2], unit[:2], [german, english], max_df=50,
                       languages=["de", "en"], crossing=crossing)
    assert found[1] == {1: {"languages"}}
    assert corpus._cross_postings is not None
    one_language = Corpus()
    alone = one_language.add([1, 2], unit[:2], [german, english], max_df=50,
                             languages=["en", "en"], crossing=crossing)
    assert alone[1] == {}  # three keys shared, one language: nothing to propose
    assert one_language._cross_postings is None  # ... and nothing posted for it


def test_stored_names_carry_crossing_keys_and_language() -> None:
    stored = names_to_store(frozenset({"e:voss"}), frozenset({"n:14", "s:bs"}), "de")
    assert stored_names(stored) == (frozenset({"e:voss"}), frozenset({"n:14", "s:bs"}), "de")
    assert stored_names(["e:voss"]) == (frozenset({"e:voss"}), frozenset(), None)


def test_a_translation_of_part_of_a_text_is_the_inner_side() -> None:
    from newstrace.match.kinds import PairFeatures, decide_kind

    def features(aligned_a: float, aligned_b: float) -> PairFeatures:
        return PairFeatures(verbatim_a=0.0, verbatim_b=0.0, aligned_a=aligned_a,
                            aligned_b=aligned_b, mean_score=0.6, passages=3,
                            cross_lingual=True, cosine=0.0, shared_names=8, names_dice=0.4,
                            shared_numbers=3, days_apart=None, anchor_chain=12,
                            anchor_share=0.7, anchored=True)

    assert decide_kind(features(0.66, 0.98))[:2] == ("translation", "b")
    assert decide_kind(features(0.95, 0.97))[:2] == ("translation", "")  # the whole text


def test_a_query_in_another_language_than_the_whole_corpus_is_proposed_across() -> None:
    import numpy as np
    unit = np.eye(4, dtype=np.float32)
    english = frozenset({"e:neuhaven", "e:voss"})
    crossing = sound_keys(english) | {"n:14"}
    corpus = Corpus()
    corpus.add([1, 2], unit[:2], [english, frozenset({"e:other"})], max_df=50,
               languages=["en", "en"], crossing=[crossing, frozenset({"n:99"})])
    found = corpus.propose(unit[3], frozenset({"e:hafenbrucke"}), 50, "de", crossing)
    assert found == {1: {"languages"}}


def _translated_many(order: list[str]) -> tuple[Corpus, list[dict[int, set[str]]]]:
    """An English original and 30 Japanese translations of it (every one sharing the same
    keys), added in ``order`` ("en" first or last)."""
    import numpy as np
    keys = frozenset({"s:nrndr", "s:md", "s:ajd", "n:1992", "n:16"})
    languages = ["ja"] * 30
    languages = ["en", *languages] if order == ["en"] else [*languages, "en"]
    corpus = Corpus()
    vectors = np.zeros((len(languages), 4), dtype=np.float32)
    vectors[:, 0] = 1.0
    found = corpus.add(list(range(1, len(languages) + 1)), vectors,
                       [frozenset()] * len(languages), max_df=100, languages=languages,
                       crossing=[keys] * len(languages))
    return corpus, found


def test_an_original_meets_every_translation_read_before_or_after_it() -> None:
    from newstrace.stages.corpus import OTHER_LANGUAGE
    assert OTHER_LANGUAGE < 30  # more translations of one text than a document ranks
    _, first = _translated_many(["en"])
    assert all(1 in found for found in first[1:])  # each later one ranks it first
    corpus, last = _translated_many([])
    english = len(corpus.rowids)
    # the original, read last, ranks 20 of the 30; each of the rest ranks it among its best
    assert set(last[-1]) == set(range(1, english))
    # a run resumed from the stored corpus proposes what the uninterrupted run did
    import numpy as np
    rows = [(rowid, np.eye(4, dtype=np.float16)[0].tobytes(),
             json.dumps(names_to_store(frozenset(), frozenset(corpus._crossing[at]),
                                       corpus.languages[at])))
            for at, rowid in enumerate(corpus.rowids[:-1])]
    resumed = Corpus(rows).add([english], np.eye(4, dtype=np.float32)[:1], [frozenset()],
                               max_df=100, languages=["en"], crossing=[frozenset(
                                   corpus._crossing[-1])])
    assert resumed[0] == last[-1]


def test_latin_names_in_japanese_stand_alone_and_myriads_are_written_out() -> None:
    japanese = text_anchors("モディ首相のBJPとヒンドゥー民族主義団体は、60万人と1.5億円を挙げた。")
    # "BJP" is not glued to the kana after it; 60万 is 600,000 ("n:600", as "600,000"
    # reads in English); a decimal's digit after its point is no figure
    assert japanese.keys == ("e:md", "e:bjp", "e:hnd", "n:600")
    english = text_anchors("Modi’s BJP and Hindu groups cited 600,000 people.")
    assert english.keys == ("e:md", "e:bjp", "e:hnd", "n:600")  # a possessive is its name


def test_vectors_of_an_encoder_that_does_not_cover_a_language_make_no_translation() -> None:
    from newstrace.match.kinds import PairFeatures, decide_kind
    aligned = PairFeatures(verbatim_a=0.0, verbatim_b=0.0, aligned_a=1.0, aligned_b=0.3,
                           mean_score=0.9, passages=3, cross_lingual=True, cosine=0.0,
                           shared_names=2, names_dice=0.1, shared_numbers=0, days_apart=None)
    assert decide_kind(aligned)[0] == "translation"  # the encoder covers both languages
    foreign = decide_kind(PairFeatures(**{**aligned.to_json(), "foreign": True}))
    assert foreign is None or foreign[0] != "translation"


def test_myriads_with_separators_and_hangul_are_written_out() -> None:
    assert text_anchors("1,200万円、3万5000人、60만 명").keys == ("n:12", "n:35", "n:600")


#: ``_GERMAN`` with every sentence twice as long: the same names and figures at the same
#: places, in a text no translator would make of ``_ENGLISH`` (a report of the same event
#: that happens to name the same people in the same order).
_GERMAN_LONG = " ".join(
    sentence.rstrip(".") + ", wie aus gut unterrichteten Kreisen der Verwaltung und aus der "
    "örtlichen Presse am Wochenende zu erfahren war, die seit Wochen darüber berichtet."
    for sentence in _GERMAN.split(". "))


def test_a_translation_is_about_as_long_as_what_it_translates() -> None:
    from newstrace.match.anchors import LENGTH_SPAN, proportionate
    assert proportionate(1000, 1100, 1.0) and proportionate(1000, 520, 2.0)  # half of it
    assert not proportionate(1000, 1000 * LENGTH_SPAN + 10, 1.0)
    assert not proportionate(1000, 1000 / LENGTH_SPAN - 10, 1.0)


def test_names_in_order_in_a_text_twice_as_long_are_no_translation() -> None:
    from newstrace.compare import compare
    from newstrace.ingest.build import build_document
    from newstrace.ingest.readers import RawRecord
    from newstrace.model import Document

    def read(name: str, text: str) -> Document:
        built = build_document(RawRecord(name, f"https://{name}.example/a", text, "text"))
        assert isinstance(built, Document)
        return built

    english, german, padded = (read(n, t) for n, t in (
        ("ledger", _ENGLISH), ("zeitung", _GERMAN), ("anzeiger", _GERMAN_LONG)))
    chain = anchor_chain(text_anchors(english.text), text_anchors(padded.text))
    assert chain.translated() and len(padded.text) > 1.8 * len(english.text), chain
    found = compare(english, german).relation
    assert found is not None and found.kind == "translation"
    other = compare(english, padded).relation
    assert other is None or other.kind != "translation", other
