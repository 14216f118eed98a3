"""A pool of long-lived worker processes with a hard per-job timeout.

trafilatura's time grows faster than page size, and a Python alarm does not interrupt it (the
work happens in lxml's C code), so extraction runs in child processes the parent can kill.
Workers are started once and reused for every document (spawning one per page would cost
more than the extraction); a worker that times out, crashes or runs out of memory is killed
and replaced on the next job, and its job is reported to the caller, who falls back to the
cheap extractor.

    pool.submit(payload) -> job      hands the job to an idle worker (pool.idle() says if any)
    pool.wait(job) -> result         waits at most `timeout` seconds from the job's start
    pool.run(payload) -> result      both
    pool.imap(payloads) -> results   in order, keeping every worker busy
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

DEFAULT_TIMEOUT = 30.0  # seconds per page
DEFAULT_MEMORY_LIMIT = 3 * 1024**3  # bytes of address space per worker


class JobFailed(Exception):
    """The worker did not return a result: timeout, crash or an exception in the job."""


def _serve(conn: Connection, func: Callable[[Any], Any], memory_limit: int | None) -> None:
    if memory_limit:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
        except (ImportError, ValueError, OSError):
            pass  # not on this platform: the timeout still bounds the job
    while True:
        try:
            payload = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        try:
            conn.send(("ok", func(payload)))
        except MemoryError:
            conn.send(("error", "ran out of memory"))
        except Exception as exc:  # the parent decides what a failed job means
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    job: int | None = None
    started: float = 0.0


@dataclass
class ExtractorPool:
    """`workers` processes running `func(payload)`; each job may take at most `timeout` s."""

    func: Callable[[Any], Any]
    workers: int = 1
    timeout: float = DEFAULT_TIMEOUT
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT
    _slots: list[_Worker | None] = field(default_factory=list, init=False)
    _next_job: int = field(default=0, init=False)
    restarts: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self._slots = [None] * max(1, self.workers)
        self._ctx = mp.get_context("spawn")  # no fork: the parent holds threads and DB handles

    # -- lifecycle ---------------------------------------------------------------------------
    def _start(self, i: int) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(
            target=_serve, args=(child, self.func, self.memory_limit), daemon=True, name=f"sphere-extract-{i}"
        )
        proc.start()
        child.close()
        self._slots[i] = _Worker(proc, parent)
        return self._slots[i]

    def _kill(self, i: int) -> None:
        w = self._slots[i]
        self._slots[i] = None
        if w is None:
            return
        w.conn.close()
        if w.process.is_alive():
            w.process.kill()
        w.process.join(5)
        self.restarts += 1

    def close(self) -> None:
        for i, w in enumerate(self._slots):
            if w is None:
                continue
            if w.job is None:
                w.conn.close()  # the worker sees EOF and exits
                w.process.join(2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(2)
            self._slots[i] = None

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- jobs --------------------------------------------------------------------------------
    def idle(self) -> bool:
        return any(w is None or w.job is None for w in self._slots)

    def submit(self, payload: Any) -> int:
        for i, w in enumerate(self._slots):
            if w is not None and w.job is None and not w.process.is_alive():
                self._kill(i)
                w = None
            if w is None:
                w = self._start(i)
            if w.job is None:
                job = self._next_job
                self._next_job += 1
                try:
                    w.conn.send(payload)
                except (OSError, ValueError) as exc:
                    self._kill(i)
                    raise JobFailed(f"could not hand the page to the extractor: {exc}") from exc
                w.job, w.started = job, time.monotonic()
                return job
        raise RuntimeError("no idle worker: wait for a job first")

    def wait(self, job: int) -> Any:
        i = next((i for i, w in enumerate(self._slots) if w is not None and w.job == job), None)
        if i is None:
            raise KeyError(job)
        w = self._slots[i]
        left = self.timeout - (time.monotonic() - w.started)
        try:
            ready = left > 0 and w.conn.poll(left)
            if not ready:
                self._kill(i)
                raise JobFailed(f"extraction took longer than {self.timeout:g} s and was stopped")
            status, value = w.conn.recv()
        except (EOFError, OSError) as exc:
            self._kill(i)
            raise JobFailed("the extractor process died (out of memory or crashed)") from exc
        w.job = None
        if status != "ok":
            raise JobFailed(value)
        return value

    def run(self, payload: Any) -> Any:
        return self.wait(self.submit(payload))

    def imap(self, payloads: Iterable[Any]) -> Iterator[Any | JobFailed]:
        """Results in input order; a failed job yields its JobFailed instead of raising."""
        pending: deque[int] = deque()
        for payload in payloads:
            while not self.idle():
                yield self._collect(pending.popleft())
            pending.append(self.submit(payload))
        while pending:
            yield self._collect(pending.popleft())

    def _collect(self, job: int) -> Any | JobFailed:
        try:
            return self.wait(job)
        except JobFailed as exc:
            return exc
