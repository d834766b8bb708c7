"""Store migrations: an Engine -> the schema at the Alembic head (created on first use)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from .connect import WRITE_OPTION

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
PG_LOCK_KEY = 0x41494C45  # "AILE": serializes concurrent first opens on PostgreSQL


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    return config


@cache
def head_revision() -> str | None:
    """Return the newest revision shipped with the package."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """Return the revision the database is at, None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> bool:
    """Bring the database to `revision` (the head by default); cheap when it is there already.

    Returns:
        True when migrations ran.
    """
    target = head_revision() if revision == "head" else revision
    with engine.connect() as connection:
        if current_revision(connection) == target:
            return False
    with _locked(engine) as connection:
        if current_revision(connection) == target:
            return False
        config = _config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return True


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to `revision` ("base" drops every table)."""
    with _locked(engine) as connection:
        config = _config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """A write transaction that holds the migration lock (PostgreSQL) until it ends."""
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
            yield connection
