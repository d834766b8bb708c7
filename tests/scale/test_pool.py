"""Scale pool: a worker that dies is replaced and its task sent again; a task that kills
workers twice is quarantined as a WorkerCrash and the others go on; workers load their models
once and use one Kiwi thread each."""

from __future__ import annotations

from pathlib import Path

import psutil

from ailedger.scale.pool import LocalPool
from ailedger.scale.tasks import Failure
from tests.scale.poison import die_the_first_time, shout_unless_poison


def test_a_task_that_kills_its_worker_twice_is_quarantined(pool: LocalPool) -> None:
    before = set(pool.pids())
    handles = [pool.submit(shout_unless_poison, t, f"in/{t}") for t in ("a", "poison", "b", "c")]
    a, poison, b, c = (h.result() for h in handles)
    assert (a, b, c) == ("A", "B", "C")
    assert isinstance(poison, Failure)
    issue = poison.issue
    assert (issue.source, issue.kind, issue.stage) == ("in/poison", "WorkerCrash", "worker")
    assert (
        issue.message == "in/poison: a worker died on this input 2 times (killed by signal SIGKILL)"
    )
    after = set(pool.pids())
    assert len(after) == 2 and after != before  # the dead workers were replaced
    assert all(not psutil.pid_exists(p) or psutil.Process(p).status() == "zombie"
               for p in before - after)  # fmt: skip


def test_a_worker_killed_once_is_replaced_and_its_task_succeeds(
    pool: LocalPool, tmp_path: Path
) -> None:
    marker = tmp_path / "died"
    assert pool.submit(die_the_first_time, str(marker), "in/x").result() == "survived"
    assert marker.exists() and len(pool.pids()) == 2


def test_workers_are_fresh_interpreters_with_one_kiwi_thread(pool: LocalPool) -> None:
    for pid in pool.pids():
        proc = psutil.Process(pid)
        assert proc.cmdline()[1:3] == ["-m", "ailedger.scale.worker"]
        assert proc.environ()["AILEDGER_KIWI_THREADS"] == "1"
        assert proc.memory_info().rss > 100 * 2**20  # the Kiwi model is loaded already
