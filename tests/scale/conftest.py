"""Scale test set-up: a second database beside `db_url` (same backend), and the corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from distributed import Client, LocalCluster
from sqlalchemy import make_url

from ailedger.scale.pool import LocalPool
from tests.cli.conftest import db, run  # noqa: F401  (the CLI fixtures, here too)
from tests.conftest import CORPUS
from tests.fixtures.postgres import _admin


@pytest.fixture
def other_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second, empty database on the same backend as `db_url`."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'other.db'}"
        return
    url = make_url(db_url)
    name = f"{url.database}_other"
    with psycopg.connect(_admin(db_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(_admin(db_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pool() -> Iterator[LocalPool]:
    """Two local worker processes, shared by the scale tests (each takes seconds to start)."""
    workers = LocalPool(2)
    yield workers
    workers.close()


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Client]:
    """A Dask LocalCluster of two single-threaded worker processes, and a client of it."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The sample corpus: text, Markdown, HTML, JSON Lines and a feed; exact and near
    duplicates; one input that fails."""
    return CORPUS
