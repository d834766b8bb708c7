"""Store writes: batches are all-or-nothing and idempotent; runs and their issues round-trip."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ailedger.errors import StoreError
from ailedger.model import IngestIssue, RemovedBlock, RunCounts
from ailedger.store import Store
from ailedger.store.schema import groups, raw_inputs
from tests.store.factories import stored


def test_new_documents_round_trip(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {"threshold": 0.7})
        items = [stored(n, url=f"https://news.example/{n}") for n in range(3)]
        assert store.write_batch(run, items) == ["new", "new", "new"]
        doc = items[1].document
        row = store.document("doc00001")
        assert row is not None
        assert row.offsets == doc.offsets and row.offsets.to_raw(0) == doc.offsets.to_raw(0)
        assert (row.text, row.raw_text, row.title) == (doc.text, doc.raw.text, doc.title)
        assert (row.name, row.source, row.url) == ("a1", "in/1.txt", "https://news.example/1")
        assert (row.published, row.published_from) == (dt.date(2025, 1, 1), "text:ko_ymd")
        assert (row.lang, row.fmt, row.encoding) == ("ko", "text", "utf-8")
        assert row.content_hash == doc.content_hash and row.n_chars == len(doc.text)
        assert row.group_size == 1 and row.is_canonical and row.run_id == run
        assert row.ingested_at.tzinfo is not None
        assert store.raw_input(doc.raw.raw_sha256) == doc.raw.raw_bytes
        assert store.raw_input("0" * 64) is None
        assert store.removed_blocks("doc00001") == list(doc.removed)
        (source,) = store.sources("doc00001")
        assert (source.source, source.url, source.name, source.run_id) == (
            "in/1.txt",
            "https://news.example/1",
            "a1",
            run,
        )


def test_same_batch_twice_adds_nothing(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        batch = [stored(n) for n in range(5)]
        batch.append(stored(9, kind="exact", duplicate_of="doc00000", source="mirror/0.txt"))
        assert store.write_batch(run, batch) == ["new"] * 5 + ["exact"]
        before = store.stats()
        assert store.write_batch(run, batch) == ["skipped"] * 6
        assert store.stats() == before


def test_exact_duplicate_adds_only_a_source(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        store.write_batch(run, [stored(1)])
        exact = stored(2, kind="exact", group="doc00001", duplicate_of="doc00001", source="m/1")
        assert store.write_batch(run, [exact]) == ["exact"]
        assert store.write_batch(run, [exact]) == ["skipped"]
        assert store.document("doc00002") is None
        assert store.raw_input(exact.document.raw.raw_sha256) is None
        assert [s.source for s in store.sources("doc00001")] == ["in/1.txt", "m/1"]
        stats = store.stats()
        assert (stats.documents, stats.groups, stats.sources, stats.duplicate_sources) == (
            1,
            1,
            2,
            1,
        )


def test_a_stored_document_from_another_input_is_an_exact_source(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        store.write_batch(run, [stored(1)])
        again = stored(1, source="https://other.example/1")  # same id, another input
        assert store.write_batch(run, [again, again]) == ["exact", "skipped"]
        assert store.count_documents() == 1
        assert len(store.sources("doc00001")) == 2


def test_near_duplicates_join_the_group_and_move_the_canonical(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        near = stored(3, kind="near", group="doc00001", canonical="doc00003")
        assert store.write_batch(run, [stored(1), near]) == ["new", "near"]
        row = store.document("doc00001")
        assert row is not None and row.canonical_id == "doc00003" and not row.is_canonical
        later = stored(4, kind="near", group="doc00001", canonical="doc00004")
        assert store.write_batch(run, [later]) == ["near"]  # the group is stored: updated
        assert [d.id for d in store.documents(canonical_only=True)] == ["doc00004"]
        assert {d.group_size for d in store.documents()} == {3}
        assert store.stats().near_duplicates == 2 and store.stats().groups == 1
        with store.engine.connect() as conn:
            assert conn.scalar(select(groups.c.created_run)) == run


def test_shared_raw_input_is_stored_once(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        one, two = stored(1), stored(2)
        two = replace(two, document=replace(two.document, raw=one.document.raw, id="doc00002"))
        assert store.write_batch(run, [one, two]) == ["new", "new"]
        with store.engine.connect() as conn:
            assert conn.scalar(select(func.count()).select_from(raw_inputs)) == 1
        assert store.stats().raw_bytes == len(one.document.raw.raw_bytes)


def _empty(store: Store) -> bool:
    stats = store.stats()
    return (stats.documents, stats.groups, stats.sources, stats.raw_bytes) == (0, 0, 0, 0)


def test_a_batch_failing_on_a_bad_value_leaves_nothing(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        good = [stored(n) for n in range(4)]
        bad_block = RemovedBlock(0, 1, "comments", None)  # type: ignore[arg-type]
        bad_doc = replace(good[2].document, removed=(bad_block,))  # NOT NULL violated
        broken = [*good[:2], replace(good[2], document=bad_doc), good[3]]
        with pytest.raises(StoreError) as info:
            store.write_batch(run, broken)
        assert "\n" not in str(info.value)
        assert _empty(store) and store.removed_blocks("doc00000") == []
        assert store.write_batch(run, good) == ["new"] * 4
        assert store.stats().documents == 4 == store.stats().sources


def test_a_batch_failing_on_a_foreign_key_leaves_nothing(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        good = [stored(n) for n in range(3)]
        orphan = stored(7, kind="exact", duplicate_of="doc09999", source="m/7")  # not stored
        with pytest.raises(StoreError):
            store.write_batch(run, [*good, orphan])
        assert _empty(store)
        fixed = replace(orphan, dedup=replace(orphan.dedup, duplicate_of="doc00002"))
        assert store.write_batch(run, [*good, fixed]) == ["new", "new", "new", "exact"]
        assert store.write_batch(run, [*good, fixed]) == ["skipped"] * 4
        assert (store.stats().documents, store.stats().sources) == (3, 4)


def test_inconsistent_items_are_refused_before_writing(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        no_target = stored(1, kind="exact")
        no_target = replace(no_target, dedup=replace(no_target.dedup, duplicate_of=None))
        with pytest.raises(StoreError, match="duplicate_of"):
            store.write_batch(run, [stored(2), no_target])
        assert _empty(store) and store.write_batch(run, []) == []


def test_runs_and_issues_round_trip(db_url: str) -> None:
    with Store.open(db_url) as store:
        first = store.start_run(["a"], {"dir": Path("/x"), "threshold": 0.7})
        run = store.start_run(["in/", "https://news.example/feed"], {})
        issues = [
            IngestIssue("in/bad.bin", "BinaryInputError", "in/bad.bin: not text"),
            IngestIssue("in/empty.txt", "EmptyInputError", "in/empty.txt: empty"),
        ]
        store.record_issues(run, issues)
        store.finish_run(run, RunCounts(read=4, stored=2, errors=2, bytes=3_000_000_000))
        latest, older = store.runs()
        assert (latest.id, older.id) == (run, first)
        assert latest.status == "done" and latest.finished_at is not None
        assert latest.sources == ("in/", "https://news.example/feed") and latest.issues == 2
        assert latest.counts == RunCounts(read=4, stored=2, errors=2, bytes=3_000_000_000)
        assert (older.status, older.finished_at, older.issues) == ("running", None, 0)
        assert store.run_issues(run) == issues and store.run_issues(first) == []
        assert store.stats().runs == 2 and store.stats().issues == 2
        store.finish_run(first, RunCounts(), "interrupted")
        assert store.runs()[1].status == "interrupted"
        with pytest.raises(StoreError):
            store.finish_run(first, RunCounts(), "exploded")
        with pytest.raises(StoreError, match="no such run"):
            store.finish_run("f" * 32, RunCounts())
