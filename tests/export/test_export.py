"""Export: documents, facts, ledger entries and conflicts as JSON Lines, CSV and Parquet — the
same bytes for the same store content, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import io
import json
import os
from decimal import Decimal
from pathlib import Path

import psycopg
import pyarrow.parquet as pq
import pytest
from sqlalchemy import make_url

from ailedger.export import COLUMNS, FORMATS, TABLES, encode, export, rows
from ailedger.pipeline import ingest
from ailedger.store import Store
from tests.conftest import CORPUS
from tests.fixtures.postgres import _admin

FILES = [
    "ko/ms-fy25-capex.txt",
    "html/ms-capex-slip.html",
    "en/ms-80bn.md",
    "ko/elion-vietnam-a.txt",
    "ko/elion-vietnam-b.txt",
    "html/ulsan-ai-dc-reprint-a.html",
    "ko/ulsan-ai-dc-reprint-b.txt",
]


def _fill(store: Store) -> None:
    ingest(store, [str(CORPUS / f) for f in FILES])


def _all(store: Store) -> dict[tuple[str, str], bytes]:
    return {(f, t): encode(f, t, rows(store, t)) for f in FORMATS for t in TABLES}


def test_each_format_holds_every_row_with_its_columns(db_url: str, tmp_path: Path) -> None:
    with Store.open(db_url) as store:
        _fill(store)
        written = export(store, "parquet", tmp_path)
        facts = store.stats().facts
        jsonl = encode("jsonl", "facts", rows(store, "facts")).decode().splitlines()
        csv_lines = encode("csv", "entries", rows(store, "entries")).decode().splitlines()
        n_entries = len(list(rows(store, "entries")))
    assert [p.name for p, _ in written] == [f"{t}.parquet" for t in TABLES]
    facts_table = pq.read_table(tmp_path / "facts.parquet")
    assert facts_table.num_rows == facts == len(jsonl) > 0
    assert facts_table.column_names == [c.name for c in COLUMNS["facts"]]
    assert str(facts_table.schema.field("value").type) == "decimal128(38, 6)"
    first = json.loads(jsonl[0])
    assert list(first) == [c.name for c in COLUMNS["facts"]] and isinstance(first["fact"], dict)
    assert csv_lines[0].split(",")[:3] == ["id", "seq", "type"] and len(csv_lines) == n_entries + 1
    docs = pq.read_table(tmp_path / "documents.parquet").to_pylist()
    assert len(docs) == len(FILES) and "ingested_at" not in docs[0] and "run_id" not in docs[0]


def test_amounts_stay_exact(db_url: str) -> None:
    with Store.open(db_url) as store:
        _fill(store)
        data = encode("parquet", "facts", rows(store, "facts"))
        stored = {(r["document_id"], r["seq"]): r["value"] for r in rows(store, "facts")}
    table = pq.read_table(io.BytesIO(data)).to_pylist()
    assert {(r["document_id"], r["seq"]): r["value"] for r in table} == stored
    assert Decimal(80_000_000_000) in stored.values()


def test_the_same_content_gives_the_same_bytes(db_url: str) -> None:
    with Store.open(db_url) as store:
        _fill(store)
        first = _all(store)
        ingest(store, [str(CORPUS / f) for f in FILES])  # nothing new: the ledger is unchanged
        assert _all(store) == first


@pytest.mark.postgres
def test_sqlite_and_postgresql_export_the_same_bytes(tmp_path: Path, pg_url: str) -> None:
    name = f"export_{os.getpid()}"
    with psycopg.connect(_admin(pg_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    pg = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    try:
        with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as lite, Store.open(pg) as post:
            _fill(lite)
            _fill(post)
            assert _all(lite) == _all(post)
    finally:
        with psycopg.connect(_admin(pg_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
