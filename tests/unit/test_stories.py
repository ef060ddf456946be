"""Stories, events and topics from relations; reconciling siblings and dates."""

from __future__ import annotations

from newstrace.model import Relation
from newstrace.provenance.reconcile import effective_dates, reconcile
from newstrace.provenance.stories import build_stories


def rel(source: str, derived: str, kind: str, coverage: float = 0.9,
        verbatim: float = 0.0) -> Relation:
    return Relation(source, derived, kind, True, 0.5, coverage, (), ("test",), ("r",), 0.9,
                    (), {"verbatim_b": verbatim})


def test_a_copy_of_a_copy_hangs_under_its_nearest_source() -> None:
    relations = [rel("o", "x", "excerpt", verbatim=1.0), rel("o", "r", "rewrite"),
                 rel("x", "xx", "duplicate", verbatim=1.0), rel("o", "xx", "excerpt", 1.0, 1.0)]
    [story, alone] = sorted(build_stories(["o", "x", "r", "xx", "z"], relations),
                            key=lambda s: len(s.members), reverse=True)
    assert story.origin == "o" and set(story.members) == {"o", "x", "r", "xx"}
    assert {e.doc: e.parent for e in story.tree} == {"x": "o", "r": "o", "xx": "x"}
    assert alone.members == ("z",)


def test_same_story_joins_events_and_same_topic_joins_topics_not_stories() -> None:
    relations = [rel("a", "b", "excerpt", verbatim=1.0), rel("a", "c", "same_story"),
                 rel("c", "d", "same_topic")]
    stories = {s.origin: s for s in build_stories("abcd", relations)}
    assert set(stories) == {"a", "c", "d"}
    assert stories["a"].event == stories["c"].event != stories["d"].event
    assert stories["a"].topic == stories["c"].topic == stories["d"].topic


def test_cycles_never_make_a_member_its_own_ancestor() -> None:
    relations = [rel("a", "b", "partial"), rel("b", "a", "partial"), rel("b", "c", "rewrite")]
    [story] = build_stories("abc", relations)
    parents = {e.doc: e.parent for e in story.tree}
    node, seen = "c", set()
    while node in parents:
        assert node not in seen
        seen.add(node)
        node = parents[node]
    assert node == story.origin


def test_ids_do_not_depend_on_relation_order() -> None:
    relations = [rel("o", "x", "excerpt", verbatim=1.0), rel("o", "r", "rewrite")]
    assert build_stories("orx", relations) == build_stories("xro", relations[::-1])


def test_siblings_become_same_story_naming_their_common_source() -> None:
    relations = [rel("o", "x", "excerpt", 1.0, 1.0), rel("o", "r", "rewrite", 0.95),
                 rel("x", "r", "rewrite", 0.3)]
    fixed = {(r.source, r.derived): r for r in reconcile({}, relations)}
    assert fixed[("x", "r")].kind == "same_story" and "o" in fixed[("x", "r")].reasons[0]
    assert fixed[("o", "r")].kind == "rewrite"


def test_undated_documents_take_their_story_date_and_late_links_become_topics() -> None:
    relations = [rel("o", "r", "rewrite"), rel("r", "late", "same_story")]
    dates = effective_dates({"o": "2022-08-11", "r": None, "late": "2023-11-10"}, relations)
    assert str(dates["r"]) == "2022-08-11"
    fixed = reconcile({"o": "2022-08-11", "r": None, "late": "2023-11-10"}, relations)
    assert [r.kind for r in fixed] == ["rewrite", "same_topic"]


def test_an_undated_documents_date_comes_from_its_lineages_earliest_whatever_the_order(
        ) -> None:
    relations = [rel("a_late", "copy", "excerpt"), rel("b_early", "copy", "excerpt")]
    published = {"b_early": "2022-08-11", "a_late": "2022-08-20", "copy": None}
    assert str(effective_dates(published, relations)["copy"]) == "2022-08-11"
    assert effective_dates(published, relations[::-1]) == effective_dates(published, relations)


def test_an_undated_report_whose_partners_lie_years_apart_is_no_events_report() -> None:
    """An undated report linked as one event's report to a report of 2018 and one of 2013
    cannot be both, and which cannot be told: it gets no date, and both links are a topic's
    (the first partner read used to date it, and only the other link became a follow-up).
    Where most of its partners agree, they date it (the seeds' laundered CNN copy: three
    reports of August 2022 and the French one fifteen months later)."""
    relations = [rel("a_old", "x", "same_story"), rel("x", "new1", "same_story")]
    published = {"x": None, "a_old": "2013-10-01", "new1": "2018-07-04",
                 "new2": "2018-07-02"}
    for order in (relations, relations[::-1]):
        assert effective_dates(published, order)["x"] is None
        assert {r.kind for r in reconcile(published, order)} == {"same_topic"}
    most = [*relations, rel("x", "new2", "same_story")]
    for order in (most, most[::-1]):
        assert str(effective_dates(published, order)["x"]) == "2018-07-02"
        kinds = {(r.source, r.derived): r.kind for r in reconcile(published, order)}
        assert kinds == {("a_old", "x"): "same_topic", ("x", "new1"): "same_story",
                         ("x", "new2"): "same_story"}


def test_undated_reports_linked_to_one_another_share_their_partners_time() -> None:
    """Two undated reports of one event take their dated partners' time together, and are
    disputed together when those lie years apart (a date carried along the chain, first
    come, used to decide which links were follow-ups)."""
    relations = [rel("dated", "x", "same_story"), rel("x", "y", "same_story")]
    dates = effective_dates({"dated": "2022-08-11", "x": None, "y": None}, relations)
    assert str(dates["x"]) == str(dates["y"]) == "2022-08-11"
    far = [*relations, rel("y", "old", "same_story")]
    published = {"dated": "2022-08-11", "x": None, "y": None, "old": "2013-10-01"}
    assert effective_dates(published, far)["x"] is None
    assert {r.kind for r in reconcile(published, far)} == {"same_topic"}


def test_unoriented_copies_do_not_make_siblings() -> None:
    copy = Relation("c", "o", "duplicate", False, 1.0, 1.0, (), ("t",), ("r",), 0.5, (),
                    {"verbatim_b": 1.0})
    relations = [copy, rel("c", "r", "rewrite", 0.95), rel("o", "r", "rewrite", 0.95)]
    fixed = {(r.source, r.derived): r.kind for r in reconcile({}, relations)}
    assert fixed[("o", "r")] == "rewrite"


def test_one_sites_pages_are_versions_in_the_tree() -> None:
    update = Relation("a", "b", "excerpt", True, 0.5, 0.9, (), ("test",), ("r",), 0.9, (),
                      {"verbatim_b": 0.9, "same_site": True})
    copy = rel("a", "c", "excerpt", verbatim=0.9)
    (story,) = build_stories(["a", "b", "c"], [update, copy])
    assert {e.doc: e.kind for e in story.tree} == {"b": "version", "c": "excerpt"}


def test_wire_copies_in_a_cycle_hang_once_each() -> None:
    """Copies pointing at each other leave no root: each is placed in the tree once, under
    its source or under the inferred wire, never both."""
    def wired(a: str, b: str) -> Relation:
        return Relation(a, b, "duplicate", False, 1.0, 1.0, (), ("t",), ("r",), 0.5, (),
                        {"verbatim_b": 1.0}, "AP")
    cycle = [rel("x", "y", "excerpt", verbatim=0.9), rel("y", "x", "excerpt", verbatim=0.9),
             wired("x", "y")]
    (story,) = build_stories(["x", "y"], cycle)
    docs = [e.doc for e in story.tree]
    assert sorted(docs) == sorted(set(docs))
    assert story.inferred is not None and story.origin == story.inferred.id
