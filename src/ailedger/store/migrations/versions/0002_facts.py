"""Store migration 0002: adds the facts table (one row per extracted fact, its JSON kept whole).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

FILTERS = ("run_id", "type", "actor_id", "kind", "year")


def _exact() -> sa.types.TypeEngine[Any]:
    """Exact decimals: NUMERIC on PostgreSQL; text on SQLite, which has no exact decimal type."""
    return sa.Numeric().with_variant(sa.Text(), "sqlite")


def upgrade() -> None:
    """Create the facts table and the indexes of its filters."""
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.String(32), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=True),
        sa.Column("actor_name", sa.Text(), nullable=True),
        sa.Column("actor_ko", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(16), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("period", sa.String(32), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("value", _exact(), nullable=True),
        sa.Column("min", _exact(), nullable=True),
        sa.Column("max", _exact(), nullable=True),
        sa.Column("approx", sa.Boolean(), nullable=False),
        sa.Column("usd", _exact(), nullable=True),
        sa.Column("krw", _exact(), nullable=True),
        sa.Column("unit", sa.String(16), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("span", sa.Text(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_facts_document_id_documents"
        ),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_facts_run_id_runs"),
        sa.PrimaryKeyConstraint("id", name="pk_facts"),
        sa.UniqueConstraint("document_id", "seq", name="uq_facts_document_id_seq"),
    )
    for column in FILTERS:
        op.create_index(f"ix_facts_{column}", "facts", [column])


def downgrade() -> None:
    """Drop the facts table; documents and runs stay as they are."""
    for column in FILTERS:
        op.drop_index(f"ix_facts_{column}", table_name="facts")
    op.drop_table("facts")
