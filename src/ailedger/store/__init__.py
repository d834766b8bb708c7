"""Store: documents, sources, dedup groups, facts, ingest runs and the ledger in SQL (SQLite or
PostgreSQL)."""

from __future__ import annotations

from . import ledger_schema  # registers the ledger tables on schema.metadata
from .ledger_io import (
    LedgerCounts,
    read_conflicts,
    read_entries,
    read_ledger,
    rebuild_ledger,
    update_ledger,
)
from .rows import DedupRow, DocumentRow, FactRow, IssueRow, RunRow, SourceRow, StoreStats
from .store import Store

__all__ = [
    "DedupRow",
    "DocumentRow",
    "FactRow",
    "IssueRow",
    "LedgerCounts",
    "RunRow",
    "SourceRow",
    "Store",
    "StoreStats",
    "ledger_schema",
    "read_conflicts",
    "read_entries",
    "read_ledger",
    "rebuild_ledger",
    "update_ledger",
]
