"""Orientation of wire copies and credited reporting: the rules read off the labelled crawl."""

from __future__ import annotations

from newstrace.match.orient import credited, orient, orient_info, own_name
from newstrace.match.wire import wire_whole
from newstrace.model import Document

STORY = ("The city council voted on Monday to close the harbour for repairs.\n\n"
         "Officials said the work would take two years and cost $40 million.\n\n")


def page(text: str, site: str, **fields: object) -> Document:
    return Document(id=site, path="p", locator=site, format="text", text=text, site=site,
                    **fields)  # type: ignore[arg-type]


def test_a_whole_text_credit_is_told_from_a_contribution() -> None:
    assert wire_whole(page(STORY, "x.com", byline="Colleen Long, Associated Press"))
    assert wire_whole(page("PORTLAND (AP) — " + STORY, "x.com"))
    # AP's own closing line names its writers: still the agency's story
    assert wire_whole(page(STORY + "Associated Press writer Jo Doe contributed to this report.",
                           "x.com"))
    # the outlet's own story with wire material in it
    assert not wire_whole(page(STORY + "The Associated Press contributed to this report.",
                               "x.com"))
    assert not wire_whole(page(STORY, "x.com"))


def test_a_page_bylined_by_the_wire_and_an_uncredited_copy_are_siblings() -> None:
    wire = orient_info(page(STORY, "nypost.com", byline="Associated Press",
                            published="2016-06-15", published_source="record-field"))
    copy = orient_info(page(STORY + "More of our own reporting.", "theguardian.com",
                            published="2016-06-16", published_source="record-field"))
    both = orient(wire, copy, inner="a")
    assert both.common == "AP" and not both.known
    # a contribution credit does not make the outlet's story the wire's
    staff = orient_info(page(STORY + "The Associated Press contributed to this report.",
                             "nypost.com", published="2016-06-15",
                             published_source="record-field"))
    assert orient(staff, copy).common is None and orient(staff, copy).a_is_source


def test_a_copy_passing_on_an_outlets_reporting_credits_that_outlet() -> None:
    source = orient_info(page(STORY, "sfchronicle.com"))
    copy = orient_info(page("As the San Francisco Chronicle reported, " + STORY,
                            "freebeacon.com"))
    told = orient(source, copy)
    assert told.a_is_source and told.known and "credits" in told.signals[0]
    # "Fox News reports" names foxnews.com; a person "reporting" names no outlet
    assert orient(orient_info(page(STORY, "foxnews.com")),
                  orient_info(page("Fox News reports that " + STORY, "blog.com"))).known
    assert not orient(orient_info(page(STORY, "foxnews.com")),
                      orient_info(page("Jane Smith reported that " + STORY, "blog.com"))).known


def test_the_start_of_a_sites_other_page_is_a_truncated_capture_of_it() -> None:
    cut = orient_info(page(STORY, "politico.com"))
    whole = orient_info(page(STORY + "Further paragraphs.", "politico.com"))
    seen = orient(cut, whole, inner="a", prefix=True)
    assert not seen.a_is_source and seen.known


def test_publishers_named_or_hosted_orient_alike() -> None:
    """``--site-field`` may give a dump's publisher as a name ("Reuters", "The Washington
    Times") instead of a host: the agency's own page, a wire reporter's byline on two sites
    and an outlet's credit read the same either way (AllSides with its ``outlet`` field:
    direction 0.64 -> 0.84 on the development crawl's gate half)."""
    for home, other in (("reuters.com", "newsmax.com"), ("Reuters", "Newsmax")):
        wire = orient_info(page(STORY, home, byline="Jeff Mason"))
        copy = orient_info(page("WASHINGTON (Reuters) - " + STORY, other, byline="Jeff Mason"))
        got = orient(copy, wire, names=("copy", "wire"))
        assert not got.a_is_source and got.known, (home, got.signals)
        assert "own site" in got.signals[0]
    source = orient_info(page(STORY, "The Washington Times"))
    copy = orient_info(page("As The Washington Times reported, " + STORY, "Newsmax"))
    assert orient(source, copy).a_is_source and orient(source, copy).known


def test_a_city_a_hill_or_a_shared_contribution_line_credits_no_outlet() -> None:
    """What names a place or a party, not an outlet, is no credit; nor are two pages that
    each say "The Associated Press contributed" copies of one wire story."""
    for site in ("chicagotribune.com", "Chicago Tribune"):
        news = orient_info(page(STORY, site))
        local = orient_info(page("According to Chicago police, " + STORY, "wgntv.com"))
        assert not credited(news, local), site
    for site in ("thehill.com", "The Hill"):
        hill = orient_info(page(STORY, site))
        other = orient_info(page("He told Capitol Hill reporters that " + STORY, "cnn.com"))
        assert not credited(hill, other), site
    named = orient_info(page(STORY, "CNN (Web News)"))
    assert credited(named, orient_info(page("According to CNN, " + STORY, "Newsmax")))
    part = "The Associated Press contributed to this report."
    assert not credited(orient_info(page(STORY + part, "nytimes.com")),
                        orient_info(page(STORY + part, "foxnews.com")))
    assert credited(orient_info(page("BOSTON (AP) — " + STORY, "nytimes.com")),
                    orient_info(page(STORY + part, "foxnews.com")))


def test_sites_under_a_country_code_are_told_apart() -> None:
    assert own_name("www.dailymail.co.uk") == "dailymail"
    assert own_name("bbc.co.uk") == "bbc" and own_name("abc.net.au") == "abc"
    assert own_name("www.foxnews.com") == "foxnews"
    assert own_name("The Washington Times") == "thewashingtontimes"


def test_every_credit_form_holds_a_word_its_prefilter_looks_for() -> None:
    """The substring test before each credit's pattern must let every form through."""
    from newstrace.match import wire
    forms = {
        "AP": ["WASHINGTON (AP) — The", "By the Associated Press", "Copyright 2024 The "
               "Associated Press. All rights"],
        "Reuters": ["LONDON (Reuters) - The", "Reporting by Ann Lee; Editing by Bo Ray",
                    "By Ann Lee and Bo Ray, Reuters", "(c) Thomson Reuters 2024"],
        "AFP": ["PARIS (AFP) The", "said Agence France-Presse"],
        "Bloomberg": ["(Bloomberg) — The", "Bloomberg News reported"],
        "UPI": ["(UPI) -- The", "United Press International said"],
        "CNN Wire": ["The CNN Wire contributed"],
        "King Features": ["King Features Syndicate, Inc."],
        "Creators": ["Creators Syndicate", "Creators.com"],
        "Tribune Content Agency": ["Tribune Content Agency, LLC"],
        "Washington Post Writers Group": ["Washington Post Writers Group"],
    }
    assert set(forms) == {name for name, _ in wire._CREDITS} == set(wire._CREDIT_WORDS)
    for name, pattern in wire._CREDITS:
        for form in forms[name]:
            assert pattern.search(form), (name, form)
            assert any(word in form for word in wire._CREDIT_WORDS[name]), (name, form)
