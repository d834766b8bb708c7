"""Store: stored facts -> ledger claims, a Ledger -> the ledger tables, and back.

The ledger is rebuilt whole after each ingest run, not patched: one new article can change
which report came first, join two entries, revise a plan or settle which side of a scale slip
has more sources, anywhere in the ledger. Rebuilding makes the stored ledger a pure function of
the stored facts — the same facts give the same rows and bytes whatever order and however many
runs stored them — at the cost of reading every fact once per run (the build itself is grouped
by actor, so it grows with the facts of the busiest actor, not with the square of the store).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, Select, delete, func, insert, or_, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..facts.entities import table
from ..ledger.build import build_ledger
from ..ledger.claims import claim_from_fact
from ..ledger.model import Claim, Conflict, Entry, Ledger, Revision, SourceDoc
from ..ledger.serialize import conflict_from_json, conflict_json, entry_from_json, entry_json
from . import ledger_schema as lt
from . import schema as t
from .connect import describe
from .reads import Reads
from .store import Store

STREAM_ROWS = 1000


@dataclass(frozen=True, slots=True)
class LedgerCounts:
    """What a rebuild wrote."""

    claims: int
    entries: int
    conflicts: int
    revisions: int


@cache
def parents() -> dict[str, str]:
    """Entity id -> parent entity id, from the entity table (for group/member scope)."""
    return {e.id: e.parent for e in table().by_id.values() if e.parent}


def _doc(row: Any) -> SourceDoc:
    where = (row.title, row.url, row.source, row.lang)
    return SourceDoc(row.document_id, row.group_id, row.published, row.name, *where)


def iter_claims(store: Reads) -> Iterator[Claim]:
    """Every stored fact as a claim, streamed by document id and place.

    Raises:
        StoreError: the database cannot be read.
    """
    f, d = t.facts, t.documents
    columns = (f.c.document_id, f.c.seq, f.c.payload, d.c.group_id, d.c.published, d.c.name)
    stmt = (
        select(*columns, d.c.title, d.c.url, d.c.source, d.c.lang)
        .join(d, d.c.id == f.c.document_id)
        .order_by(f.c.document_id, f.c.seq)
    )
    docs: dict[str, SourceDoc] = {}
    try:
        with store.engine.connect() as conn:
            for row in conn.execute(stmt, execution_options={"yield_per": STREAM_ROWS}):
                doc = docs.get(row.document_id) or docs.setdefault(row.document_id, _doc(row))
                yield claim_from_fact(json.loads(row.payload), doc, row.seq)
    except SQLAlchemyError as exc:
        raise StoreError(f"read from {store.engine.url} failed: {describe(exc)}") from exc


def _entry_row(seq: int, e: Entry) -> dict[str, Any]:
    m = e.money
    return {
        "id": e.id,
        "seq": seq,
        "type": e.type,
        "actor_id": e.actor,
        "actor_name": e.actor_name,
        "actor_ko": e.actor_ko,
        "actor_group": ",".join(e.group) or None,
        "kind": e.kind,
        "year": e.year,
        "period": e.period,
        "unit": e.unit,
        "value": e.value,
        "min": e.min,
        "max": e.max,
        "approx": e.approx,
        "usd_min": m.usd_min if m else None,
        "usd_max": m.usd_max if m else None,
        "krw_min": m.krw_min if m else None,
        "krw_max": m.krw_max if m else None,
        "fx_date": m.fx_date if m else None,
        "fx_source": m.fx_source if m else None,
        "status": e.status,
        "revises": e.revises,
        "published": e.published,
        "n_sources": len(e.sources),
        "n_claims": len(e.claims),
        "payload": json.dumps(entry_json(e), ensure_ascii=False, sort_keys=True),
    }


def _claim_rows(e: Entry) -> list[dict[str, Any]]:
    roles = {key: s.role for s in e.sources for key in s.claims}
    first_of_group: set[str] = set()
    rows = []
    for n, c in enumerate(e.claims):
        role = roles[c.key]
        if c.doc.group in first_of_group:
            role = "same-source"
        first_of_group.add(c.doc.group)
        rows.append(
            {
                "entry_id": e.id,
                "seq": n,
                "document_id": c.doc.id,
                "fact_seq": c.seq,
                "group_id": c.doc.group,
                "published": c.doc.published,
                "role": role,
            }
        )
    return rows


def _conflict_row(seq: int, c: Conflict) -> dict[str, Any]:
    return {
        "id": c.id,
        "seq": seq,
        "kind": c.kind,
        "field": c.field,
        "entry_a": c.entry_a,
        "entry_b": c.entry_b,
        "document_a": c.a.doc.id,
        "fact_seq_a": c.a.seq,
        "document_b": c.b.doc.id,
        "fact_seq_b": c.b.seq,
        "detail": c.detail,
        "factor": str(c.factor) if c.factor is not None else None,
        "payload": json.dumps(conflict_json(c), ensure_ascii=False, sort_keys=True),
    }


def _revision_row(seq: int, r: Revision) -> dict[str, Any]:
    return {
        "old": r.old,
        "new": r.new,
        "seq": seq,
        "old_published": r.old_published,
        "new_published": r.new_published,
        "cue": r.cue,
    }


def _insert(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    for i in range(0, len(rows), STREAM_ROWS):
        conn.execute(insert(table), list(rows[i : i + STREAM_ROWS]))


def write_ledger(store: Store, ledger: Ledger) -> None:
    """Replace the stored ledger with `ledger`, in one transaction.

    Raises:
        StoreError: the write failed; the previous ledger stays then.
    """
    with store._write() as conn:
        for table in lt.LEDGER_TABLES:
            conn.execute(delete(table))
        _insert(conn, lt.ledger_entries, [_entry_row(n, e) for n, e in enumerate(ledger.entries)])
        _insert(conn, lt.ledger_claims, [r for e in ledger.entries for r in _claim_rows(e)])
        rows = [_conflict_row(n, c) for n, c in enumerate(ledger.conflicts)]
        _insert(conn, lt.ledger_conflicts, rows)
        rows = [_revision_row(n, r) for n, r in enumerate(ledger.revisions)]
        _insert(conn, lt.ledger_revisions, rows)


def rebuild_ledger(store: Store) -> LedgerCounts:
    """Build the ledger from every stored fact and store it (replacing the previous one).

    Raises:
        StoreError: the database cannot be read or written.
    """
    claims = list(iter_claims(store))
    ledger = build_ledger(claims, parents())
    write_ledger(store, ledger)
    return LedgerCounts(
        len(claims), len(ledger.entries), len(ledger.conflicts), len(ledger.revisions)
    )


def _rows(store: Reads, stmt: Select[Any]) -> list[Any]:
    try:
        with store.engine.connect() as conn:
            return list(conn.execute(stmt))
    except SQLAlchemyError as exc:
        raise StoreError(f"read from {store.engine.url} failed: {describe(exc)}") from exc


def read_entries(
    store: Reads,
    *,
    type: str | None = None,  # the CLI option and JSON key
    actor: str | None = None,
    status: str | None = None,
) -> list[Entry]:
    """Stored entries in ledger order, filtered by type, actor (id, English or Korean name,
    any case; entries of a group containing the actor too) and status."""
    e = lt.ledger_entries
    stmt = select(e.c.payload).order_by(e.c.seq)
    if type:
        stmt = stmt.where(e.c.type == type)
    if status:
        stmt = stmt.where(e.c.status == status)
    if actor:
        who = actor.strip().lower()
        stmt = stmt.where(
            or_(
                func.lower(e.c.actor_id) == who,
                func.lower(e.c.actor_name) == who,
                func.lower(e.c.actor_ko) == who,
            )
        )
    return [entry_from_json(json.loads(r.payload)) for r in _rows(store, stmt)]


def read_conflicts(store: Reads, kind: str | None = None) -> list[Conflict]:
    """Stored conflicts in ledger order, optionally of one kind."""
    c = lt.ledger_conflicts
    stmt = select(c.c.payload).order_by(c.c.seq)
    if kind:
        stmt = stmt.where(c.c.kind == kind)
    return [conflict_from_json(json.loads(r.payload)) for r in _rows(store, stmt)]


def read_revisions(store: Reads) -> list[Revision]:
    r = lt.ledger_revisions
    stmt = select(r.c.old, r.c.new, r.c.old_published, r.c.new_published, r.c.cue)
    return [Revision(*row) for row in _rows(store, stmt.order_by(r.c.seq))]


def read_ledger(store: Reads) -> Ledger:
    """The whole stored ledger."""
    return Ledger(
        tuple(read_entries(store)), tuple(read_conflicts(store)), tuple(read_revisions(store))
    )
