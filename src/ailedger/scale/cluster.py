"""Scale cluster: tasks -> a Dask distributed cluster (`--scheduler tcp://HOST:PORT`).

Every worker loads the models once, when it joins (a worker plugin runs `warm_up`); each task
runs the same function as in a local pool. A Dask task costs milliseconds of scheduler, client
and worker time (measured here: ~11 ms of CPU for a task that does nothing), so tasks go to the
cluster BATCH at a time, as one Dask task, and a batch is sent when it is full or when one of
its results is wanted. Dask sends a task again when its worker dies; a batch that kills workers
past Dask's limit (`distributed.scheduler.allowed-failures`) is run again one task per Dask
task, so only the input that kills workers comes back as a Failure, quarantined like in a local
pool.
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
BATCH = 8  # tasks per Dask task
PROFILER_CALLBACKS = ("profile", "profile-cycle")  # a Dask worker's periodic callbacks
# distributed is only partly annotated: its untyped calls are marked where they are made


class WarmUp(WorkerPlugin):
    """Loads the models on every worker as it joins the cluster, and stops the worker's
    statistical profiler (`distributed.worker.profile`): sampling the stacks of long CPU-bound
    tasks every 10 ms cost the workers ~60% more CPU on the benchmark corpus (measured)."""

    name = "ailedger-warm-up"

    def setup(self, worker: Any) -> None:
        os.environ.setdefault(THREADS_ENV, "1")  # Dask runs one task per worker thread
        for name in PROFILER_CALLBACKS:
            callback = worker.periodic_callbacks.pop(name, None)
            if callback is not None:
                callback.stop()
        warm_up()


def run_batch(fn: Callable[[A], R | Failure], args: list[A]) -> list[R | Failure]:
    """Run one task per argument, in order (the function a Dask task runs)."""
    return [fn(arg) for arg in args]


class _Batch:
    """Tasks of one function waiting to go to the cluster together, then their results."""

    def __init__(self, client: Client, fn: Callable[[Any], Any]) -> None:
        self.client, self.fn = client, fn
        self.args: list[Any] = []
        self.sources: list[str] = []
        self.future: DaskFuture[list[Any]] | None = None
        self.results: list[Any] | None = None

    @property
    def sent(self) -> bool:
        return self.future is not None or self.results is not None

    def send(self) -> None:
        if not self.sent:
            self.future = self.client.submit(run_batch, self.fn, self.args, pure=False)

    def result(self, n: int) -> Any:
        if self.results is None:
            self.send()
            assert self.future is not None
            try:
                self.results = self.future.result()
            except KilledWorker:
                pairs = zip(self.args, self.sources, strict=True)
                self.results = [self._alone(arg, source) for arg, source in pairs]
            finally:
                self.future.release()  # type: ignore[no-untyped-call]
                self.future = None
        return self.results[n]

    def _alone(self, arg: Any, source: str) -> Any:
        """One task of a batch that killed workers, run again by itself."""
        future = self.client.submit(self.fn, arg, pure=False)
        try:
            return future.result()
        except KilledWorker as exc:
            message = f"{source}: workers died on this input ({exc})"
            return Failure(IngestIssue(source, "WorkerCrash", message, "worker"))
        finally:
            future.release()  # type: ignore[no-untyped-call]


class _Member(Generic[R]):
    def __init__(self, batch: _Batch, n: int) -> None:
        self._batch, self._n = batch, n

    def result(self) -> R | Failure:
        value: R | Failure = self._batch.result(self._n)
        return value


class DaskExecutor:
    """Submits tasks to a Dask cluster through one client."""

    def __init__(self, client: Client, own: bool = False, batch: int = BATCH) -> None:
        self.client, self._own, self.batch = client, own, batch
        self._open: dict[Callable[[Any], Any], _Batch] = {}
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
        batch = self._open.get(fn)
        if batch is None or batch.sent:  # sent early: one of its results was wanted
            batch = self._open[fn] = _Batch(self.client, fn)
        batch.args.append(arg)
        batch.sources.append(source)
        if len(batch.args) >= self.batch:
            batch.send()
        return _Member(batch, len(batch.args) - 1)

    def close(self) -> None:
        if self._own:
            self.client.close()  # type: ignore[no-untyped-call]
