"""Scale pool: tasks -> N local worker processes, each loading the models once, each fed by its
own coordinator thread, so the thread always knows which task its worker holds.

A worker that dies (killed, out of memory, a crash in native code) is replaced and its task
sent again; a task that kills `attempts` workers in a row is quarantined as a Failure and the
run goes on. Workers are spawned (no fork of a process holding database connections) and
ignore Ctrl-C, which the coordinator handles.
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
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
START_TIMEOUT_S = 120.0


def serve(conn: Connection) -> None:
    """A worker: load once, then run tasks until the coordinator closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()
    conn.send("ready")
    while True:
        try:
            fn, arg = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(fn(arg))
        except (BrokenPipeError, OSError):
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

    def run(self, task: _Task) -> Any:
        self.conn.send((task.fn, task.arg))
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
            while (task := self._tasks.get()) is not None:
                self._run(n, task)
        except BaseException as exc:  # a worker that cannot start: fail what waits, not hang
            self._error = exc
            self._fail_waiting(exc)
        finally:
            worker, self._workers[n] = self._workers[n], None
            if worker is not None:
                worker.stop()

    def _run(self, n: int, task: _Task) -> None:
        deaths: list[str] = []
        while len(deaths) < self.attempts:
            worker = self._workers[n]
            assert worker is not None
            try:
                task.future.set_result(worker.run(task))
                return
            except (EOFError, OSError):  # the worker died: replace it, send the task again
                deaths.append(_death(worker.process))
                worker.stop()
                self._workers[n] = None
                self._workers[n] = _Worker()
            except Exception as exc:  # the task itself cannot be sent (not picklable)
                task.future.set_exception(exc)
                return
        message = f"{task.source}: a worker died on this input {len(deaths)} times ({deaths[-1]})"
        task.future.set_result(Failure(IngestIssue(task.source, "WorkerCrash", message, "worker")))

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
