"""Scale equivalence: one worker, two local worker processes and a Dask LocalCluster store the
same documents and facts, byte for byte, with the same run totals and issues, on SQLite and on
PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from distributed import Client

from ailedger.pipeline import IngestOptions, ingest
from ailedger.scale.cluster import DaskExecutor
from ailedger.scale.executor import Executor
from ailedger.scale.pool import LocalPool
from ailedger.store import Store
from tests.scale.dump import dump, run_summary

BATCH = 7  # several batches over the corpus, one of them partly duplicates


def run(url: str, corpus: Path, executor: Executor | None) -> tuple[list[str], tuple[object, ...]]:
    with Store.open(url) as store:
        report = ingest(store, [str(corpus)], IngestOptions(batch_size=BATCH), executor=executor)
        assert report.counts.stored > 50 and report.facts > 300  # the corpus, really ingested
        return dump(store), run_summary(store, report.run_id)


def test_two_local_workers_store_what_one_does(
    db_url: str, other_url: str, corpus: Path, pool: LocalPool
) -> None:
    assert len(pool.pids()) == 2
    assert run(db_url, corpus, pool) == run(other_url, corpus, None)


def test_a_dask_local_cluster_stores_what_one_worker_does(
    db_url: str, other_url: str, corpus: Path, dask_client: Client
) -> None:
    executor = DaskExecutor(dask_client)
    assert executor.parallel == 2
    assert run(db_url, corpus, executor) == run(other_url, corpus, None)


def test_the_second_run_over_a_pool_adds_nothing_and_analyses_nothing(
    db_url: str, corpus: Path, pool: LocalPool
) -> None:
    first = run(db_url, corpus, pool)[0]
    with Store.open(db_url) as store:
        again = ingest(store, [str(corpus)], IngestOptions(batch_size=BATCH), executor=pool)
        assert (again.counts.stored, again.facts) == (0, 0)
        assert again.counts.skipped == again.counts.read
        assert dump(store) == first
