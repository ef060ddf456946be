"""fork_map: results in order whatever the split, and a failing worker is an error here."""

from __future__ import annotations

import os

import pytest

from newstrace.engine.forked import fork_map, fork_start


def square(x: int) -> int:
    return x * x


def fails_on_seven(x: int) -> int:
    if x == 7:
        raise ValueError("seven")
    return x


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_keep_the_input_order(workers: int) -> None:
    items = list(range(200))
    assert fork_map(square, items, workers) == [x * x for x in items]


def test_children_see_the_callers_memory_without_pickling() -> None:
    table = {i: str(i) for i in range(1000)}
    assert fork_map(lambda i: table[i], list(range(100)), 2) == [str(i) for i in range(100)]


def test_a_failing_worker_raises_with_its_traceback() -> None:
    with pytest.raises(RuntimeError, match="seven"):
        fork_map(fails_on_seven, list(range(100)), 2)


def test_start_then_collect_lets_the_caller_work_meanwhile() -> None:
    collect = fork_start(square, list(range(100)), 2)
    assert sum(range(10)) == 45
    assert collect() == [x * x for x in range(100)]


def niceness(_: int) -> int:
    return os.nice(0)


def test_background_children_run_at_a_lower_priority_with_the_same_results() -> None:
    mine = os.nice(0)
    assert set(fork_start(niceness, list(range(100)), 2, background=True)()) == {
        min(19, mine + 10)}
    assert set(fork_start(niceness, list(range(100)), 2)()) == {mine}
    assert os.nice(0) == mine  # the caller's own priority is left alone
    assert fork_start(square, list(range(100)), 2, background=True)() == [
        x * x for x in range(100)]
