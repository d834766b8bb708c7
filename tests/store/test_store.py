"""Store: migrations, idempotent batched writes, reads and filters — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace

import pytest
from sqlalchemy import inspect

from ailedger.errors import StoreError
from ailedger.model import IngestIssue, RemovedBlock, RunCounts
from ailedger.store import Store
from ailedger.store.migrate import current_revision, head_revision
from tests.store.factories import stored

TABLES = {
    "runs",
    "run_issues",
    "raw_inputs",
    "groups",
    "documents",
    "document_sources",
    "removed_blocks",
    "alembic_version",
}


def test_schema_is_created_once(db_url: str) -> None:
    with Store.open(db_url) as store:
        assert set(inspect(store.engine).get_table_names()) >= TABLES
        with store.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
    with Store.open(db_url) as store:  # opening an up-to-date database migrates nothing
        assert store.count_documents() == 0


@pytest.mark.parametrize(
    "url", ["postgresql+psycopg://nobody@127.0.0.1:9/none", "mysql://x@localhost/db", "::bad::"]
)
def test_unreachable_database_is_one_line(url: str) -> None:
    with pytest.raises(StoreError) as info:
        Store.open(url) if url != "::bad::" else Store.open("sqlite:///" + "/no/such/dir/x.db")
    assert "\n" not in str(info.value)


def test_password_is_masked() -> None:
    with pytest.raises(StoreError) as info:
        Store.open("postgresql+psycopg://me:secret@127.0.0.1:9/x")
    assert "secret" not in str(info.value)


def test_write_read_round_trip(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {"threshold": 0.7})
        items = [stored(n) for n in range(3)]
        assert store.write_batch(run, items) == ["new", "new", "new"]
        row = store.document("doc00001")
        assert row is not None and row.offsets == items[1].document.offsets
        assert row.text == items[1].document.text and row.raw_text == items[1].document.raw.text
        assert row.group_size == 1 and row.is_canonical
        assert store.raw_input(items[1].document.raw.raw_sha256) == items[1].document.raw.raw_bytes
        assert [b.rule for b in store.removed_blocks("doc00001")] == ["comments"]
        assert [s.source for s in store.sources("doc00001")] == ["in/1.txt"]
        store.record_issues(run, [IngestIssue("in/bad.bin", "BinaryInputError", "in/bad.bin: x")])
        store.finish_run(run, RunCounts(read=4, stored=3, errors=1))
        (latest,) = store.runs()
        assert latest.status == "done" and latest.counts.stored == 3 and latest.issues == 1
        assert store.run_issues(run)[0].kind == "BinaryInputError"


def test_same_batch_twice_adds_nothing(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        batch = [stored(n) for n in range(5)]
        store.write_batch(run, batch)
        before = store.stats()
        assert store.write_batch(run, batch) == ["skipped"] * 5
        assert store.stats() == before


def test_exact_and_near_duplicates(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        first = stored(1)
        exact = stored(
            2, kind="exact", group="doc00001", duplicate_of="doc00001", source="mirror/1.txt"
        )
        near = stored(3, kind="near", group="doc00001", canonical="doc00003")
        assert store.write_batch(run, [first, exact, near]) == ["new", "exact", "near"]
        assert store.write_batch(run, [exact]) == ["skipped"]
        assert store.document("doc00002") is None
        assert [s.source for s in store.sources("doc00001")] == ["in/1.txt", "mirror/1.txt"]
        row = store.document("doc00001")
        assert row is not None and row.canonical_id == "doc00003" and row.group_size == 3
        stats = store.stats()
        assert (stats.documents, stats.groups, stats.sources) == (2, 1, 3)
        assert stats.duplicate_sources == 1 and stats.near_duplicates == 1
        canonical = store.documents(canonical_only=True)
        assert [d.id for d in canonical] == ["doc00003"]


def test_filters_and_lookup(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        items = [
            stored(1, published=dt.date(2024, 5, 1)),
            stored(2, published=dt.date(2025, 2, 1), text="점유율 50%_달성 기사 본문"),
            stored(3, published=None, lang="en", text="Microsoft plans $80 billion."),
        ]
        store.write_batch(run, items)
        assert [d.id for d in store.documents()] == ["doc00002", "doc00001", "doc00003"]
        assert [d.id for d in store.documents(since=dt.date(2025, 1, 1))] == ["doc00002"]
        assert [d.id for d in store.documents(until=dt.date(2024, 12, 31))] == ["doc00001"]
        assert [d.id for d in store.documents(text="50%_")] == ["doc00002"]
        assert store.documents(text="5_%") == []  # % and _ are literal characters
        assert [d.id for d in store.documents(lang="en")] == ["doc00003"]
        assert [d.id for d in store.documents(source="in/3")] == ["doc00003"]
        assert len(store.documents(limit=1, offset=1)) == 1
        assert store.document("a2") is not None and store.document("zzzzzzz") is None
        assert store.document("doc00003") is not None and store.document("doc00") is None
        with pytest.raises(StoreError, match="ambiguous"):
            store.document("doc0000")
        assert store.stats().earliest == dt.date(2024, 5, 1)


def test_a_failing_batch_leaves_nothing_behind(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        good = [stored(n) for n in range(4)]
        bad_block = RemovedBlock(0, 1, "comments", None)  # type: ignore[arg-type]
        bad_doc = replace(good[2].document, removed=(bad_block,))  # NOT NULL violated
        broken = [*good[:2], replace(good[2], document=bad_doc), good[3]]
        with pytest.raises(StoreError) as info:
            store.write_batch(run, broken)
        assert "\n" not in str(info.value)
        assert store.stats().documents == 0 and store.stats().sources == 0
        assert store.write_batch(run, good) == ["new"] * 4
        assert store.stats().documents == 4


WRITER = """
import sys
from ailedger.store import Store
from tests.store.factories import stored
store = Store.open(sys.argv[1])
run = store.start_run(["in"], {})
for b in range(10_000):
    store.write_batch(run, [stored(b * 20 + i) for i in range(20)])
    print(b, flush=True)
"""


def test_kill_9_mid_run_then_rerun_stores_everything_once(db_url: str) -> None:
    args = [sys.executable, "-c", WRITER, db_url]
    with subprocess.Popen(args, stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        for _ in range(5):  # let a few batches commit, then kill in the middle of later ones
            proc.stdout.readline()
        time.sleep(0.05)
        proc.kill()
        proc.wait()
    with Store.open(db_url) as store:
        done = store.count_documents()
        assert done % 20 == 0 and done >= 100  # whole batches only
        for doc in store.documents(limit=done):
            assert [s.doc_id for s in store.sources(doc.id)] == [doc.id]
        if db_url.startswith("sqlite"):
            conn = sqlite3.connect(db_url.removeprefix("sqlite:///"))
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            conn.close()
        run = store.start_run(["in"], {})
        total = done + 200
        for b in range(total // 20):
            store.write_batch(run, [stored(b * 20 + i) for i in range(20)])
        stats = store.stats()
        assert stats.documents == total == stats.sources == stats.groups


def test_migrations_match_the_schema_module(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from ailedger.store.schema import metadata

    with Store.open(db_url) as store, store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
