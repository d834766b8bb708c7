"""Store crash safety: a writer killed with SIGKILL leaves whole batches (documents with their
facts); re-running completes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from ailedger.store import Store
from ailedger.store.schema import document_sources, documents, facts, groups
from tests.store.factories import PER_BATCH, batch

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from ailedger.store import Store
from tests.store.factories import batch
store = Store.open(sys.argv[1])
run = store.start_run(["in"], {})
for b in range(100_000):
    store.write_batch(run, batch(b))
    print(b, flush=True)
"""


def _kill_writer_mid_run(db_url: str, after: int) -> list[int]:
    """Run the writer until `after` batches are committed, SIGKILL it, return what it printed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    args = [sys.executable, "-c", WRITER, db_url]
    with subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        printed = []
        deadline = time.monotonic() + 60
        while len(printed) < after:
            line = proc.stdout.readline()
            assert line and time.monotonic() < deadline, proc.stderr.read()
            printed.append(int(line))
        time.sleep(0.02)  # well inside a later batch
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        printed += [int(line) for line in proc.stdout.read().split()]
    assert proc.returncode == -signal.SIGKILL
    return printed


def _check_integrity(store: Store, db_url: str) -> tuple[int, int]:
    """Every document has its group, its own source row and its one fact; returns (documents,
    sources)."""
    d, s, g = documents, document_sources, groups
    own_source = (s.c.doc_id == d.c.id) & (s.c.source == d.c.source)
    with store.engine.connect() as conn:
        n_docs = conn.scalar(select(func.count()).select_from(d)) or 0
        n_sources = conn.scalar(select(func.count()).select_from(s)) or 0
        grouped = select(func.count()).select_from(d.join(g, g.c.id == d.c.group_id))
        with_source = select(func.count()).select_from(d.join(s, own_source))
        assert conn.scalar(grouped) == n_docs == conn.scalar(with_source)
        with_fact = select(func.count()).select_from(d.join(facts, facts.c.document_id == d.c.id))
        assert conn.scalar(with_fact) == n_docs  # one fact each: none lost, none orphaned
        assert conn.scalar(select(func.count()).select_from(facts)) == n_docs
    if db_url.startswith("sqlite"):
        conn3 = sqlite3.connect(db_url.removeprefix("sqlite:///"))
        try:
            assert conn3.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn3.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn3.close()
    return n_docs, n_sources


def test_kill_9_mid_run_then_rerun_stores_everything_once(db_url: str) -> None:
    Store.open(db_url).close()  # the schema exists before the writer starts
    printed = _kill_writer_mid_run(db_url, after=5)
    assert printed == list(range(len(printed)))
    with Store.open(db_url) as store:
        n_docs, n_sources = _check_integrity(store, db_url)
        committed = n_docs // PER_BATCH
        assert n_docs == committed * PER_BATCH  # whole batches only
        assert committed in (len(printed), len(printed) + 1)  # the last may be unprinted
        assert n_sources == n_docs + committed - 1
        run = store.start_run(["in"], {})
        total = committed + 5
        for b in range(total):
            outcomes = store.write_batch(run, batch(b))
            expected = ["new"] * PER_BATCH + (["exact"] if b else [])
            assert outcomes == (["skipped"] * len(expected) if b < committed else expected)
        assert _check_integrity(store, db_url) == (total * PER_BATCH, total * PER_BATCH + total - 1)
        stats = store.stats()
        assert (stats.documents, stats.groups) == (total * PER_BATCH, total * PER_BATCH)
        assert stats.duplicate_sources == total - 1
