from __future__ import annotations

import pytest

from newstrace.text.segment import split_paragraphs, split_sentences
from newstrace.text.tokens import tokenize


def sentences(text: str) -> list[str]:
    return [s.slice(text) for s in split_sentences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The colony in St. Petersburg was visited. Men arrived.",
     ["The colony in St. Petersburg was visited.", "Men arrived."]),
    ("The U.S. Army said so. The U.S. The end.",
     ["The U.S. Army said so.", "The U.S.", "The end."]),
    ("The court set a date for Aug. 25 in Moscow. It was late.",
     ["The court set a date for Aug. 25 in Moscow.", "It was late."]),
    ("It cost $3.5 million, or 3.14 times more. Nobody paid.",
     ["It cost $3.5 million, or 3.14 times more.", "Nobody paid."]),
    ("He said he “couldn’t not think about it.” As Russia continued, it grew.",
     ["He said he “couldn’t not think about it.”", "As Russia continued, it grew."]),
    ("They “muddle through ... with half-measures.” “They’re going,” he said.",
     ["They “muddle through ... with half-measures.”", "“They’re going,” he said."]),
    ("Mr. Smith met Dr. Jones at 5 p.m. on Friday. Was it late? Yes!",
     ["Mr. Smith met Dr. Jones at 5 p.m. on Friday.", "Was it late?", "Yes!"]),
    # Chinese and Japanese end a sentence with no space after its full stop; a quotation
    # closed after its stop and reported by the particle "to" goes on (「...。」と述べた)
    ("首相は火曜日に発表した。防衛省も確認した！本当か？「延期する。」と述べた。",
     ["首相は火曜日に発表した。", "防衛省も確認した！", "本当か？", "「延期する。」と述べた。"]),
    ("外交部说：“我们反对。”他还说，美国应该停止。",
     ["外交部说：“我们反对。”", "他还说，美国应该停止。"]),
    ("最後の文。Mr. Smith went to Washington. He said so.",
     ["最後の文。", "Mr. Smith went to Washington.", "He said so."]),
])
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_never_cross_paragraphs() -> None:
    text = "A headline without a stop\n\nThe body starts here. It goes on."
    assert sentences(text) == ["A headline without a stop", "The body starts here.", "It goes on."]


def test_paragraphs_are_trimmed_spans() -> None:
    text = "  first line \n\n\n second para\nthird  "
    assert [p.slice(text) for p in split_paragraphs(text)] == ["first line", "second para", "third"]


def test_hard_wrapped_lines_join_when_unwrapped() -> None:
    text = ("The result is a fault.\nAbout 65\nmillion years ago two\n(tectonic) plates"
            " collided.\nA Heading\nNext paragraph, 1995.\n\nlast one")
    unwrapped = [s.slice(text) for s in split_sentences(text, unwrap=True)]
    assert unwrapped == ["The result is a fault.",
                         "About 65\nmillion years ago two\n(tectonic) plates collided.",
                         "A Heading", "Next paragraph, 1995.", "last one"]
    assert [p.slice(text) for p in split_paragraphs(text, unwrap=True)][1:3] == [
        "About 65\nmillion years ago two\n(tectonic) plates collided.", "A Heading"]
    assert "About 65" in sentences(text)  # web text: every line break is a boundary


def test_tokens_map_back_to_offsets() -> None:
    text = "He WASN’T there; ﬁne."
    tokens = tokenize(text)
    assert tokens.norm == ("he", "wasn't", "there", "fine")
    assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)] == [
        "He", "WASN’T", "there", "ﬁne"]
