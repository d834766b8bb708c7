"""Store migration 0003: runs keep how far they got (resumable runs); issues name their stage.

`runs.inputs_done` counts the inputs whose outcome is committed and `runs.last_input` names the
last of them, so a killed run resumes after it; `run_issues.stage` says which stage failed
(read, parse, analyse, worker) for `ailedger errors`.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the progress columns of runs and the stage of issues."""
    op.add_column(
        "runs", sa.Column("inputs_done", sa.BigInteger(), nullable=False, server_default="0")
    )
    op.add_column("runs", sa.Column("last_input", sa.Text(), nullable=True))
    op.add_column("run_issues", sa.Column("stage", sa.String(16), nullable=True))


def downgrade() -> None:
    """Drop them again; runs and issues stay (SQLite >= 3.35 drops a column in place)."""
    op.drop_column("run_issues", "stage")
    op.drop_column("runs", "last_input")
    op.drop_column("runs", "inputs_done")
