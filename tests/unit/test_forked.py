"""fork_start: results in order whatever the split, and a failing worker is an error here."""

from __future__ import annotations

import os

import pytest

from newstrace.engine import forked
from newstrace.engine.forked import fork_start
from newstrace.engine.packed import Packed


def square(x: int) -> int:
    return x * x


def fails_on_seven(x: int) -> int:
    if x == 7:
        raise ValueError("seven")
    return x


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_keep_the_input_order(workers: int) -> None:
    items = list(range(200))
    assert fork_start(square, items, workers)() == [x * x for x in items]


def test_results_of_many_messages_arrive_whole_and_in_order() -> None:
    """A child sends its results in parts (``forked._CHUNK`` each): none is lost or
    reordered, whatever the parts' boundaries."""
    items = list(range(5 * forked._CHUNK + 7))
    assert fork_start(square, items, 2)() == [x * x for x in items]
    assert fork_start(square, items, 3, background=True)() == [x * x for x in items]


def test_children_see_the_callers_memory_without_pickling() -> None:
    table = {i: str(i) for i in range(1000)}
    assert fork_start(lambda i: table[i], list(range(100)), 2)() == [str(i) for i in range(100)]


def parent_pid(_: int) -> int:
    return os.getppid()


def test_sent_children_come_from_the_fork_server_with_the_same_results() -> None:
    """``send``: the children are not this process's (they inherit none of its memory)
    and are sent the function with what it holds, pickled."""
    items = list(range(3 * forked._CHUNK + 5))
    assert fork_start(square, items, 2, send=True)() == [x * x for x in items]
    packed = Packed([f"record {i}" for i in range(300)])
    assert fork_start(packed.__getitem__, range(300), 2, send=True)() == list(packed)
    parents = set(fork_start(parent_pid, list(range(100)), 2, send=True)())
    assert len(parents) == 1 and os.getpid() not in parents
    with pytest.raises(RuntimeError, match="seven"):
        fork_start(fails_on_seven, list(range(100)), 2, send=True)()


def test_a_failing_worker_raises_with_its_traceback() -> None:
    with pytest.raises(RuntimeError, match="seven"):
        fork_start(fails_on_seven, list(range(100)), 2)()


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


_ORPHAN_SCRIPT = """
import os, sys, time
from newstrace.engine.forked import fork_start
from newstrace.engine.local import LocalEngine

def slow(x):
    time.sleep(60)
    return x

import threading
wait = fork_start(slow, list(range(4)), 2, min_items=1)  # two forked children at work
sent = fork_start(time.sleep, [60] * 4, 2, min_items=1, send=True)  # two from the server
results = LocalEngine(2, min_parallel=2).map(slow, range(8))  # two pool workers at work
threading.Thread(target=lambda: list(results), daemon=True).start()
time.sleep(3)

def parent_of(pid):
    try:
        return int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0

pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
family, grown = {os.getpid()}, True
while grown:  # every descendant: the fork server's children are its, not ours
    before = len(family)
    family |= {pid for pid in pids if parent_of(pid) in family}
    grown = len(family) > before
print(" ".join(str(pid) for pid in sorted(family - {os.getpid()})), flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_workers_die_with_a_killed_parent() -> None:
    import signal
    import subprocess
    import sys
    import time

    parent = subprocess.Popen([sys.executable, "-c", _ORPHAN_SCRIPT], stdout=subprocess.PIPE,
                              text=True)
    assert parent.stdout is not None
    children = [int(pid) for pid in parent.stdout.readline().split()]
    # two forked children, two pool workers, the fork server and its two children
    assert len(children) >= 7, children
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5

    def alive(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in children if alive(pid)], "workers outlived their parent"
