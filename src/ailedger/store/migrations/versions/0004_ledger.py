"""Store migration 0004: adds the ledger tables (entries, their claims, conflicts, revisions).

They hold derived data, rebuilt from the facts after every ingest run: a database migrated
from 0003 gets its ledger at the next ingest (or `ailedger ledger --rebuild`).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def _exact() -> sa.types.TypeEngine[Any]:
    """Exact decimals: NUMERIC on PostgreSQL; text on SQLite, which has no exact decimal type."""
    return sa.Numeric().with_variant(sa.Text(), "sqlite")


def _entries() -> None:
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=True),
        sa.Column("actor_name", sa.Text(), nullable=True),
        sa.Column("actor_ko", sa.Text(), nullable=True),
        sa.Column("actor_group", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(16), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("period", sa.String(32), nullable=True),
        sa.Column("unit", sa.String(16), nullable=True),
        sa.Column("value", _exact(), nullable=True),
        sa.Column("min", _exact(), nullable=True),
        sa.Column("max", _exact(), nullable=True),
        sa.Column("approx", sa.Boolean(), nullable=False),
        sa.Column("usd_min", _exact(), nullable=True),
        sa.Column("usd_max", _exact(), nullable=True),
        sa.Column("krw_min", _exact(), nullable=True),
        sa.Column("krw_max", _exact(), nullable=True),
        sa.Column("fx_date", sa.Date(), nullable=True),
        sa.Column("fx_source", sa.String(16), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("revises", sa.String(16), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("n_claims", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_entries"),
    )
    for column in ("type", "actor_id", "year"):
        op.create_index(f"ix_ledger_entries_{column}", "ledger_entries", [column])


def _claims() -> None:
    op.create_table(
        "ledger_claims",
        sa.Column("entry_id", sa.String(16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("fact_seq", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.String(32), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("entry_id", "seq", name="pk_ledger_claims"),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["ledger_entries.id"], name="fk_ledger_claims_entry_id_ledger_entries"
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "fact_seq"],
            ["facts.document_id", "facts.seq"],
            name="fk_ledger_claims_document_id_facts",
        ),
    )
    op.create_index(
        "ix_ledger_claims_document_id_fact_seq", "ledger_claims", ["document_id", "fact_seq"]
    )


def _conflicts() -> None:
    op.create_table(
        "ledger_conflicts",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("entry_a", sa.String(16), nullable=False),
        sa.Column("entry_b", sa.String(16), nullable=False),
        sa.Column("document_a", sa.String(32), nullable=False),
        sa.Column("fact_seq_a", sa.Integer(), nullable=False),
        sa.Column("document_b", sa.String(32), nullable=False),
        sa.Column("fact_seq_b", sa.Integer(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("factor", sa.Text(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_conflicts"),
        sa.ForeignKeyConstraint(
            ["entry_a"], ["ledger_entries.id"], name="fk_ledger_conflicts_entry_a_ledger_entries"
        ),
        sa.ForeignKeyConstraint(
            ["entry_b"], ["ledger_entries.id"], name="fk_ledger_conflicts_entry_b_ledger_entries"
        ),
    )
    op.create_index("ix_ledger_conflicts_kind", "ledger_conflicts", ["kind"])


def _revisions() -> None:
    op.create_table(
        "ledger_revisions",
        sa.Column("old", sa.String(16), nullable=False),
        sa.Column("new", sa.String(16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("old_published", sa.Date(), nullable=True),
        sa.Column("new_published", sa.Date(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("old", "new", name="pk_ledger_revisions"),
        sa.ForeignKeyConstraint(
            ["old"], ["ledger_entries.id"], name="fk_ledger_revisions_old_ledger_entries"
        ),
        sa.ForeignKeyConstraint(
            ["new"], ["ledger_entries.id"], name="fk_ledger_revisions_new_ledger_entries"
        ),
    )


def upgrade() -> None:
    """Create the ledger tables (empty: the next ingest fills them)."""
    _entries()
    _claims()
    _conflicts()
    _revisions()


def downgrade() -> None:
    """Drop the ledger tables; documents and facts stay as they are."""
    op.drop_table("ledger_revisions")
    op.drop_index("ix_ledger_conflicts_kind", table_name="ledger_conflicts")
    op.drop_table("ledger_conflicts")
    op.drop_index("ix_ledger_claims_document_id_fact_seq", table_name="ledger_claims")
    op.drop_table("ledger_claims")
    for column in ("type", "actor_id", "year"):
        op.drop_index(f"ix_ledger_entries_{column}", table_name="ledger_entries")
    op.drop_table("ledger_entries")
