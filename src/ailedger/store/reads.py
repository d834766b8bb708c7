"""Store reads: SQL rows -> frozen rows (documents, sources, removed blocks, runs, stats)."""

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
from .rows import DedupRow, DocumentRow, RunRow, SourceRow, StoreStats

MIN_PREFIX = 6
STREAM_ROWS = 1000


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _group_sizes() -> Any:
    """Sources per dedup group (documents plus the exact duplicates recorded as sources)."""
    d, s = t.documents, t.document_sources
    return (
        select(d.c.group_id, func.count(s.c.id).label("size"))
        .join(s, s.c.doc_id == d.c.id)
        .group_by(d.c.group_id)
        .subquery()
    )


def _document_select() -> Select[Any]:
    d, g, sizes = t.documents, t.groups, _group_sizes()
    cols = [c for c in d.c if c.name not in ("signature", "raw_sha256")]
    return (
        select(*cols, g.c.canonical_id, func.coalesce(sizes.c.size, 0).label("group_size"))
        .join(g, g.c.id == d.c.group_id)
        .outerjoin(sizes, sizes.c.group_id == d.c.group_id)
    )


def _document_row(row: Row[Any]) -> DocumentRow:
    m = row._mapping
    segments = tuple(Segment(int(c), int(r), int(n)) for c, r, n in m["offsets"])
    values = {k: m[k] for k in DocumentRow.__dataclass_fields__ if k != "offsets"}
    return DocumentRow(**values, offsets=OffsetMap(segments))


class Reads:
    """The read side of the store; `Store` adds the writes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _all(self, stmt: Select[Any]) -> list[Row[Any]]:
        try:
            with self.engine.connect() as conn:
                return list(conn.execute(stmt))
        except SQLAlchemyError as exc:
            raise StoreError(f"read failed: {describe(exc)}") from exc

    def dedup_rows(self) -> Iterator[DedupRow]:
        """Stream what the dedup index needs of every stored document (memory bounded)."""
        d, g = t.documents, t.groups
        stmt = select(
            d.c.id,
            d.c.group_id,
            g.c.canonical_id,
            d.c.content_hash,
            d.c.signature,
            d.c.n_chars,
            d.c.published,
        ).join(g, g.c.id == d.c.group_id)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=STREAM_ROWS).execute(stmt)
            for r in result:
                yield DedupRow(
                    r.id,
                    r.group_id,
                    r.canonical_id,
                    r.content_hash,
                    bytes(r.signature),
                    r.n_chars,
                    r.published,
                )

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
        """Documents matching every given filter, newest first (undated last), then by name."""
        d = t.documents
        stmt = _document_select()
        if since is not None:
            stmt = stmt.where(d.c.published >= since)
        if until is not None:
            stmt = stmt.where(d.c.published <= until)
        if source:
            stmt = stmt.where(
                or_(d.c.source.like(_like(source), "\\"), d.c.url.like(_like(source), "\\"))
            )
        if text:
            pattern = _like(text)
            stmt = stmt.where(or_(d.c.title.like(pattern, "\\"), d.c.text.like(pattern, "\\")))
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
        return zlib.decompress(rows[0].data) if rows else None

    def count_documents(self) -> int:
        return int(self._all(select(func.count()).select_from(t.documents))[0][0])

    def runs(self) -> list[RunRow]:
        """Every run, newest first."""
        r, i = t.runs, t.run_issues
        issues = select(i.c.run_id, func.count().label("n")).group_by(i.c.run_id).subquery()
        stmt = (
            select(r, func.coalesce(issues.c.n, 0).label("n_issues"))
            .outerjoin(issues, issues.c.run_id == r.c.id)
            .order_by(r.c.started_at.desc(), r.c.id)
        )
        out = []
        for row in self._all(stmt):
            m = row._mapping
            counts = RunCounts(**{k: m[k] for k in RunCounts.__dataclass_fields__})
            out.append(
                RunRow(
                    m["id"],
                    m["started_at"],
                    m["finished_at"],
                    m["status"],
                    tuple(m["sources"]),
                    counts,
                    int(m["n_issues"]),
                )
            )
        return out

    def run_issues(self, run_id: str) -> list[IngestIssue]:
        i = t.run_issues
        stmt = select(i.c.source, i.c.kind, i.c.message).where(i.c.run_id == run_id)
        return [IngestIssue(**r._mapping) for r in self._all(stmt.order_by(i.c.id))]

    def stats(self) -> StoreStats:
        """Totals over the whole store."""
        d, g = t.documents, t.groups

        def scalar(stmt: Select[Any]) -> Any:
            return self._all(stmt)[0][0]

        docs = int(scalar(select(func.count()).select_from(d)))
        sources = int(scalar(select(func.count()).select_from(t.document_sources)))
        non_canonical = select(func.count()).select_from(d.join(g, g.c.id == d.c.group_id))
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
        )
