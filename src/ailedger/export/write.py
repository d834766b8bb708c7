"""Export: export tables -> JSON Lines, CSV or Parquet bytes, the same bytes for the same rows.

JSON Lines: one object per row, keys in column order, amounts as exact integers when whole,
JSON columns as nested objects. CSV: a header, amounts as plain decimal text, booleans as
true/false, empty cells for nulls, "\\n" line ends. Parquet (pyarrow): amounts as
decimal128(38, 6), dates as date32, one row group, zstd compression, no pandas metadata.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from ..facts.serialize import number
from .tables import COLUMNS, Column

Format = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "parquet")
SCALE = 6
_QUANTUM = Decimal(1).scaleb(-SCALE)


def _json_value(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.type == "json":
        return json.loads(value)
    if column.type == "dec":
        return number(value)
    if column.type == "date":
        return value.isoformat()
    return value


def jsonl(table: str, rows: Iterable[dict[str, Any]]) -> bytes:
    """The rows as JSON Lines."""
    out = io.StringIO()
    for row in rows:
        obj = {c.name: _json_value(c, row[c.name]) for c in COLUMNS[table]}
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return out.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_bytes(table: str, rows: Iterable[dict[str, Any]]) -> bytes:
    """The rows as CSV with a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = COLUMNS[table]
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_cell(row[c.name]) for c in columns])
    return out.getvalue().encode("utf-8")


_ARROW = {
    "str": pa.string(),
    "json": pa.string(),
    "int": pa.int64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "float": pa.float64(),
    "dec": pa.decimal128(38, SCALE),
}


def _arrow_value(column: Column, value: Any) -> Any:
    if value is None or column.type != "dec":
        return value
    exact = Decimal(value).quantize(_QUANTUM)
    if exact != value:
        raise ValueError(f"{column.name}: {value} has more than {SCALE} decimal places")
    return exact


def parquet(table: str, rows: Iterable[dict[str, Any]]) -> bytes:
    """The rows as one Parquet file."""
    columns = COLUMNS[table]
    data: dict[str, list[Any]] = {c.name: [] for c in columns}
    for row in rows:
        for c in columns:
            data[c.name].append(_arrow_value(c, row[c.name]))
    schema = pa.schema([pa.field(c.name, _ARROW[c.type]) for c in columns])
    arrays = [pa.array(data[c.name], type=_ARROW[c.type]) for c in columns]
    out = io.BytesIO()
    pq.write_table(
        pa.Table.from_arrays(arrays, schema=schema),
        out,
        compression="zstd",
        row_group_size=max(1, len(arrays[0])),
        write_statistics=True,
    )
    return out.getvalue()


WRITERS = {"jsonl": jsonl, "csv": csv_bytes, "parquet": parquet}


def encode(fmt: Format, table: str, rows: Iterable[dict[str, Any]]) -> bytes:
    """The rows of `table` in `fmt`."""
    return WRITERS[fmt](table, rows)


def write_files(
    out_dir: Path, fmt: Format, tables: Sequence[str], read: Any
) -> list[tuple[Path, int]]:
    """Write `<table>.<fmt>` into `out_dir` for each table (rows from `read(table)`).

    Returns:
        Each file written with its number of bytes.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        data = encode(fmt, table, read(table))
        path = out_dir / f"{table}.{fmt}"
        path.write_bytes(data)
        written.append((path, len(data)))
    return written
