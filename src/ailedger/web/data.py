"""Web: the reads of facts and documents -> the frozen values of `web.model` (the ledger's
reads are in `web.ledger_data`, which `Dashboard` extends).

SQLAlchemy Core over the store's tables, with bound parameters only (no SQL is ever built from
text); the text search goes through the store's full-text index (`store.search`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Select, false, func, select, tuple_

from ..store import DocumentRow, SourceRow
from ..store.reads import Reads
from ..store.search import like_pattern, payload_contains
from .cache import VersionCache
from .items import (
    LIST_COLUMNS,
    d,
    document_item,
    entity,
    f,
    fact_item,
    fact_key,
    number,
    split_key,
)
from .ledger_data import LedgerData
from .model import (
    Actor,
    DocumentItem,
    DocumentQuery,
    DocumentsPage,
    FactItem,
    FactQuery,
    FactsPage,
    RemovedItem,
    TimelinePoint,
    Totals,
)

STREAM_CHUNK = 1000


def _filtered(
    stmt: Select[Any], q: FactQuery, actors: list[str] | None, dialect: str
) -> Select[Any]:
    """`stmt` restricted to the query's filters; `actors` are the ids its actor names, and
    `dialect` the store's (the text search goes through its full-text index).

    An actor or a document is the most selective filter, so with one the other equalities are
    written so that no index serves them (`year + 0`, `type || ''`): SQLite, which has no
    statistics unless ANALYZE ran, would otherwise pick the year index over the actor index.
    """
    selective = actors is not None or q.doc is not None

    def plain(column: Any) -> Any:
        if not selective:
            return column
        return column + 0 if column.name == "year" else column.concat("")

    if q.type:
        stmt = stmt.where(plain(f.c.type) == q.type)
    if actors is not None:
        stmt = stmt.where(f.c.actor_id.in_(actors) if actors else false())
    if q.kind:
        stmt = stmt.where(plain(f.c.kind) == q.kind)
    if q.year is not None:
        stmt = stmt.where(plain(f.c.year) == q.year)
    if q.currency:
        stmt = stmt.where(f.c.currency == q.currency.upper())
    if q.q:  # the payload is JSON text: look for the text as JSON writes it
        as_json = json.dumps(q.q, ensure_ascii=False)[1:-1]
        stmt = stmt.where(payload_contains(dialect, as_json))
    if q.doc:
        stmt = stmt.where(f.c.document_id == q.doc)
    return stmt


def _ordered(stmt: Select[Any], sort: str) -> Select[Any]:
    tie = (f.c.document_id, f.c.seq)
    if sort == "oldest":
        return stmt.order_by(d.c.published.asc().nulls_last(), *tie)
    if sort in ("usd_desc", "usd_asc"):
        usd = number(f.c.usd)
        first = usd.desc() if sort == "usd_desc" else usd.asc()
        return stmt.order_by(first.nulls_last(), *tie)
    if sort == "confidence":
        return stmt.order_by(f.c.confidence.desc(), *tie)
    return stmt.order_by(d.c.published.desc().nulls_last(), *tie)


class Dashboard(LedgerData):
    """The reads behind every page, over an open store."""

    def __init__(self, store: Reads) -> None:
        super().__init__(store)
        self.cache = VersionCache(self.version)

    def version(self) -> tuple[Any, ...]:
        """What changes whenever facts or documents are added or the ledger is rebuilt: the
        newest fact's row id, the number of documents and the ledger's counts (derived views
        are kept until it changes)."""
        newest = select(func.max(f.c.id)).scalar_subquery()
        docs = select(func.count()).select_from(d).scalar_subquery()
        row = self._rows(select(newest.label("fact"), docs.label("docs")))[0]
        return (row["fact"], row["docs"], *self.ledger_version())

    def actor_ids(self, name: str) -> list[str]:
        """The ids of the actors an id, English name or Korean name (any case) names."""
        return self.cache.get(("actors",), self._directory).get(name.strip().lower(), [])

    def _directory(self) -> dict[str, list[str]]:
        stmt = (
            select(
                f.c.actor_id,
                func.max(f.c.actor_name).label("name"),
                func.max(f.c.actor_ko).label("ko"),
            )
            .where(f.c.actor_id.is_not(None))
            .group_by(f.c.actor_id)
        )
        names: dict[str, list[str]] = {}
        for r in self._rows(stmt):
            for key in {str(k).lower() for k in (r["actor_id"], r["name"], r["ko"]) if k}:
                names.setdefault(key, []).append(r["actor_id"])
        return names

    def _where(self, stmt: Select[Any], query: FactQuery) -> Select[Any]:
        actors = self.actor_ids(query.actor) if query.actor else None
        return _filtered(stmt, query, actors, self.dialect)

    def totals(self) -> Totals:
        """Documents, facts per type, distinct actors and the date range of the store."""
        per_type = select(f.c.type, func.count().label("n")).group_by(f.c.type)
        by_type = {str(r["type"]): int(r["n"]) for r in self._rows(per_type)}
        docs = self._rows(
            select(
                func.count().label("n"),
                func.min(d.c.published).label("earliest"),
                func.max(d.c.published).label("latest"),
            )
        )[0]
        actors = self._rows(select(func.count(f.c.actor_id.distinct()).label("n")))[0]
        return Totals(
            documents=int(docs["n"]),
            facts=sum(by_type.values()),
            facts_by_type=dict(sorted(by_type.items())),
            actors=int(actors["n"]),
            earliest=docs["earliest"],
            latest=docs["latest"],
        )

    def facts(self, query: FactQuery, count: bool = True) -> FactsPage:
        """A page of facts matching `query`, and (with `count`) how many match in all."""
        stmt = self._where(select(*LIST_COLUMNS).join(d, d.c.id == f.c.document_id), query)
        rows = self._rows(_ordered(stmt, query.sort).limit(query.limit).offset(query.offset))
        total = len(rows) + query.offset
        if count and (len(rows) == query.limit or query.offset):
            total = self.count_facts(query)
        return FactsPage(query, total, tuple(fact_item(r) for r in rows))

    def count_facts(self, query: FactQuery) -> int:
        """How many facts match `query`'s filters (its order and page ignored), kept in the
        cache until the store changes: paging or re-sorting a filter counts it once."""
        filters = replace(query, sort="newest", limit=0, offset=0)

        def compute() -> int:
            counted = self._where(select(func.count().label("n")).select_from(f), filters)
            return int(self._rows(counted)[0]["n"])

        return self.cache.get(("count", filters), compute)

    def fact_payloads(self, query: FactQuery, cap: int) -> Iterator[tuple[str, dict[str, Any]]]:
        """(key, JSON object) of every fact matching `query` (its page ignored), at most `cap`,
        read STREAM_CHUNK rows at a time (keyset pages, so memory stays bounded)."""
        stmt = self._where(select(f.c.document_id, f.c.seq, f.c.payload), query)
        stmt = stmt.order_by(f.c.document_id, f.c.seq)
        after: tuple[str, int] | None = None
        sent = 0
        while sent < cap:
            page = stmt if after is None else stmt.where(tuple_(f.c.document_id, f.c.seq) > after)
            rows = self._rows(page.limit(min(STREAM_CHUNK, cap - sent)))
            for r in rows:
                obj = json.loads(r["payload"])
                obj["doc"] = r["document_id"]
                yield fact_key(r["document_id"], r["seq"]), obj
            sent += len(rows)
            if len(rows) < STREAM_CHUNK:
                return
            after = (rows[-1]["document_id"], rows[-1]["seq"])

    def fact(self, key: str) -> tuple[FactItem, dict[str, Any]] | None:
        """The fact with this key and its JSON payload, or None."""
        parts = split_key(key)
        if parts is None:
            return None
        stmt = select(*LIST_COLUMNS).join(d, d.c.id == f.c.document_id)
        rows = self._rows(stmt.where(f.c.document_id == parts[0], f.c.seq == parts[1]))
        return (fact_item(rows[0]), json.loads(rows[0]["payload"])) if rows else None

    def actor(self, actor_id: str) -> tuple[Actor, dict[str, int]] | None:
        """The actor with this id (as its facts name it) and its fact counts per type."""
        stmt = (
            select(
                f.c.type,
                func.count().label("n"),
                func.max(f.c.actor_name).label("name"),
                func.max(f.c.actor_ko).label("ko"),
            )
            .where(f.c.actor_id == actor_id)
            .group_by(f.c.type)
        )
        rows = self._rows(stmt)
        if rows:
            first = rows[0]
            actor = Actor(actor_id, first["name"] or actor_id, first["ko"])
            return actor, {str(r["type"]): int(r["n"]) for r in rows}
        found = self.partnerships(actor_id, limit=1)
        for _, payload in found:
            for party in map(entity, payload.get("parties") or ()):
                if party is not None and party.id == actor_id:
                    return party, {}
        return None

    def timeline(self, actor_id: str, limit: int = 2000) -> list[TimelinePoint]:
        """The actor's money facts from dated documents, oldest first."""
        stmt = (
            select(f.c.document_id, f.c.seq, f.c.usd, f.c.krw, f.c.kind, d.c.published)
            .join(d, d.c.id == f.c.document_id)
            .where(f.c.actor_id == actor_id, f.c.type == "money", d.c.published.is_not(None))
            .order_by(d.c.published, f.c.document_id, f.c.seq)
            .limit(limit)
        )
        return [
            TimelinePoint(
                r["published"], r["usd"], r["krw"], r["kind"], fact_key(r["document_id"], r["seq"])
            )
            for r in self._rows(stmt)
        ]

    def partnerships(
        self, actor_id: str | None = None, limit: int = 5000
    ) -> list[tuple[str, dict[str, Any]]]:
        """(key, JSON payload) of partnership facts, newest stored first; with `actor_id`, only
        those naming it as a party (the payload is searched for its id as JSON writes it)."""
        stmt = select(f.c.document_id, f.c.seq, f.c.payload).where(f.c.type == "partnership")
        if actor_id is not None:
            needle = json.dumps({"id": actor_id}, ensure_ascii=False)[1:-1]
            stmt = stmt.where(f.c.payload.like(like_pattern(needle), "\\"))
        rows = self._rows(stmt.order_by(f.c.id.desc()).limit(limit))
        return [(fact_key(r["document_id"], r["seq"]), json.loads(r["payload"])) for r in rows]

    def documents(self, query: DocumentQuery) -> DocumentsPage:
        """A page of documents matching `query`, newest first."""
        rows = self.store.documents(
            since=query.since,
            until=query.until,
            text=query.q,
            lang=query.lang,
            limit=query.limit + 1,
            offset=query.offset,
        )
        items = tuple(document_item(r) for r in rows[: query.limit])
        return DocumentsPage(query, items, more=len(rows) > query.limit)

    def document(self, doc_id: str) -> tuple[DocumentItem, DocumentRow] | None:
        """The document with exactly this id (never a name or prefix: links are ids)."""
        if not self._rows(select(d.c.id).where(d.c.id == doc_id)):
            return None
        row = self.store.document(doc_id)  # an exact id is looked up first, never as a prefix
        return (document_item(row), row) if row is not None else None

    def removed_blocks(self, doc_id: str) -> list[RemovedItem]:
        """What cleaning removed from the document, in raw-text order."""
        blocks = self.store.removed_blocks(doc_id)
        return [RemovedItem(b.start, b.end, b.rule, b.text) for b in blocks]

    def sources(self, doc_id: str) -> Sequence[SourceRow]:
        """Every input that yielded the document, first one first."""
        return self.store.sources(doc_id)
