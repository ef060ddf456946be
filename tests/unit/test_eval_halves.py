"""Fixed halves of the public data sets, data digests, and PAN scored on the product path."""

from __future__ import annotations

from pathlib import Path

from newstrace.config import ReuseConfig
from newstrace.evaluate.halves import file_digest, half_of, tree_digest
from newstrace.evaluate.pan import _features
from newstrace.evaluate.pan_trace import detect_traced, whole_source
from newstrace.index.embed import load_encoder


def test_a_pairs_half_is_fixed_by_its_key_and_the_halves_are_even() -> None:
    keys = [f"suspicious-document{i:05d}.txt source-document{i:05d}.txt" for i in range(2000)]
    halves = [half_of(k) for k in keys]
    assert halves == [half_of(k) for k in keys]  # the same on every run
    assert [half_of(k) for k in "12345"] == ["gate", "gate", "tune", "tune", "gate"]  # pinned
    assert 900 < halves.count("gate") < 1100


def test_a_tree_digest_changes_with_any_file_and_not_with_listing_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "b" / "c.txt").write_text("two")
    first = tree_digest(tmp_path)
    assert first == tree_digest(tmp_path) and len(file_digest(tmp_path / "a.txt")) == 64
    (tmp_path / "b" / "c.txt").write_text("two!")
    assert tree_digest(tmp_path) != first


SOURCE = ("The harbour board met on Tuesday to decide the future of the old ferry terminal. "
          "Members heard that repairs to the pier would cost far more than the council had "
          "set aside for the whole year. After a long debate the board voted to close the "
          "terminal at the end of the summer and to sell the land to the highest bidder. "
          "Local traders said the decision would cost them most of their winter trade.\n")
OTHER = ("Farmers in the valley expect a late harvest after weeks of heavy rain. The "
         "cooperative said its members had lost a fifth of the barley crop to flooding. ")


def test_pan_detections_are_the_passages_the_product_reports(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    susp = tmp_path / "susp.txt"
    source.write_text(SOURCE, encoding="utf-8")
    susp.write_text(OTHER * 3 + "\n" + SOURCE + "\n" + OTHER * 2, encoding="utf-8")
    features = _features([str(susp), str(source)], load_encoder())
    found = detect_traced(str(susp), str(source), features[str(susp)], features[str(source)],
                          ReuseConfig())
    start = susp.read_text(encoding="utf-8").index("The harbour board")
    assert found and found[0][0] <= start + 5 and found[0][2] <= 5
    assert sum(d[1] for d in found) >= 0.9 * len(SOURCE.strip())
    assert whole_source(found, len(SOURCE)) == [(d[0], d[1], 0, len(SOURCE)) for d in found]
    unrelated = tmp_path / "unrelated.txt"
    unrelated.write_text(OTHER * 4, encoding="utf-8")
    more = _features([str(unrelated), str(source)], load_encoder())
    assert detect_traced(str(unrelated), str(source), more[str(unrelated)], more[str(source)],
                         ReuseConfig()) == []


def _record(rid: str, group: str, role: str, lang: str) -> dict[str, object]:
    return {"id": rid, "lang": lang, "labels": {"translation_group": group, "role": role}}


def test_translations_are_scored_against_their_own_original() -> None:
    from newstrace.evaluate.translations import score_translations

    human = "human_translation"
    records = [_record("o1", "g1", "original", "de"), _record("t1", "g1", human, "fr"),
               _record("o2", "g2", "original", "en"), _record("t2", "g2", human, "is"),
               _record("t3", "g2", human, "en")]
    report = {"documents": [{"id": f"d{r['id']}", "locator": f"f#{r['id']}"} for r in records],
              "relations": [
                  {"kind": "translation", "source": "do1", "derived": "dt1", "oriented": True},
                  {"kind": "translation", "source": "dt2", "derived": "do2", "oriented": True},
                  {"kind": "translation", "source": "do1", "derived": "dt2", "oriented": False},
                  {"kind": "translation", "source": "do2", "derived": "dt3", "oriented": True},
                  {"kind": "same_story", "source": "do2", "derived": "dt2", "oriented": False}]}
    ids = {f"f#{r['id']}": str(r["id"]) for r in records}
    score = score_translations(report, ids, records)
    # t1 found and oriented; t2 found the wrong way round; t3 (one language) and the
    # relation across articles are false
    assert (score.translations, score.found, score.oriented, score.false) == (3, 2, 1, 2)
