"""Scale pool: tasks -> N local worker processes, each loading the models once, each fed by its
own coordinator thread, so the thread always knows which tasks its worker holds.

A worker holds up to PREFETCH tasks (a thread in the worker reads them ahead), so it never
waits for the coordinator, whose Python is busy writing batches. A worker that dies (killed,
out of memory, a crash in native code) is replaced and its tasks sent again; the task it was
running when it died is quarantined as a Failure once it has killed `attempts` workers, and the
run goes on. Workers are fresh interpreters (`python -m ailedger.scale.worker`: no fork of a
process holding database connections, no re-import of the caller's main module); they ignore
Ctrl-C, which the coordinator handles, and exit when their socket to the coordinator closes.
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from ..analyse.kiwi import THREADS_ENV
from ..errors import ScaleError
from ..model import IngestIssue
from .executor import Pending
from .tasks import Failure, warm_up

A = TypeVar("A")
R = TypeVar("R")
ATTEMPTS = 2
PREFETCH = 2  # tasks a worker holds: one running, one read ahead
START_TIMEOUT_S = 120.0


def serve(conn: Connection) -> None:
    """A worker: load once, then run tasks (read ahead by a thread) until the socket closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()
    conn.send("ready")
    ahead: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def read() -> None:
        while True:
            try:
                ahead.put(conn.recv())
            except (EOFError, OSError):
                ahead.put(None)
                return

    threading.Thread(target=read, daemon=True).start()
    while (task := ahead.get()) is not None:
        fn, arg = task
        try:
            conn.send(fn(arg))
        except OSError:
            return


@dataclass(frozen=True, slots=True)
class _Task:
    fn: Callable[[Any], Any]
    arg: Any
    source: str
    future: Future[Any]


def _death(process: subprocess.Popen[bytes]) -> str:
    try:
        code = process.wait(5)
    except subprocess.TimeoutExpired:
        return "stopped answering"
    if code < 0:
        return f"killed by signal {signal.Signals(-code).name}"
    return f"exit code {code}"


class _Worker:
    """One worker process (`python -m ailedger.scale.worker FD`) and the socket to it."""

    def __init__(self) -> None:
        here, there = socket.socketpair()
        fd = there.fileno()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ailedger.scale.worker", str(fd)],
            pass_fds=(fd,),
            env={**os.environ, THREADS_ENV: os.environ.get(THREADS_ENV, "1")},  # a core each
        )
        there.close()  # so a dead worker reads as EOF here
        self.conn = Connection(here.detach())
        if not self.conn.poll(START_TIMEOUT_S):
            self.stop()
            raise ScaleError(f"a worker did not start within {START_TIMEOUT_S:g} s")
        try:
            self.conn.recv()
        except EOFError:
            raise ScaleError(f"a worker died while starting ({_death(self.process)})") from None

    def send(self, task: _Task) -> None:
        self.conn.send((task.fn, task.arg))

    def recv(self) -> Any:
        return self.conn.recv()

    def stop(self) -> None:
        self.conn.close()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class LocalPool:
    """`workers` processes fed from one queue, in submission order."""

    def __init__(self, workers: int, attempts: int = ATTEMPTS) -> None:
        if workers < 1:
            raise ScaleError(f"--workers must be at least 1, got {workers}")
        self.parallel, self.attempts = workers, attempts
        self._tasks: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._workers: list[_Worker | None] = [None] * workers
        self._error: BaseException | None = None
        self._threads = [
            threading.Thread(target=self._feed, args=(n,), daemon=True, name=f"ailedger-feed-{n}")
            for n in range(workers)
        ]
        self._started = threading.Semaphore(0)
        for thread in self._threads:
            thread.start()
        for _ in self._threads:  # every worker has loaded its models, or one failed to
            self._started.acquire()
        if self._error is not None:
            self.close()
            raise ScaleError(f"the worker pool cannot start: {self._error}")

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        return [w.process.pid for w in self._workers if w is not None]

    def submit(self, fn: Callable[[A], R | Failure], arg: A, source: str) -> Pending[R | Failure]:
        if self._error is not None:
            raise ScaleError(f"the worker pool is broken: {self._error}")
        future: Future[R | Failure] = Future()
        self._tasks.put(_Task(fn, arg, source, future))
        return future

    def _feed(self, n: int) -> None:
        try:
            try:
                self._workers[n] = _Worker()
            finally:
                self._started.release()
            _Feeder(self, n).loop()
        except BaseException as exc:  # a worker that cannot start: fail what waits, not hang
            self._error = exc
            self._fail_waiting(exc)
        finally:
            worker, self._workers[n] = self._workers[n], None
            if worker is not None:
                worker.stop()

    def _restart(self, n: int) -> str:
        """Replace worker `n`, which died; return how it died."""
        worker = self._workers[n]
        assert worker is not None
        how = _death(worker.process)
        worker.stop()
        self._workers[n] = None
        self._workers[n] = _Worker()
        return how

    def _fail_waiting(self, exc: BaseException) -> None:
        for task in self._drain():
            task.future.set_exception(ScaleError(f"the worker pool is broken: {exc}"))

    def _drain(self) -> list[_Task]:
        """Take every task not started yet off the queue (leaving stop signals in place)."""
        taken, stops = [], 0
        while True:
            try:
                task = self._tasks.get_nowait()
            except queue.Empty:
                break
            if task is None:
                stops += 1
            else:
                taken.append(task)
        for _ in range(stops):
            self._tasks.put(None)
        return taken

    def close(self) -> None:
        """Drop the tasks not started, let the running ones finish, stop every worker."""
        for task in self._drain():
            task.future.cancel()
        for _ in self._threads:
            self._tasks.put(None)
        for thread in self._threads:
            thread.join()


class _Feeder:
    """Keeps one worker busy: up to PREFETCH tasks in flight, results taken in order."""

    def __init__(self, pool: LocalPool, n: int) -> None:
        self.pool, self.n = pool, n
        self.flight: deque[_Task] = deque()
        self.deaths: dict[int, list[str]] = {}
        self.stopping = False

    @property
    def worker(self) -> _Worker:
        worker = self.pool._workers[self.n]
        assert worker is not None
        return worker

    def loop(self) -> None:
        while not (self.stopping and not self.flight):
            self.top_up()
            if not self.flight:
                continue
            try:
                result = self.worker.recv()
            except (EOFError, OSError):
                self.died()
                continue
            self.flight.popleft().future.set_result(result)

    def top_up(self) -> None:
        """Send tasks until PREFETCH are in flight (waiting for one only when none is)."""
        while not self.stopping and len(self.flight) < PREFETCH:
            try:
                task = self.pool._tasks.get(block=not self.flight)
            except queue.Empty:
                return
            if task is None:
                self.stopping = True
                return
            self.flight.append(task)
            try:
                self.worker.send(task)
            except (EOFError, OSError):
                self.died()
            except Exception as exc:  # the task itself cannot be sent (not picklable)
                self.flight.pop()
                task.future.set_exception(exc)

    def died(self) -> None:
        """The worker died running the oldest task in flight: blame it, restart, resend."""
        culprit = self.flight[0]
        deaths = self.deaths.setdefault(id(culprit), [])
        deaths.append(self.pool._restart(self.n))
        if len(deaths) >= self.pool.attempts:
            self.flight.popleft()
            del self.deaths[id(culprit)]
            source = culprit.source
            message = f"{source}: a worker died on this input {len(deaths)} times ({deaths[-1]})"
            culprit.future.set_result(
                Failure(IngestIssue(source, "WorkerCrash", message, "worker"))
            )
        for task in self.flight:
            try:
                self.worker.send(task)
            except (EOFError, OSError):
                self.died()  # the new worker died too: blame the oldest again
                return
