"""Every orientation signal, alone, points the way it should: flipping the sign of any one
of them in ``match.orient`` fails its case here.

Each case gives two documents that differ only in that signal (on two different sites, so
that no wire, version or syndication rule applies) and names the side that must come out
as the source.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from newstrace.match.orient import OrientInfo, orient
from newstrace.match.page_ids import PageNumber

PLAIN = OrientInfo(None, None, 0, frozenset(), "", False, False, False, False)
A = replace(PLAIN, own_name="dailyledger")
B = replace(PLAIN, own_name="riversidecourier")

#: (signal, a, b, orient's keyword arguments, whether a is the source)
CASES = [
    ("containment", A, B, {"inner": "b"}, True),
    ("earlier publication", replace(A, published="2025-03-14"),
     replace(B, published="2025-03-16"), {}, True),
    ("earlier capture", replace(A, captured="2025-03-20"),
     replace(B, captured="2025-03-14"), {}, False),
    ("agencies named", replace(A, agencies=3), replace(B, agencies=0), {}, True),
    ("byline kept", replace(A, byline=True), B, {}, True),
    ("photo credits kept", A, replace(B, photo_credit=True), {}, False),
    ("credits the other's outlet", A, replace(B, credits=frozenset({"dailyledger"})), {},
     True),
    ("lost a trusted date", replace(A, published="2025-03-14", trusted_date=True), B, {},
     True),
    ("aggregator's credit", replace(A, aggregator=True), B, {}, False),
    ("agency's own site", A, replace(B, wire_site=True), {}, False),
    ("quotes the other's own text", A, B, {"quoting": "a"}, False),
    ("earlier article number", replace(A, page=PageNumber("ledger.example", "digits", "20400",
                                                          rate=100.0)),
     replace(A, page=PageNumber("ledger.example", "digits", "20100", rate=100.0)), {}, False),
]


@pytest.mark.parametrize(("signal", "a", "b", "options", "a_first"), CASES,
                         ids=[case[0] for case in CASES])
def test_each_signal_alone_points_its_way(signal: str, a: OrientInfo, b: OrientInfo,
                                          options: dict[str, str], a_first: bool) -> None:
    got = orient(a, b, **options)  # type: ignore[arg-type]
    assert got.a_is_source is a_first, (signal, got.signals)
    assert got.signals and got.signals != ("no signal tells which came first",)
    flipped = orient(b, a, **{k: {"a": "b", "b": "a"}.get(v, v) for k, v in options.items()})
    assert flipped.a_is_source is not a_first, (signal, flipped.signals)  # type: ignore[arg-type]


#: The signals read in a text's own words, which compare only within one language.
READ_IN_WORDS = ("agencies named", "byline kept", "photo credits kept",
                 "credits the other's outlet")


@pytest.mark.parametrize(("signal", "a", "b", "options", "a_first"), CASES,
                         ids=[case[0] for case in CASES])
def test_across_languages_only_what_is_read_alike_orients(
        signal: str, a: OrientInfo, b: OrientInfo, options: dict[str, str],
        a_first: bool) -> None:
    # a translation writes "ロイター" for Reuters: the English readers find no credit there
    got = orient(a, b, one_language=False, **options)  # type: ignore[arg-type]
    if signal in READ_IN_WORDS:
        assert got.signals == ("no signal tells which came first",), got.signals
    else:
        assert got.a_is_source is a_first, (signal, got.signals)
        assert got.signals != ("no signal tells which came first",), signal


def test_a_lost_date_counts_only_from_a_trusted_place() -> None:
    untrusted = orient(replace(A, published="2025-03-14"), B)
    assert untrusted.signals == ("no signal tells which came first",)


def test_case_blind_marks_keep_unicode_case_rules_under_their_lookaheads() -> None:
    """ſ is an s where case is ignored: a first-letter lookahead must not lose it (nor
    capitals)."""
    from newstrace.match.orient import text_marks
    assert text_marks("Officials were ſpeaking to Reuters on Monday.").told
    assert text_marks("ſource link").aggregator and text_marks("READ MORE AT x").aggregator
    assert text_marks("A car burns. PHOTO: Ann Lee").photo


def test_across_languages_an_unread_credit_makes_no_wire_siblings() -> None:
    wire_copy = replace(A, wire="reuters", wire_whole=True)
    assert any("siblings" in s for s in orient(wire_copy, B).signals)
    # the translation's ロイター is not read as Reuters: no sibling of the Reuters story
    assert not any("siblings" in s for s in orient(wire_copy, B, one_language=False).signals)
