"""Web: the stored ledger -> the frozen values of `web.model` (league table, entries, conflicts).

The league table is the library's (`ledger.aggregate.league`, as `ailedger top` prints it) over
the stored entries' heads (`store.ledger_rows`: what ranks them, read from columns, as no
payload of 12 000 entries needs decoding for it); only the entries the rows shown cite are
decoded in full, for their sources and first claims. Lists of entries and conflicts are read a
page at a time with bound parameters, and each row is decoded by the ledger's own serializer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from typing import Any

from sqlalchemy import Float, Select, cast, false, func, or_, select

from ..ledger import Conflict, Entry, Ledger, Revision
from ..ledger.aggregate import league
from ..ledger.owners import country_of, owner_of
from ..ledger.serialize import conflict_from_json, entry_from_json
from ..store import ledger_schema as lt
from ..store import read_ledger
from ..store.ledger_rows import read_entry_heads
from .cache import VersionCache
from .items import fact_key, split_key
from .model import (
    Actor,
    ConflictsPage,
    Currency,
    EntriesPage,
    EntryItem,
    EntryQuery,
    LeagueRow,
)
from .sql import SqlReads

e, c, cl = lt.ledger_entries, lt.ledger_conflicts, lt.ledger_claims


def _involved(entry_id: Any) -> Any:
    return or_(c.c.entry_a == entry_id, c.c.entry_b == entry_id)


def _claim_fact(claim: Any) -> str:
    """The fact page key of a ledger claim."""
    return fact_key(claim.doc.id, claim.seq)


def _who(entry: Entry) -> str:
    if entry.actor:
        return entry.actor_name or entry.actor
    named = entry.group or entry.parties or ((entry.subject,) if entry.subject else ())
    return " + ".join(named) or "-"


def _actor(entry: Entry) -> Actor | None:
    return (
        Actor(entry.actor, entry.actor_name or entry.actor, entry.actor_ko) if entry.actor else None
    )


_MONEY = ("usd_min", "usd_max", "krw_min", "krw_max")
_COUNTED = ("actor", "who", "sources", "claims", "conflicts", "first_span", "first_fact")
_ENTRY_FIELDS = tuple(x.name for x in fields(EntryItem) if x.name not in _MONEY + _COUNTED)


def entry_item(entry: Entry, conflicts: int) -> EntryItem:
    """One decoded entry as a list row."""
    money: dict[str, Any] = {name: getattr(entry.money, name, None) for name in _MONEY}
    return EntryItem(
        actor=_actor(entry),
        who=_who(entry),
        sources=len(entry.sources),
        claims=len(entry.claims),
        conflicts=conflicts,
        first_span=entry.first.span,
        first_fact=_claim_fact(entry.first),
        **money,
        **{name: getattr(entry, name) for name in _ENTRY_FIELDS},
    )


def _entry_order(stmt: Select[Any], sort: str) -> Select[Any]:
    tie = e.c.seq
    if sort == "oldest":
        return stmt.order_by(e.c.published.asc().nulls_last(), tie)
    if sort == "usd_desc":
        return stmt.order_by(cast(e.c.usd_min, Float).desc().nulls_last(), tie)
    if sort == "sources":
        return stmt.order_by(e.c.n_sources.desc(), e.c.published.desc().nulls_last(), tie)
    return stmt.order_by(e.c.published.desc().nulls_last(), tie)


class LedgerData(SqlReads):
    """The ledger's reads; `Dashboard` adds the facts and documents (and sets the cache)."""

    cache: VersionCache
    # The ids of the actors an id, English name or Korean name (any case) names: the dashboard
    # keeps the directory of names.
    actor_ids: Callable[[str], list[str]]

    def ledger_version(self) -> tuple[Any, ...]:
        """What changes when the ledger is rebuilt after new facts: its claims and conflicts."""
        claims = select(func.count()).select_from(cl).scalar_subquery()
        conflicts = select(func.count()).select_from(c).scalar_subquery()
        row = self._rows(select(claims.label("claims"), conflicts.label("conflicts")))[0]
        return (row["claims"], row["conflicts"])

    def ledger(self) -> Ledger:
        """The stored ledger: entries (facts merged across articles), conflicts, revisions."""
        return read_ledger(self.store)

    def open_conflicts(self) -> int:
        """How many conflicts between sources the stored ledger records."""
        return int(self._rows(select(func.count().label("n")).select_from(c))[0]["n"])

    def league(self, currency: Currency, kind: str | None, limit: int = 20) -> list[LeagueRow]:
        """The ledger's league table by actor (`ailedger top`): each actor's distinct figures
        of `kind` (None: every kind pooled) added up in `currency`, largest first."""
        heads = self.cache.get(("money heads",), self._money_heads)
        rows = league(heads, kind=kind, currency=currency, country_of=country_of, owner_of=owner_of)
        rows = rows[:limit]
        cited = self._decoded({x.id for r in rows for x in r.entries})
        out = []
        for head in rows:  # heads rank alike; the cited entries have every source and claim
            if any(x.id not in cited for x in head.entries):
                continue  # the ledger was rewritten between the two reads: the next one has it
            r = replace(head, entries=tuple(cited[x.id] for x in head.entries))
            top = r.entries[0]
            out.append(
                LeagueRow(
                    rank=r.rank,
                    actor=_actor(top) or Actor(r.key, r.key),
                    low=r.low,
                    high=r.high,
                    entries=len(r.entries),
                    covered=len(r.covered),
                    sources=r.sources,
                    top_entry=top.id,
                    top_fact=_claim_fact(top.first),
                    top_span=top.first.span,
                    top_year=top.year,
                )
            )
        return out

    def _money_heads(self) -> list[Entry]:
        """The heads of the current money entries of one actor each (all a league table ranks),
        read once per version of the store (every currency and kind of the table ranks them)."""
        return read_entry_heads(self.store, type="money", status="current", actors_only=True)

    def _decoded(self, ids: set[str]) -> dict[str, Entry]:
        """The entries with these ids, decoded in full, by id."""
        rows = self._payloads(sorted(ids))
        return {r["id"]: entry_from_json(json.loads(r["payload"])) for r in rows}

    def entries(self, query: EntryQuery) -> EntriesPage:
        """A page of ledger entries matching `query`, and how many match in all."""
        stmt = self._entry_filters(select(e.c.id), query)
        stmt = _entry_order(stmt, query.sort).limit(query.limit).offset(query.offset)
        rows = self._payloads([r["id"] for r in self._rows(stmt)])
        total = len(rows) + query.offset
        if len(rows) == query.limit or query.offset:
            counted = self._entry_filters(select(func.count().label("n")).select_from(e), query)
            total = int(self._rows(counted)[0]["n"])
        counts = self._conflict_counts([r["id"] for r in rows])
        items = tuple(
            entry_item(entry_from_json(json.loads(r["payload"])), counts.get(r["id"], 0))
            for r in rows
        )
        return EntriesPage(query, total, items)

    def _entry_filters(self, stmt: Select[Any], q: EntryQuery) -> Select[Any]:
        if q.actor:  # the most selective filter: keep SQLite on the actor index (see web.data)
            ids = self.actor_ids(q.actor)
            stmt = stmt.where(e.c.actor_id.in_(ids) if ids else false())
        if q.type:
            stmt = stmt.where((e.c.type.concat("") if q.actor else e.c.type) == q.type)
        if q.kind:
            stmt = stmt.where(e.c.kind == q.kind)
        if q.year is not None:
            stmt = stmt.where((e.c.year + 0 if q.actor else e.c.year) == q.year)
        if q.status:
            stmt = stmt.where(e.c.status == q.status)
        if q.conflicted:  # one pass over the conflicts, not one per entry
            sides = select(c.c.entry_a).union(select(c.c.entry_b))
            stmt = stmt.where(e.c.id.in_(sides))
        return stmt

    def _payloads(self, ids: list[str]) -> list[Any]:
        """The id and payload of each entry, in the order given: an entry's payload holds all
        its claims, so a sort never carries it (the page's ids are found first)."""
        if not ids:
            return []
        found = {r["id"]: r for r in self._rows(select(e.c.id, e.c.payload).where(e.c.id.in_(ids)))}
        return [found[i] for i in ids if i in found]

    def _conflict_counts(self, entry_ids: Sequence[str]) -> dict[str, int]:
        if not entry_ids:
            return {}
        ids = list(entry_ids)
        stmt = select(c.c.entry_a, c.c.entry_b).where(
            or_(c.c.entry_a.in_(ids), c.c.entry_b.in_(ids))
        )
        counts: dict[str, int] = {}
        for r in self._rows(stmt):
            for side in {r["entry_a"], r["entry_b"]} & set(ids):
                counts[side] = counts.get(side, 0) + 1
        return counts

    def conflicts(self, kind: str | None, limit: int = 50, offset: int = 0) -> ConflictsPage:
        """A page of the ledger's conflicts (of `kind`, or every kind) in ledger order."""
        stmt = select(c.c.payload).order_by(c.c.seq)
        per_kind = select(c.c.kind, func.count().label("n")).group_by(c.c.kind)
        by_kind = {str(r["kind"]): int(r["n"]) for r in self._rows(per_kind)}
        if kind:
            stmt = stmt.where(c.c.kind == kind)
        rows = self._rows(stmt.limit(limit).offset(offset))
        found = tuple(conflict_from_json(json.loads(r["payload"])) for r in rows)
        facts = {x.key: _claim_fact(x) for k in found for x in (k.a, k.b)}
        names = self._entry_names({i for k in found for i in (k.entry_a, k.entry_b)})
        total = by_kind.get(kind, 0) if kind else sum(by_kind.values())
        return ConflictsPage(kind, total, offset, limit, found, facts, names, by_kind)

    def _entry_names(self, ids: set[str]) -> dict[str, str]:
        """Who each entry is about (its actor's name, else its id)."""
        if not ids:
            return {}
        stmt = select(e.c.id, e.c.actor_name, e.c.actor_id, e.c.actor_group)
        rows = self._rows(stmt.where(e.c.id.in_(sorted(ids))))
        return {
            r["id"]: r["actor_name"] or r["actor_id"] or r["actor_group"] or r["id"] for r in rows
        }

    def first_reports(self, entry_ids: Sequence[str]) -> dict[str, str]:
        """The key of the fact that first reported each ledger entry."""
        stmt = select(cl.c.entry_id, cl.c.document_id, cl.c.fact_seq).where(
            cl.c.entry_id.in_(list(entry_ids)), cl.c.role == "first"
        )
        out: dict[str, str] = {}
        for r in self._rows(stmt.order_by(cl.c.entry_id, cl.c.seq)):
            out.setdefault(r["entry_id"], fact_key(r["document_id"], r["fact_seq"]))
        return out

    def entry(self, entry_id: str) -> Entry | None:
        """The ledger entry with this id."""
        rows = self._rows(select(e.c.payload).where(e.c.id == entry_id))
        return entry_from_json(json.loads(rows[0]["payload"])) if rows else None

    def entry_of(self, key: str) -> str | None:
        """The id of the ledger entry a fact (by key) is a claim of."""
        parts = split_key(key)
        if parts is None:
            return None
        stmt = select(cl.c.entry_id).where(cl.c.document_id == parts[0], cl.c.fact_seq == parts[1])
        rows = self._rows(stmt.limit(1))
        return str(rows[0]["entry_id"]) if rows else None

    def entry_links(self, entry_id: str) -> tuple[list[Conflict], list[Revision]]:
        """The conflicts an entry is part of and the revisions that link it to other entries."""
        r = lt.ledger_revisions
        conflicts = self._rows(select(c.c.payload).where(_involved(entry_id)).order_by(c.c.seq))
        revised = (r.c.old == entry_id) | (r.c.new == entry_id)
        cols = (r.c.old, r.c.new, r.c.old_published, r.c.new_published, r.c.cue)
        revisions = self._rows(select(*cols).where(revised).order_by(r.c.seq))
        return (
            [conflict_from_json(json.loads(row["payload"])) for row in conflicts],
            [Revision(**dict(row)) for row in revisions],
        )
