"""Store migrations: the Alembic environment and revisions that Store.open applies on first use."""
