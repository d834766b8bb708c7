"""Store connection: a database URL (or None, or a file path) -> an Engine set up for ailedger.

SQLite gets foreign keys, WAL, a busy timeout and real transactions (SQLAlchemy emits BEGIN,
BEGIN IMMEDIATE for writes); PostgreSQL goes through psycopg 3.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from ailedger.errors import StoreError

URL_ENV = "AILEDGER_DB"
DEFAULT_URL = "sqlite:///ailedger.db"
WRITE_OPTION = "ailedger_write"
SUPPORTED = ("sqlite", "postgresql")
BUSY_TIMEOUT_MS = 30_000
PG_CONNECT_TIMEOUT_S = 10

_PASSWORD = re.compile(r"(://[^/:@]*:)[^/@]*@")


def mask(url: str) -> str:
    """Return `url` with any password replaced by ***."""
    return _PASSWORD.sub(r"\1***@", url)


def resolve_url(url: str | None) -> URL:
    """Turn the user's database setting into a SQLAlchemy URL.

    Args:
        url: a URL, a plain file path (an SQLite file), or None for $AILEDGER_DB or
            ./ailedger.db.

    Returns:
        The parsed URL; "postgresql://" and "postgres://" get the psycopg 3 driver.

    Raises:
        StoreError: the URL cannot be parsed.
    """
    raw = url if url is not None else os.environ.get(URL_ENV) or DEFAULT_URL
    if "://" not in raw:
        return URL.create("sqlite", database=str(Path(raw).expanduser()))
    try:
        parsed = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(f"cannot open database {mask(raw)}: not a database URL") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def display(url: URL) -> str:
    """Return the URL as text with the password masked."""
    return url.render_as_string(hide_password=True)


def describe(exc: BaseException) -> str:
    """Return the first line of a database error, without SQLAlchemy's statement dump."""
    orig = exc.orig if isinstance(exc, DBAPIError) else None
    cause: BaseException = orig if isinstance(orig, BaseException) else exc
    lines = [line.strip() for line in str(cause).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(cause).__name__


def create(url: URL) -> Engine:
    """Create an engine for `url` and check that a connection can be made.

    Raises:
        StoreError: the backend is unsupported or the database cannot be reached.
    """
    where = display(url)
    try:
        backend = url.get_backend_name()
        if backend not in SUPPORTED:
            raise StoreError(f"cannot open database {where}: unsupported backend {backend!r}")
        connect_args: dict[str, object] = {}
        if backend == "postgresql":
            connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
        engine = create_engine(url, connect_args=connect_args)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot open database {where}: {describe(exc)}") from exc
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {where}: {describe(exc)}") from exc
    return engine


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (_sqlite_begin)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    write = bool(connection.get_execution_options().get(WRITE_OPTION, False))
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
