"""Store: documents, sources, dedup groups and ingest runs in SQL (SQLite or PostgreSQL)."""

from __future__ import annotations

from .rows import DedupRow, DocumentRow, RunRow, SourceRow, StoreStats
from .store import Store

__all__ = ["DedupRow", "DocumentRow", "RunRow", "SourceRow", "Store", "StoreStats"]
