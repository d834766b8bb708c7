"""Store ledger: the ledger tables on both backends — rebuilt from the stored facts, read back
as the same values, the same rows for the same facts, and each claim tied to its fact row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select

from ailedger.ledger import build_ledger
from ailedger.store import Store, read_conflicts, read_entries, read_ledger, rebuild_ledger
from ailedger.store.ledger_io import iter_claims, parents
from ailedger.store.ledger_schema import ledger_claims, ledger_conflicts, ledger_entries
from tests.store.factories import money, stored, with_facts


def _seed(store: Store) -> None:
    run = store.start_run(["in"], {})
    first = stored(
        1, text="메타가 올해 AI 인프라에 650억달러를 투자한다.", published=dt.date(2025, 1, 5)
    )
    again = stored(
        2, text="메타는 650억달러를 쓴다. 우리 돈 약 95억원이다.", published=dt.date(2025, 1, 9)
    )
    slip = stored(3, text="메타의 투자는 6500만달러다.", published=dt.date(2025, 1, 20))
    items = [
        with_facts(first, money(first)),
        with_facts(again, money(again)),
        with_facts(slip, money(slip, "6500만달러", value=Decimal(65_000_000))),
    ]
    store.write_batch(run, items)


def _rows(store: Store) -> list[tuple[object, ...]]:
    with store.engine.connect() as conn:
        e = conn.execute(select(ledger_entries).order_by(ledger_entries.c.seq)).all()
        c = conn.execute(
            select(ledger_claims).order_by(ledger_claims.c.entry_id, ledger_claims.c.seq)
        ).all()
        k = conn.execute(select(ledger_conflicts).order_by(ledger_conflicts.c.seq)).all()
    return [tuple(r) for r in (*e, *c, *k)]


def test_rebuild_stores_the_ledger_of_the_stored_facts(db_url: str) -> None:
    with Store.open(db_url) as store:
        _seed(store)
        counts = rebuild_ledger(store)
        built = build_ledger(iter_claims(store), parents())
        assert read_ledger(store) == built
        assert (counts.claims, counts.entries, counts.conflicts) == (3, 2, 1)
    big, small = sorted(built.entries, key=lambda e: -(e.value or 0))
    assert [s.role for s in big.sources] == ["first", "re-report"]
    assert (big.status, small.status) == ("current", "disputed")
    (conflict,) = built.conflicts
    assert conflict.kind == "scale_slip" and conflict.factor == Decimal("0.001")


def test_rebuilding_twice_writes_the_same_rows(db_url: str) -> None:
    with Store.open(db_url) as store:
        _seed(store)
        rebuild_ledger(store)
        first = _rows(store)
        rebuild_ledger(store)
        assert _rows(store) == first and len(first) == 2 + 3 + 1


def test_exact_amounts_and_filters(db_url: str) -> None:
    with Store.open(db_url) as store:
        _seed(store)
        rebuild_ledger(store)
        with store.engine.connect() as conn:
            value = conn.scalar(select(ledger_entries.c.value).order_by(ledger_entries.c.seq))
            n = conn.scalar(select(func.count()).select_from(ledger_claims))
        assert value == Decimal(65_000_000_000) and n == 3
        assert len(read_entries(store, actor="메타")) == 2
        assert len(read_entries(store, actor="META", status="disputed")) == 1
        assert read_entries(store, type="compute") == []
        assert [c.kind for c in read_conflicts(store, "scale_slip")] == ["scale_slip"]
        assert read_conflicts(store, "fx_rate") == []
