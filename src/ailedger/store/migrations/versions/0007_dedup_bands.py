"""Store migration 0007: the near-duplicate index on disk. One row per LSH band key of each
document's MinHash signature (`dedup.minhash.band_keys`), so a run looks up the candidates of a
document in the database instead of holding every signature of the store in memory; documents
stored before this migration get their keys from the signatures they already have.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ailedger.dedup.minhash import band_keys

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

CHUNK = 2000


def upgrade() -> None:
    """Create the band table and fill it from the stored signatures."""
    op.create_table(
        "dedup_bands",
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False),
        sa.PrimaryKeyConstraint("key", "doc_id"),
    )
    bands = sa.table("dedup_bands", sa.column("key"), sa.column("doc_id"))
    docs = sa.table("documents", sa.column("id"), sa.column("signature"))
    conn, last = op.get_bind(), ""
    while chunk := conn.execute(  # by id, a chunk at a time: memory flat for any store
        sa.select(docs.c.id, docs.c.signature)
        .where(docs.c.id > last)
        .order_by(docs.c.id)
        .limit(CHUNK)
    ).all():
        last = chunk[-1].id
        keys = {(k, doc_id) for doc_id, sig in chunk if sig for k in band_keys(bytes(sig))}
        if keys:
            conn.execute(sa.insert(bands), [{"key": k, "doc_id": d} for k, d in sorted(keys)])


def downgrade() -> None:
    """Drop the band table; the documents keep their signatures."""
    op.drop_table("dedup_bands")
