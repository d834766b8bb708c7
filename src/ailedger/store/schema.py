"""Store schema: the tables (SQLAlchemy Core) that hold runs, raw inputs, groups, documents and
the facts extracted from them.

The Alembic revisions under `migrations/versions` create these tables; a test checks that the
migrated database and this metadata agree.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator, TypeEngine

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

RUN_STATUSES = ("running", "done", "failed", "interrupted")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware timestamp, stored in UTC; SQLite's naive values come back as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} (store times in UTC)")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class ExactDecimal(TypeDecorator[Decimal]):
    """An exact decimal of any size: NUMERIC on PostgreSQL, plain decimal text on SQLite.

    SQLite has no exact decimal type (its NUMERIC affinity turns fractions and integers past
    2**63 into 8-byte floats), so there the value goes in as its plain positional text
    ("9000000000000000", never "9E+15") and comes back as the same Decimal.
    """

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Text())
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> object:
        if value is None:
            return None
        if not isinstance(value, Decimal) or not value.is_finite():
            raise ValueError(f"not a finite Decimal: {value!r}")
        return format(value, "f") if dialect.name == "sqlite" else value

    def process_result_value(self, value: object, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return value if isinstance(value, Decimal) else Decimal(str(value))


metadata = MetaData(naming_convention=NAMING)

runs = Table(
    "runs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("started_at", UTCDateTime(), nullable=False),
    Column("finished_at", UTCDateTime(), nullable=True),
    Column("status", String(16), nullable=False),
    Column("sources", JSON, nullable=False),
    Column("options", JSON, nullable=False),
    Column("read", Integer, nullable=False, default=0),
    Column("stored", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
    Column("errors", Integer, nullable=False, default=0),
    Column("bytes", BigInteger, nullable=False, default=0),
    # how far the run got: inputs whose outcome is committed, and the last of them (resume)
    Column("inputs_done", BigInteger, nullable=False, server_default="0"),
    Column("last_input", Text, nullable=True),
)

run_issues = Table(
    "run_issues",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(32), ForeignKey("runs.id"), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("kind", String(), nullable=False),
    Column("message", Text, nullable=False),
    Column("stage", String(16), nullable=True),  # read, parse, analyse or worker
)

raw_inputs = Table(
    "raw_inputs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("fmt", String(16), nullable=False),
    Column("encoding", String(64), nullable=False),
)

groups = Table(
    "groups",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("canonical_id", String(32), nullable=False),
    Column("created_run", String(32), nullable=True),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("url", Text, nullable=True),
    Column("title", Text, nullable=True),
    Column("published", Date, nullable=True),
    Column("published_from", String(), nullable=True),
    Column("lang", String(16), nullable=False),
    Column("fmt", String(16), nullable=False),
    Column("encoding", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("raw_text", Text, nullable=False),
    Column("offsets", JSON, nullable=False),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("signature", LargeBinary, nullable=False),
    Column("n_chars", Integer, nullable=False),
    Column("group_id", String(32), ForeignKey("groups.id"), nullable=False, index=True),
    Column("raw_sha256", String(64), ForeignKey("raw_inputs.sha256"), nullable=False),
    Column("run_id", String(32), nullable=True),
    Column("ingested_at", UTCDateTime(), nullable=False),
)

document_sources = Table(
    "document_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False),
    Column("source", Text, nullable=False),
    Column("url", Text, nullable=True),
    Column("name", Text, nullable=True),
    Column("run_id", String(32), nullable=True),
    Column("added_at", UTCDateTime(), nullable=False),
    UniqueConstraint("doc_id", "source"),
)

removed_blocks = Table(
    "removed_blocks",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("rule", String(), nullable=False),
    Column("text", Text, nullable=False),
    PrimaryKeyConstraint("doc_id", "seq"),
)

Index("ix_documents_published_name", documents.c.published, documents.c.name)

# The near-duplicate index on disk: one row per LSH band of each stored document's signature
# (`dedup.minhash.band_keys` at the default threshold), so dedup memory does not grow with the
# store; the primary key is the index a band lookup uses.
dedup_bands = Table(
    "dedup_bands",
    metadata,
    Column("key", BigInteger, nullable=False),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False),
    PrimaryKeyConstraint("key", "doc_id"),
)

# Each banded document's signature again, in a narrow table: comparing a document with the
# hundreds that can share a band reads these rows, not the documents' (whose long text comes
# first on disk).
dedup_signatures = Table(
    "dedup_signatures",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False),
    Column("signature", LargeBinary, nullable=False),
    PrimaryKeyConstraint("doc_id"),
)

facts = Table(
    "facts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(32), ForeignKey("documents.id"), nullable=False),
    Column("seq", Integer, nullable=False),  # the fact's place among its document's facts
    Column("run_id", String(32), ForeignKey("runs.id"), nullable=False, index=True),
    Column("type", String(16), nullable=False, index=True),
    Column("actor_id", String(64), nullable=True, index=True),
    Column("actor_name", Text, nullable=True),
    Column("actor_ko", Text, nullable=True),
    Column("kind", String(16), nullable=True, index=True),
    Column("year", Integer, nullable=True, index=True),
    Column("period", String(32), nullable=True),
    Column("currency", String(3), nullable=True),
    Column("value", ExactDecimal(), nullable=True),
    Column("min", ExactDecimal(), nullable=True),
    Column("max", ExactDecimal(), nullable=True),
    Column("approx", Boolean, nullable=False),
    Column("usd", ExactDecimal(), nullable=True),
    Column("krw", ExactDecimal(), nullable=True),
    Column("unit", String(16), nullable=True),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("span", Text, nullable=False),
    Column("rule", String(), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("payload", Text, nullable=False),  # fact_json as JSON text, byte for byte
    UniqueConstraint("document_id", "seq"),  # also the index of the document_id filter
)
