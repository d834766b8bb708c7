"""Store search (migration 0005): the full-text index finds exactly what a LIKE scan finds, on
SQLite (FTS5 trigrams kept by triggers) and PostgreSQL (pg_trgm), through ingest, re-ingest,
deletes and updates, and after migrating a database that already holds facts."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from sqlalchemy import delete, func, inspect, select, text, update

from ailedger.store import Store
from ailedger.store import ledger_schema as lt
from ailedger.store import schema as t
from ailedger.store.connect import create, resolve_url
from ailedger.store.migrate import downgrade, upgrade
from ailedger.store.search import FTS_TABLE, TRGM_INDEX, is_index_object, payload_contains
from tests.store.factories import NVIDIA, SAMSUNG, money, stored, with_facts

TEXTS = (
    "메타가 올해 AI 인프라에 650억달러를 투자한다.",
    "삼성전자는 평택 데이터센터에 2조원을 들여 GPU 1만 장을 확보한다.",
    'Nvidia said "100% of" its_campus \\ plan costs $5 billion.',
    "엔비디아는 데이터센터 건설에 800억달러를 투입한다고 밝혔다.",
)
SPANS = ("650억달러", "2조원", "$5 billion", "800억달러")
ABSENT = ("없는말", "zzq", "%", "_", "\\", '"', "억%", "데이터 센터", "x" * 40, "a\nb")
SYNTAX = ('": "', "NOT", "a*", "(Nvidia)", "^엔비", "said OR", "100%", "its_c", "NEAR(")


def _facts(n: int) -> list:  # type: ignore[type-arg]
    """Document n with one money fact (actors alternate so payloads differ)."""
    item = stored(n, text=TEXTS[n % len(TEXTS)] + f" ({n}번째)")
    actor = (SAMSUNG, NVIDIA, None)[n % 3]
    return [with_facts(item, money(item, SPANS[n % len(SPANS)], actor=actor))]


def _write(store: Store, first: int, last: int) -> None:
    run = store.start_run(["in"], {})
    for n in range(first, last):
        store.write_batch(run, _facts(n))


def _found(store: Store, needle: str) -> set[int]:
    stmt = select(t.facts.c.id).where(payload_contains(store.engine.dialect.name, needle))
    with store.engine.connect() as conn:
        return set(conn.scalars(stmt))


def _scanned(store: Store, needle: str) -> set[int]:
    """The answer without any index: every payload read in Python, in any letter case."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.facts.c.id, t.facts.c.payload)).all()
    return {i for i, p in rows if needle.lower() in p.lower()}


def _needles(store: Store, count: int, seed: int = 7) -> Iterator[str]:
    """Substrings of stored payloads (1 to 9 characters, any position) and absent texts."""
    rng = random.Random(seed)
    with store.engine.connect() as conn:
        payloads = list(conn.scalars(select(t.facts.c.payload)))
    yield from ABSENT + SYNTAX
    for _ in range(count):
        p = rng.choice(payloads)
        size = rng.randint(1, 9)
        start = rng.randrange(0, len(p) - size + 1)
        yield p[start : start + size]
    yield payloads[0][-2:]  # the last characters of a payload
    yield payloads[0].upper()[3:12]


def _agrees(store: Store, count: int = 150) -> None:
    for needle in _needles(store, count):
        assert _found(store, needle) == _scanned(store, needle), needle


def _sqlite_rows(store: Store) -> int:
    with store.engine.connect() as conn:
        conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('integrity-check')"))
        return int(conn.scalar(text(f"SELECT count(*) FROM {FTS_TABLE}")) or 0)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        _write(opened, 0, 24)
        yield opened


def test_index_finds_what_a_scan_finds(store: Store) -> None:
    _agrees(store)
    korean = _found(store, "데이터센터")
    assert korean and korean == _scanned(store, "데이터센터")
    assert _found(store, "삼성") == _scanned(store, "삼성") != set()  # shorter than a trigram


def test_reingest_delete_and_update_keep_the_index_exact(store: Store) -> None:
    before = _found(store, "650억달러")
    _write(store, 0, 24)  # the same documents again: nothing new
    assert _found(store, "650억달러") == before
    f = t.facts
    with store.engine.begin() as conn:
        gone = conn.scalars(select(f.c.id).where(f.c.document_id == "doc00000")).all()
        conn.execute(delete(lt.ledger_claims).where(lt.ledger_claims.c.document_id == "doc00000"))
        conn.execute(delete(f).where(f.c.document_id == "doc00000"))
        old = str(conn.scalar(select(f.c.payload).where(f.c.id == max(before))))
        new = old.replace("650억달러", "qwertyuiop")
        conn.execute(update(f).where(f.c.id == max(before)).values(payload=new))
    assert gone and _found(store, "650억달러") == before - set(gone) - {max(before)}
    assert _found(store, "qwertyuiop") == {max(before)}
    _agrees(store, 60)
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:
            facts = conn.scalar(select(func.count()).select_from(f))
        assert _sqlite_rows(store) == facts


def test_a_database_with_facts_gets_its_index_when_migrated(db_url: str) -> None:
    engine = create(resolve_url(db_url))
    assert upgrade(engine, "0004")
    old = Store(engine, resolve_url(db_url))
    _write(old, 0, 12)
    old.close()
    with Store.open(db_url) as store:  # migrates to the head: 0005 fills the index
        assert _found(store, "데이터센터") == _scanned(store, "데이터센터") != set()
        _agrees(store, 40)
        downgrade(store.engine, "0004")
        names = set(inspect(store.engine).get_table_names())
        names |= {i["name"] for i in inspect(store.engine).get_indexes("facts") if i["name"]}
        assert not {n for n in names if is_index_object(n)}
    with Store.open(db_url) as store:
        _write(store, 12, 20)
        _agrees(store, 40)


def test_the_search_uses_the_index(store: Store) -> None:
    stmt = select(t.facts.c.id).where(payload_contains(store.engine.dialect.name, "데이터센터"))
    with store.engine.connect() as conn:
        if store.engine.dialect.name == "sqlite":
            sql = str(stmt.compile(store.engine, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert f"{FTS_TABLE} VIRTUAL TABLE INDEX" in plan, plan
            return
        assert conn.scalar(text("SELECT show_trgm('데이터센터')"))  # Hangul makes trigrams here
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        sql = str(stmt.compile(store.engine, compile_kwargs={"literal_binds": True}))
        plan = " ".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql))
        assert TRGM_INDEX in plan, plan
