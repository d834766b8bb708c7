"""Store migration 0001: creates every table of the first schema (runs, raw inputs, documents).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create all tables."""
    op.create_table(
        "runs",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("started_at", _when(), nullable=False),
        sa.Column("finished_at", _when(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("read", sa.Integer(), nullable=False),
        sa.Column("stored", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_table(
        "run_issues",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.String(32), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_run_issues_run_id_runs"),
        sa.PrimaryKeyConstraint("id", name="pk_run_issues"),
    )
    op.create_index("ix_run_issues_run_id", "run_issues", ["run_id"])
    op.create_table(
        "raw_inputs",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("fmt", sa.String(16), nullable=False),
        sa.Column("encoding", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_raw_inputs"),
    )
    op.create_table(
        "groups",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("canonical_id", sa.String(32), nullable=False),
        sa.Column("created_run", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_groups"),
    )
    _create_documents()
    op.create_table(
        "document_sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(32), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("run_id", sa.String(32), nullable=True),
        sa.Column("added_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], name="fk_document_sources_doc_id_documents"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_document_sources"),
        sa.UniqueConstraint("doc_id", "source", name="uq_document_sources_doc_id_source"),
    )
    op.create_table(
        "removed_blocks",
        sa.Column("doc_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], name="fk_removed_blocks_doc_id_documents"
        ),
        sa.PrimaryKeyConstraint("doc_id", "seq", name="pk_removed_blocks"),
    )


def _create_documents() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_from", sa.String(), nullable=True),
        sa.Column("lang", sa.String(16), nullable=False),
        sa.Column("fmt", sa.String(16), nullable=False),
        sa.Column("encoding", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("offsets", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("n_chars", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.String(32), nullable=False),
        sa.Column("raw_sha256", sa.String(64), nullable=False),
        sa.Column("run_id", sa.String(32), nullable=True),
        sa.Column("ingested_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], name="fk_documents_group_id_groups"),
        sa.ForeignKeyConstraint(
            ["raw_sha256"], ["raw_inputs.sha256"], name="fk_documents_raw_sha256_raw_inputs"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_index("ix_documents_name", "documents", ["name"])
    op.create_index("ix_documents_content_hash", "documents", ["content_hash"])
    op.create_index("ix_documents_group_id", "documents", ["group_id"])
    op.create_index("ix_documents_published_name", "documents", ["published", "name"])


def downgrade() -> None:
    """Drop all tables."""
    for table in (
        "removed_blocks",
        "document_sources",
        "documents",
        "groups",
        "raw_inputs",
        "run_issues",
        "runs",
    ):
        op.drop_table(table)
