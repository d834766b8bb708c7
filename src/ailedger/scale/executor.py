"""Scale executors: where tasks run. One interface, three places: this process (`Inline`), a
local process pool (`pool.LocalPool`) and a Dask cluster (`cluster.DaskExecutor`).

A task is a module-level function of one picklable value that returns its result or a
`Failure`; `submit` gives back a handle whose `result()` waits for it. A task whose worker
dies on it is retried, and quarantined as a `Failure` when it keeps killing workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Protocol, TypeVar

from .tasks import Failure

A = TypeVar("A")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
SCHEDULER_ENV = "AILEDGER_SCHEDULER"


class Pending(Protocol[R_co]):
    """A submitted task."""

    def result(self) -> R_co:
        """Wait for the task and return its value (or its Failure)."""
        ...


class Executor(Protocol):
    """Runs tasks somewhere; `parallel` is how many run at once (it sizes the queues)."""

    parallel: int

    def submit(self, fn: Callable[[A], R | Failure], arg: A, source: str) -> Pending[R | Failure]:
        """Start `fn(arg)`; `source` names the input in a quarantine message."""
        ...

    def close(self) -> None:
        """Stop the workers (waiting for nothing submitted)."""
        ...


class Done(Pending[R]):
    """A task already run."""

    def __init__(self, value: R) -> None:
        self._value = value

    def result(self) -> R:
        return self._value


class Inline:
    """Runs each task in this process when it is submitted: the one-worker run, exactly."""

    parallel = 1

    def submit(self, fn: Callable[[A], R | Failure], arg: A, source: str) -> Pending[R | Failure]:
        return Done(fn(arg))

    def close(self) -> None:
        pass


def open_executor(workers: int = 1, scheduler: str | None = None) -> Executor:
    """The executor for a run: a Dask cluster when `scheduler` (or $AILEDGER_SCHEDULER) names
    one, else `workers` local processes, else this process.

    Raises:
        ScaleError: the cluster cannot be reached or the workers cannot start.
    """
    address = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if address:
        from .cluster import DaskExecutor  # distributed loads only when a cluster is used

        return DaskExecutor.connect(address)
    if workers > 1:
        from .pool import LocalPool

        return LocalPool(workers)
    return Inline()
