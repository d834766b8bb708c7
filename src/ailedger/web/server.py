"""Web: a database URL, an address and an optional token -> the dashboard served by uvicorn."""

from __future__ import annotations

import logging

import uvicorn

from ..store import Store
from .app import create_app

MAX_CONNECTIONS = 200


def serve(
    db: str | None,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    log_level: str = "info",
) -> None:
    """Serve the dashboard until interrupted.

    Args:
        db: the database (a SQLite path or URL; None for $AILEDGER_DB or ./ailedger.db).
        host: the address to listen on (loopback unless told otherwise).
        port: the TCP port (0 picks a free one).
        token: the bearer token that enables `POST /api/ingest`; None keeps the server
            read-only.
        log_level: uvicorn's log level.

    Raises:
        StoreError: the database cannot be opened.
    """
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    with Store.open(db) as store:
        app = create_app(store, token)
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level=log_level,
            access_log=False,
            server_header=False,
            proxy_headers=False,
            limit_concurrency=MAX_CONNECTIONS,
        )
        uvicorn.Server(config).run()
