"""A report that names and quotes another outlet's text: credits read from citations, the
pair is a partial (not two reports of one statement), it is oriented by the credit, and its
quotations of the source's own words are no misquotes. Found on the AllSides crawls: The
Hill quoting a president's USA Today op-ed, NPR quoting Gallup's release, National Review
blockquoting the Free Beacon "per the Free Beacon"."""

from __future__ import annotations

from dataclasses import replace

from newstrace.changes.detect import detect_changes
from newstrace.match.kinds import PARTIAL_WORDS, PairFeatures, decide_kind
from newstrace.match.orient import OrientInfo, orient, orient_info, own_name
from newstrace.match.pair import PairInput, quoted_words
from newstrace.model import Document, Passage, Span
from newstrace.text.public import public_spans
from newstrace.text.segment import split_paragraphs, split_sentences


def doc(text: str, site: str = "dailyledger.example") -> Document:
    return Document(id=site, path=site, locator=site, format="text", text=text, site=site,
                    paragraphs=tuple(split_paragraphs(text)),
                    sentences=tuple(split_sentences(text)))


def test_a_portals_short_host_name_is_not_the_outlets_name() -> None:
    assert own_name("abcnews.go.com") == "abcnews"
    assert own_name("www.foxnews.com") == "foxnews"
    assert own_name("www.bbc.co.uk") == "bbc"
    assert own_name("news.yahoo.com") == "yahoo"
    # an outlet's own sections stay the outlet's
    assert own_name("de.rt.com") == "rt" and own_name("blogs.ft.com") == "ft"


def test_citations_credit_the_outlet_they_name() -> None:
    for text in ("Per the Free Beacon: the makers of the film cut nine seconds.",
                 "Trump made the case in an opinion piece for Free Beacon on Tuesday.",
                 "The plan, first reported by Free Beacon, was dropped."):
        info = orient_info(doc(text))
        assert "freebeacon" in info.credits, text
        assert info.agencies == 0  # a citation is not an attribution a copy could drop


def test_a_desk_of_an_outlet_credits_the_outlet() -> None:
    copy = orient_info(doc("The glut is large, Abramov told CNN Business on Monday.",
                           "nationalreview.com"))
    source = orient_info(doc("The glut is large, analysts say.", "cnn.com"))
    assert orient(copy, source).a_is_source is False


def test_credits_to_the_other_are_not_attributions_the_other_dropped() -> None:
    """NPR writes "according to Gallup" twice; Gallup's own release names no agency: that is
    not an attribution lost in a copy, and the credit orients the pair."""
    npr = OrientInfo(None, None, 2, frozenset({"gallup"}), "npr", False, False, False, False)
    gallup = OrientInfo(None, None, 0, frozenset(), "gallup", False, False, False, False)
    got = orient(npr, gallup, names=("npr", "gallup"))
    assert not got.a_is_source and got.known
    assert not any("attribution dropped" in s for s in got.signals)


NONE = PairFeatures(verbatim_a=0.1, verbatim_b=0.3, aligned_a=0.2, aligned_b=0.4,
                    mean_score=0.7, passages=4, cross_lingual=False, cosine=0.9,
                    shared_names=12, names_dice=0.4, shared_numbers=2, days_apart=0.0,
                    narrative_words=5, public_words=150)


def test_quoting_the_others_own_text_under_its_credit_is_a_partial() -> None:
    decided = decide_kind(replace(NONE, quoted_words=PARTIAL_WORDS + 50))
    assert decided is not None and decided[0] == "partial"
    # no words quoted from the other's own text under its credit: one statement, two reports
    decided = decide_kind(NONE)
    assert decided is not None and decided[0] == "same_story"


def _side(text: str, site: str, credits: frozenset[str] = frozenset()) -> PairInput:
    info = OrientInfo(None, None, 0, credits, own_name(site), False, False, False, False)
    return PairInput(None, info, len(text), site,  # type: ignore[arg-type]
                     public=public_spans(text, split_paragraphs(text)))


def test_quoted_words_count_what_the_crediting_side_quotes_of_the_others_text() -> None:
    op_ed = "Seniors would no longer be able to depend on the benefits they were promised."
    report = f"Trump wrote in an op-ed for USA Today: “{op_ed}”"
    start = report.index(op_ed)
    passage = Passage(Span(0, len(op_ed)), Span(start, start + len(op_ed)), "verbatim", 1.0,
                      14)
    source = _side(op_ed, "usatoday.com")
    crediting = _side(report, "thehill.com", frozenset({"usatoday"}))
    assert quoted_words((passage,), source, crediting) == 14
    # the same words quoted from their speaker, crediting no outlet: a statement printed
    # whole by one outlet and quoted by another (Vindman's opening statement)
    assert quoted_words((passage,), source, _side(report, "thehill.com")) == 0
    # both hold them in quotation marks: the speaker's words in two reports
    both = f"He said: “{op_ed}”"
    at = both.index(op_ed)
    shared = Passage(Span(at, at + len(op_ed)), Span(start, start + len(op_ed)), "verbatim",
                     1.0, 14)
    assert quoted_words((shared,), _side(both, "usatoday.com"), crediting) == 0


def test_single_marks_and_transcripts_are_public_words() -> None:
    text = ("'We encourage them to do so, because these accusations are false,' she said.\n"
            "It's the campaign's 'big' week.\n"
            "KING: San Luis Obispo, hello. CALLER: Yes, hello, I have a question. KING: Go on.\n"
            "The markets fell.\nNEW YORK: The markets fell.\nThe markets fell.\n"
            "Q: Will you run?\nMR. SMITH: Not this year.\nQ: And next year?\n"
            "The rest of the 'Squad' voted no; Pelosi called it 'A mistake,' aides said.\n"
            "Cases in the U.S.: more than 5,000. Deaths in the U.K.: 104, officials said.\n"
            "EDITOR'S NOTE: This story was updated.\nWASHINGTON: The Senate voted.\n"
            "TEXAS: Cases rose.\nFLORIDA: Beaches closed.")
    marked = [s.slice(text) for s in public_spans(text, split_paragraphs(text))]
    assert marked == ["'We encourage them to do so, because these accusations are false,'",
                      "KING: San Luis Obispo, hello. CALLER: Yes, hello, I have a question. "
                      "KING: Go on.",
                      "Q: Will you run?", "MR. SMITH: Not this year.", "Q: And next year?",
                      "'A mistake,'"]


def test_quoting_the_sources_own_words_with_a_slip_is_no_misquote() -> None:
    source = ("Both presidents were elected with hopes of unifying the country. However, the "
              "opposite has happened, with evaluations more divided along party lines than "
              "ever before.")
    derived = ("“Both presidents were elected with hopes of unifying the country. However, the "
               "opposite has happened, with evaluations more divided along party lines than "
               "ever before, Gallup notes.")
    a, b = doc(source, "gallup.com"), doc(derived, "npr.org")
    whole = Passage(Span(0, len(source)), Span(0, len(derived)), "paraphrase", 0.9, 30)
    assert not [c for c in detect_changes(a, b, [whole]) if c.kind == "quote_added"]
    # the source's words with a "not" put in, or spliced from two distant sentences
    words = source.rstrip(".").split()
    negated = doc("“" + " ".join([*words[:5], "not", *words[5:]]) + ",” Gallup notes.",
                  "npr.org")
    whole = Passage(Span(0, len(source)), Span(0, len(negated.text)), "paraphrase", 0.9, 30)
    assert [c for c in detect_changes(a, negated, [whole]) if c.kind == "quote_added"] or [
        c for c in detect_changes(a, negated, [whole]) if c.kind == "quote_altered"]
    invented = doc("“The country has never been this united and never will be again,” "
                   "Gallup notes.", "npr.org")
    whole = Passage(Span(0, len(source)), Span(0, len(invented.text)), "paraphrase", 0.6, 30)
    found = detect_changes(a, invented, [whole])
    assert {c.kind for c in found} & {"quote_added", "quote_altered"}


def test_a_quotation_spliced_from_distant_sentences_is_not_the_sources_own_words() -> None:
    from newstrace.changes.misquotes import _in_text
    from newstrace.text.quotes import quote_words
    first = "The council will close the old bridge for repairs at the end of the summer season"
    filler = " ".join(["Officials reviewed the plans on Monday and again on Friday."] * 8)
    second = "and the mayor said the new crossing would open to traffic within two years time"
    source = f"{first}. {filler} {second}."
    kept = quote_words(first + " officials say")  # one stretch, a tag inside the marks
    assert _in_text(source, kept)
    spliced = quote_words(first + " " + second)
    assert not _in_text(source, spliced)
