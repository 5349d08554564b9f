"""Batches on a Dask cluster: a backend of :mod:`claimpipe.run.scheduler`, with workers anywhere.

``run_ordered(items, work, scheduler=...)`` submits each batch as a Dask task (a partition) to a
scheduler (``tcp://HOST:8786``, or ``"local"`` for a :class:`distributed.LocalCluster` of worker
processes) and yields ``(item, result)`` in input order, as :func:`claimpipe.run.local.run_ordered` does.

* Each worker runs ``on_start`` once, when it joins (a :class:`LoadPipeline` worker plugin): the spaCy
  pipeline is loaded once per worker process, not once per task.
* ``on_finish(pairs)`` is called as each partition finishes, in completion order (extract commits
  them to the incremental cache there), so a failure costs only the partitions in flight.
* A worker that dies has its partitions run again elsewhere by the scheduler (``allowed-failures``),
  those it was running and those whose results it held and were not yet fetched (waited for again);
  a partition that still fails, raises or runs past its deadline (checked through the scheduler) is
  retried one article at a time, and an article that fails alone gets an error result.

Dask is an optional extra: without it, :func:`require_dask` raises :class:`DaskMissing`, which says
how to install it.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Optional

from claimpipe.errors import ClaimpipeError
from claimpipe.run.results import Failed
from claimpipe.run.scheduler import Batch, BatchOutcome, run_ordered as _run_ordered, timed_out

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
    """Worker plugin: run ``load`` (e.g. ``partial(claimpipe.run.work.load, model, None)``) when a worker starts."""

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
) -> Iterator[tuple[Any, Any]]:
    """Yield ``(item, work result)`` for every item, in input order, ``work`` running on Dask workers.

    As :func:`claimpipe.run.local.run_ordered`, with :class:`DaskCluster` as the backend. ``work`` and
    ``on_start`` must be picklable (module-level functions or partials of them): they run on the workers,
    ``on_start`` once per worker process. ``workers``: processes of a ``"local"`` cluster. ``window``
    (default: 3 partitions per worker thread, at least 4) and ``on_finish``: as in the scheduler.
    ``timeout``: seconds an article may take, counted from when its partition starts running.
    """
    backend = DaskCluster(work, scheduler=scheduler, workers=workers, timeout=timeout, on_start=on_start)
    return _run_ordered(items, backend, batch_size=batch_size, window=window, on_finish=on_finish)


@dataclass(eq=False)
class _Submitted:
    batch: Batch
    future: Any
    running_since: Optional[float] = None  # when the scheduler first saw it on a worker


class DaskCluster:
    """Backend: each batch a Dask task (a partition) on the cluster at ``scheduler``, connected at the first batch."""

    def __init__(self, work: Callable[[list], list], *, scheduler: str, workers: Optional[int] = None,
                 timeout: float = 120.0, on_start: Optional[Callable[[], None]] = None):
        self.distributed = require_dask()
        self.work, self.on_start, self.timeout = work, on_start, timeout
        self.scheduler, self.workers = scheduler, workers
        self.client = self.cluster = None
        self.run_id = uuid.uuid4().hex[:8]
        self.count = 0
        self.running: dict[str, _Submitted] = {}  # by task key
        self.last_check = 0.0
        self.no_worker_since: Optional[float] = None

    def start(self) -> int:
        self.client, self.cluster = connect(self.scheduler, workers=self.workers)
        if self.on_start is not None:
            _register(self.client, LoadPipeline(self.on_start))
        return max(4, 3 * sum(self.client.nthreads().values()))

    def submit(self, batch: Batch) -> None:
        self.count += 1
        future = self.client.submit(_run_partition, self.work, self.on_start, batch.items,
                                    key=f"claimpipe-{self.run_id}-{self.count}", retries=RETRIES, pure=False)
        self.running[future.key] = _Submitted(batch, future)

    def wait(self) -> Iterator[tuple[Batch, BatchOutcome]]:
        """Each finished partition fetched only as the scheduler takes it: results not yet fetched stay on
        their worker, and a worker lost meanwhile makes them "lost", computed again and waited for again."""
        if not self.running:
            return
        try:
            with self.client.as_current():  # distributed.wait finds the client of the current context
                done = self.distributed.wait([s.future for s in self.running.values()], timeout=POLL,
                                             return_when="FIRST_COMPLETED").done
        except TimeoutError:
            done = set()
        for future in done:
            pair = self._collect(future)
            if pair is not None:
                yield pair
        if time.monotonic() - self.last_check >= POLL:
            self.last_check = time.monotonic()
            yield from self._overdue()

    def close(self) -> None:
        if self.client is not None:
            for submitted in self.running.values():
                submitted.future.cancel()
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def _collect(self, future) -> Optional[tuple[Batch, BatchOutcome]]:
        """A finished partition's results, or why it failed; None for one to wait for again."""
        if future.status in ("lost", "pending"):
            # done when waited for, then its worker died holding the result before it was fetched: the
            # scheduler computes it again (the client still wants it), and it is waited for again
            return None
        batch = self.running.pop(future.key).batch
        if future.status == "finished":
            outcome = future.result()
        elif future.status == "error":
            exc = future.exception()
            if isinstance(exc, self.distributed.KilledWorker):
                outcome = Failed("extract", "WorkerDied", f"the worker process died running this article ({exc})")
            else:
                outcome = Failed("extract", type(exc).__name__, str(exc) or repr(exc))
        else:  # cancelled, e.g. the scheduler restarted
            outcome = Failed("extract", "Cancelled", f"the task was {future.status}")
        future.release()
        return batch, outcome

    def _overdue(self) -> list[tuple[Batch, BatchOutcome]]:
        """Partitions working longer than ``timeout`` per article, timed out.

        The scheduler tells where a partition is (it may still wait behind another on that worker);
        only when it has been there past its deadline is the worker asked what it is really running.
        """
        now = time.monotonic()
        processing = self.client.processing()
        self._check_workers(bool(processing), now)
        where = {str(key): worker for worker, keys in processing.items() for key in keys}
        suspects: set[str] = set()
        for key, submitted in self.running.items():
            if key not in where:
                submitted.running_since = None
            elif submitted.running_since is None:
                submitted.running_since = now
            elif now - submitted.running_since > self.timeout * len(submitted.batch.items):
                suspects.add(where[key])
        return [pair for worker in suspects for pair in self._time_out(worker)]

    def _check_workers(self, working: bool, now: float) -> None:
        """ConnectionError once the cluster has had no worker at all for ``NO_WORKER_LIMIT`` seconds."""
        if working:
            self.no_worker_since = None
        elif self.no_worker_since is None:
            self.no_worker_since = now
        elif now - self.no_worker_since > NO_WORKER_LIMIT:
            raise ConnectionError(f"the Dask scheduler at {self.scheduler} has had no worker for {NO_WORKER_LIMIT:g} s")

    def _time_out(self, worker: str) -> list[tuple[Batch, BatchOutcome]]:
        """This run's partitions that ``worker`` has really been running past their deadline; the worker restarted."""
        try:
            executing = self.client.run(_executing, workers=[worker]).get(worker, {})
        except Exception:  # noqa: BLE001 - the worker went away: the scheduler reschedules its tasks
            return []
        timed = []
        for key, seconds in executing.items():
            submitted = self.running.get(key)
            if submitted is not None:
                if seconds <= self.timeout * len(submitted.batch.items):
                    continue
                self.running.pop(key)
                submitted.future.cancel()
                timed.append((submitted.batch, timed_out(self.timeout)))
            elif not key.startswith(f"claimpipe-{self.run_id}-"):
                continue  # another run's partition
            # this run's partition, timed out (now or before), holds the worker's only way to work
            self._stop_worker(worker)
        return timed

    def _stop_worker(self, worker: str) -> None:
        """A running thread cannot be stopped: restart the worker process (its nanny's job), else end it."""
        try:
            status = self.client.restart_workers([worker], raise_for_error=False).get(worker)
        except Exception:  # noqa: BLE001 - ValueError without a nanny
            status = None
        if status != "OK":
            try:
                self.client.run(_exit_process, workers=[worker], wait=False)
            except Exception:  # noqa: BLE001 - already gone
                pass
