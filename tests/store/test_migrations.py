"""Store migrations: a fresh database gets every table at the Alembic head, once; an older
database moves up (and back down) with its documents kept."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, event, inspect, make_url

from ailedger.errors import StoreError
from ailedger.store import Store
from ailedger.store.connect import create, resolve_url
from ailedger.store.migrate import current_revision, downgrade, head_revision, upgrade
from ailedger.store.schema import metadata
from ailedger.store.search import include_object, is_index_object
from tests.store.factories import money, stored, with_facts

TABLES = {
    "runs",
    "run_issues",
    "raw_inputs",
    "groups",
    "documents",
    "document_sources",
    "removed_blocks",
    "facts",
    "ledger_entries",
    "ledger_claims",
    "ledger_conflicts",
    "ledger_revisions",
    "dedup_bands",
    "dedup_signatures",
    "alembic_version",
}


@contextmanager
def statements() -> Iterator[list[str]]:
    """Collect the SQL every engine sends while the block runs."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def test_fresh_database_gets_every_table_at_head(db_url: str) -> None:
    with Store.open(db_url) as store:
        names = set(inspect(store.engine).get_table_names())
        assert {n for n in names if not is_index_object(n)} == TABLES
        with store.engine.connect() as conn:
            assert current_revision(conn) == head_revision() == "0008"


def test_opening_an_up_to_date_database_changes_nothing(db_url: str) -> None:
    with Store.open(db_url) as store:
        run = store.start_run(["in"], {})
    with statements() as seen, Store.open(db_url) as store:
        assert [r.id for r in store.runs()] == [run]
    ddl = [s for s in seen if s.lstrip().upper().startswith(("CREATE", "ALTER", "DROP"))]
    assert ddl == []
    assert not any("alembic_version" in s and "INSERT" in s.upper() for s in seen)


def test_migrations_match_the_schema_module(db_url: str) -> None:
    with Store.open(db_url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        assert compare_metadata(context, metadata) == []


def _unreachable(db_url: str) -> str:
    """The same kind of database, somewhere it cannot be opened."""
    if db_url.startswith("sqlite"):
        return "sqlite:////no/such/dir/x.db"
    return make_url(db_url).set(password="s3cret", database="no_such_db").render_as_string(False)


def test_unreachable_database_is_a_one_line_store_error(db_url: str) -> None:
    bad = _unreachable(db_url)
    with pytest.raises(StoreError) as info:
        Store.open(bad)
    message = str(info.value)
    assert "\n" not in message and "s3cret" not in message
    assert make_url(bad).render_as_string(hide_password=True) in message


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://me:secret@127.0.0.1:9/none",
        "postgres://me:secret@127.0.0.1:9/none",
        "mysql://me:secret@localhost/db",
        "nosuchdialect://x/y",
        "/no/such/dir/x.db",
    ],
)
def test_bad_urls_are_one_line_and_masked(url: str) -> None:
    with pytest.raises(StoreError) as info:
        Store.open(url)
    assert "\n" not in str(info.value) and "secret" not in str(info.value)


def test_plain_path_and_environment_variable_open_sqlite(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plain.db"
    with Store.open(str(path)) as store:
        assert store.url.endswith("plain.db") and store.count_documents() == 0
    monkeypatch.setenv("AILEDGER_DB", str(tmp_path / "env.db"))
    with Store.open() as store:
        assert store.url.endswith("env.db")
    monkeypatch.delenv("AILEDGER_DB")
    monkeypatch.chdir(tmp_path)
    with Store.open() as store:
        assert store.url == "sqlite:///ailedger.db"
    assert (tmp_path / "ailedger.db").exists()


def _revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        return current_revision(conn)


def test_0001_database_with_documents_moves_to_0002_and_back(db_url: str) -> None:
    url = resolve_url(db_url)
    engine = create(url)
    assert upgrade(engine, "0001")
    old = Store(engine, url)  # the 0001 schema: documents only
    run = old.start_run(["in"], {})
    assert old.write_batch(run, [stored(n) for n in range(3)]) == ["new"] * 3
    assert "facts" not in inspect(engine).get_table_names()
    old.close()
    with Store.open(db_url) as store:  # opening migrates to the head
        assert _revision(store) == head_revision()
        assert [d.id for d in store.documents()] == ["doc00000", "doc00001", "doc00002"]
        item = with_facts(stored(3), money(stored(3)))
        assert store.write_batch(run, [item]) == ["new"]
        assert store.stats().facts == 1
        downgrade(store.engine, "0001")
        assert _revision(store) == "0001"
        assert "facts" not in inspect(store.engine).get_table_names()
        assert store.count_documents() == 4
    with Store.open(db_url) as store:
        assert _revision(store) == head_revision()
        assert store.count_documents() == 4 and store.facts() == []
