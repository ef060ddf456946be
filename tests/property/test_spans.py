"""Property tests: every span slices exactly the text it claims, whatever the input."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.clean.flattened import clean_page
from newstrace.text.segment import split_paragraphs, split_sentences
from newstrace.text.tokens import tokenize

_ALPHABET = st.sampled_from(list("abc XYZ.,!?\n“”\"'’—$3.5 St. U.S. Aug. é"))
texts = st.lists(st.one_of(_ALPHABET, st.sampled_from(["St. ", "U.S. ", "Aug. 5", "...", "\n\n"])),
                 max_size=80).map("".join)


@given(texts)
@settings(max_examples=300, deadline=None)
def test_sentences_are_ordered_trimmed_and_inside_paragraphs(text: str) -> None:
    paragraphs = split_paragraphs(text)
    spans = split_sentences(text, paragraphs)
    for left, right in itertools.pairwise(spans):
        assert left.end <= right.start
    for span in spans:
        piece = span.slice(text)
        assert piece and piece == piece.strip()
        assert any(p.start <= span.start and span.end <= p.end for p in paragraphs)
    # Nothing but white space is lost between sentences of a paragraph.
    covered = "".join(span.slice(text) for span in spans)
    assert "".join(covered.split()) == "".join(text.split())


@given(texts)
@settings(max_examples=300, deadline=None)
def test_tokens_slice_their_source(text: str) -> None:
    tokens = tokenize(text)
    for norm, start, end in zip(tokens.norm, tokens.starts, tokens.ends, strict=True):
        assert text[start:end].strip() == text[start:end] and norm


@given(texts)
@settings(max_examples=200, deadline=None)
def test_cleaning_never_invents_words(text: str) -> None:
    cleaned = clean_page(text)
    source = set(tokenize(text).norm)
    assert set(tokenize(cleaned.text).norm) <= source


def test_the_sparse_sentence_path_is_the_full_one() -> None:
    """Aligning only the rows with a positive gain (how a long query stays fast) finds the
    very path the full dynamic programme finds, merges and ties included."""
    import numpy as np

    from newstrace.match.sentences import _path, _sparse_path

    rng = np.random.default_rng(7)
    for _ in range(600):
        n, m = int(rng.integers(1, 70)), int(rng.integers(1, 30))
        density = float(rng.choice([0.01, 0.03, 0.1, 0.5]))

        def gains(rows: int, cols: int, density: float = density) -> np.ndarray:
            hit = rng.random((rows, cols)) < density
            return np.where(hit, rng.random((rows, cols)), -rng.random((rows, cols))
                            ).astype(np.float32)

        g11, g21, g12 = gains(n, m), gains(max(n - 1, 0), m), gains(n, max(m - 1, 0))
        assert _sparse_path(g11, g21, g12) == _path(g11, g21, g12)
