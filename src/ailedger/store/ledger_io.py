"""Store: stored facts -> ledger claims, a Ledger -> the ledger tables, and back.

The stored ledger is a pure function of the stored facts: the same facts give the same rows
and bytes whatever order and however many runs stored them. `rebuild_ledger` builds it from
every fact. `update_ledger`, run after each ingest, gives the same rows by rebuilding only the
partitions (type, actor, dimension; see `ledger.merge`) that new facts fall in: an entry, its
revisions and the conflicts inside it depend on its partition's claims only, and a scope
conflict on the partitions of a group and its member (`ledger.build.related`), so the touched
partitions are built from all their claims (the stored ones are found through `ledger_claims`),
their old rows replaced, and the `seq` of every row renumbered in SQL to its place in the
ledger's order. New facts are those no ledger claim points at; a document whose dedup group
changed touches the partitions of its claims too.

Memory is bounded by the largest partition, not by the run: a first pass reads the new facts
only for their partitions (keeping each partition's document ids), then the touched partitions
are built a few families at a time (a group and its members together, as a scope conflict pairs
them), about CHUNK_CLAIMS claims per step, each step's rows written before the next is read.
`rebuild_ledger` is the same merge with every fact new.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..ledger.build import Partition, Piece, assemble, build_partitions, related
from ..ledger.claims import claim_from_fact
from ..ledger.merge import partition
from ..ledger.model import Claim, Conflict, Entry, Ledger, Revision, SourceDoc
from ..ledger.owners import parents
from ..ledger.serialize import conflict_from_json, conflict_json, entry_from_json, entry_json
from . import ledger_schema as lt
from . import schema as t
from .connect import describe
from .reads import Reads
from .store import Store

STREAM_ROWS = 1000
CHUNK_CLAIMS = 20_000  # stored claims built in one step of a merge (about 6 KB each in memory)


@dataclass(frozen=True, slots=True)
class LedgerCounts:
    """What a rebuild wrote."""

    claims: int
    entries: int
    conflicts: int
    revisions: int


def _doc(row: Any) -> SourceDoc:
    where = (row.title, row.url, row.source, row.lang)
    return SourceDoc(row.document_id, row.group_id, row.published, row.name, *where)


def _claims_stmt() -> Select[Any]:
    f, d = t.facts, t.documents
    columns = (f.c.document_id, f.c.seq, f.c.payload, d.c.group_id, d.c.published, d.c.name)
    return select(*columns, d.c.title, d.c.url, d.c.source, d.c.lang).join(
        d, d.c.id == f.c.document_id
    )


def _read_claims(
    conn: Connection, stmt: Select[Any], keep: Container[tuple[str, int]] | None = None
) -> Iterator[Claim]:
    """The claims of the facts `stmt` selects (those of `keep` only, if given)."""
    docs: dict[str, SourceDoc] = {}
    for row in conn.execute(stmt, execution_options={"yield_per": STREAM_ROWS}):
        if keep is not None and (row.document_id, row.seq) not in keep:
            continue
        doc = docs.get(row.document_id) or docs.setdefault(row.document_id, _doc(row))
        yield claim_from_fact(json.loads(row.payload), doc, row.seq)


def iter_claims(store: Reads) -> Iterator[Claim]:
    """Every stored fact as a claim, streamed by document id and place.

    Raises:
        StoreError: the database cannot be read.
    """
    f = t.facts
    try:
        with store.engine.connect() as conn:
            yield from _read_claims(conn, _claims_stmt().order_by(f.c.document_id, f.c.seq))
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
        "part": part_key(partition(e.first)),
    }


def part_key(part: Partition) -> str:
    """A partition as the text stored in `ledger_entries.part`."""
    return "\t".join(part)


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


def _insert_rows(conn: Connection, entries: Sequence[Entry], piece: Piece | Ledger) -> None:
    _insert(conn, lt.ledger_entries, [_entry_row(n, e) for n, e in enumerate(entries)])
    _insert(conn, lt.ledger_claims, [r for e in entries for r in _claim_rows(e)])
    _insert(conn, lt.ledger_conflicts, [_conflict_row(n, c) for n, c in enumerate(piece.conflicts)])
    rows = [_revision_row(n, r) for n, r in enumerate(piece.revisions)]
    _insert(conn, lt.ledger_revisions, rows)


def rebuild_ledger(store: Store) -> LedgerCounts:
    """Build the ledger from every stored fact and store it (replacing the previous one), in
    one transaction, a few partitions at a time (see the module docstring).

    Raises:
        StoreError: the database cannot be read or written.
    """
    with store._write() as conn:
        for table in lt.LEDGER_TABLES:
            conn.execute(delete(table))
        docs = {r[0] for r in conn.execute(select(t.facts.c.document_id).distinct())}
        return _merge(conn, docs, set())


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _unledgered(conn: Connection) -> tuple[set[str], set[str]]:
    """Documents with facts no ledger claim points at, and documents whose dedup group (or
    date) changed since their claims were merged."""
    f, c, d = t.facts, lt.ledger_claims, t.documents
    joined = f.outerjoin(c, and_(c.c.document_id == f.c.document_id, c.c.fact_seq == f.c.seq))
    new = select(f.c.document_id).select_from(joined).where(c.c.entry_id.is_(None)).distinct()
    moved = (
        select(c.c.document_id)
        .join(d, d.c.id == c.c.document_id)
        .where(
            or_(
                c.c.group_id != d.c.group_id,
                c.c.published != d.c.published,
                and_(c.c.published.is_(None), d.c.published.is_not(None)),
                and_(c.c.published.is_not(None), d.c.published.is_(None)),
            )
        )
        .distinct()
    )
    return {r[0] for r in conn.execute(new)}, {r[0] for r in conn.execute(moved)}


def _stored_parts(conn: Connection, docs: Sequence[str]) -> set[str]:
    """The partitions of the stored entries holding claims of the documents."""
    e, c = lt.ledger_entries, lt.ledger_claims
    where = c.c.document_id.in_(docs)
    stmt = select(e.c.part).join(c, c.c.entry_id == e.c.id).where(where).distinct()
    return {r[0] for r in conn.execute(stmt)}


def _doc_claims(
    conn: Connection, docs: set[str], keep: Container[tuple[str, int]]
) -> dict[str, Claim]:
    """The claims of the facts of the documents that `keep` names, by key."""
    f = t.facts
    found: dict[str, Claim] = {}
    for chunk in _chunks(sorted(docs)):
        stmt = _claims_stmt().where(f.c.document_id.in_(chunk))
        for claim in _read_claims(conn, stmt, keep):
            found[claim.key] = claim
    return found


def _part_claims(conn: Connection, parts: set[str]) -> dict[str, Claim]:
    """The claims of the stored entries of the partitions, by key."""
    f, c, e = t.facts, lt.ledger_claims, lt.ledger_entries
    keyed = _claims_stmt().join(
        c, and_(c.c.document_id == f.c.document_id, c.c.fact_seq == f.c.seq)
    )
    found: dict[str, Claim] = {}
    for chunk in _chunks(sorted(parts)):
        stmt = keyed.join(e, e.c.id == c.c.entry_id).where(e.c.part.in_(chunk))
        for claim in _read_claims(conn, stmt):
            found[claim.key] = claim
    return found


def _drop_parts(conn: Connection, parts: set[str]) -> None:
    """Delete the rows of the partitions' entries, and every conflict or revision naming one."""
    e, c, k, r = lt.ledger_entries, lt.ledger_claims, lt.ledger_conflicts, lt.ledger_revisions
    for chunk in _chunks(sorted(parts)):
        ids = select(e.c.id).where(e.c.part.in_(chunk)).scalar_subquery()
        conn.execute(delete(r).where(or_(r.c.old.in_(ids), r.c.new.in_(ids))))
        conn.execute(delete(k).where(or_(k.c.entry_a.in_(ids), k.c.entry_b.in_(ids))))
        conn.execute(delete(c).where(c.c.entry_id.in_(ids)))
        conn.execute(delete(e).where(e.c.id.in_(ids)))


def _renumber(conn: Connection) -> None:
    """Set every row's `seq` to its place in the ledger's order (`ledger.build.assemble`),
    writing only the rows whose place changed."""
    e, k, r, d = lt.ledger_entries, lt.ledger_conflicts, lt.ledger_revisions, t.documents
    orders: list[tuple[Any, Any, Select[Any]]] = [
        (e, e.c.id, select(e.c.id.label("key"), _place(e.c.published, e.c.id))),
        (
            k,
            k.c.id,
            select(k.c.id.label("key"), _place(d.c.published, k.c.id)).join(
                d, d.c.id == k.c.document_b
            ),
        ),
    ]
    for table, key, ranked_stmt in orders:
        ranked = ranked_stmt.subquery()
        conn.execute(
            update(table)
            .where(key == ranked.c.key, table.c.seq != ranked.c.n)
            .values(seq=ranked.c.n)
        )
    ranked = select(r.c.old, r.c.new, _place(r.c.new_published, r.c.new, r.c.old)).subquery()
    conn.execute(
        update(r)
        .where(r.c.old == ranked.c.old, r.c.new == ranked.c.new, r.c.seq != ranked.c.n)
        .values(seq=ranked.c.n)
    )


def _place(day: Any, *keys: Any) -> Any:
    """0-based row number by date (undated last), then `keys`."""
    order = (day.is_(None), day, *keys)
    return (func.row_number().over(order_by=order) - 1).label("n")


def update_ledger(store: Store) -> LedgerCounts:
    """Merge the facts stored since the last update into the stored ledger: the same rows as
    `rebuild_ledger` would write (see the module docstring), in one transaction. A ledger
    stored before migration 0006 (entries without a partition) is rebuilt whole.

    Returns:
        What was written: the claims read and the rows of the partitions rebuilt.

    Raises:
        StoreError: the database cannot be read or written.
    """
    e = lt.ledger_entries
    try:
        with store.engine.connect() as conn:
            legacy = conn.execute(select(e.c.id).where(e.c.part.is_(None)).limit(1)).first()
            new, moved = _unledgered(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"read from {store.engine.url} failed: {describe(exc)}") from exc
    if legacy is not None:
        return rebuild_ledger(store)
    if not new and not moved:
        return LedgerCounts(0, 0, 0, 0)
    with store._write() as conn:
        return _merge(conn, new, moved)


def _merge(conn: Connection, new: set[str], moved: set[str]) -> LedgerCounts:
    """Rebuild the partitions the facts of `new` and `moved` documents fall in, and the stored
    partitions of the `moved` ones' claims, step by step (see the module docstring)."""
    facts_of: dict[Partition, set[tuple[str, int]]] = {}  # (document id, fact seq)
    kept: dict[str, Claim] | None = {}  # the new claims while they fit in one step
    for chunk in _chunks(sorted(new | moved)):
        for claim in _read_claims(conn, _claims_stmt().where(t.facts.c.document_id.in_(chunk))):
            facts_of.setdefault(partition(claim), set()).add((claim.doc.id, claim.seq))
            if kept is not None:
                kept[claim.key] = claim
                kept = kept if len(kept) <= CHUNK_CLAIMS else None  # read again step by step
    old = {_part(p) for chunk in _chunks(sorted(moved)) for p in _stored_parts(conn, chunk)}
    sizes = _stored_sizes(conn)
    for part, keys in facts_of.items():
        sizes[part_key(part)] = sizes.get(part_key(part), 0) + len(keys)
    totals = [0, 0, 0, 0]
    for step in _steps(facts_of.keys() | old, sizes, parents()):
        wanted = step | related(step, parents())
        keys = {k for p in step for k in facts_of.get(p, ())}
        if kept is not None:
            fresh = {c.key: c for c in kept.values() if (c.doc.id, c.seq) in keys}
        else:
            fresh = _doc_claims(conn, {doc for doc, _ in keys}, keys)
        claims = _part_claims(conn, {part_key(p) for p in wanted}) | fresh
        by_part: dict[Partition, list[Claim]] = {}
        for claim in claims.values():
            by_part.setdefault(partition(claim), []).append(claim)
        piece = build_partitions(by_part, parents(), step)
        _drop_parts(conn, {part_key(p) for p in step})
        ordered = assemble(piece)
        _insert_rows(conn, ordered.entries, ordered)
        counted = sum(len(by_part.get(p, ())) for p in step)
        done = (counted, len(piece.entries), len(piece.conflicts), len(piece.revisions))
        totals = [a + b for a, b in zip(totals, done, strict=True)]
    _renumber(conn)
    return LedgerCounts(*totals)


def _stored_sizes(conn: Connection) -> dict[str, int]:
    """The number of stored claims of each partition."""
    e, c = lt.ledger_entries, lt.ledger_claims
    stmt = select(e.c.part, func.count()).join(c, c.c.entry_id == e.c.id).group_by(e.c.part)
    return {str(part): int(n) for part, n in conn.execute(stmt)}


def _steps(
    touched: Iterable[Partition], sizes: Mapping[str, int], parents: Mapping[str, str]
) -> Iterator[set[Partition]]:
    """The touched partitions in steps of about CHUNK_CLAIMS stored claims, each family (the
    partitions of a group and its members, of one type and dimension) in one step."""

    def root(who: str) -> str:
        seen = set()
        while who in parents and who not in seen:
            seen.add(who)
            who = parents[who]
        return who

    families: dict[Partition, set[Partition]] = {}
    for part in touched:
        kind, who, dim = part
        families.setdefault((kind, root(who), dim), set()).add(part)
    step: set[Partition] = set()
    size = 0
    for key in sorted(families):
        family = families[key]
        step |= family
        size += sum(sizes.get(part_key(p), 0) for p in family | related(family, parents)) + 1
        if size >= CHUNK_CLAIMS:
            yield step
            step, size = set(), 0
    if step:
        yield step


def _part(text: str) -> Partition:
    kind, who, dim = text.split("\t")
    return (kind, who, dim)


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
