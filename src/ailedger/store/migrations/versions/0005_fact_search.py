"""Store migration 0005: a full-text index over the facts' JSON payloads (text search).

SQLite: a contentless FTS5 table with the trigram tokenizer (Korean has no spaces to split
words on, so any substring of three or more characters is looked up), kept in step with `facts`
by triggers, so every way a fact row is inserted, changed or deleted updates it in the same
transaction. Each payload is indexed with a newline after it, so every character of a payload
starts a trigram: two-character searches (메타, 삼성) are found through the trigrams that start
with them. PostgreSQL: a pg_trgm GIN index on the payload, which serves ILIKE directly.

The names of these objects are in `ailedger.store.search`, which also writes the queries.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

TEXT = "new.payload || char(10)"  # must equal the text the delete command removes
SQLITE_UP = (
    "CREATE VIRTUAL TABLE facts_fts USING fts5(payload, content='', tokenize='trigram')",
    f"""CREATE TRIGGER facts_fts_insert AFTER INSERT ON facts BEGIN
        INSERT INTO facts_fts(rowid, payload) VALUES (new.id, {TEXT});
    END""",
    f"""CREATE TRIGGER facts_fts_delete AFTER DELETE ON facts BEGIN
        INSERT INTO facts_fts(facts_fts, rowid, payload)
        VALUES ('delete', old.id, {TEXT.replace("new.", "old.")});
    END""",
    f"""CREATE TRIGGER facts_fts_update AFTER UPDATE OF id, payload ON facts BEGIN
        INSERT INTO facts_fts(facts_fts, rowid, payload)
        VALUES ('delete', old.id, {TEXT.replace("new.", "old.")});
        INSERT INTO facts_fts(rowid, payload) VALUES (new.id, {TEXT});
    END""",
    f"INSERT INTO facts_fts(rowid, payload) SELECT id, {TEXT.replace('new.', '')} FROM facts",
    "CREATE VIRTUAL TABLE facts_fts_terms USING fts5vocab(facts_fts, 'row')",
)
SQLITE_DOWN = (
    "DROP TABLE IF EXISTS facts_fts_terms",
    "DROP TRIGGER IF EXISTS facts_fts_update",
    "DROP TRIGGER IF EXISTS facts_fts_delete",
    "DROP TRIGGER IF EXISTS facts_fts_insert",
    "DROP TABLE IF EXISTS facts_fts",
)
POSTGRES_UP = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_facts_payload_trgm ON facts USING gin (payload gin_trgm_ops)",
)
POSTGRES_DOWN = ("DROP INDEX IF EXISTS ix_facts_payload_trgm",)  # the extension may serve others


def _run(statements: tuple[str, ...]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    """Create the index and fill it from the facts already stored."""
    name = op.get_bind().dialect.name
    _run(SQLITE_UP if name == "sqlite" else POSTGRES_UP if name == "postgresql" else ())


def downgrade() -> None:
    """Drop the index; the facts stay as they are."""
    name = op.get_bind().dialect.name
    _run(SQLITE_DOWN if name == "sqlite" else POSTGRES_DOWN if name == "postgresql" else ())
