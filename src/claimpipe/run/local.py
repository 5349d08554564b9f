"""Batches on this machine: forked worker processes (or this process), behind :mod:`claimpipe.run.scheduler`.

Each worker is a forked process holding the spaCy pipeline (loaded once, in the parent, and shared
copy-on-write). A batch that runs past its deadline (``timeout`` seconds per article) or whose worker
dies is retried one article at a time in a fresh worker (the scheduler's rule); an article that still
times out is reported as such. ``workers=0`` runs everything in this process (no time limit).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable, Iterator, Optional

from claimpipe.run.results import Failed
from claimpipe.run.scheduler import Batch, BatchOutcome, run_ordered as _run_ordered, timed_out


def run_ordered(
    items: Iterable[Any],
    work: Callable[[list], list],
    *,
    workers: int,
    batch_size: int = 16,
    timeout: float = 120.0,
    window: Optional[int] = None,
    on_start: Optional[Callable[[], None]] = None,
    on_finish: Optional[Callable[[list], None]] = None,
    recycle_after: int = 100,
) -> Iterator[tuple[Any, Any]]:
    """Yield ``(item, work result)`` for every item, in input order (:func:`claimpipe.run.scheduler.run_ordered`).

    ``workers`` forked processes (0: this process). ``on_start`` is called once, in this process, before
    the first batch (e.g. to load the model so that forked workers share it). A worker that has processed
    ``recycle_after`` items is replaced by a fresh fork, so memory that a long run accumulates in a
    worker (spaCy's growing string store, a fragmented heap) is given back.
    ``window`` (default: 3 batches per worker; 1 batch in this process) and ``on_finish``: as in the scheduler.
    """
    backend = (Inline(work, on_start=on_start) if workers <= 0 else
               Processes(work, workers=workers, timeout=timeout, on_start=on_start, recycle_after=recycle_after))
    return _run_ordered(items, backend, batch_size=batch_size, window=window, on_finish=on_finish)


class Inline:
    """Backend: each batch runs in this process, in turn, without a time limit (an exception propagates)."""

    def __init__(self, work: Callable[[list], list], *, on_start: Optional[Callable[[], None]] = None):
        self.work, self.on_start = work, on_start
        self.queue: deque[Batch] = deque()

    def start(self) -> int:
        if self.on_start is not None:
            self.on_start()
        return 1

    def submit(self, batch: Batch) -> None:
        self.queue.append(batch)

    def wait(self) -> list[tuple[Batch, BatchOutcome]]:
        batch = self.queue.popleft()
        return [(batch, self.work(batch.items))]

    def close(self) -> None:
        self.queue.clear()


class Processes:
    """Backend: ``workers`` forked processes, each running one batch at a time, recycled every ``recycle_after`` items."""

    def __init__(self, work: Callable[[list], list], *, workers: int, timeout: float,
                 on_start: Optional[Callable[[], None]] = None, recycle_after: int = 100):
        self.work, self.workers, self.timeout = work, workers, timeout
        self.on_start, self.recycle_after = on_start, recycle_after
        self.ctx = multiprocessing.get_context("fork")
        self.queue: deque[Batch] = deque()  # waiting for a free worker
        self.pool: list[_Worker] = []
        self.idle: list[_Worker] = []

    def start(self) -> int:
        if self.on_start is not None:
            self.on_start()
        for _ in range(self.workers):
            self._spawn()
        return 3 * self.workers

    def submit(self, batch: Batch) -> None:
        if batch.parent is not None:  # an article retried alone goes first
            self.queue.appendleft(batch)
        else:
            self.queue.append(batch)
        self._dispatch()

    def wait(self) -> list[tuple[Batch, BatchOutcome]]:
        busy = [w for w in self.pool if w.batch is not None]
        if not busy:
            return []
        soonest = min(w.deadline for w in busy)
        ready = wait([w.conn for w in busy], timeout=max(0.0, soonest - time.monotonic()))
        finished = []
        for worker in busy:
            batch = worker.batch
            if worker.conn in ready:
                finished.append((batch, self._receive(worker)))
            elif time.monotonic() >= worker.deadline:
                self._replace(worker)
                finished.append((batch, timed_out(self.timeout)))
        self._dispatch()
        return finished

    def close(self) -> None:
        for worker in self.pool:
            if worker.batch is not None:
                worker.kill()
            else:
                worker.stop()

    def _receive(self, worker: "_Worker") -> BatchOutcome:
        """The results a worker sent back; it is recycled when it has done its share, replaced if it died."""
        batch = worker.batch
        try:
            results = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            return Failed("extract", "WorkerDied", f"the worker process died (exit code {worker.process.exitcode})")
        worker.batch = None
        worker.processed += len(batch.items)
        if worker.processed >= self.recycle_after:
            worker.stop()
            self.pool.remove(worker)
            self._spawn()
        else:
            self.idle.append(worker)
        return results

    def _spawn(self) -> None:
        worker = _Worker(self.ctx, self.work, self.pool)
        self.pool.append(worker)
        self.idle.append(worker)

    def _replace(self, worker: "_Worker") -> None:
        worker.batch = None
        worker.kill()
        self.pool.remove(worker)
        self._spawn()

    def _dispatch(self) -> None:
        while self.queue and self.idle:
            self.idle.pop().send(self.queue.popleft(), self.timeout)


def _worker_loop(conn: Connection, work: Callable[[list], list], inherited: list, parent_pid: int) -> None:
    # A forked child holds copies of the parent's ends of its own and its siblings' pipes: closed, so that
    # a pipe reports EOF when the parent is gone. A parent killed with SIGKILL never says goodbye: a worker
    # that finds itself adopted by another process exits too, instead of waiting for work for ever.
    for other in inherited:
        try:
            other.close()
        except OSError:
            pass
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != parent_pid:
                    return
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(work(task))


class _Worker:
    """One forked process and the parent's end of its pipe; ``batch`` is what it is working on."""

    def __init__(self, ctx, work: Callable[[list], list], siblings: Iterable["_Worker"] = ()):
        parent, child = ctx.Pipe()
        self.conn = parent
        inherited = [parent] + [w.conn for w in siblings if not w.conn.closed]
        self.process = ctx.Process(target=_worker_loop, args=(child, work, inherited, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.batch: Optional[Batch] = None
        self.deadline = 0.0
        self.processed = 0

    def send(self, batch: Batch, timeout: float) -> None:
        self.batch = batch
        self.deadline = time.monotonic() + timeout * max(1, len(batch.items))
        self.conn.send(batch.items)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
