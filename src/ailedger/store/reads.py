"""Store reads: SQL rows -> frozen rows (documents, sources, removed blocks, facts, runs, stats)."""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, Row, Select, func, or_, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..model import IngestIssue, OffsetMap, RemovedBlock, RunCounts, Segment
from . import schema as t
from .connect import describe
from .rows import DedupRow, DocumentRow, FactRow, IssueRow, RunRow, SourceRow, StoreStats

MIN_PREFIX = 6
STREAM_ROWS = 1000


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def dedup_select() -> Select[Any]:
    """What the dedup index needs of stored documents: each joined to its group."""
    d, g = t.documents, t.groups
    return select(
        d.c.id,
        d.c.group_id,
        g.c.canonical_id,
        d.c.content_hash,
        d.c.signature,
        d.c.n_chars,
        d.c.published,
    ).join(g, g.c.id == d.c.group_id)


def _group_size() -> Any:
    """Sources of the row's dedup group: its documents plus the exact duplicates of them.

    A correlated subquery (index on documents.group_id), so a page of rows never aggregates
    the whole table.
    """
    d, s, members = t.documents, t.document_sources, t.documents.alias("members")
    return (
        select(func.count(s.c.id))
        .select_from(members.join(s, s.c.doc_id == members.c.id))
        .where(members.c.group_id == d.c.group_id)
        .scalar_subquery()
    )


def _document_select() -> Select[Any]:
    d, g = t.documents, t.groups
    cols = [c for c in d.c if c.name not in ("signature", "raw_sha256")]
    return select(*cols, g.c.canonical_id, _group_size().label("group_size")).join(
        g, g.c.id == d.c.group_id
    )


def _document_row(row: Row[Any]) -> DocumentRow:
    m = row._mapping
    segments = tuple(Segment(int(c), int(r), int(n)) for c, r, n in m["offsets"])
    values = {k: m[k] for k in DocumentRow.__dataclass_fields__ if k != "offsets"}
    return DocumentRow(**values, offsets=OffsetMap(segments))


def _run_select() -> Select[Any]:
    r, i = t.runs, t.run_issues
    issues = select(i.c.run_id, func.count().label("n")).group_by(i.c.run_id).subquery()
    return (
        select(r, func.coalesce(issues.c.n, 0).label("n_issues"))
        .outerjoin(issues, issues.c.run_id == r.c.id)
        .order_by(r.c.started_at.desc(), r.c.id)
    )


def _run_row(row: Row[Any]) -> RunRow:
    m = row._mapping
    return RunRow(
        m["id"],
        m["started_at"],
        m["finished_at"],
        m["status"],
        tuple(m["sources"]),
        RunCounts(**{k: m[k] for k in RunCounts.__dataclass_fields__}),
        int(m["n_issues"]),
        inputs_done=int(m["inputs_done"]),
        last_input=m["last_input"],
        options=dict(m["options"] or {}),
    )


class Reads:
    """The read side of the store; `Store` adds the writes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _all(self, stmt: Select[Any]) -> list[Row[Any]]:
        try:
            with self.engine.connect() as conn:
                return list(conn.execute(stmt))
        except SQLAlchemyError as exc:
            raise StoreError(f"read from {self._where()} failed: {describe(exc)}") from exc

    def _where(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def dedup_rows(self) -> Iterator[DedupRow]:
        """Stream what the dedup index needs of every stored document, by id.

        Rows come STREAM_ROWS at a time (a server-side cursor on PostgreSQL), so memory stays
        bounded however large the store is.

        Raises:
            StoreError: the database cannot be read.
        """
        try:
            with self.engine.connect() as conn:
                result = conn.execute(
                    dedup_select().order_by(t.documents.c.id),
                    execution_options={"yield_per": STREAM_ROWS},
                )
                for r in result:
                    yield DedupRow(
                        r.id,
                        r.group_id,
                        r.canonical_id,
                        r.content_hash,
                        bytes(r.signature),
                        int(r.n_chars),
                        r.published,
                    )
        except SQLAlchemyError as exc:
            raise StoreError(f"read from {self._where()} failed: {describe(exc)}") from exc

    def documents(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        source: str | None = None,
        text: str | None = None,
        lang: str | None = None,
        canonical_only: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> list[DocumentRow]:
        """Documents matching every given filter, newest first (undated last), then by name.

        Args:
            since: earliest published date, inclusive (undated documents never match).
            until: latest published date, inclusive.
            source: a substring of the source or URL, any case.
            text: a substring of the title or cleaned text, any case; % and _ are literal.
            lang: a language code.
            canonical_only: only each dedup group's canonical document.
            limit: at most this many rows.
            offset: skip this many rows first.

        Raises:
            StoreError: a negative limit or offset, or the database cannot be read.
        """
        if limit < 0 or offset < 0:
            raise StoreError(f"bad page: limit={limit}, offset={offset}")
        d = t.documents
        stmt = _document_select()
        if since is not None:
            stmt = stmt.where(d.c.published >= since)
        if until is not None:
            stmt = stmt.where(d.c.published <= until)
        if source:
            stmt = stmt.where(
                or_(d.c.source.ilike(_like(source), "\\"), d.c.url.ilike(_like(source), "\\"))
            )
        if text:
            pattern = _like(text)
            stmt = stmt.where(or_(d.c.title.ilike(pattern, "\\"), d.c.text.ilike(pattern, "\\")))
        if lang:
            stmt = stmt.where(d.c.lang == lang)
        if canonical_only:
            stmt = stmt.where(t.groups.c.canonical_id == d.c.id)
        stmt = stmt.order_by(d.c.published.desc().nulls_last(), d.c.name, d.c.id)
        return [_document_row(r) for r in self._all(stmt.limit(limit).offset(offset))]

    def document(self, ref: str) -> DocumentRow | None:
        """The document with this id, name or unique id prefix (at least 6 characters).

        Raises:
            StoreError: the name or prefix matches several documents.
        """
        d = t.documents
        for cond in (d.c.id == ref, d.c.name == ref):
            rows = self._all(_document_select().where(cond).limit(2))
            if len(rows) > 1:
                raise StoreError(f"{ref}: several documents have this name; use an id")
            if rows:
                return _document_row(rows[0])
        if len(ref) >= MIN_PREFIX:
            rows = self._all(_document_select().where(d.c.id.like(_like(ref)[1:], "\\")).limit(2))
            if len(rows) > 1:
                raise StoreError(f"{ref}: ambiguous id prefix; give more characters")
            if rows:
                return _document_row(rows[0])
        return None

    def sources(self, doc_id: str) -> list[SourceRow]:
        """Every input that yielded this document, first one first."""
        s = t.document_sources
        stmt = select(s.c.doc_id, s.c.source, s.c.url, s.c.name, s.c.run_id, s.c.added_at)
        return [
            SourceRow(**r._mapping)
            for r in self._all(stmt.where(s.c.doc_id == doc_id).order_by(s.c.id))
        ]

    def removed_blocks(self, doc_id: str) -> list[RemovedBlock]:
        """What cleaning removed from this document, in text order."""
        b = t.removed_blocks
        stmt = select(b.c.start, b.c.end, b.c.rule, b.c.text).where(b.c.doc_id == doc_id)
        return [RemovedBlock(**r._mapping) for r in self._all(stmt.order_by(b.c.seq))]

    def raw_input(self, sha256: str) -> bytes | None:
        """The raw bytes of an input, decompressed, or None."""
        rows = self._all(select(t.raw_inputs.c.data).where(t.raw_inputs.c.sha256 == sha256))
        return zlib.decompress(bytes(rows[0].data)) if rows else None

    def facts(
        self,
        *,
        type: str | None = None,  # shadows the builtin on purpose: the CLI option and JSON key
        actor: str | None = None,
        kind: str | None = None,
        year: int | None = None,
        doc: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[FactRow]:
        """Stored facts matching every given filter: newest documents first, then in text order.

        Args:
            type: a fact type (money, compute, partnership, launch, ranking).
            actor: the actor's id, English name or Korean name, any case (whole, not a part).
            kind: a money kind (investment, funding, ...).
            year: the year the fact is about.
            doc: the document's id or name.
            limit: at most this many rows.
            offset: skip this many rows first.

        Raises:
            StoreError: a negative limit or offset, or the database cannot be read.
        """
        if limit < 0 or offset < 0:
            raise StoreError(f"bad page: limit={limit}, offset={offset}")
        f, d = t.facts, t.documents
        stmt = select(f, d.c.name.label("document_name")).join(d, d.c.id == f.c.document_id)
        if type:
            stmt = stmt.where(f.c.type == type)
        if actor:
            who = actor.strip().lower()
            stmt = stmt.where(
                or_(
                    func.lower(f.c.actor_id) == who,
                    func.lower(f.c.actor_name) == who,
                    func.lower(f.c.actor_ko) == who,
                )
            )
        if kind:
            stmt = stmt.where(f.c.kind == kind)
        if year is not None:
            stmt = stmt.where(f.c.year == year)
        if doc:
            stmt = stmt.where(or_(d.c.id == doc, d.c.name == doc))
        stmt = stmt.order_by(d.c.published.desc().nulls_last(), d.c.name, f.c.document_id, f.c.seq)
        rows = self._all(stmt.limit(limit).offset(offset))
        return [FactRow(**r._mapping) for r in rows]

    def count_documents(self) -> int:
        """The number of stored documents."""
        return int(self._all(select(func.count()).select_from(t.documents))[0][0])

    def runs(self) -> list[RunRow]:
        """Every run, newest first."""
        return [_run_row(row) for row in self._all(_run_select())]

    def run(self, ref: str) -> RunRow | None:
        """The run with this id or unique id prefix (at least 6 characters).

        Raises:
            StoreError: the prefix matches several runs.
        """
        r = t.runs
        rows = self._all(_run_select().where(r.c.id == ref))
        if not rows and len(ref) >= MIN_PREFIX:
            rows = self._all(_run_select().where(r.c.id.startswith(ref, autoescape=True)).limit(2))
        if len(rows) > 1:
            raise StoreError(f"{ref}: several runs start with this; give more of the id")
        return _run_row(rows[0]) if rows else None

    def run_issues(self, run_id: str) -> list[IngestIssue]:
        """The issues recorded with a run, in the order they were recorded."""
        i = t.run_issues
        stmt = select(i.c.source, i.c.kind, i.c.message, i.c.stage).where(i.c.run_id == run_id)
        return [IngestIssue(**r._mapping) for r in self._all(stmt.order_by(i.c.id))]

    def issues(
        self,
        *,
        run: str | None = None,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[IssueRow]:
        """Recorded failures (inputs that could not be read, documents quarantined by a stage),
        newest run first, in the order they were recorded within a run.

        Raises:
            StoreError: a negative limit or offset, or the database cannot be read.
        """
        if limit < 0 or offset < 0:
            raise StoreError(f"bad page: limit={limit}, offset={offset}")
        i, r = t.run_issues, t.runs
        stmt = select(
            i.c.run_id, r.c.started_at, i.c.source, i.c.kind, i.c.stage, i.c.message
        ).join(r, r.c.id == i.c.run_id)
        if run:
            stmt = stmt.where(i.c.run_id.startswith(run, autoescape=True))
        if kind:
            stmt = stmt.where(i.c.kind == kind)
        stmt = stmt.order_by(r.c.started_at.desc(), i.c.run_id, i.c.id)
        return [IssueRow(**row._mapping) for row in self._all(stmt.limit(limit).offset(offset))]

    def stats(self) -> StoreStats:
        """Totals over the whole store."""
        d, g = t.documents, t.groups

        def scalar(stmt: Select[Any]) -> Any:
            return self._all(stmt)[0][0]

        docs = int(scalar(select(func.count()).select_from(d)))
        sources = int(scalar(select(func.count()).select_from(t.document_sources)))
        non_canonical = select(func.count()).select_from(d.join(g, g.c.id == d.c.group_id))
        f = t.facts
        per_type = select(f.c.type, func.count().label("n")).group_by(f.c.type).order_by(f.c.type)
        by_type = {str(r.type): int(r.n) for r in self._all(per_type)}
        return StoreStats(
            documents=docs,
            groups=int(scalar(select(func.count()).select_from(g))),
            sources=sources,
            duplicate_sources=sources - docs,
            near_duplicates=int(scalar(non_canonical.where(g.c.canonical_id != d.c.id))),
            runs=int(scalar(select(func.count()).select_from(t.runs))),
            issues=int(scalar(select(func.count()).select_from(t.run_issues))),
            by_lang=dict(self._all(select(d.c.lang, func.count()).group_by(d.c.lang))),  # type: ignore[arg-type]
            by_fmt=dict(self._all(select(d.c.fmt, func.count()).group_by(d.c.fmt))),  # type: ignore[arg-type]
            earliest=scalar(select(func.min(d.c.published))),
            latest=scalar(select(func.max(d.c.published))),
            raw_bytes=int(scalar(select(func.coalesce(func.sum(t.raw_inputs.c.size), 0)))),
            facts=sum(by_type.values()),
            facts_by_type=by_type,
        )
