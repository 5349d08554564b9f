"""Batch processing: articles spread over worker processes, results back in input order.

Each worker is a forked process holding the spaCy pipeline (loaded once, in the parent, and shared
copy-on-write). Work goes out in small batches; at most ``window`` articles are in flight, so memory
stays flat however large the corpus. A batch that runs past its deadline (``timeout`` seconds per
article) or whose worker dies is retried one article at a time in a fresh worker; an article that
still times out is reported as such. ``workers=0`` runs everything in this process (no time limit).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable, Iterator, Optional

# A result is ("ok", document_json, [claim_json, ...]) or ("error", stage, error, message).
Result = tuple


@dataclass
class _Batch:
    items: list  # the work items (articles)
    results: list = field(default_factory=list)
    parent: Optional["_Batch"] = None
    index: int = 0  # position in the parent
    pending: int = 0

    def __post_init__(self) -> None:
        self.results = [None] * len(self.items)
        self.pending = len(self.items)

    @property
    def done(self) -> bool:
        return self.pending == 0


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
    def __init__(self, ctx, work: Callable[[list], list], siblings: Iterable["_Worker"] = ()):
        parent, child = ctx.Pipe()
        self.conn = parent
        inherited = [parent] + [w.conn for w in siblings if not w.conn.closed]
        self.process = ctx.Process(target=_worker_loop, args=(child, work, inherited, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.batch: Optional[_Batch] = None
        self.deadline = 0.0
        self.processed = 0

    def send(self, batch: _Batch, timeout: float) -> None:
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


def run_ordered(
    items: Iterable[Any],
    work: Callable[[list], list],
    *,
    workers: int,
    batch_size: int = 16,
    timeout: float = 120.0,
    window: Optional[int] = None,
    on_start: Optional[Callable[[], None]] = None,
    recycle_after: int = 100,
) -> Iterator[tuple[Any, Result]]:
    """Yield ``(item, result)`` for every item, in input order, where ``work(batch)`` gives the results.

    A worker that has processed ``recycle_after`` items is replaced by a fresh fork of this process, so
    memory that a long run accumulates in a worker (spaCy's growing string store, a fragmented heap) is
    given back and memory stays flat however many articles there are.

    Items for which ``work`` is not needed can be passed as ``Done(value)`` and come back unchanged.
    ``on_start`` is called once, before the first batch is processed (e.g. to load the model in the
    parent so that forked workers share it).
    """
    if workers <= 0:
        yield from _run_inline(items, work, batch_size=batch_size, on_start=on_start)
        return
    ctx = multiprocessing.get_context("fork")
    window = window or max(batch_size * workers * 3, 1)
    slots: deque = deque()  # Done | _Batch, in input order
    queue: deque[_Batch] = deque()
    pool: list[_Worker] = []
    idle: list[_Worker] = []
    in_flight = 0
    source = iter(items)
    exhausted = False
    builder: list = []
    started = False

    def start_pool() -> None:
        nonlocal started
        if on_start is not None:
            on_start()
        for _ in range(workers):
            worker = _Worker(ctx, work, pool)
            pool.append(worker)
            idle.append(worker)
        started = True

    def flush() -> None:
        nonlocal builder
        if builder:
            batch = _Batch(builder)
            slots.append(batch)
            queue.append(batch)
            builder = []

    def finish(batch: _Batch, results: list) -> None:
        for i, result in enumerate(results):
            batch.results[i] = result
        batch.pending = 0
        while batch.parent is not None:
            parent = batch.parent
            parent.results[batch.index] = batch.results[0] if len(batch.items) == 1 else batch.results
            parent.pending -= 1
            if not parent.done:
                break
            batch = parent

    def replace(worker: _Worker) -> None:
        worker.kill()
        pool.remove(worker)
        fresh = _Worker(ctx, work, pool)
        pool.append(fresh)
        idle.append(fresh)

    def fail(batch: _Batch, reason: str, message: str) -> None:
        if len(batch.items) > 1:
            for i, item in enumerate(batch.items):
                child = _Batch([item], parent=batch, index=i)
                queue.appendleft(child)
        else:
            finish(batch, [("error", "timeout" if reason == "Timeout" else "extract", reason, message)])

    try:
        while True:
            while not exhausted and in_flight < window:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                if isinstance(item, Done):
                    flush()
                    slots.append(item)
                    continue
                builder.append(item)
                in_flight += 1
                if len(builder) >= batch_size:
                    flush()
            if exhausted or in_flight >= window:
                flush()
            if queue and not started:
                start_pool()
            while queue and idle:
                worker = idle.pop()
                worker.send(queue.popleft(), timeout)
            while slots and (isinstance(slots[0], Done) or slots[0].done):
                slot = slots.popleft()
                if isinstance(slot, Done):
                    yield slot.value, None
                else:
                    for item, result in zip(slot.items, slot.results):
                        in_flight -= 1
                        yield item, result
            if exhausted and not slots:
                break
            busy = [w for w in pool if w.batch is not None]
            if not busy:
                continue
            now = time.monotonic()
            ready = wait([w.conn for w in busy], timeout=max(0.0, min(w.deadline for w in busy) - now))
            for worker in busy:
                if worker.conn in ready:
                    batch = worker.batch
                    try:
                        results = worker.conn.recv()
                    except (EOFError, OSError):
                        worker.batch = None
                        replace(worker)
                        fail(batch, "WorkerDied", f"the worker process died (exit code {worker.process.exitcode})")
                        continue
                    worker.batch = None
                    worker.processed += len(batch.items)
                    if worker.processed >= recycle_after:
                        worker.stop()
                        pool.remove(worker)
                        worker = _Worker(ctx, work, pool)
                        pool.append(worker)
                    idle.append(worker)
                    finish(batch, results)
                elif time.monotonic() >= worker.deadline:
                    batch = worker.batch
                    worker.batch = None
                    replace(worker)
                    fail(batch, "Timeout", f"processing took longer than {timeout:g} s")
    finally:
        for worker in pool:
            if worker.batch is not None:
                worker.kill()
            else:
                worker.stop()


@dataclass
class Done:
    """An item that needs no work (already cached, or an error found while reading)."""

    value: Any


def _run_inline(items, work, *, batch_size, on_start):
    started = False
    batch: list = []

    def run(batch):
        nonlocal started
        if not started and on_start is not None:
            on_start()
        started = True
        return zip(batch, work(batch))

    for item in items:
        if isinstance(item, Done):
            if batch:
                yield from run(batch)
                batch = []
            yield item.value, None
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from run(batch)
            batch = []
    if batch:
        yield from run(batch)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
