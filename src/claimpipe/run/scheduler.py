"""The ordered, windowed scheduler: work items run in batches on a backend's workers, results back in input order.

:func:`run_ordered` reads the items lazily and keeps at most ``window`` of them in flight, so memory
stays flat however large the corpus. It cuts them into batches of ``batch_size`` and hands the batches
to a :class:`Backend`: :mod:`claimpipe.run.local` (forked worker processes, or this process) or
:mod:`claimpipe.run.cluster` (a Dask cluster). A batch that fails as a whole (its worker died, it ran
past its deadline, the work raised) is split into single items, each run again; an item that fails
alone gets a :class:`~claimpipe.run.results.Failed` result. ``Done(value)`` items need no work: they
come back as ``(value, None)`` in their place.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional, Protocol, Union

from claimpipe.run.results import Failed


@dataclass
class Done:
    """An item that needs no work (already cached, or an error found while reading)."""

    value: Any


@dataclass(eq=False)
class Batch:
    """Items sent to one worker together. An item retried alone is a batch of one whose ``parent`` is the
    batch that failed, ``index`` its place there."""

    items: list
    parent: Optional["Batch"] = None
    index: int = 0
    results: list = field(init=False)
    pending: int = field(init=False)  # results still missing

    def __post_init__(self) -> None:
        self.results = [None] * len(self.items)
        self.pending = len(self.items)

    @property
    def done(self) -> bool:
        return self.pending == 0

    def finish(self, results: list) -> None:
        """Keep ``results``; a retried item's result goes into its parent, which is done with its last one."""
        self.results, self.pending = list(results), 0
        batch = self
        while batch.parent is not None:
            parent = batch.parent
            parent.results[batch.index] = batch.results[0]
            parent.pending -= 1
            if not parent.done:
                break
            batch = parent


# What a backend reports for a finished batch: one result per item, or why the whole batch failed.
BatchOutcome = Union[list, Failed]


class Backend(Protocol):
    """Where batches run. The scheduler starts it at the first batch and closes it at the end."""

    def start(self) -> int:
        """Start the workers; how many batches to keep in flight when no ``window`` is given."""

    def submit(self, batch: Batch) -> None:
        """Run ``work(batch.items)``, now or when a worker is free."""

    def wait(self) -> Iterable[tuple[Batch, BatchOutcome]]:
        """The batches finished since the last call, blocking until one finishes or a deadline passes
        (a batch past its deadline is stopped and reported as :func:`timed_out`). The scheduler settles
        each pair (``on_finish`` included) before it takes the next."""

    def close(self) -> None:
        """Stop the workers, killing any still at work."""


def timed_out(timeout: float) -> Failed:
    """The result of a batch that ran past its deadline (``timeout`` seconds per item)."""
    return Failed("timeout", "Timeout", f"processing took longer than {timeout:g} s")


def run_ordered(
    items: Iterable[Any],
    backend: Backend,
    *,
    batch_size: int = 16,
    window: Optional[int] = None,
    on_finish: Optional[Callable[[list], None]] = None,
) -> Iterator[tuple[Any, Any]]:
    """Yield ``(item, result)`` for every item, in input order, the results computed by ``backend``.

    ``window``: items read and not yet yielded (default: the backend's batches in flight times
    ``batch_size``). ``on_finish(pairs)`` gets the ``(item, result)`` pairs of each batch as it finishes,
    in completion order (e.g. to keep them in a cache before earlier items are yielded).
    """
    run = _Ordered(iter(items), backend, batch_size=batch_size, window=window, on_finish=on_finish)
    try:
        while True:
            run.fill()
            yield from run.ready()
            if not run.slots:
                if run.exhausted:
                    return
                continue
            for batch, outcome in backend.wait():
                run.settle(batch, outcome)
    finally:
        backend.close()


class _Ordered:
    """The state of one :func:`run_ordered`: items read, batches in input order, results not yet yielded."""

    def __init__(self, source: Iterator, backend: Backend, *, batch_size: int, window: Optional[int],
                 on_finish: Optional[Callable[[list], None]]):
        self.source, self.backend, self.on_finish = source, backend, on_finish
        self.batch_size = batch_size
        self.given_window = window
        self.window = window or batch_size  # until the backend, started, says how many batches it takes
        self.started = False
        self.exhausted = False
        self.slots: deque[Union[Done, Batch]] = deque()  # in input order
        self.building: list = []
        self.in_flight = 0  # items read and not yet yielded (Done items aside)

    def fill(self) -> None:
        """Read items until ``window`` are in flight or there are no more; submit each batch as it is cut."""
        while not self.exhausted and self.in_flight < self.window:
            try:
                item = next(self.source)
            except StopIteration:
                self.exhausted = True
                break
            if isinstance(item, Done):
                self._cut()
                self.slots.append(item)
                continue
            self.building.append(item)
            self.in_flight += 1
            if len(self.building) >= self.batch_size:
                self._cut()
        if self.exhausted or self.in_flight >= self.window:
            self._cut()

    def _cut(self) -> None:
        if self.building:
            batch = Batch(self.building)
            self.building = []
            self.slots.append(batch)
            self._submit(batch)

    def _submit(self, batch: Batch) -> None:
        if not self.started:
            self.started = True
            in_flight = self.backend.start()
            if self.given_window is None:
                self.window = self.batch_size * in_flight
        self.backend.submit(batch)

    def ready(self) -> Iterator[tuple[Any, Any]]:
        """The results at the head of the input order that are complete."""
        while self.slots and (isinstance(self.slots[0], Done) or self.slots[0].done):
            slot = self.slots.popleft()
            if isinstance(slot, Done):
                yield slot.value, None
                continue
            self.in_flight -= len(slot.items)
            yield from zip(slot.items, slot.results)

    def settle(self, batch: Batch, outcome: BatchOutcome) -> None:
        """Keep a finished batch's results; a batch that failed as a whole is run again one item at a time."""
        if not isinstance(outcome, Failed) and not (isinstance(outcome, list) and len(outcome) == len(batch.items)):
            outcome = Failed("extract", "BadResult", f"expected {len(batch.items)} results, got {type(outcome).__name__}")
        if isinstance(outcome, Failed):
            if len(batch.items) > 1:
                for i, item in enumerate(batch.items):
                    self.backend.submit(Batch([item], parent=batch, index=i))
                return
            outcome = [outcome]
        if self.on_finish is not None:
            self.on_finish(list(zip(batch.items, outcome)))
        batch.finish(outcome)
