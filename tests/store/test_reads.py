"""Store reads: filters, lookups by id/name/prefix, stats and the dedup stream."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest

from ailedger.errors import StoreError
from ailedger.model import Format
from ailedger.store import DedupRow, DocumentRow, Store
from tests.store.factories import stored


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A store holding four documents: two dated in 2025, one in 2024, one undated."""
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        store.write_batch(run, ITEMS)
        yield store


ITEMS = [
    stored(1, published=dt.date(2024, 5, 1), url="https://news.example/ai/1"),
    stored(2, published=dt.date(2025, 2, 1), text="점유율 50%_달성 기사 본문"),
    stored(3, published=None, lang="en", text="Microsoft plans $80 billion.", fmt=Format.HTML),
    stored(4, published=dt.date(2025, 2, 1), kind="near", group="doc00001"),
]


def ids(rows: list[DocumentRow]) -> list[str]:
    return [r.id for r in rows]


def test_order_is_newest_first_undated_last_then_name(store: Store) -> None:
    assert ids(store.documents()) == ["doc00002", "doc00004", "doc00001", "doc00003"]
    assert ids(store.documents(limit=2, offset=1)) == ["doc00004", "doc00001"]
    assert store.documents(limit=0) == []
    with pytest.raises(StoreError):
        store.documents(limit=-1)


def test_date_language_and_canonical_filters(store: Store) -> None:
    assert ids(store.documents(since=dt.date(2025, 1, 1))) == ["doc00002", "doc00004"]
    assert ids(store.documents(until=dt.date(2024, 12, 31))) == ["doc00001"]
    feb = dt.date(2025, 2, 1)
    assert ids(store.documents(since=feb, until=feb)) == ["doc00002", "doc00004"]
    assert ids(store.documents(lang="en")) == ["doc00003"]
    assert ids(store.documents(canonical_only=True)) == ["doc00002", "doc00001", "doc00003"]
    assert ids(store.documents(lang="en", since=feb)) == []


def test_source_and_text_filters_are_literal_substrings(store: Store) -> None:
    assert ids(store.documents(source="in/3")) == ["doc00003"]
    assert ids(store.documents(source="news.example/ai")) == ["doc00001"]  # the URL
    assert ids(store.documents(text="50%_")) == ["doc00002"]
    assert store.documents(text="5_%") == [] and store.documents(text="0%달") == []
    assert store.documents(source="in_3") == []
    assert ids(store.documents(text="microsoft PLANS")) == ["doc00003"]  # any case
    assert ids(store.documents(text="제목 3")) == ["doc00003"]  # the title
    assert store.documents(text="' OR 1=1 --") == []


def test_lookup_by_id_name_and_prefix(store: Store) -> None:
    store.write_batch(store.start_run(["more"], {}), [stored(12345)])
    by_id, by_name, by_prefix = (
        store.document("doc00002"),
        store.document("a2"),
        store.document("doc123"),
    )
    assert by_id is not None and by_name is not None and by_id == by_name
    assert by_prefix is not None and by_prefix.id == "doc12345"
    assert store.document("zzzzzzz") is None
    assert store.document("doc00") is None  # a prefix needs 6 characters
    with pytest.raises(StoreError, match="doc0000"):
        store.document("doc0000")


def test_an_ambiguous_name_is_an_error(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        two = stored(2)
        raw = replace(two.document.raw, name="a1")  # two files with the same stem
        two = replace(two, document=replace(two.document, raw=raw))
        store.write_batch(run, [stored(1), two])
        with pytest.raises(StoreError, match="a1"):
            store.document("a1")
        assert store.document("doc00002") is not None


def test_stats_count_everything(store: Store) -> None:
    run = store.start_run(["again"], {})
    store.write_batch(run, [stored(9, kind="exact", duplicate_of="doc00002", source="m/2")])
    stats = store.stats()
    assert (stats.documents, stats.groups, stats.sources) == (4, 3, 5)
    assert (stats.duplicate_sources, stats.near_duplicates) == (1, 1)
    assert (stats.runs, stats.issues) == (2, 0)
    assert stats.by_lang == {"en": 1, "ko": 3}
    assert stats.by_fmt == {"html": 1, "text": 3}
    assert (stats.earliest, stats.latest) == (dt.date(2024, 5, 1), dt.date(2025, 2, 1))
    assert stats.raw_bytes == sum(len(i.document.raw.raw_bytes) for i in ITEMS)


def test_empty_store_stats(db_url: str) -> None:
    with Store.open(db_url) as store:
        stats = store.stats()
        assert (stats.documents, stats.sources, stats.raw_bytes) == (0, 0, 0)
        assert (stats.earliest, stats.latest, stats.by_lang) == (None, None, {})
        assert list(store.dedup_rows()) == []


def test_dedup_rows_stream_every_document(store: Store) -> None:
    rows = list(store.dedup_rows())
    assert [r.doc_id for r in rows] == ["doc00001", "doc00002", "doc00003", "doc00004"]
    near = rows[3]
    assert near == DedupRow(
        "doc00004",
        "doc00001",
        "doc00001",
        stored(4).document.content_hash,
        b"\x00" * 512,
        len(stored(4).document.text),
        dt.date(2025, 2, 1),
    )
    assert isinstance(near.signature, bytes)
