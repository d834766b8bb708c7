"""Store migration 0006: each ledger entry records its partition (type, actor, dimension), so an
ingest merges its new facts into the partitions they touch instead of rebuilding the ledger.

Entries stored before this migration have no partition; the next ingest (or `ailedger ledger
--rebuild`) rebuilds the ledger whole and fills it in.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("ledger_entries") as batch:
        batch.add_column(sa.Column("part", sa.Text(), nullable=True))
    op.create_index("ix_ledger_entries_part", "ledger_entries", ["part"])


def downgrade() -> None:
    op.drop_index("ix_ledger_entries_part", table_name="ledger_entries")
    with op.batch_alter_table("ledger_entries") as batch:
        batch.drop_column("part")
