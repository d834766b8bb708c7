"""Scale cluster: tasks go to Dask a batch at a time; a batch that kills workers is run again
one task at a time, so only the input that kills workers is quarantined."""

from __future__ import annotations

import dask
from distributed import Client, LocalCluster

from ailedger.scale.cluster import DaskExecutor
from ailedger.scale.tasks import Failure
from tests.scale.poison import shout_unless_poison


def test_batches_keep_the_order_and_an_early_wait_sends_a_batch_that_is_not_full(
    dask_client: Client,
) -> None:
    ex = DaskExecutor(dask_client, batch=4)
    first = [ex.submit(shout_unless_poison, t, f"in/{t}") for t in "abcdef"]  # 4 sent, 2 open
    assert first[5].result() == "F"  # waiting on the open batch sends it
    later = [ex.submit(shout_unless_poison, t, f"in/{t}") for t in "gh"]  # a new batch
    assert [h.result() for h in first + later] == list("ABCDEFGH")


def test_a_batch_that_kills_its_workers_quarantines_only_the_poison() -> None:
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        ex = DaskExecutor(client, batch=4)
        handles = [ex.submit(shout_unless_poison, t, f"in/{t}") for t in ("a", "poison", "b")]
        a, poison, b = (h.result() for h in handles)
        assert (a, b) == ("A", "B")
        assert isinstance(poison, Failure)
        issue = poison.issue
        assert (issue.source, issue.kind, issue.stage) == ("in/poison", "WorkerCrash", "worker")
        assert issue.message.startswith("in/poison: workers died on this input")
