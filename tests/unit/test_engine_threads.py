"""The engine's processes compute on one BLAS thread each (``engine.threads``)."""

from __future__ import annotations

from threadpoolctl import threadpool_info

from newstrace.engine.forked import fork_start
from newstrace.engine.local import LocalEngine, engine_scope


def _blas_threads(_: object = None) -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_the_scope_its_pool_and_its_forked_children_use_one_blas_thread() -> None:
    with engine_scope(LocalEngine(workers=2, min_parallel=1)) as engine:
        assert set(_blas_threads()) <= {1}
        assert {n for seen in engine.map(_blas_threads, range(4)) for n in seen} <= {1}
        forked = fork_start(_blas_threads, list(range(4)), workers=2, min_items=1)()
        assert {n for seen in forked for n in seen} <= {1}
        engine.close()


def test_an_engine_block_limits_blas_and_gives_the_threads_back() -> None:
    before = _blas_threads()
    with LocalEngine(workers=1):  # ``add`` and ``query`` run in such a block
        assert set(_blas_threads()) <= {1}
    assert _blas_threads() == before
