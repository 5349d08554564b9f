"""Progress display for long runs: a bar with rate and ETA on a terminal (tqdm), a plain line every
few seconds otherwise (logs, CI)."""

from __future__ import annotations

import sys
import time
from typing import Optional, TextIO


class PlainProgress:
    """``claimpipe: 120/1407 articles, 35.2/s, ETA 36 s`` every ``every`` seconds."""

    def __init__(self, stream: TextIO, every: float = 10.0):
        self.stream = stream
        self.every = every
        self.started = time.monotonic()
        self.last = self.started
        self.done = 0
        self.total: Optional[int] = None

    def __call__(self, done: int, total: Optional[int]) -> None:
        self.done, self.total = done, total
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def line(self, now: float) -> str:
        rate = self.done / max(now - self.started, 1e-9)
        of = f"/{self.total}" if self.total else ""
        eta = ""
        if self.total and rate > 0:
            eta = f", ETA {max(self.total - self.done, 0) / rate:.0f} s"
        return f"claimpipe: {self.done}{of} articles, {rate:.1f}/s{eta}"

    def close(self) -> None:
        pass


class BarProgress:
    """A tqdm bar on standard error."""

    def __init__(self, stream: TextIO):
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: workers are forked
        self.bar = tqdm(total=None, unit="article", file=stream, dynamic_ncols=True, leave=True)

    def __call__(self, done: int, total: Optional[int]) -> None:
        if total is not None and self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        self.bar.close()


def make_progress(stream: Optional[TextIO] = None):
    stream = stream or sys.stderr
    if hasattr(stream, "isatty") and stream.isatty():
        return BarProgress(stream)
    return PlainProgress(stream)
