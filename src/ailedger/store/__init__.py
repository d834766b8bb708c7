"""Store: documents, sources, dedup groups, facts and ingest runs in SQL (SQLite or PostgreSQL)."""

from __future__ import annotations

from .rows import DedupRow, DocumentRow, FactRow, IssueRow, RunRow, SourceRow, StoreStats
from .store import Store

__all__ = [
    "DedupRow",
    "DocumentRow",
    "FactRow",
    "IssueRow",
    "RunRow",
    "SourceRow",
    "Store",
    "StoreStats",
]
