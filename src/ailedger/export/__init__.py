"""Export: documents, facts, ledger entries and conflicts of a store -> JSON Lines, CSV or
Parquet files whose bytes depend only on the store's content."""

from __future__ import annotations

from pathlib import Path

from ..store import Store
from .tables import COLUMNS, TABLES, Column, rows
from .write import FORMATS, Format, encode, write_files

__all__ = ["COLUMNS", "FORMATS", "TABLES", "Column", "Format", "encode", "export", "rows"]


def export(
    store: Store, fmt: Format, out_dir: Path, tables: tuple[str, ...] = TABLES
) -> list[tuple[Path, int]]:
    """Write each table of `tables` as `out_dir/<table>.<fmt>`.

    Returns:
        The files written, with their sizes in bytes.
    """
    return write_files(out_dir, fmt, tables, lambda table: rows(store, table))
