"""House notes: a publisher's own boxes and calls to the reader are no copy's evidence."""

from __future__ import annotations

import json
from pathlib import Path

from newstrace.text.house import house_spans
from newstrace.text.segment import split_paragraphs
from newstrace.trace import trace


def notes(text: str) -> list[str]:
    return [s.slice(text) for s in house_spans(text, split_paragraphs(text))]


def test_labelled_boxes_and_calls_to_the_reader_are_house_notes() -> None:
    text = ("How we did this We asked 2,001 adults in March. Everyone who took part is on "
            "the Lantern Institute's Civic Panel.\n\n"
            "Most adults said the ferry fares were too high.\n\n"
            "Want to see more data on these questions? To study them by region, visit the "
            "data tool. The tool was updated on Friday.\n\n"
            "Editor’s Note: Join Lantern Plus and get 25% off with the code HARBOR.")
    assert notes(text) == [
        "How we did this We asked 2,001 adults in March. Everyone who took part is on the "
        "Lantern Institute's Civic Panel.",
        "Want to see more data on these questions?",
        "To study them by region, visit the data tool.",
        "Editor’s Note: Join Lantern Plus and get 25% off with the code HARBOR."]


def test_narrative_sentences_are_not_house_notes() -> None:
    text = ("Readers of the Courier said the fares were too high. Officials see the plan as "
            "a start. Watch out for ice, the mayor warned.\n\n"
            "Read: Ferry fares rise again The council voted on Monday to raise the fares.\n\n"
            "Joined by two aides, the governor signed the bill. To be sure, it may change.\n\n"
            "A correction note: the figures were wrong.")
    assert notes(text) == []


BODIES = {
    "ferry": ("Most adults in the valley now say the ferry timetable fails them, up from a "
              "third last spring. Commuters on the north shore are the least content: many "
              "describe waiting an hour for the early boat. Younger riders would pay more for "
              "a boat every twenty minutes, while pensioners want the winter service kept."),
    "tolls": ("Views of the new bridge tolls split sharply by town. In Eastmere two in three "
              "drivers call the charge unfair, while most in Oldport support it as the price "
              "of fewer lorries. Shopkeepers fear the tolls will keep weekend visitors away, "
              "and a quarter of drivers say they already take the long road round."),
    # a third page of the site, so that the corpus shows what the site repeats
    "library": ("The library will open on Sundays from next month, the trustees said. Its "
                "reading room, closed since the flood, reopens with a new roof and shelves."),
}


def _survey_page(topic: str, date: str, box: str) -> dict[str, str]:
    return {"url": f"https://lantern.example/{date}/{topic}", "date": date,
            "title": f"Views of the {topic}", "text": f"{box}\n\n{BODIES[topic]}"}


METHODS = ("How we did this For this analysis, we surveyed 2,113 adults in the valley. "
           "Everyone who took part is a member of the Lantern Institute's Civic Panel, an "
           "online panel recruited through random sampling of home addresses, so that nearly "
           "all adults in the valley have a chance of selection. The survey is weighted to "
           "be representative of the valley's adults by age, gender, education and other "
           "categories.\n\nSee the survey questions, the responses and the methodology, or "
           "download the full dataset from the Lantern data library.")


def _traced(folder: Path, box: str) -> list[dict[str, object]]:
    pages = [_survey_page("ferry", "2031-02-07", box), _survey_page("tolls", "2031-05-12", box),
             _survey_page("library", "2031-03-01", "Opening hours change.")]
    corpus = folder / "pages.jsonl"
    corpus.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    return trace([str(corpus)])["relations"]  # type: ignore[no-any-return]


def test_a_publishers_pages_sharing_only_its_notes_are_not_copies(tmp_path: Path) -> None:
    relations = _traced(tmp_path, METHODS)
    assert not {r["kind"] for r in relations} & {"duplicate", "excerpt", "partial", "rewrite"}
    # judged as if they shared no text: the box's coverage is no likeness of their stories
    assert relations  # still linked, by their topic
    for relation in relations:
        assert "publishers' own notes" in " ".join(relation["reasons"])
        assert relation["features"]["house_words"] > 60
        assert relation["features"]["narrative_words"] == 0
    # the same two pages sharing a narrative paragraph instead are a partial copy
    story = ("The council's transport committee met on Tuesday evening and heard three hours "
             "of testimony from ferry captains, bridge engineers and commuters who described "
             "delays of up to forty minutes on the morning crossing, before voting five to "
             "two to commission an independent review of both the timetable and the tolls.")
    assert [r["kind"] for r in _traced(tmp_path, story)] == ["partial"]


def test_house_words_count_verbatim_words_inside_either_sides_notes() -> None:
    from newstrace.match.pair import house_words
    from newstrace.match.verbatim import Passage
    from newstrace.model import Span
    passages = (Passage(Span(0, 40), Span(100, 140), "verbatim", 1.0, 8),
                Passage(Span(50, 90), Span(150, 190), "verbatim", 1.0, 6))
    assert house_words(passages, (Span(0, 40),), ()) == 8  # a's notes
    assert house_words(passages, (), (Span(150, 170),)) == 3  # half of b's second
    assert house_words(passages, (), ()) == 0
