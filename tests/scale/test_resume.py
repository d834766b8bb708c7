"""Scale resume: `ailedger ingest` killed with SIGKILL mid-run (the coordinator, or one of its
workers) loses and duplicates nothing: `--resume RUN`, or re-running the sources, ends with the
ledger, the run totals and the issues of an uninterrupted run, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from ailedger.pipeline import IngestOptions, ingest
from ailedger.store import RunRow, Store
from tests.conftest import ROOT
from tests.scale.dump import dump, run_summary

BATCH = 4
TIMEOUT_S = 180


def _start(db_url: str, *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "ailedger", "--db", db_url, "ingest", "--json", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _first_batch_committed(db_url: str, proc: subprocess.Popen[str]) -> RunRow:
    """Wait until the run has committed a batch; return its row."""
    deadline = time.monotonic() + TIMEOUT_S
    with Store.open(db_url) as store:
        while time.monotonic() < deadline:
            runs = store.runs()
            if runs and runs[0].inputs_done > 0:
                return runs[0]
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.02)
    raise AssertionError("no batch committed in time")


def _reference(url: str, corpus: Path) -> tuple[list[str], tuple[object, ...]]:
    """The uninterrupted run, in this process."""
    with Store.open(url) as store:
        report = ingest(store, [str(corpus)], IngestOptions(batch_size=BATCH))
        return dump(store), run_summary(store, report.run_id)


def _workers(proc: subprocess.Popen[str]) -> list[psutil.Process]:
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        found = [
            p for p in psutil.Process(proc.pid).children() if "ailedger.scale.worker" in p.cmdline()
        ]
        if len(found) == 2:
            return found
        time.sleep(0.02)
    raise AssertionError("the workers did not start")


def test_killed_coordinator_then_resume_ends_as_an_uninterrupted_run(
    db_url: str, other_url: str, corpus: Path
) -> None:
    proc = _start(db_url, "--workers", "2", "--batch-size", str(BATCH), str(corpus))
    workers = _workers(proc)
    killed_at = _first_batch_committed(db_url, proc)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive  # workers end with their coordinator
    expected, summary = _reference(other_url, corpus)
    with Store.open(db_url) as store:
        run = store.run(killed_at.id)
        assert run is not None and run.status == "running"
        total = summary[2]
        assert isinstance(total, int) and 0 < run.inputs_done < total  # killed mid-run
        assert len(dump(store)) < len(expected)
    resumed = _start(db_url, "--resume", killed_at.id[:8], "--workers", "2")
    out, err = resumed.communicate(timeout=TIMEOUT_S)
    assert resumed.returncode in (0, 1), err
    assert json.loads(out)["run"] == killed_at.id
    with Store.open(db_url) as store:
        assert dump(store) == expected
        assert run_summary(store, killed_at.id) == summary


def test_killed_coordinator_then_rerun_ends_with_the_same_ledger(
    db_url: str, other_url: str, corpus: Path
) -> None:
    proc = _start(db_url, "--batch-size", str(BATCH), str(corpus))
    _first_batch_committed(db_url, proc)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    expected, _ = _reference(other_url, corpus)
    with Store.open(db_url) as store:
        ingest(store, [str(corpus)], IngestOptions(batch_size=BATCH))
        assert dump(store) == expected


def test_a_worker_killed_mid_run_loses_nothing(db_url: str, other_url: str, corpus: Path) -> None:
    proc = _start(db_url, "--workers", "2", "--batch-size", str(BATCH), str(corpus))
    victim = _workers(proc)[0]
    _first_batch_committed(db_url, proc)
    victim.send_signal(signal.SIGKILL)
    victim.wait(10)
    out, err = proc.communicate(timeout=TIMEOUT_S)
    assert proc.returncode in (0, 1), err
    report = json.loads(out)
    assert "WorkerCrash" not in {i["kind"] for i in report["issues"]}
    expected, summary = _reference(other_url, corpus)
    with Store.open(db_url) as store:
        assert dump(store) == expected
        assert run_summary(store, report["run"]) == summary
