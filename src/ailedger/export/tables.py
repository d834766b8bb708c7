"""Export: the store -> four tables (documents, facts, ledger entries, conflicts) as typed rows.

Only what the store's content determines is exported: no run ids, no ingest times, no database
row ids (a fact is `document_id` + `seq`), so the same content gives the same rows on SQLite and
PostgreSQL, in one process or from many workers. Rows come in a fixed order: documents by id,
facts by document and place, entries and conflicts in ledger order.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Select, select

from ..store import Store
from ..store import schema as t
from ..store.ledger_schema import ledger_conflicts, ledger_entries

ColumnType = Literal["str", "int", "bool", "date", "dec", "float", "json"]
TABLES = ("documents", "facts", "entries", "conflicts")
STREAM_ROWS = 1000


@dataclass(frozen=True, slots=True)
class Column:
    """One exported column; `json` columns hold JSON text (decoded again in JSON Lines)."""

    name: str
    type: ColumnType


def _cols(spec: str) -> tuple[Column, ...]:
    out = []
    for item in spec.split():
        name, _, kind = item.partition(":")
        out.append(Column(name, kind or "str"))  # type: ignore[arg-type]
    return tuple(out)


COLUMNS: dict[str, tuple[Column, ...]] = {
    "documents": _cols(
        "id name source url title published:date published_from lang fmt encoding group_id "
        "canonical:bool n_chars:int content_hash text"
    ),
    "facts": _cols(
        "document_id seq:int type actor_id actor_name actor_ko kind year:int period currency "
        "value:dec min:dec max:dec approx:bool usd:dec krw:dec unit span evidence_start:int "
        "evidence_end:int rule confidence:float fact:json"
    ),
    "entries": _cols(
        "id seq:int type actor_id actor_name actor_ko actor_group kind year:int period unit "
        "value:dec min:dec max:dec approx:bool usd_min:dec usd_max:dec krw_min:dec krw_max:dec "
        "fx_date:date fx_source status revises published:date n_sources:int n_claims:int "
        "entry:json"
    ),
    "conflicts": _cols(
        "id seq:int kind field entry_a entry_b document_a fact_seq_a:int document_b "
        "fact_seq_b:int detail factor conflict:json"
    ),
}


def _documents() -> Select[Any]:
    d, g = t.documents, t.groups
    cols = [d.c[c.name] for c in COLUMNS["documents"] if c.name in d.c]
    canonical = (g.c.canonical_id == d.c.id).label("canonical")
    return select(*cols, canonical).join(g, g.c.id == d.c.group_id).order_by(d.c.id)


def _facts() -> Select[Any]:
    f = t.facts
    cols = [f.c[c.name] for c in COLUMNS["facts"] if c.name in f.c]
    return select(*cols, f.c.payload.label("fact")).order_by(f.c.document_id, f.c.seq)


def _ledger(table: Any, name: str, json_name: str) -> Select[Any]:
    cols = [table.c[c.name] for c in COLUMNS[name] if c.name in table.c]
    return select(*cols, table.c.payload.label(json_name)).order_by(table.c.seq)


def _entries() -> Select[Any]:
    return _ledger(ledger_entries, "entries", "entry")


def _conflicts() -> Select[Any]:
    return _ledger(ledger_conflicts, "conflicts", "conflict")


QUERIES: dict[str, Callable[[], Select[Any]]] = {
    "documents": _documents,
    "facts": _facts,
    "entries": _entries,
    "conflicts": _conflicts,
}


def rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """The rows of one export table, as column name -> value (JSON columns as text).

    Raises:
        KeyError: an unknown table.
    """
    stmt = QUERIES[table]()
    names = [c.name for c in COLUMNS[table]]
    with store.engine.connect() as conn:
        for row in conn.execute(stmt, execution_options={"yield_per": STREAM_ROWS}):
            m = row._mapping
            yield {name: _canonical_json(m[name]) if name in _JSON else m[name] for name in names}


_JSON = {"fact", "entry", "conflict"}


def _canonical_json(text: str) -> str:
    """JSON text with sorted keys: one spelling for one value."""
    return json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True)
