"""Scale cluster: tasks -> a Dask distributed cluster (`--scheduler tcp://HOST:PORT`).

Every worker loads the models once, when it joins (a worker plugin runs `warm_up`); each task
runs the same function as in a local pool. Dask sends a task again when its worker dies; a
task that kills workers past Dask's limit (`distributed.scheduler.allowed-failures`) comes back
as a Failure, quarantined like in a local pool.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from distributed import Client, KilledWorker, WorkerPlugin
from distributed import Future as DaskFuture

from ..analyse.kiwi import THREADS_ENV
from ..errors import ScaleError
from ..model import IngestIssue
from .executor import Pending
from .tasks import Failure, warm_up

A = TypeVar("A")
R = TypeVar("R")
CONNECT_TIMEOUT_S = 30
# distributed is only partly annotated: its untyped calls are marked where they are made


class WarmUp(WorkerPlugin):
    """Loads the models on every worker as it joins the cluster."""

    name = "ailedger-warm-up"

    def setup(self, worker: Any) -> None:
        os.environ.setdefault(THREADS_ENV, "1")  # Dask runs one task per worker thread
        warm_up()


class _Submitted(Generic[R]):
    def __init__(self, future: DaskFuture[R | Failure], source: str) -> None:
        self._future, self._source = future, source

    def result(self) -> R | Failure:
        try:
            return self._future.result()
        except KilledWorker as exc:
            message = f"{self._source}: workers died on this input ({exc})"
            return Failure(IngestIssue(self._source, "WorkerCrash", message, "worker"))
        finally:
            self._future.release()  # type: ignore[no-untyped-call]


class DaskExecutor:
    """Submits tasks to a Dask cluster through one client."""

    def __init__(self, client: Client, own: bool = False) -> None:
        self.client, self._own = client, own
        client.register_plugin(WarmUp())
        threads = client.nthreads()  # type: ignore[no-untyped-call]
        self.parallel = max(1, sum(threads.values()))

    @classmethod
    def connect(cls, address: str) -> DaskExecutor:
        """Connect to the scheduler at `address` (tcp://HOST:PORT).

        Raises:
            ScaleError: the scheduler cannot be reached.
        """
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ScaleError(f"cannot reach Dask scheduler {address}: {exc}") from exc
        return cls(client, own=True)

    def submit(self, fn: Callable[[A], R | Failure], arg: A, source: str) -> Pending[R | Failure]:
        return _Submitted(self.client.submit(fn, arg, pure=False), source)

    def close(self) -> None:
        if self._own:
            self.client.close()  # type: ignore[no-untyped-call]
