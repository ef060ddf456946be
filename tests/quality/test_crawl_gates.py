"""Quality gate on a real crawl: trace's relations against pairs labelled by reading.

``evaluate/labels/allsides_relations.jsonl`` holds 271 pairs of AllSides articles, each
read side by side and labelled (kind, direction, evidence); 182 form the tuning half the
relation rules were set on, 89 the gate half gated here. The whole development crawl (1,419
articles) is traced, as a user would, and its relations are scored.

Measured when the floors were set (gate half): derivations precision 0.889 and recall 0.889
(the code before this round, on the same crawl and labels: 0.351 and 1.0), direction 0.833
(0.519 before the first round, 0.708 after it; raised by whole-text wire credits, outlets
credited as "X reported" and same-site truncated captures, rules read off the tuning half,
where direction went 0.811 -> 0.906); of the crawl's 31 high and medium changes (4,826 before,
9 of them typography), 28 carry a label and 14 of those are real (gate half: 8 of 14, 0.571;
before: 0.17); no change is typography. The issue's floors (0.90, 0.90, 0.90; changes 0.80) are
not met yet: the floors below pin what is measured, to be raised, never lowered silently. A
change to the detectors that flags new high or medium changes must label them (``newstrace eval
crawl`` shows how many carry a label): the gate needs three in four labelled. The detectors
were fixed reading the false flags of both halves of the changes, so that half is not yet an
independent gate: the next round labels a fresh sample for it.
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import require

from newstrace.evaluate.claim_pairs import load_claim_pairs, score_claim_pairs
from newstrace.evaluate.crawl import (
    CHANGE_LABELS,
    RELATION_LABELS,
    development_crawl,
    load_change_labels,
    load_labels,
    score_changes,
    score_crawl,
    trace_crawl,
)
from newstrace.evaluate.crawls import CRAWLS
from newstrace.evaluate.crawls import LABELS as LABEL_FILES
from newstrace.evaluate.halves import file_digest
from newstrace.evaluate.links import load_link_labels, score_links
from newstrace.ingest.pipeline import ingest
from newstrace.ingest.readers import ReadOptions
from newstrace.ingest.tabular import FieldMap
from newstrace.model import Document

LABELS = RELATION_LABELS
#: The data files the gate reads, pinned: a changed file changes what the floors mean.
SHA256 = {
    "articles.jsonl.gz": "4da564a79abc0cc01e5460817ea962530fa313d968b83f8031fef34e959bd821",
    "silver_near_duplicate_pairs.jsonl":
        "9db6041d810050ef84909154e195be8257b74ca8cd3509940c2e434107d03e49",
    "silver_shared_quotes.jsonl":
        "858d79ace1e6fffb1db53bc586e394b027c85a4eb888b5305bc689a4500fcaba",
}
#: Recall 0.889 -> 0.963 when a site's own follow-ups reusing its paragraphs stopped being
#: read as its furniture (``match.kinds.SITE_REPEATED``); precision 0.889 -> 0.897. Then
#: (a report quoting another outlet's own text under its credit is a partial, oriented by
#: the credit; "per the Free Beacon", "an op-ed for USA Today", "told CNN Business" read as
#: credits; abcnews.go.com named ABC News, not "go"): precision 0.90 (27 of 30), recall 1.0,
#: direction 0.846 -> 0.926. Those fixes were chosen after reading the gate half's 3 wrong
#: directions, so this half is no longer unread: ``test_relations_on_the_fresh_crawl``
#: measures the rules on labels drawn afterwards.
PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.95
DIRECTION_FLOOR = 0.90
#: Second round (a hedge on who said a quotation, "rather than", a place and its people, a
#: person named like an outlet, a report quoting an op-ed oriented as the one quoting): the
#: crawl's high and medium changes 27 -> 17, all labelled, 13 real (gate half 7 of 8, 0.875;
#: before 7 of 12). Those false flags were read on both halves too: the held-out crawl, read
#: only in aggregate, flags 2 high changes in 1,277 articles.
CHANGE_PRECISION_FLOOR = 0.85
#: High and medium changes on the whole crawl: at most this many (4,826 before calibration,
#: 31 after the first round, 16 after the second, 15 with a site's own follow-ups' edits
#: low), at least this share of them labelled.
CHANGES_CEILING = 20
#: Documents in the largest story of a crawl (docs/how-it-works.md says which it is).
LARGEST_STORY = 6
LABELLED_SHARE = 0.75


@pytest.mark.quality
def test_relations_on_the_labelled_crawl(data_dir: Path) -> None:
    folder = require(data_dir / "allsides")
    for name, expected in SHA256.items():
        assert file_digest(folder / name) == expected, f"{name} is not the file the floors know"
    traced = trace_crawl(folder)
    gate = score_crawl(traced, load_labels(LABELS, "gate"))
    assert gate.pairs == 89
    assert gate.precision >= PRECISION_FLOOR, gate.to_json()
    assert gate.recall >= RECALL_FLOOR, gate.to_json()
    assert gate.direction_accuracy >= DIRECTION_FLOOR, gate.to_json()
    # The tuning half, as a regression check on what the rules were set on: precision 0.968,
    # recall 0.984 (0.869 while one site's undated or distant pages were all read as its
    # furniture). Direction 0.933 (0.906 before; the 6 more copies found bring 6 more
    # directions, ordered by a site's new top where its pages carry no dates).
    tune = score_crawl(traced, load_labels(LABELS, "tune"))
    assert tune.precision >= 0.95 and tune.recall >= 0.95, tune.to_json()
    assert tune.direction_accuracy >= 0.92, tune.to_json()
    changes = score_changes(traced, load_change_labels(CHANGE_LABELS, "gate"))
    every = score_changes(traced, load_change_labels(CHANGE_LABELS))
    assert changes.precision >= CHANGE_PRECISION_FLOOR, changes.to_json()
    assert every.typography == 0, every.to_json()
    assert every.flagged <= CHANGES_CEILING, every.to_json()
    assert every.labelled >= LABELLED_SHARE * every.flagged, every.to_json()
    _links_gate(traced, "development")
    # stories are text lineages: the largest, one site's updates of one story (4 measured)
    assert max(len(s["members"]) for s in traced[0]["stories"]) <= LARGEST_STORY


#: The held-out crawl (April and June 2020, outside the development crawl): its gate half
#: was drawn and labelled after the rules were set and read only in aggregate. Measured when
#: pinned: derivations precision 0.889 (8 of 9) and recall 0.80 (8 of 10), direction 0.375
#: (3 of 8): the direction rules read off the development crawl do not carry over to this
#: news cycle yet (the issue's floor is 0.90). Precision 1.0 (8 of 8) since a rewrite with
#: little verbatim narrative needs a credit or a text retold whole (rule read off BASIL);
#: direction 0.5 (4 of 8) after the second round's orientation fixes (hosts under a country
#: code no longer one site "co", sentence-initial "According to" read as a credit).
#: Precision 1.0, recall 1.0 (10 of 10), direction 0.7 (7 of 10) with the citing-outlet rules
#: (see ``PRECISION_FLOOR``), whose credit forms ("an opinion piece for USA Today") and public
#: words (single marks, transcripts) came from reading 3 of this half's pairs: it too is
#: read now.
HELD_OUT = {"precision": 0.95, "recall": 0.90, "direction": 0.6}


def _later_crawl(data_dir: Path, crawl: str, pairs: int, floors: dict[str, float],
                 shown: bool = True) -> tuple[tuple[dict[str, Any], dict[str, str]], Path]:
    """Trace one of the AllSides crawls after the development one and check its gate half
    against ``floors`` (with ``shown`` false, the failure names no pair: an aggregate-only
    crawl); the trace and the labels' file, for more checks."""
    folder = require(data_dir / "allsides")
    assert file_digest(folder / "articles.jsonl.gz") == SHA256["articles.jsonl.gz"]
    relations, _ = LABEL_FILES[crawl]
    assert relations is not None
    traced = trace_crawl(folder, crawl)
    gate = score_crawl(traced, load_labels(relations, "gate"))
    why = gate.to_json() if shown else f"{crawl} gate below its floor (aggregate only)"
    assert gate.pairs == pairs
    assert gate.precision >= floors["precision"], why
    assert gate.recall >= floors["recall"], why
    assert gate.direction_accuracy >= floors["direction"], why
    assert max(len(s["members"]) for s in traced[0]["stories"]) <= LARGEST_STORY
    return traced, relations


#: Claims, on pairs of carriers labelled by reading (``evaluate/claim_pairs.py``): 64 claims
#: of the spring and fresh crawls drawn from the reports of the code before this gate (their
#: tuning half set the rules for speakers, figures, events and statements with no speaker
#: in common; the photo-caption rule came from a gate-half pair, so for it that half is
#: read), and 32 of the held-out crawl drawn afterwards, never tuned on. Before the rules
#: every labelled pair of carriers saying different things was one claim. Then one
#: speaker's statements judged by what is said besides the names
#: (``claim_words.SAID_WORDS``, set on the tuning half's pairs with one speaker), and 51
#: pairs more read afterwards on the three crawls: 30 drawn at random from the carriers
#: that rule split (27 different), 21 from the independent carriers it keeps together (14
#: same); two named speakers' quotations one claim only word for word
#: (``claim_match.OTHER_SPEAKER_QUOTE``), and any two only with three content words in
#: common (``QUOTE_CONTENT``: "of the" is no quotation). Measured when pinned (gate half,
#: 204 pairs in all; before these rules, on the same pairs): fresh, 22 different pairs 22
#: kept apart (10), 23 same 21 together (22; lost: a Warren remark quoted in two of its
#: sentences); spring, 29 different 27 apart (14), 10 same 8 together (8); held-out, 10
#: different 8 apart (2), 13 same 12 together (13; lost: "the voice on the call was her
#: mother's" / "the caller was her mother").
#: ``missing``: carriers with a labelled same partner in no claim (fresh 2 before).
CLAIMS = {"fresh": {"apart": 0.95, "together": 0.9, "missing": 4},
          "spring": {"apart": 0.93, "together": 0.8, "missing": 4},
          "held-out": {"apart": 0.8, "together": 0.92, "missing": 1}}


#: Links of independent reports (``evaluate.links``, labels read by people, both texts):
#: of the labelled pairs the report calls ``same_story`` (one event's reports), how many are
#: (``precision``), how many of the labelled events it links so (``recall``), how many
#: other pairs it links (``wrong``, at most). Measured when pinned, gate half, with one
#: event's reports at most 3 days apart (``match.kinds.EVENT_DAYS``; before, 30, on the same
#: labels): fresh 1 of 2 (1 of 6), spring 1 of 1 (1 of 5), held-out 5 of 5 (5 of 11; its 32
#: pairs read blind after the rule was set), development 2 of 5 (2 of 13), every labelled
#: event still linked but the development crawl's 2 of 4.
LINKS = {"fresh": {"precision": 0.5, "recall": 1.0, "wrong": 1},
         "spring": {"precision": 1.0, "recall": 1.0, "wrong": 0},
         "held-out": {"precision": 1.0, "recall": 1.0, "wrong": 0},
         "development": {"precision": 0.4, "recall": 0.5, "wrong": 3}}


def _links_gate(traced: tuple[dict[str, Any], dict[str, str]], crawl: str) -> None:
    score = score_links(traced, load_link_labels(crawl=crawl, half="gate"))
    assert score.labelled and score.events, score.to_json()  # labels read, events among them
    assert score.precision >= LINKS[crawl]["precision"], score.to_json()
    assert score.recall >= LINKS[crawl]["recall"], score.to_json()
    assert score.linked - score.right <= LINKS[crawl]["wrong"], score.to_json()


def _claims_gate(traced: tuple[dict[str, Any], dict[str, str]], crawl: str) -> None:
    score = score_claim_pairs(traced[0], traced[1], load_claim_pairs(crawl=crawl, half="gate"))
    assert score.separated >= CLAIMS[crawl]["apart"], score.to_json()
    assert score.kept_share >= CLAIMS[crawl]["together"], score.to_json()
    # labelled carriers in no claim: those the rules now leave alone (a share that said
    # nothing else), no more: a change that drops claims must not pass as keeping them apart
    assert score.missing <= CLAIMS[crawl]["missing"], score.to_json()


@pytest.mark.quality
def test_relations_on_the_held_out_crawl(data_dir: Path) -> None:
    traced, relations = _later_crawl(data_dir, "held-out", 78, HELD_OUT)  # largest story: 3
    # the first labels, read pair by pair to fix The Hill's name cards and Pew's stock
    # sentences: precision 0.75, recall 1.0; 0.857 once Pew's "How we did this" box was
    # read as a house note (``text.house``)
    tune = score_crawl(traced, load_labels(relations, "tune"))
    assert tune.precision >= 0.85 and tune.recall >= 1.0, tune.to_json()
    _claims_gate(traced, "held-out")
    _links_gate(traced, "held-out")


#: The fresh crawl (October 2019 and March 2020, outside both): 84 pairs labelled blind once
#: the rules above were set. The code at the start of that round: derivations precision
#: 0.615 (8 of 13), recall 0.889 (8 of 9), direction 0.625 (5 of 8); with the rule for a
#: report quoting another document's own text as first written, precision 0.50 (8 of 16).
#: Its errors were then read: the rule's 3 false copies were a statement or a transcript
#: that one outlet prints whole and another quotes from its speaker, so the rule now needs
#: the quoting side to credit the other's outlet; 2 more were one site's reader pitch and
#: "Read More" teaser, now chrome: precision 0.727 (8 of 11). The 3 false copies left are
#: one site's recurring boxes on only 2 of its pages (a FiveThirtyEight explainer, a Vox
#: prevention box, MarketWatch's series links), which the 3-page site repeat cannot see in
#: a crawl this sparse. Read now, it is no longer a blind gate. Direction 0.625 -> 0.75 (6
#: of 8) once a site's article numbers order its same-day pages a day apart (Reuters'
#: Taylor-testimony story, numbered a day before the floor-storming story it lent its
#: narrative to; ``match.page_ids``).
FRESH = {"precision": 0.70, "recall": 0.85, "direction": 0.74}


@pytest.mark.quality
def test_relations_on_the_fresh_crawl(data_dir: Path) -> None:
    traced, _ = _later_crawl(data_dir, "fresh", 84, FRESH)
    _claims_gate(traced, "fresh")
    _links_gate(traced, "fresh")


#: The blind crawl (December 2019 and January 2020, outside the others): 78 pairs labelled
#: blind after the fresh crawl's fixes and read only in aggregate. Measured when pinned:
#: derivations precision 0.80 (8 of 10), recall 1.0 (8 of 8), direction 1.0 (8 of 8).
#: Keep it unread: a failure here is diagnosed on the other crawls, or by labelling anew.
BLIND = {"precision": 0.80, "recall": 0.95, "direction": 0.85}


@pytest.mark.quality
def test_relations_on_the_blind_crawl(data_dir: Path) -> None:
    _later_crawl(data_dir, "blind", 78, BLIND, shown=False)


#: The spring crawl (February and May 2020, outside the others): 78 pairs labelled blind
#: after the blind crawl's round, sampled as the fresh crawl was. Measured at the start of
#: its round: derivations precision 0.40 (4 of 10), recall 1.0 (4 of 4), direction 1.0 (4
#: of 4). The 6 false copies are one publisher's boxes on two to four of its pages: Pew
#: Research Center's survey-method paragraph on four pages of pewresearch.org and
#: people-press.org (4 pairs), its data-tool lines on two journalism.org pages (1), a
#: Townhall editor's note selling its VIP membership (1). Those 6 were read, and the rule
#: for publishers' house notes (``text.house``: labelled boxes, calls to the reader) made
#: from them: precision 1.0 (4 of 4), recall and direction 1.0. Read now, it is no longer
#: a blind gate.
SPRING = {"precision": 0.95, "recall": 0.95, "direction": 0.95}


@pytest.mark.quality
def test_relations_on_the_spring_crawl(data_dir: Path) -> None:
    traced, _ = _later_crawl(data_dir, "spring", 78, SPRING)
    _claims_gate(traced, "spring")
    _links_gate(traced, "spring")


#: OneStopEnglish's professional rewrites: 160 changes labelled to set the rules (tune), 80
#: drawn afterwards from what was still flagged (gate). Gate precision when pinned: 0.8125
#: (65 of 80; before the rules for texts that lost their punctuation, 60 of the 160 tuning
#: flags were real); 367 high and medium changes flagged (809 before).
OSE_SHA256 = "2c8bda7976cce9d34b006039d772341f0a8f27e4584c37e0b2af0d2c03e21e4c"
OSE_CHANGE_PRECISION, OSE_CHANGES_CEILING = 0.80, 400


@pytest.mark.quality
def test_changes_on_professional_rewrites(data_dir: Path) -> None:
    folder = require(data_dir / "onestopenglish")
    assert file_digest(folder / "articles.jsonl") == OSE_SHA256
    _, changes = LABEL_FILES["onestopenglish"]
    assert changes is not None
    traced = trace_crawl(folder, "onestopenglish")
    gate = score_changes(traced, load_change_labels(changes, "gate"))
    assert gate.labelled == 80, gate.to_json()
    assert gate.precision >= OSE_CHANGE_PRECISION, gate.to_json()
    assert gate.typography == 0 and gate.flagged <= OSE_CHANGES_CEILING, gate.to_json()


#: What a photo caption's line carries, read independently of ``ingest.metadata``: an
#: agency's or a photographer's credit ("(Ryan Remiorz/The Canadian Press via AP)").
_CAPTION_LINE = re.compile(r"/(?:Reuters|Getty Images|AP|AFP|EPA)\b|\bAP Photo\b|\bfile photo\b"
                           r"|\bIn this (?:\w+ )?photo\b|\bvia (?:AP|Reuters)\b"
                           r"|\([A-Z][\w.'-]*(?: [A-Z][\w.'-]*)+/[A-Z][^()]{1,40}\)\s*$",
                           re.IGNORECASE)
#: Clutter the development crawl's pages hold before cleaning (issue 19's list, as found in
#: AllSides: CNN playlists and galleries, slideshow markers, joints, buttons, The Hill's
#: name cards: a glued full name, headlines, "MORE").
_CLUTTER = re.compile(r"JUST WATCHED|Hide Caption \d+ of \d+|Slideshow \(\d+ Images?\)|###"
                      r"|^(?:Save|Purchase: Order Reprint)$|[a-z][A-Z][^\n]{10,600}? MORE\b",
                      re.MULTILINE)
#: Dates read from the text (the record's date withheld) over a year from the record's own:
#: at most this many (event dates a header holds: "the September 11, 2012 attacks"; an embedded
#: video's "Published on Jun 5, 2017"), measured 6; 15
#: before captions' closing credits were read.
FAR_DATES = 6


#: The same on the later crawls, by crawl: dates read from the text over a year from the
#: record's (measured when pinned; each a historical date in the page's first lines: "On
#: July 28, 1932, President Herbert Hoover ...", "after Sept. 11, 2001"). Before photo
#: credits without an agency's name were read as captions ("(Tia Dufour/White House)",
#: "(China Daily/via Reuters)", "Kyodo via AP Images"), 28 pages of the held-out, fresh and
#: spring crawls took their date from a caption.
LATER_FAR_DATES = {"held-out": 6, "fresh": 4, "blind": 4, "spring": 10}


@pytest.mark.quality
@pytest.mark.parametrize("crawl", ["held-out", "fresh", "blind", "spring"])
def test_the_later_crawls_pages_are_clean_and_never_dated_by_a_caption(
        data_dir: Path, crawl: str) -> None:
    """The clutter and date rules were read off the development crawl; the later crawls'
    pages (other months, other news) come out as clean, read once for both checks: before
    The Hill's name cards set inside a name or a quotation were read, one page each of the
    fresh and blind crawls kept one."""
    folder = require(data_dir / "allsides")
    records = CRAWLS[crawl](folder)
    docs = _never_dated_by_a_caption(records, LATER_FAR_DATES[crawl])
    assert sum(bool(_CLUTTER.search(r["text"])) for r in records) >= 50  # there was some
    assert not [d.locator for d in docs if _CLUTTER.search(d.text)]


@pytest.mark.quality
def test_crawl_pages_are_clean_and_never_dated_by_a_caption(data_dir: Path) -> None:
    folder = require(data_dir / "allsides")
    docs = _never_dated_by_a_caption(development_crawl(folder), FAR_DATES)
    assert not [d.locator for d in docs if _CLUTTER.search(d.text)]


def _never_dated_by_a_caption(records: list[dict[str, Any]], far_dates: int) -> list[Document]:
    """The crawl's documents read with the records' dates withheld (dates come from the
    text, as in a crawl that has none): none dated by a caption's line, at most
    ``far_dates`` over a year from the record's date."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "crawl.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        # the record's date withheld, as in a crawl that has none: dates come from the text
        docs = [d for d in ingest([str(path)], ReadOptions(FieldMap(date="no-such-field")))
                if isinstance(d, Document)]
    assert len(docs) == len(records)
    far = 0
    for doc in docs:
        if doc.published is None:
            continue
        record = records[int(doc.locator.split("#")[1]) - 1]
        # the date written on a caption's line, and on no other line of the page
        lines = [line for line in record["text"].splitlines() if _dated(line, doc.published)]
        captions = [line for line in lines if _CAPTION_LINE.search(line)]
        if captions and len(captions) == len(lines):
            raise AssertionError(f"{doc.locator} dated {doc.published} by: {captions[0][:200]}")
        if record.get("date") and abs(
                (date.fromisoformat(doc.published) - date.fromisoformat(record["date"])).days
        ) > 365:
            far += 1
    assert far <= far_dates
    return docs


def _dated(line: str, iso: str) -> bool:
    """Whether ``line`` writes the date ``iso`` (year and day of month both in it)."""
    year, _, day = iso.split("-")
    return year in line and re.search(rf"\b{int(day)}\b", line) is not None
