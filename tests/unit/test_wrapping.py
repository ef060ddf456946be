"""Hard-wrapped text is unwrapped (``clean.wrapping``); the texts are fictional."""

from __future__ import annotations

from newstrace.clean.flattened import clean_page
from newstrace.clean.wrapping import unwrap_hard_breaks


def test_a_short_wire_item_whose_sentence_runs_on_is_unwrapped() -> None:
    item = ("Barley prices opened 2.00 dlrs lower,\ntrade sources said. Top 61.25 dlrs a "
            "tonne.\n Reuter\n")
    assert unwrap_hard_breaks(item).startswith(
        "Barley prices opened 2.00 dlrs lower, trade sources said. Top 61.25")
    # read whole, not cut to its last sentence
    assert "Barley prices opened" in clean_page(item, find_title=False).text


def test_paragraphs_one_to_a_line_are_left_alone() -> None:
    text = ("The council met on Tuesday to vote on the pier.\n"
            "Officials said it would cost four million dollars.\n"
            "Work is due to start in the spring of next year.\n")
    assert unwrap_hard_breaks(text) == text


def test_a_wire_items_table_of_figures_is_kept_with_its_note() -> None:
    item = ("Shr 21 cts vs 34 cts\n    Net 412,000 vs 765,000\n    Nine mths\n"
            "    Shr 77 cts vs 1.02 dlrs\n    NOTE: Company would not give its assets, deposits "
            "and loans\nfigures.\n Reuter\n")
    kept = clean_page(item, find_title=False).text
    assert "Net 412,000 vs 765,000" in kept and "would not give its assets" in kept, kept


def test_a_heading_over_a_paragraph_in_lower_case_is_no_wrapping() -> None:
    text = ("A heading that does not end a sentence at all\n\nupdated three hours ago.\n\n"
            "The storm came ashore on Tuesday night and flooded the streets.\n")
    assert unwrap_hard_breaks(text) == text
