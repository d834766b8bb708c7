"""Store facts: exact round trips on both backends, filters, stats, idempotence, and batches
whose facts fail to write leave nothing behind."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from ailedger.errors import StoreError
from ailedger.facts.model import Fact
from ailedger.facts.serialize import fact_json
from ailedger.store import Store
from ailedger.store import store as store_module
from ailedger.store.fact_columns import fact_columns, payload
from ailedger.store.schema import document_sources, documents, facts, raw_inputs
from tests.store.factories import META, SAMSUNG, money, other, stored, with_facts

NINE_THOUSAND_JO = Decimal(9_000_000_000_000_000)  # 9천조원: past 2**53, exact or wrong
FINE = Decimal("123456789012345678901234567890.123456789")  # past any float and int64


def _count(store: Store, table: Any) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def test_amounts_round_trip_exactly(db_url: str) -> None:
    item = stored(1, text="정부는 9000조원 규모의 예산 중 일부를 AI 인프라에 쓴다.")
    point = money(item, "9000조원", value=NINE_THOUSAND_JO, currency="KRW", actor=None,
                  usd=FINE, krw=NINE_THOUSAND_JO, kind="budget")  # fmt: skip
    ranged = money(item, "AI 인프라", value=None, low=Decimal("0.1"), high=FINE, usd=Decimal(1))
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        assert store.write_batch(run, [with_facts(item, point, ranged)]) == ["new"]
        first, second = store.facts()
    assert (first.value, first.currency, first.usd, first.krw) == (
        NINE_THOUSAND_JO, "KRW", FINE, NINE_THOUSAND_JO
    )  # fmt: skip
    assert str(first.value) == "9000000000000000" and str(first.usd) == str(FINE)
    assert (first.min, first.max, first.approx) == (None, None, False)
    assert (second.value, second.min, second.max, second.approx) == (
        None, Decimal("0.1"), FINE, True
    )  # fmt: skip
    assert str(second.max) == str(FINE) and second.usd == 1 and second.krw is None
    assert first.payload == payload(point)  # the JSON text as extract prints it, unchanged
    assert json.loads(first.payload) == fact_json(point)
    assert json.loads(first.payload)["amount"]["value"] == 9_000_000_000_000_000
    assert (first.type, first.kind, first.year, first.period, first.seq) == (
        "money", "budget", 2025, "2025", 0
    )  # fmt: skip
    assert item.document.text[first.evidence_start : first.evidence_end] == first.span
    assert (first.rule, first.confidence, first.run_id) == ("money.test", 0.9, run)
    assert (first.document_id, first.document_name) == ("doc00001", "a1")


def test_every_fact_type_round_trips_its_payload(db_url: str) -> None:
    item = stored(1)
    made = (money(item), *(other(item, k) for k in ("compute", "partnership", "launch", "ranking")))
    with Store.open(db_url) as store:
        store.write_batch(store.start_run(["in"], {}), [with_facts(item, *made)])
        rows = store.facts()
    assert [r.payload for r in rows] == [payload(f) for f in made]
    assert [r.seq for r in rows] == [0, 1, 2, 3, 4]
    compute = rows[1]
    assert (compute.actor_id, compute.unit, compute.value, compute.currency) == (
        "nvidia", "gpu", Decimal(1_300_000), None
    )  # fmt: skip
    assert (rows[2].actor_id, rows[2].kind, rows[2].value) == (None, None, None)


@pytest.fixture
def filled(db_url: str) -> Store:
    """Three documents: two of Meta (2025, 2024), one of Samsung; one partnership."""
    a, b, c = stored(1), stored(2), stored(3)
    with Store.open(db_url) as store:
        store.write_batch(
            store.start_run(["in"], {}),
            [
                with_facts(a, money(a), other(a, "partnership")),
                with_facts(b, money(b, kind="funding", year=2024)),
                with_facts(c, money(c, actor=SAMSUNG, kind="investment", year=2025)),
            ],
        )
    return Store.open(db_url)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [("doc00001", 0), ("doc00001", 1), ("doc00002", 0), ("doc00003", 0)]),
        ({"type": "partnership"}, [("doc00001", 1)]),
        ({"type": "money", "actor": "meta"}, [("doc00001", 0), ("doc00002", 0)]),
        ({"actor": "META"}, [("doc00001", 0), ("doc00002", 0)]),
        ({"actor": "Samsung Electronics"}, [("doc00003", 0)]),
        ({"actor": "samsung electronics"}, [("doc00003", 0)]),
        ({"actor": "삼성전자"}, [("doc00003", 0)]),
        ({"actor": "samsung"}, []),  # a whole id or name, not a part of one
        ({"kind": "funding"}, [("doc00002", 0)]),
        ({"year": 2025, "type": "money"}, [("doc00001", 0), ("doc00003", 0)]),
        ({"doc": "doc00003"}, [("doc00003", 0)]),
        ({"doc": "a2"}, [("doc00002", 0)]),
        ({"limit": 2, "offset": 1}, [("doc00001", 1), ("doc00002", 0)]),
        ({"actor": "x' OR '1'='1"}, []),
        ({"doc": "%"}, []),
    ],
)
def test_filters(filled: Store, filters: dict[str, Any], expected: list[tuple[str, int]]) -> None:
    with filled:
        assert [(r.document_id, r.seq) for r in filled.facts(**filters)] == expected


def test_bad_page_is_a_store_error(filled: Store) -> None:
    with filled, pytest.raises(StoreError):
        filled.facts(limit=-1)


def test_stats_count_facts_per_type(filled: Store) -> None:
    with filled:
        stats = filled.stats()
    assert stats.facts == 4
    assert stats.facts_by_type == {"money": 3, "partnership": 1}


def test_stored_documents_get_no_new_facts(db_url: str) -> None:
    item = with_facts(stored(1), money(stored(1)))
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        assert store.write_batch(run, [item]) == ["new"]
        again = with_facts(stored(1, source="elsewhere.txt"), money(stored(1)), money(stored(1)))
        assert store.write_batch(run, [item, again]) == ["skipped", "exact"]
        assert [(r.document_id, r.seq) for r in store.facts()] == [("doc00001", 0)]
        assert store.stats().facts == 1


def test_exact_duplicate_with_facts_is_refused(db_url: str) -> None:
    dup = stored(2, kind="exact", duplicate_of="doc00001", source="m/1")
    with Store.open(db_url) as store, pytest.raises(StoreError, match="exact duplicate"):
        store.write_batch(store.start_run(["in"], {}), [with_facts(dup, money(dup))])


def test_a_fact_of_another_document_is_refused(db_url: str) -> None:
    with Store.open(db_url) as store, pytest.raises(StoreError, match="doc00002"):
        store.write_batch(store.start_run(["in"], {}), [with_facts(stored(1), money(stored(2)))])
    with Store.open(db_url) as store:
        assert store.count_documents() == 0


LAST = "doc00004"  # the last document of the batch that fails


def _orphan_last_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the batch's last fact point at a document that does not exist: the database refuses
    it (foreign key) after the batch's documents were inserted in the same transaction."""

    def columns(fact: Fact, seq: int, run_id: str) -> dict[str, Any]:
        row = fact_columns(fact, seq, run_id)
        return row | {"document_id": "nosuchdoc"} if fact.doc == LAST else row

    monkeypatch.setattr(store_module, "fact_columns", columns)


def _unwritable_amount(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give the batch's last fact an amount no column can hold (NaN)."""

    def columns(fact: Fact, seq: int, run_id: str) -> dict[str, Any]:
        row = fact_columns(fact, seq, run_id)
        return row | {"usd": Decimal("NaN")} if fact.doc == LAST else row

    monkeypatch.setattr(store_module, "fact_columns", columns)


@pytest.mark.parametrize("breaker", [_orphan_last_fact, _unwritable_amount])
def test_a_fact_that_fails_to_write_takes_its_whole_batch_with_it(
    db_url: str, monkeypatch: pytest.MonkeyPatch, breaker: Any
) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
        first = [with_facts(stored(n), money(stored(n))) for n in (1, 2)]
        assert store.write_batch(run, first) == ["new", "new"]
        breaker(monkeypatch)
        second = [with_facts(stored(n), money(stored(n))) for n in (3, 4)]
        with pytest.raises(StoreError) as info:
            store.write_batch(run, second)
        assert "\n" not in str(info.value)
        monkeypatch.undo()
        assert [d.id for d in store.documents()] == ["doc00001", "doc00002"]
        assert _count(store, documents) == 2 and _count(store, facts) == 2
        assert _count(store, document_sources) == 2 and _count(store, raw_inputs) == 2
        assert store.write_batch(run, second) == ["new", "new"]  # nothing half-written blocks it
        assert [r.document_id for r in store.facts(actor=META.id)] == [
            "doc00001", "doc00002", "doc00003", "doc00004"
        ]  # fmt: skip
