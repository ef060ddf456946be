"""The rules that real crawls need: public words, wire copies, versions, trusted dates."""

from __future__ import annotations

import json
from dataclasses import replace

from newstrace.ingest.build import build_document
from newstrace.ingest.metadata import find_date
from newstrace.ingest.tabular import FieldMap, read_jsonl
from newstrace.match.narrative import narrative
from newstrace.match.orient import OrientInfo, orient, orient_info
from newstrace.match.sentences import SentencePair
from newstrace.match.wire import wire_credit
from newstrace.model import Document, Passage, RawRecord, Relation, Span
from newstrace.provenance.stories import INFERRED_PREFIX, build_stories
from newstrace.text.immutables import fold
from newstrace.text.names import capitalised
from newstrace.text.public import public_spans
from newstrace.text.segment import split_paragraphs


def doc(text: str, **fields: object) -> Document:
    return Document(id="d", path="p", locator="l", format="text", text=text,
                    **fields)  # type: ignore[arg-type]


def marked(text: str) -> list[str]:
    return [s.slice(text) for s in public_spans(text, split_paragraphs(text))]


def test_public_words_are_quotes_posts_datelines_and_credits() -> None:
    text = ("WASHINGTON (AP) — The president said “we will build the wall” on Monday.\n"
            "The Wall is the Wall. — Donald J. Trump (@realDonaldTrump) January 18, 2018\n"
            "He spoke to reporters. (AP Photo/Evan Vucci)")
    assert marked(text) == ["WASHINGTON (AP) — ", "“we will build the wall”",
                            "The Wall is the Wall. — Donald J. Trump (@realDonaldTrump) "
                            "January 18, 2018", "(AP Photo/Evan Vucci)"]
    assert marked("Officials said the bridge would reopen in June.") == []


def test_narrative_counts_only_reused_words_outside_public_words() -> None:
    quoted = "He said: “we will never give up on this town, not now and not ever.”"
    public = public_spans(quoted, split_paragraphs(quoted))
    whole = Span(0, len(quoted))
    inside = Passage(Span(9, len(quoted)), Span(9, len(quoted)), "verbatim", 1.0, 14)
    told = narrative([whole], [whole], public, public, [inside], [])
    assert told.words == 0 and told.public_words == 14
    plain = "Officials said the bridge would reopen in June after the repairs were done."
    passage = Passage(Span(0, len(plain)), Span(0, len(plain)), "verbatim", 1.0, 13)
    span = Span(0, len(plain))
    told = narrative([span], [span], (), (), [passage], [SentencePair((0,), (0,), 0.9, 1.0)])
    assert told.words == 13 and told.aligned_a == 1.0 and told.score == 0.9


def test_wire_credits_are_read_from_datelines_bylines_and_credit_lines() -> None:
    assert wire_credit(doc("WASHINGTON (AP) — The House voted.")) == "AP"
    assert wire_credit(doc("Story.\nReporting by Jeff Mason; Editing by Peter Cooney")) \
        == "Reuters"
    assert wire_credit(doc("Text.", byline="Jonathan Lemire, Associated Press")) == "AP"
    assert wire_credit(doc("Text.", site="uk.reuters.com")) == "Reuters"
    # someone speaking to the AP is a source of quotes, not a credit for the text
    assert wire_credit(doc("He told The Associated Press on Monday it was fine.")) is None


INFO = OrientInfo(None, None, 0, frozenset(), "", False, False, False, False)


def test_two_copies_of_one_wire_are_siblings_and_the_agency_page_is_the_source() -> None:
    first = replace(INFO, wire="AP", own_name="nypost", published="2018-07-15",
                    trusted_date=True)
    second = replace(INFO, wire="AP", own_name="bostonherald", published="2018-07-16",
                     trusted_date=True)
    siblings = orient(first, second, inner="b")
    assert siblings.common == "AP" and not siblings.known
    home = replace(INFO, wire="AP", home="AP", own_name="apnews", wire_site=True,
                   published="2018-07-16")
    reprint = orient(first, home)
    assert not reprint.a_is_source and reprint.known and "own site" in reprint.signals[0]


def test_one_sites_versions_are_oriented_as_versions_not_copies() -> None:
    a = replace(INFO, own_name="foxnews", wire="AP")
    # held with paragraphs added around it: the earlier version a write-through grew from
    grown = orient(a, a, inner="a")
    assert grown.a_is_source and grown.known and grown.common is None
    assert "write-through" in grown.signals[0]
    # the start of the other page: a truncated capture of it
    cut = orient(a, a, inner="a", prefix=True)
    assert not cut.a_is_source and "truncated" in cut.signals[0]
    # dates outweigh the shape
    dated = orient(replace(a, published="2014-08-26"), replace(a, published="2014-08-25"),
                   inner="a")
    assert not dated.a_is_source
    # across sites containment still says the inner text is the copy
    assert not orient(replace(INFO, own_name="x"), replace(INFO, own_name="y"),
                      inner="a").a_is_source


def test_a_lost_date_counts_only_against_a_trusted_one() -> None:
    guessed = replace(INFO, published="2006-11-08", trusted_date=False)
    assert not orient(guessed, INFO).signals[0].endswith("lost it")
    trusted = replace(guessed, trusted_date=True)
    assert orient(trusted, INFO).signals[0].endswith("lost it")
    assert orient_info(doc("x", published="2020-01-01", published_source="record-field")
                       ).trusted_date


def test_wire_siblings_hang_under_an_inferred_source() -> None:
    def wired(a: str, b: str) -> Relation:
        return Relation(a, b, "duplicate", False, 1.0, 1.0, (), ("t",), ("r",), 0.5, (),
                        {"verbatim_b": 1.0}, "AP")
    story = build_stories(["x", "y", "z"], [wired("x", "y"), wired("y", "z")])[0]
    assert story.inferred is not None and story.origin == story.inferred.id
    assert story.origin.startswith(INFERRED_PREFIX) and story.inferred.agency == "AP"
    assert {e.parent for e in story.tree} == {story.origin}
    assert story.to_json()["inferred_origin"]["label"] == "AP wire, not in the corpus"


def test_caption_and_archive_dates_are_not_publication_dates() -> None:
    assert find_date("By Jill Colvin\nJuly 15, 2018 — 4:05am\nHELSINKI (AP) — x") \
        == ("2018-07-15", "text-byline")
    assert find_date("FILE - In this Nov. 8, 2006 file photo, a man walks.") == (None, None)
    assert find_date("In this file photo taken on Wednesday, Nov. 8, 2006, he speaks.\n"
                     "By Jill Colvin July 16, 2018")[0] == "2018-07-16"


def test_a_date_after_the_capture_is_dropped() -> None:
    record = RawRecord("p", "l", "Officials said the bridge would reopen soon. " * 5, "text",
                       published="2018-07-20", published_source="record-field",
                       captured="2018-07-16T10:00:00")
    built = build_document(record)
    assert isinstance(built, Document) and built.published is None
    kept = build_document(replace(record, published="2018-07-15"))
    assert isinstance(kept, Document) and kept.published == "2018-07-15"


def test_typography_is_not_a_name_change() -> None:
    assert fold("I’ll") == fold("I'll") and fold("U.S.–Mexico") == fold("U.S.-Mexico")
    middle, _ = capitalised("He said I’ll go and I’ve seen Beto O’Rourke there.")
    assert middle == {"o'rourke", "beto"}


def test_dump_bylines_and_capture_times_are_read() -> None:
    line = json.dumps({"text": "Body text here.", "authors": ["Jill Colvin", "AP"],
                       "scrape_time": "2018-07-16 04:05:00"})
    (record,) = read_jsonl([line], "p", "l", FieldMap())
    assert isinstance(record, RawRecord)
    assert record.byline == "Jill Colvin, AP" and record.captured == "2018-07-16 04:05:00"


def test_only_passages_with_narrative_words_make_a_pair_worth_aligning() -> None:
    from newstrace.match.narrative import shares_narrative
    quoted = "He said: “we will never give up on this town, not now and not ever.”"
    public = public_spans(quoted, split_paragraphs(quoted))
    inside = Passage(Span(9, len(quoted)), Span(9, len(quoted)), "verbatim", 1.0, 14)
    assert not shares_narrative([inside], public, public)
    plain = "Officials said the bridge would reopen in June after the repairs were done."
    told = Passage(Span(0, len(plain)), Span(0, len(plain)), "verbatim", 1.0, 13)
    assert shares_narrative([told], (), ())


def test_two_reports_transcribing_one_statement_differently_is_a_finding() -> None:
    from newstrace.changes.transcriptions import transcriptions
    from newstrace.text.segment import segment_document

    def made(text: str) -> Document:
        return segment_document(doc(text))
    a = made("The mayor said: “We will not reopen the bridge before the inspection is "
             "complete next month.”")
    heard = made("She said “we won’t reopen the old bridge before the inspection is finished "
                 "next month.”")
    (found,) = transcriptions(a, heard)
    assert found.kind == "transcription_differs" and found.severity == "medium"
    assert found.before.startswith("We will not") and found.after.startswith("we won’t")
    # quoting less of the same words is no difference; another statement is no finding
    assert transcriptions(a, made("She said “reopen the bridge before the inspection is "
                                  "complete”.")) == ()
    assert transcriptions(a, made("He said “the budget for the new school will grow by "
                                  "a tenth next year”.")) == ()
    # of two versions as close, the earlier is the one shown
    twice = made("She said “we won’t reopen the old bridge before the inspection is finished "
                 "next month.” Later: “we won’t reopen the old bridge before the inspection "
                 "is finished next month!” she said.")
    (first,) = transcriptions(a, twice)
    assert first.derived.start < 20


def test_widgets_are_cut_from_flattened_text() -> None:
    from newstrace.clean.widgets import strip_widgets
    text = ("The vote was close on Monday.\n\n"
            "JUST WATCHED Senate votes Replay More Videos ... MUST WATCH Senate votes 02:33\n\n"
            "Photos: The places America votes Photos: The places America votes – Voters wait "
            "in line. Hide Caption 1 of 2 Photos: The places America votes – A voter drops "
            "a ballot. Hide Caption 2 of 2\n\n"
            "Turnout was high. ### Officials were pleased.\nSave\nPurchase: Order Reprint\n"
            "Slideshow (4 Images)\n\nThe count ends Friday.")
    kept = strip_widgets(text)
    for clutter in ("JUST WATCHED", "Hide Caption", "Photos:", "###", "Save", "Reprint",
                    "Slideshow", "02:33"):
        assert clutter not in kept, clutter
    for prose in ("The vote was close on Monday.", "Turnout was high.",
                  "Officials were pleased.", "The count ends Friday."):
        assert prose in kept, prose


def test_name_cards_are_cut_and_the_name_as_written_kept() -> None:
    from newstrace.clean.widgets import strip_widgets
    text = ("Senate Majority Leader Mitch McConnell Addison (Mitch) Mitchell McConnellGOP "
            "senators introduce resolution Trump tweets spark fresh headache MORE (R-Ky.) said "
            "on Tuesday that President Trump Donald John TrumpMcBath, Handel to face off in "
            "rematch MORE's plan would pass. MORE funding is needed, McDonald said.")
    assert strip_widgets(text) == (
        "Senate Majority Leader Mitch McConnell (R-Ky.) said on Tuesday that President "
        "Trump's plan would pass. MORE funding is needed, McDonald said.")
    # glued to a digit, glued to the name as written, or not glued at all
    assert strip_widgets("Sen. John McCain John Sidney McCain2020 Democrats make play MORE "
                         "(R-Ariz.) spoke.") == "Sen. John McCain (R-Ariz.) spoke."
    assert strip_widgets("pleas from George PapadopoulosGeorge Demetrios PapadopoulosThe "
                         "Hill's Campaign Report MORE, an aide") == "pleas from George " \
        "Papadopoulos, an aide"
    assert strip_widgets("Speaker Paul Ryan Paul Davis Ryan Retirees should say no MORE "
                         "(R-Wis.) quit.") == "Speaker Paul Ryan (R-Wis.) quit."
    # a card set inside the name as written, before its surname; a card inside a quotation
    assert strip_widgets("to invite Sarah Huckabee Sarah Elizabeth SandersWhite House aide "
                         "defends briefings Sanders makes debut MORE Sanders,” referring") \
        == "to invite Sarah Huckabee Sanders,” referring"
    assert strip_widgets("“can beat Donald Trump Donald John TrumpLawmakers prep ahead of "
                         "hearing MORE” in 2020.") == "“can beat Donald Trump” in 2020."
    # no glued full name written just after the name: nothing is cut
    plain = "The iPhone maker said sales would rise. Analysts want MORE."
    assert strip_widgets(plain) == plain


def test_sign_up_and_donation_boxes_are_chrome() -> None:
    from newstrace.clean.flattened import clean_page
    boxes = ["Sign up for Take Action Now and get three actions in your inbox every week.",
             "Thank you for signing up.", "Subscribe now for as little as $2 a month!",
             "The Ledger is reader supported: Chip in $10 or more to help us report.",
             "You will receive occasional promotional offers for programs that support us.",
             "You can read our Privacy Policy here.",
             "Something to Consider If you enjoyed this article, we have a proposition for "
             "you: Join the Ledger Club. Members get all of our content, no paywalls.",
             "Read More Crews Reopen the Old Bridge After a Year Of Repairs The county's "
             "bridge reopened after a year."]
    prose = ["The council met on Tuesday to vote on the new budget for the city schools.",
             "Residents can sign up for the meeting on the city's website, the mayor said.",
             "Officials said the plan would cost the city about four million dollars a year.",
             "In a fundraising email, the campaign asked supporters to chip in $25 or more "
             "before the midnight deadline.",
             "Sign up to receive emergency alerts by email, county officials urged residents.",
             "If you enjoyed the show, the organisers said, come back next year."]
    kept = clean_page("\n\n".join([prose[0], *boxes, *prose[1:]]),
                      select_region=False, find_title=False).text
    assert all(p in kept for p in prose), kept
    assert not any(b in kept for b in boxes), kept
