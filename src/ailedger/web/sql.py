"""Web: SQLAlchemy Core statements -> rows of the open store, every database error a StoreError.

The base of the dashboard's reads (`web.data`, `web.ledger_data`): statements are built with
bound parameters only, never from text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.expression import Executable

from ..errors import StoreError
from ..store.connect import describe
from ..store.reads import Reads


class SqlReads:
    """Runs read statements on an open store."""

    def __init__(self, store: Reads) -> None:
        self.store = store

    @property
    def dialect(self) -> str:
        """The store's SQL dialect ("sqlite" or "postgresql")."""
        return self.store.engine.dialect.name

    def _rows(self, stmt: Executable) -> list[Any]:
        try:
            with self.store.engine.connect() as conn:
                return [r._mapping for r in conn.execute(stmt)]
        except SQLAlchemyError as exc:
            raise StoreError(f"read failed: {describe(exc)}") from exc
