"""Store migrations: the Alembic environment; runs revisions on the connection Store.open passes.

There is no alembic.ini and no logging set-up here: `ailedger.store.migrate` builds the Config in
code and hands over an open connection in `config.attributes["connection"]`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from ailedger.store.schema import metadata
from ailedger.store.search import include_object


def run_migrations() -> None:
    """Run the pending revisions on the connection given by the caller.

    Raises:
        RuntimeError: run offline, or without a connection (e.g. from the alembic command line).
    """
    connection = context.config.attributes.get("connection")
    if context.is_offline_mode() or not isinstance(connection, Connection):
        raise RuntimeError("ailedger migrations run only through ailedger.store.Store.open")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
