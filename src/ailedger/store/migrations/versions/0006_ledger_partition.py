"""Store migration 0006: each ledger entry records its partition (type, actor, dimension), so an
ingest merges its new facts into the partitions they touch instead of rebuilding the ledger; the
columns that point at entries from conflicts and revisions get indexes, since the merge deletes
entries and every deletion checks those references.

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


INDEXES = (
    ("ix_ledger_entries_part", "ledger_entries", "part"),
    ("ix_ledger_conflicts_entry_a", "ledger_conflicts", "entry_a"),
    ("ix_ledger_conflicts_entry_b", "ledger_conflicts", "entry_b"),
    ("ix_ledger_revisions_new", "ledger_revisions", "new"),
)


def upgrade() -> None:
    with op.batch_alter_table("ledger_entries") as batch:
        batch.add_column(sa.Column("part", sa.Text(), nullable=True))
    for name, table, column in INDEXES:
        op.create_index(name, table, [column])


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("ledger_entries") as batch:
        batch.drop_column("part")
