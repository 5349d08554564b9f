"""Batches on a Dask cluster: the contract of :func:`claimpipe.run.local.run_ordered`, with workers anywhere.

``run_ordered(items, work, scheduler=...)`` cuts the work items into partitions of ``batch_size``,
submits them to a Dask scheduler (``tcp://HOST:8786``, or ``"local"`` for a
:class:`distributed.LocalCluster` of worker processes) and yields ``(item, result)`` in input order.

* Each worker runs ``on_start`` once, when it joins (a :class:`LoadPipeline` worker plugin): the spaCy
  pipeline is loaded once per worker process, not once per task.
* At most ``window`` partitions are submitted and not yet yielded, so memory stays flat however large
  the corpus.
* ``on_finish(pairs)`` is called as each partition finishes, in completion order (extract commits
  them to the incremental cache there), so a failure costs only the partitions in flight.
* A worker that dies has its partitions run again elsewhere by the scheduler (``allowed-failures``),
  those it was running and those whose results it held and were not yet fetched;
  a partition that still fails, raises or runs past its deadline is retried one article at a time,
  and an article that fails alone gets an error result, as in :mod:`claimpipe.run.local`.

Dask is an optional extra: without it, :func:`require_dask` raises :class:`DaskMissing`, which says
how to install it.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional

from claimpipe.errors import ClaimpipeError
from claimpipe.run.local import Done

try:  # the base class must be importable for the plugin to be a WorkerPlugin; see require_dask
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - exercised through require_dask
    _WorkerPlugin = object

INSTALL_HINT = ('running on a Dask cluster needs the dask extra: pip install "claimpipe[dask]" '
                '(or: pip install "dask[distributed]>=2024.1")')
# Deaths of a worker running a task before the scheduler gives up on it (set on a "local" cluster;
# an existing scheduler keeps its own distributed.scheduler.allowed-failures, default 3).
ALLOWED_FAILURES = 2
# Times a partition that raised is run again by Dask before it is split into single articles.
RETRIES = 1
# Seconds between checks of the partitions' deadlines.
POLL = 1.0
# Seconds the cluster may have no worker at all before the run gives up (ConnectionError).
NO_WORKER_LIMIT = 120.0


class DaskMissing(ClaimpipeError, ImportError):
    """``dask[distributed]`` is not installed."""


def require_dask():
    """The ``distributed`` module, or :class:`DaskMissing` saying how to install it."""
    try:
        import distributed
    except ImportError as exc:
        raise DaskMissing(INSTALL_HINT) from exc
    return distributed


# Per worker process: what the plugin and the partitions did (read with client.run(worker_stats)).
_WORKER: dict[str, int] = {"setups": 0, "partitions": 0}
_EXECUTING: dict[str, float] = {}  # task key -> time.monotonic() when its work started, in this process
_LOCK = threading.Lock()  # one partition at a time per process: the pipeline is not shared by threads


class LoadPipeline(_WorkerPlugin):
    """Worker plugin: run ``load`` (e.g. ``partial(claimpipe.run.extract._load, model, None)``) when a worker starts."""

    name = "claimpipe-pipeline"  # registering again (a new run) replaces the previous run's plugin

    def __init__(self, load: Callable[[], None]):
        self.load = load

    def setup(self, worker=None) -> None:
        with _LOCK:
            self.load()
            _WORKER["setups"] += 1


def worker_stats() -> dict[str, int]:
    """This worker process's counters: plugin setups and partitions run."""
    return dict(_WORKER)


def _executing() -> dict[str, float]:
    """Seconds that the partition this worker process is working on has been running, by task key."""
    now = time.monotonic()
    return {key: now - since for key, since in _EXECUTING.items()}


async def _exit_process() -> None:
    """End this worker process (run in its event loop, so it works while a task holds the thread)."""
    import os

    os._exit(1)


def _run_partition(work: Callable[[list], list], load: Optional[Callable[[], None]], batch: list) -> list:
    """The task: one partition through ``work`` (``load`` is a no-op once the plugin has run it)."""
    from distributed import get_worker

    key = str(get_worker().get_current_task())
    with _LOCK:
        if load is not None:
            load()
        _WORKER["partitions"] += 1
        _EXECUTING[key] = time.monotonic()
        try:
            return work(batch)
        finally:
            _EXECUTING.pop(key, None)


@dataclass(eq=False)
class _Part:
    items: list
    results: list = field(default_factory=list)
    parent: Optional["_Part"] = None
    index: int = 0  # position in the parent
    pending: int = 0  # children not finished (a split partition)
    done: bool = False
    future: Any = None
    running_since: Optional[float] = None


def _register(client, plugin) -> None:
    if hasattr(client, "register_plugin"):  # distributed >= 2023.9
        client.register_plugin(plugin, name=plugin.name)
    else:  # pragma: no cover - older distributed
        client.register_worker_plugin(plugin, name=plugin.name)


def connect(scheduler: str, *, workers: Optional[int] = None):
    """A ``(client, cluster)`` pair: ``cluster`` is the LocalCluster started for ``"local"``, else None."""
    distributed = require_dask()
    import dask

    if scheduler == "local":
        from claimpipe.run.local import default_workers

        # our own cluster: retries as set here, and no statistical profiler taking CPU from the workers
        with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                              "distributed.worker.profile.enabled": False}):
            cluster = distributed.LocalCluster(
                n_workers=max(1, workers or default_workers()), threads_per_worker=1, processes=True,
                dashboard_address=None,
            )
        return distributed.Client(cluster, set_as_default=False), cluster
    return distributed.Client(scheduler, set_as_default=False, timeout=30), None


def run_ordered(
    items: Iterable[Any],
    work: Callable[[list], list],
    *,
    scheduler: str,
    workers: Optional[int] = None,
    batch_size: int = 16,
    timeout: float = 120.0,
    window: Optional[int] = None,
    on_start: Optional[Callable[[], None]] = None,
    on_finish: Optional[Callable[[list], None]] = None,
) -> Iterator[tuple[Any, tuple]]:
    """Yield ``(item, result)`` for every item, in input order, ``work(batch)`` running on Dask workers.

    As :func:`claimpipe.run.local.run_ordered`: ``Done(value)`` items come back as ``(value, None)``
    without work. ``work`` and ``on_start`` must be picklable (module-level functions or partials of
    them): they run on the workers, ``on_start`` once per worker process. ``workers``: processes of a
    ``"local"`` cluster. ``window``: partitions in flight (default 3 per worker thread).
    ``on_finish(pairs)`` gets the ``(item, result)`` pairs of each partition as it finishes.
    ``timeout``: seconds an article may take, counted from when its partition starts running.
    """
    distributed = require_dask()
    client = cluster = None
    run_id = uuid.uuid4().hex[:8]
    count = 0
    slots: deque = deque()  # Done | _Part, in input order
    running: dict[str, _Part] = {}  # future key -> part
    open_parts = 0  # top-level partitions submitted and not yet yielded
    source = iter(items)
    exhausted = False
    builder: list = []
    last_poll = 0.0
    no_worker_since: Optional[float] = None

    def start() -> None:
        nonlocal client, cluster, window
        client, cluster = connect(scheduler, workers=workers)
        if on_start is not None:
            _register(client, LoadPipeline(on_start))
        threads = sum(client.nthreads().values())
        window = window or max(4, 3 * threads)

    def submit(part: _Part) -> None:
        nonlocal count
        if client is None:
            start()
        count += 1
        part.future = client.submit(_run_partition, work, on_start, part.items, key=f"claimpipe-{run_id}-{count}",
                                    retries=RETRIES, pure=False)
        part.running_since = None
        running[part.future.key] = part

    def flush() -> None:
        nonlocal builder, open_parts
        if builder:
            part = _Part(builder)
            slots.append(part)
            submit(part)
            open_parts += 1
            builder = []

    def finish(part: _Part, results: list) -> None:
        part.results, part.done = results, True
        if on_finish is not None:
            on_finish(list(zip(part.items, results)))
        while part.parent is not None:
            parent = part.parent
            parent.results[part.index] = part.results[0]
            parent.pending -= 1
            if parent.pending:
                break
            parent.done = True
            part = parent

    def fail(part: _Part, reason: str, message: str) -> None:
        if len(part.items) > 1:
            part.results, part.pending = [None] * len(part.items), len(part.items)
            for i, item in enumerate(part.items):
                submit(_Part([item], parent=part, index=i))
        else:
            finish(part, [("error", "timeout" if reason == "Timeout" else "extract", reason, message)])

    def collect(future) -> None:
        if future.status in ("lost", "pending"):
            # done when waited for, then its worker died holding the result before it was fetched: the
            # scheduler computes it again (the client still wants it), and it is waited for again
            return
        part = running.pop(future.key)
        if future.status == "finished":
            results = future.result()
            if isinstance(results, list) and len(results) == len(part.items):
                finish(part, results)
            else:
                fail(part, "BadResult", f"expected {len(part.items)} results, got {type(results).__name__}")
        elif future.status == "error":
            exc = future.exception()
            if isinstance(exc, distributed.KilledWorker):
                fail(part, "WorkerDied", f"the worker process died running this article ({exc})")
            else:
                fail(part, type(exc).__name__, str(exc) or repr(exc))
        else:  # cancelled, e.g. the scheduler restarted
            fail(part, "Cancelled", f"the task was {future.status}")
        future.release()

    def check_deadlines() -> None:
        """Time out partitions working longer than ``timeout`` per article.

        The scheduler tells where a partition is (it may still wait behind another on that worker);
        only when it has been there past its deadline is the worker asked what it is really running.
        """
        nonlocal no_worker_since
        now = time.monotonic()
        processing = client.processing()
        if processing:
            no_worker_since = None
        elif no_worker_since is None:
            no_worker_since = now
        elif now - no_worker_since > NO_WORKER_LIMIT:
            raise ConnectionError(f"the Dask scheduler at {scheduler} has had no worker for {NO_WORKER_LIMIT:g} s")
        where = {str(key): worker for worker, keys in processing.items() for key in keys}
        suspects: set[str] = set()
        for key, part in running.items():
            if key not in where:
                part.running_since = None
            elif part.running_since is None:
                part.running_since = now
            elif now - part.running_since > timeout * len(part.items):
                suspects.add(where[key])
        for worker in suspects:
            try:
                executing = client.run(_executing, workers=[worker]).get(worker, {})
            except Exception:  # noqa: BLE001 - the worker went away: the scheduler reschedules its tasks
                continue
            for key, seconds in executing.items():
                part = running.get(key)
                if part is not None:
                    if seconds <= timeout * len(part.items):
                        continue
                    running.pop(key)
                    part.future.cancel()
                    fail(part, "Timeout", f"processing took longer than {timeout:g} s")
                elif not key.startswith(f"claimpipe-{run_id}-"):
                    continue  # another run's partition
                # this run's partition, timed out (now or before), holds the worker's only way to work
                stop_worker(worker)

    def stop_worker(worker: str) -> None:
        """A running thread cannot be stopped: restart the worker process (its nanny's job), else end it."""
        try:
            status = client.restart_workers([worker], raise_for_error=False).get(worker)
        except Exception:  # noqa: BLE001 - ValueError without a nanny
            status = None
        if status != "OK":
            try:
                client.run(_exit_process, workers=[worker], wait=False)
            except Exception:  # noqa: BLE001 - already gone
                pass

    try:
        while True:
            while not exhausted and open_parts < (window or 1):
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
                if len(builder) >= batch_size:
                    flush()
            if exhausted:
                flush()
            while slots and (isinstance(slots[0], Done) or slots[0].done):
                slot = slots.popleft()
                if isinstance(slot, Done):
                    yield slot.value, None
                else:
                    open_parts -= 1
                    yield from zip(slot.items, slot.results)
            if exhausted and not slots:
                break
            if not running:
                continue
            try:
                with client.as_current():  # distributed.wait finds the client of the current context
                    done = distributed.wait([p.future for p in running.values()], timeout=POLL,
                                            return_when="FIRST_COMPLETED").done
            except TimeoutError:
                done = set()
            for future in done:
                collect(future)
            if time.monotonic() - last_poll >= POLL:
                last_poll = time.monotonic()
                check_deadlines()
    finally:
        if client is not None:
            for part in running.values():
                part.future.cancel()
            client.close()
        if cluster is not None:
            cluster.close()
