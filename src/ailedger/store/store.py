"""Store: batches of StoredDocument and run records -> SQL rows, one transaction per batch.

A document's facts go in the transaction that inserts the document, so neither is ever stored
without the other. Writes are idempotent: a document already stored adds at most a new source
row (never facts), so re-running a batch after a crash completes it with nothing lost or
duplicated.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from types import TracebackType
from typing import Any

from sqlalchemy import (
    URL,
    Connection,
    Engine,
    Table,
    bindparam,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from ..dedup.minhash import band_keys
from ..errors import StoreError
from ..model import IngestIssue, RawDocument, RunCounts, RunStep, StoredDocument
from . import schema as t
from .connect import WRITE_OPTION, create, describe, display, resolve_url
from .fact_columns import fact_columns
from .migrate import upgrade
from .reads import Reads
from .rows import RunRow

CHUNK = 500


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def outcome_counts(outcomes: Sequence[str]) -> RunCounts:
    """The stored, duplicate and skipped totals of `write_batch` outcomes."""
    return RunCounts(
        stored=sum(o in ("new", "near") for o in outcomes),
        duplicates=sum(o in ("near", "exact") for o in outcomes),
        skipped=outcomes.count("skipped"),
    )


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


class Store(Reads):
    """An open ailedger database: documents, sources, dedup groups, facts and ingest runs."""

    def __init__(self, engine: Engine, url: URL) -> None:
        super().__init__(engine)
        self._url = url
        self._bands: bool | None = None  # whether the schema has the dedup index (0007, 0008)

    def _has_bands(self) -> bool:
        """A store opened on an older schema (tests do) writes no band keys or signature rows;
        the migrations that add their tables fill them in from the stored signatures."""
        if self._bands is None:
            tables = set(inspect(self.engine).get_table_names())
            self._bands = {t.dedup_bands.name, t.dedup_signatures.name} <= tables
        return self._bands

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
        """Record the start of an ingest run (status "running").

        Args:
            sources: the sources as given on the command line.
            options: the run's settings; values JSON cannot hold are kept as text.

        Returns:
            The run id (32 hex digits).
        """
        run_id = uuid.uuid4().hex
        counts = asdict(RunCounts())
        row = {"id": run_id, "started_at": _now(), "status": "running", **counts}
        plain = json.loads(json.dumps(dict(options), default=str))
        with self._write() as conn:
            conn.execute(
                insert(t.runs), [row | {"sources": [str(s) for s in sources], "options": plain}]
            )
        return run_id

    def finish_run(self, run_id: str, counts: RunCounts | None, status: str = "done") -> None:
        """Record the end of a run, with its totals unless `counts` is None (a run whose
        batches carried their totals, see `write_batch`).

        Raises:
            StoreError: an unknown run or a status other than done, failed or interrupted.
        """
        if status not in t.RUN_STATUSES or status == "running":
            raise StoreError(f"run {run_id}: cannot finish with status {status!r}")
        values = (asdict(counts) if counts else {}) | {"status": status, "finished_at": _now()}
        with self._write() as conn:
            result = conn.execute(update(t.runs).where(t.runs.c.id == run_id).values(**values))
            if result.rowcount != 1:
                raise StoreError(f"run {run_id}: no such run in {self.url}")

    def reopen_run(self, run_id: str) -> RunRow:
        """Mark an unfinished run (killed, failed or interrupted) as running again, to resume it.

        Raises:
            StoreError: no such run, or the run is done.
        """
        run = self.run(run_id)
        if run is None:
            raise StoreError(f"run {run_id}: no such run in {self.url} (see: ailedger runs)")
        if run.status == "done":
            raise StoreError(f"run {run.id}: already done, nothing to resume")
        with self._write() as conn:
            conn.execute(
                update(t.runs)
                .where(t.runs.c.id == run.id)
                .values(status="running", finished_at=None)
            )
        return run

    def record_issues(self, run_id: str, issues: Sequence[IngestIssue]) -> None:
        """Record the inputs of a run that failed."""
        if issues:
            rows = [{"run_id": run_id, **asdict(i)} for i in issues]
            with self._write() as conn:
                conn.execute(insert(t.run_issues), rows)

    # documents -------------------------------------------------------------------------------

    def write_batch(
        self, run_id: str, batch: Sequence[StoredDocument], step: RunStep | None = None
    ) -> list[str]:
        """Write one batch, with the facts of its new documents, in one transaction.

        Args:
            run_id: the run writing.
            batch: the documents, in input order.
            step: when given, the run's totals, issues and resume point move on in the same
                transaction, so a killed run resumes exactly after its last committed batch.

        Returns:
            One outcome per item: "new" (new document and group), "near" (new document in an
            existing group), "exact" (a new source of a stored document) or "skipped".

        Raises:
            StoreError: an item is inconsistent, or the write failed; nothing of the batch is
                stored then.
        """
        _check(batch)
        if not batch and step is None:
            return []
        with self._write() as conn:
            writer = _BatchWriter(conn, run_id, self._has_bands())
            outcomes = writer.write(batch) if batch else []
            if step is not None:
                _advance(conn, run_id, step, outcome_counts(outcomes))
            return outcomes


def _advance(conn: Connection, run_id: str, step: RunStep, written: RunCounts) -> None:
    """Add a step's issues and totals to its run and move its resume point."""
    if step.issues:
        conn.execute(insert(t.run_issues), [{"run_id": run_id, **asdict(i)} for i in step.issues])
    r = t.runs
    result = conn.execute(
        update(r)
        .where(r.c.id == run_id)
        .values(
            read=r.c.read + step.read,
            bytes=r.c.bytes + step.bytes,
            errors=r.c.errors + len(step.issues),
            stored=r.c.stored + written.stored,
            duplicates=r.c.duplicates + written.duplicates,
            skipped=r.c.skipped + written.skipped,
            inputs_done=step.inputs_done,
            last_input=step.last_input,
        )
    )
    if result.rowcount != 1:
        raise StoreError(f"run {run_id}: no such run")


def _check(batch: Sequence[StoredDocument]) -> None:
    for item in batch:
        dedup, doc_id = item.dedup, item.document.id
        if dedup.kind not in ("new", "exact", "near"):
            raise StoreError(f"{doc_id}: unknown dedup kind {dedup.kind!r}")
        if dedup.kind == "exact" and not dedup.duplicate_of:
            raise StoreError(f"{doc_id}: an exact duplicate needs duplicate_of")
        if dedup.kind == "exact" and item.facts:
            raise StoreError(f"{doc_id}: an exact duplicate carries no facts")
        for fact in item.facts:
            if fact.doc != doc_id:
                raise StoreError(f"{doc_id}: a fact of document {fact.doc!r} in its facts")


class _BatchWriter:
    """Plans the rows of one batch against what is stored, then inserts them in bulk."""

    def __init__(self, conn: Connection, run_id: str, bands: bool = True) -> None:
        self.conn, self.run_id, self.now, self.bands = conn, run_id, _now(), bands
        self.rows: dict[str, list[dict[str, Any]]] = {
            "documents": [],
            "sources": [],
            "blocks": [],
            "facts": [],
            "bands": [],
            "signatures": [],
        }
        self.raws: dict[str, RawDocument] = {}
        self.canonical: dict[str, str] = {}

    def _stored(self, column: Any, values: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(set(values))):
            found |= set(self.conn.scalars(select(column).where(column.in_(chunk))))
        return found

    def _stored_sources(self, ids: list[str]) -> set[tuple[str, str]]:
        found: set[tuple[str, str]] = set()
        cols = (t.document_sources.c.doc_id, t.document_sources.c.source)
        for chunk in _chunks(ids):
            rows = self.conn.execute(select(*cols).where(t.document_sources.c.doc_id.in_(chunk)))
            found |= {(r.doc_id, r.source) for r in rows}
        return found

    def write(self, batch: Sequence[StoredDocument]) -> list[str]:
        """Plan every item against what is stored (and earlier items), then insert in bulk."""
        targets = [i.dedup.duplicate_of or i.document.id for i in batch]
        own = [i.document.id for i in batch if i.dedup.kind != "exact"]
        stored = self._stored(t.documents.c.id, own)
        sources = self._stored_sources(sorted(set(targets)))
        outcomes = []
        for item, target in zip(batch, targets, strict=True):
            doc = item.document
            if item.dedup.kind == "exact" or doc.id in stored:
                key = (target, doc.raw.source)
                outcomes.append("skipped" if key in sources else "exact")
                if key not in sources:
                    self._source(target, item)
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
        self.raws.setdefault(raw.raw_sha256, raw)
        self.canonical[dec.group_id] = dec.canonical_id  # the batch's last decision wins
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
        self.rows["facts"] += [fact_columns(f, n, self.run_id) for n, f in enumerate(item.facts)]
        if item.signature and self.bands:  # the near-duplicate index on disk (dedup.stored)
            keys = dict.fromkeys(band_keys(item.signature))
            self.rows["bands"] += [{"key": k, "doc_id": doc.id} for k in keys]
            self.rows["signatures"].append({"doc_id": doc.id, "signature": item.signature})

    def _insert_ignore(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        maker = pg_insert if self.conn.dialect.name == "postgresql" else sqlite_insert
        self.conn.execute(maker(table).on_conflict_do_nothing(), rows)

    def _flush(self) -> None:
        stored_raw = self._stored(t.raw_inputs.c.sha256, self.raws)
        self._insert_ignore(
            t.raw_inputs, [_raw_row(r) for sha, r in self.raws.items() if sha not in stored_raw]
        )
        stored_groups = self._stored(t.groups.c.id, self.canonical)
        new_groups = [
            {"id": g, "canonical_id": c, "created_run": self.run_id}
            for g, c in self.canonical.items()
            if g not in stored_groups
        ]
        self._insert_ignore(t.groups, new_groups)
        changed = [{"g": g, "c": c} for g, c in self.canonical.items() if g in stored_groups]
        if changed:
            stmt = update(t.groups).where(t.groups.c.id == bindparam("g"))
            self.conn.execute(stmt.values(canonical_id=bindparam("c")), changed)
        if self.rows["documents"]:
            self.conn.execute(insert(t.documents), self.rows["documents"])
        self._insert_ignore(t.document_sources, self.rows["sources"])  # UNIQUE(doc_id, source)
        if self.rows["blocks"]:
            self.conn.execute(insert(t.removed_blocks), self.rows["blocks"])
        if self.rows["facts"]:
            self.conn.execute(insert(t.facts), self.rows["facts"])
        self._insert_ignore(t.dedup_bands, self.rows["bands"])
        self._insert_ignore(t.dedup_signatures, self.rows["signatures"])


def _raw_row(raw: RawDocument) -> dict[str, Any]:
    return {
        "sha256": raw.raw_sha256,
        "size": len(raw.raw_bytes),
        "data": zlib.compress(raw.raw_bytes),
        "fmt": str(raw.fmt),
        "encoding": raw.encoding,
    }
