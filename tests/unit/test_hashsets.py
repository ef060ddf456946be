"""Hashed sets give exactly the Dice overlaps of the sets they stand for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.index.hashsets import (
    dice,
    exact_dice,
    hashed_sets,
    joined_sets,
    set_hashes,
    sliced,
)

sets = st.lists(st.frozensets(st.sampled_from("abcdefghij"), max_size=6), min_size=2,
                max_size=6)


def expected(x: frozenset[str], y: frozenset[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0


@given(sets, sets)
@settings(deadline=None)  # timing is for benchmarks; a busy machine must not fail this
def test_dice_matches_python_sets(left: list[frozenset[str]],
                                  right: list[frozenset[str]]) -> None:
    values, present = dice(hashed_sets(left), hashed_sets(right))
    for i, x in enumerate(left):
        for j, y in enumerate(right):
            assert abs(values[i, j] - expected(x, y)) < 1e-6
            assert present[i, j] == bool(x or y)


@given(sets, sets)
@settings(deadline=None)  # timing is for benchmarks; a busy machine must not fail this
def test_merged_neighbours_are_their_unions(left: list[frozenset[str]],
                                            right: list[frozenset[str]]) -> None:
    values, _ = dice(hashed_sets(left), hashed_sets(right), merge_a=True)
    for i in range(len(left) - 1):
        for j, y in enumerate(right):
            assert abs(values[i, j] - expected(left[i] | left[i + 1], y)) < 1e-6


@given(sets, st.data())
@settings(deadline=None)
def test_a_slice_is_the_hashed_sets_of_its_sets(whole: list[frozenset[str]],
                                               data: st.DataObject) -> None:
    first = data.draw(st.integers(0, len(whole) - 1))
    last = data.draw(st.integers(first, len(whole) - 1))
    got, alone = sliced(hashed_sets(whole), first, last), hashed_sets(whole[first:last + 1])
    for mine, theirs in zip((got.items, got.owner, got.sizes, got.next_union),
                            (alone.items, alone.owner, alone.sizes, alone.next_union),
                            strict=True):
        assert mine.tolist() == theirs.tolist()


@given(sets, sets)
@settings(deadline=None)
def test_exact_dice_is_python_arithmetic_to_the_bit(left: list[frozenset[str]],
                                                    right: list[frozenset[str]]) -> None:
    # without the neighbours' unions, as the claims and transcriptions build them
    lean = [joined_sets([set_hashes(s) for s in side], unions=False) for side in (left, right)]
    for a, b in ((hashed_sets(left), hashed_sets(right)), lean):
        values = exact_dice(a, b)
        assert values.tolist() == [[expected(x, y) for y in right] for x in left]
    assert lean[0].next_union.tolist() == [0] * (len(left) - 1)
