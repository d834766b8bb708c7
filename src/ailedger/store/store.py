"""Store: batches of StoredDocument and run records -> SQL rows, one transaction per batch.

Writes are idempotent: a document already stored adds at most a new source row, so re-running
a batch after a crash completes it with nothing lost or duplicated.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from types import TracebackType
from typing import Any

from sqlalchemy import URL, Connection, Engine, Table, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..model import IngestIssue, RunCounts, StoredDocument
from . import schema as t
from .connect import WRITE_OPTION, create, describe, display, resolve_url
from .migrate import upgrade
from .reads import Reads

CHUNK = 500


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


class Store(Reads):
    """An open ailedger database: documents, sources, dedup groups and ingest runs."""

    def __init__(self, engine: Engine, url: URL) -> None:
        super().__init__(engine)
        self._url = url

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (and create or migrate) the database at `url`.

        Args:
            url: a SQLAlchemy URL, a SQLite file path, or None for $AILEDGER_DB / ./ailedger.db.

        Raises:
            StoreError: the database cannot be reached or migrated.
        """
        parsed = resolve_url(url)
        engine = create(parsed)
        try:
            upgrade(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot migrate database {display(parsed)}: {describe(exc)}") from exc
        return cls(engine, parsed)

    @property
    def url(self) -> str:
        """The database URL with any password masked."""
        return display(self._url)

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**{WRITE_OPTION: True})
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"write to {self.url} failed: {describe(exc)}") from exc

    # runs ------------------------------------------------------------------------------------

    def start_run(self, sources: Sequence[str], options: Mapping[str, object]) -> str:
        """Record the start of an ingest run and return its id."""
        run_id = uuid.uuid4().hex
        counts = asdict(RunCounts())
        row = {"id": run_id, "started_at": _now(), "status": "running", **counts}
        with self._write() as conn:
            conn.execute(
                insert(t.runs), [row | {"sources": list(sources), "options": dict(options)}]
            )
        return run_id

    def finish_run(self, run_id: str, counts: RunCounts, status: str = "done") -> None:
        """Record the end of a run with its totals."""
        values = asdict(counts) | {"status": status, "finished_at": _now()}
        with self._write() as conn:
            conn.execute(update(t.runs).where(t.runs.c.id == run_id).values(**values))

    def record_issues(self, run_id: str, issues: Sequence[IngestIssue]) -> None:
        """Record the inputs of a run that failed."""
        if issues:
            rows = [{"run_id": run_id, **asdict(i)} for i in issues]
            with self._write() as conn:
                conn.execute(insert(t.run_issues), rows)

    # documents -------------------------------------------------------------------------------

    def write_batch(self, run_id: str, batch: Sequence[StoredDocument]) -> list[str]:
        """Write one batch in one transaction.

        Returns:
            One outcome per item: "new" (new document and group), "near" (new document in an
            existing group), "exact" (a new source of a stored document) or "skipped".

        Raises:
            StoreError: the write failed; nothing of the batch is stored.
        """
        with self._write() as conn:
            return _BatchWriter(conn, run_id).write(batch)


class _BatchWriter:
    """Plans the rows of one batch against what is stored, then inserts them in bulk."""

    def __init__(self, conn: Connection, run_id: str) -> None:
        self.conn, self.run_id, self.now = conn, run_id, _now()
        self.rows: dict[str, list[dict[str, Any]]] = {
            "raw": [],
            "documents": [],
            "sources": [],
            "blocks": [],
        }
        self.canonical: dict[str, str] = {}
        self.new_groups: set[str] = set()

    def _stored_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(ids):
            found |= set(
                self.conn.scalars(select(t.documents.c.id).where(t.documents.c.id.in_(chunk)))
            )
        return found

    def _stored_sources(self, ids: list[str]) -> set[tuple[str, str]]:
        found: set[tuple[str, str]] = set()
        cols = (t.document_sources.c.doc_id, t.document_sources.c.source)
        for chunk in _chunks(ids):
            rows = self.conn.execute(select(*cols).where(t.document_sources.c.doc_id.in_(chunk)))
            found |= {(r.doc_id, r.source) for r in rows}
        return found

    def write(self, batch: Sequence[StoredDocument]) -> list[str]:
        targets = [i.dedup.duplicate_of or i.document.id for i in batch]
        stored = self._stored_ids([i.document.id for i in batch])
        sources = self._stored_sources(sorted(set(targets) | stored))
        outcomes = []
        for item, target in zip(batch, targets, strict=True):
            doc = item.document
            if item.dedup.kind == "exact" or doc.id in stored:
                key = (doc.id if doc.id in stored else target, doc.raw.source)
                outcomes.append("skipped" if key in sources else "exact")
                if key not in sources:
                    self._source(key[0], item)
                sources.add(key)
                continue
            stored.add(doc.id)
            sources.add((doc.id, doc.raw.source))
            self._document(item)
            outcomes.append(item.dedup.kind)
        self._flush()
        return outcomes

    def _source(self, doc_id: str, item: StoredDocument) -> None:
        raw = item.document.raw
        self.rows["sources"].append(
            {
                "doc_id": doc_id,
                "source": raw.source,
                "url": raw.url,
                "name": raw.name,
                "run_id": self.run_id,
                "added_at": self.now,
            }
        )

    def _document(self, item: StoredDocument) -> None:
        doc, dec, raw = item.document, item.dedup, item.document.raw
        self.rows["raw"].append(
            {
                "sha256": raw.raw_sha256,
                "size": len(raw.raw_bytes),
                "data": zlib.compress(raw.raw_bytes),
                "fmt": str(raw.fmt),
                "encoding": raw.encoding,
            }
        )
        if dec.kind == "new":
            self.new_groups.add(dec.group_id)
        self.canonical[dec.group_id] = dec.canonical_id
        self.rows["documents"].append(
            {
                "id": doc.id,
                "name": doc.name,
                "source": raw.source,
                "url": raw.url,
                "title": doc.title,
                "published": raw.published,
                "published_from": raw.published_from,
                "lang": doc.lang,
                "fmt": str(raw.fmt),
                "encoding": raw.encoding,
                "text": doc.text,
                "raw_text": raw.text,
                "offsets": [[s.clean_start, s.raw_start, s.length] for s in doc.offsets.segments],
                "content_hash": doc.content_hash,
                "signature": item.signature,
                "n_chars": len(doc.text),
                "group_id": dec.group_id,
                "raw_sha256": raw.raw_sha256,
                "run_id": self.run_id,
                "ingested_at": self.now,
            }
        )
        self._source(doc.id, item)
        self.rows["blocks"] += [
            {"doc_id": doc.id, "seq": n, **asdict(b)} for n, b in enumerate(doc.removed)
        ]

    def _insert_ignore(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        maker = pg_insert if self.conn.dialect.name == "postgresql" else sqlite_insert
        self.conn.execute(maker(table).on_conflict_do_nothing(), rows)

    def _flush(self) -> None:
        raw = list({r["sha256"]: r for r in self.rows["raw"]}.values())
        self._insert_ignore(t.raw_inputs, raw)
        groups = [
            {"id": g, "canonical_id": self.canonical[g], "created_run": self.run_id}
            for g in sorted(self.new_groups)
        ]
        self._insert_ignore(t.groups, groups)
        for group_id, canonical_id in self.canonical.items():
            if group_id not in self.new_groups:
                stmt = update(t.groups).where(t.groups.c.id == group_id)
                self.conn.execute(stmt.values(canonical_id=canonical_id))
        for table, key in ((t.documents, "documents"), (t.document_sources, "sources")):
            if self.rows[key]:
                self.conn.execute(insert(table), self.rows[key])
        if self.rows["blocks"]:
            self.conn.execute(insert(t.removed_blocks), self.rows["blocks"])
