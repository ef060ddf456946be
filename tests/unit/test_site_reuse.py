"""One site's pages sharing text: its furniture (text it prints on other pages too) is no
copy; its follow-ups reusing its own paragraphs are, oriented by which leads with them and
with their edits weighed as the site's own."""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

from newstrace.changes.detect import relation_changes
from newstrace.clean.templates import REPEATED_PAGES, forget_repeats, mark_site_repeats
from newstrace.match.kinds import PairFeatures, decide_kind
from newstrace.match.orient import OrientInfo, orient
from newstrace.match.pair import NEW_TOP, PairInput, _site_repeated, new_top
from newstrace.model import Document, Passage, Relation, Span, document_from_json
from newstrace.stages.verbatim import add_documents
from newstrace.store.index import Index
from newstrace.text.segment import segment_document

BOX = "Sign in to get the Harbour Herald's morning briefing in your inbox every weekday."


def page(number: int, site: str | None, box: bool) -> Document:
    body = f"Story {number} opens on its own news about topic number {number} today."
    return segment_document(Document(id=str(number), path="p", locator=str(number),
                                     format="text", text=body + (" " + BOX if box else ""),
                                     site=site))


def test_a_sentence_on_three_pages_of_a_site_is_marked_repeated() -> None:
    docs = [page(1, "herald", True), page(2, "herald", True), page(3, "herald", False),
            page(4, "other", True), page(5, None, True)]
    assert REPEATED_PAGES == 3
    two = mark_site_repeats(docs)
    # on two pages: a pair's own; one page of "other" cannot show what its site repeats
    assert [d.repeated for d in two] == [(), (), (), None, ()]
    three = mark_site_repeats([*docs, page(6, "herald", True)])
    marked = [[s.slice(d.text) for s in d.repeated or ()] for d in three]
    assert marked == [[BOX], [BOX], [], [], [], [BOX]]
    # a page read twice (or recaptured elsewhere with the same text) counts once
    again = mark_site_repeats([*docs, replace(docs[0], id="copy", locator="copy")])
    assert [d.repeated for d in again[:3]] == [(), (), ()]


def test_pages_joining_a_site_the_index_holds_have_unknown_repeats(tmp_path: Path) -> None:
    docs = mark_site_repeats([page(i, "herald", True) for i in range(3)] + [page(7, "x", True)])
    assert all(d.repeated is not None for d in docs[:3])
    with Index(tmp_path / "i.db") as index:
        add_documents(index, docs[:1])
        assert index.sites() == {"herald"}
        joined = forget_repeats(docs, index.sites())
    assert [d.repeated is None for d in joined] == [True, True, True, True]  # x: one page
    assert [d.id for d in joined] == [d.id for d in docs]


def test_no_verbatim_text_means_unknown_repeats() -> None:
    known = replace(_input(), repeated=())
    assert _site_repeated(known, known, ()) is None
    passage = Passage(Span(0, 10), Span(0, 10), "verbatim", 1.0, 2)
    assert _site_repeated(known, known, (passage,)) == 0.0
    assert _site_repeated(replace(known, repeated=None), known, (passage,)) is None


def _input() -> PairInput:
    info = OrientInfo(None, None, 0, frozenset(), "", False, False, False, False)
    return PairInput(features=None, info=info, length=10, locator="x")  # type: ignore[arg-type]


def test_repeated_spans_survive_json_and_pickle_and_a_new_text_drops_them() -> None:
    doc = mark_site_repeats([page(i, "herald", True) for i in range(3)])[0]
    assert doc.repeated and doc.to_json()["repeated"] == [[s.start, s.end] for s in doc.repeated]
    assert document_from_json(doc.to_json()) == doc == pickle.loads(pickle.dumps(doc))
    unread = page(9, "herald", True)
    assert unread.repeated is None and document_from_json(unread.to_json()).repeated is None
    assert segment_document(replace(doc, text=doc.text + " More.")).repeated is None


#: One site's two undated pages sharing 300 narrative words, a fifth of each.
ONE_SITE = PairFeatures(verbatim_a=0.2, verbatim_b=0.2, aligned_a=0.3, aligned_b=0.3,
                        mean_score=0.9, passages=3, cross_lingual=False, cosine=0.9,
                        shared_names=20, names_dice=0.5, shared_numbers=2, days_apart=None,
                        narrative_words=300, narrative_a=0.3, narrative_b=0.3,
                        narrative_score=0.95, narrative_close=0.9, same_site=True)


def kind(**changes: object) -> str | None:
    decided = decide_kind(replace(ONE_SITE, **changes))  # type: ignore[arg-type]
    return decided[0] if decided else None


def test_one_sites_shared_text_is_furniture_only_where_the_site_repeats_it() -> None:
    assert kind(site_repeated=0.0) == "partial"  # a follow-up reusing its own paragraphs
    assert kind(site_repeated=0.0, days_apart=99.0) == "partial"
    assert kind(site_repeated=0.8, days_apart=0.0) == "same_story"  # a box on many pages
    # a page 80% inside the other is a version, whatever the site repeats
    assert kind(site_repeated=0.8, verbatim_b=0.85) == "excerpt"
    # repeats unknown (a query, a page joining a site the index held): dates decide as before
    assert kind(site_repeated=None) == "same_story"
    assert kind(site_repeated=None, days_apart=0.0) == "partial"


def test_the_page_that_leads_with_the_shared_text_came_first() -> None:
    spans = tuple(Span(i * 10, i * 10 + 9) for i in range(10))
    at = [Passage(Span(0, 30), Span(NEW_TOP * 10, NEW_TOP * 10 + 30), "verbatim", 1.0, 6)]
    assert new_top(tuple(at), spans, spans) == "b"
    swapped = tuple(Passage(p.b, p.a, p.kind, p.score, p.words) for p in at)
    assert new_top(swapped, spans, spans) == "a"
    near = [Passage(Span(0, 30), Span(10, 40), "verbatim", 1.0, 6)]
    assert new_top(tuple(near), spans, spans) == ""  # a sentence apart: no new top
    lower = [Passage(Span(20, 40), Span(50, 70), "verbatim", 1.0, 6)]  # sentences 2 and 5
    assert new_top(tuple(lower), spans, spans) == "b"
    deep = [Passage(Span(30, 40), Span(60, 70), "verbatim", 1.0, 6)]  # 3 and 6: no lead
    assert new_top(tuple(deep), spans, spans) == ""
    # a reworded lead aligned to the other's lead is not where the shared text starts
    reworded = [Passage(Span(0, 9), Span(0, 9), "paraphrase", 0.6, 3), *at]
    assert new_top(tuple(reworded), spans, spans) == "b"
    site = replace(OrientInfo(None, None, 0, frozenset(), "", False, False, False, False),
                   own_name="bbc")
    later = orient(site, site, new_top="b")
    assert later.a_is_source and later.known and "lead of its own" in later.signals[0]
    assert not orient(site, site, new_top="a").a_is_source
    # across sites no rule: a simplified or spun text drops the lead it retells
    other = replace(site, own_name="vox")
    assert orient(site, other, new_top="b").signals == ("no signal tells which came first",)


def _relation(kind: str, same_site: bool) -> Relation:
    return Relation(source="s", derived="d", kind=kind, oriented=True, coverage_source=0.5,
                    coverage_derived=0.5,
                    passages=(Passage(Span(0, 45), Span(0, 49), "sentence", 0.8, 8),),
                    proposed_by=("test",), reasons=(), features={"same_site": same_site})


def test_a_sites_own_follow_up_edits_are_low() -> None:
    source = segment_document(Document(id="s", path="s", locator="s", format="text",
                                       text="Officials said the bridge will reopen in May."))
    derived = segment_document(Document(id="d", path="d", locator="d", format="text",
                                        text="Officials said the bridge will not reopen in May."))
    copied = relation_changes(source, derived, _relation("partial", False))
    assert any(c.severity == "high" for c in copied)
    own = relation_changes(source, derived, _relation("partial", True))
    assert own and {c.severity for c in own} == {"low"}
    assert "one site reusing its own text" in own[0].explanation
    version = relation_changes(source, derived, _relation("duplicate", True))
    assert [c.severity for c in version] == [c.severity for c in copied]
