"""Every engine passes the same suite: same outputs, same order, same reports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newstrace.engine import Engine, LocalEngine
from newstrace.report.json_report import dump_report
from newstrace.trace import trace


def cube(value: int) -> int:
    return value ** 3


@pytest.fixture(params=["in-process", "two-workers"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    made = LocalEngine(1) if request.param == "in-process" else LocalEngine(2, min_parallel=2)
    yield made
    made.close()


def test_map_is_ordered_and_complete(engine: Engine) -> None:
    assert list(engine.map(cube, range(300))) == [v ** 3 for v in range(300)]


def test_map_async_collects_in_order(engine: Engine) -> None:
    collect = engine.map_async(cube, list(range(100)))
    assert collect() == [v ** 3 for v in range(100)]


def test_engines_give_byte_identical_reports(engine: Engine, corpus_dir: Path) -> None:
    reference = dump_report(trace([str(corpus_dir)], engine=LocalEngine(1)))
    assert dump_report(trace([str(corpus_dir)], engine=engine)) == reference  # type: ignore[arg-type]


def test_default_engines_do_not_outlive_the_call(tmp_path: Path) -> None:
    import gc
    import multiprocessing
    import warnings

    for number in range(80):  # enough captures for a worker pool to start
        words = " ".join(f"word{number}x{k}" for k in range(40))
        (tmp_path / f"{number:03d}.txt").write_text(f"Headline {number} of the story\n\n{words}.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        report = trace([str(tmp_path)])
        gc.collect()  # a pool dropped without close() warns when it is collected
    assert report["summary"]["documents"] == 80
    assert not [w for w in caught if "multiprocessing pool" in str(w.message)]
    assert multiprocessing.active_children() == []
