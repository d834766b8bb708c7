"""Store schema: the ledger tables (entries, the claims behind them, conflicts, revisions).

The ledger is derived data: `ledger_io.update_ledger` rewrites the partitions an ingest
touched (`rebuild_ledger` all four tables) from the facts. Every row carries a `seq`, its place
in the ledger's deterministic order, and entries and conflicts keep their whole JSON object in
`payload`; an entry's `part` names its partition (migration 0006).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKeyConstraint,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from .schema import ExactDecimal, metadata

ledger_entries = Table(
    "ledger_entries",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("type", String(16), nullable=False, index=True),
    Column("actor_id", String(64), nullable=True, index=True),
    Column("actor_name", Text, nullable=True),
    Column("actor_ko", Text, nullable=True),
    Column("actor_group", Text, nullable=True),  # sorted entity ids, comma-separated
    Column("kind", String(16), nullable=True),
    Column("year", Integer, nullable=True, index=True),
    Column("period", String(32), nullable=True),
    Column("unit", String(16), nullable=True),
    Column("value", ExactDecimal(), nullable=True),
    Column("min", ExactDecimal(), nullable=True),
    Column("max", ExactDecimal(), nullable=True),
    Column("approx", Boolean, nullable=False),
    Column("usd_min", ExactDecimal(), nullable=True),
    Column("usd_max", ExactDecimal(), nullable=True),
    Column("krw_min", ExactDecimal(), nullable=True),
    Column("krw_max", ExactDecimal(), nullable=True),
    Column("fx_date", Date, nullable=True),
    Column("fx_source", String(16), nullable=True),
    Column("status", String(16), nullable=False),
    Column("revises", String(16), nullable=True),
    Column("published", Date, nullable=True),
    Column("n_sources", Integer, nullable=False),
    Column("n_claims", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("part", Text, nullable=True, index=True),  # its partition: type, actor, dimension
)

ledger_claims = Table(
    "ledger_claims",
    metadata,
    Column("entry_id", String(16), nullable=False),
    Column("seq", Integer, nullable=False),  # the claim's place in its entry (date order)
    Column("document_id", String(32), nullable=False),
    Column("fact_seq", Integer, nullable=False),
    Column("group_id", String(32), nullable=False),
    Column("published", Date, nullable=True),
    Column("role", String(16), nullable=False),  # first, re-report, same-source
    PrimaryKeyConstraint("entry_id", "seq"),
    ForeignKeyConstraint(["entry_id"], ["ledger_entries.id"]),
    ForeignKeyConstraint(["document_id", "fact_seq"], ["facts.document_id", "facts.seq"]),
)
Index(
    "ix_ledger_claims_document_id_fact_seq", ledger_claims.c.document_id, ledger_claims.c.fact_seq
)

ledger_conflicts = Table(
    "ledger_conflicts",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("kind", String(16), nullable=False, index=True),
    Column("field", String(16), nullable=False),
    Column("entry_a", String(16), nullable=False, index=True),
    Column("entry_b", String(16), nullable=False, index=True),
    Column("document_a", String(32), nullable=False),
    Column("fact_seq_a", Integer, nullable=False),
    Column("document_b", String(32), nullable=False),
    Column("fact_seq_b", Integer, nullable=False),
    Column("detail", Text, nullable=False),
    Column("factor", Text, nullable=True),  # b / a as decimal text
    Column("payload", Text, nullable=False),
    ForeignKeyConstraint(["entry_a"], ["ledger_entries.id"]),
    ForeignKeyConstraint(["entry_b"], ["ledger_entries.id"]),
)

ledger_revisions = Table(
    "ledger_revisions",
    metadata,
    Column("old", String(16), nullable=False),
    Column("new", String(16), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("old_published", Date, nullable=True),
    Column("new_published", Date, nullable=True),
    Column("cue", Text, nullable=False),
    PrimaryKeyConstraint("old", "new"),
    ForeignKeyConstraint(["old"], ["ledger_entries.id"]),
    ForeignKeyConstraint(["new"], ["ledger_entries.id"]),
)

LEDGER_TABLES = (ledger_revisions, ledger_conflicts, ledger_claims, ledger_entries)
