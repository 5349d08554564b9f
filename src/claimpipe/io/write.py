"""Writers: JSONL files that appear whole or not at all.

Each output is written to a temporary file beside its target and renamed over it when complete
(``os.replace`` is atomic on POSIX), so an interrupted run never leaves a truncated file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Iterable, Optional

from pydantic import BaseModel


def record_line(record: BaseModel) -> str:
    """One JSONL line: compact JSON, UTF-8, field order as in the schema."""
    return record.model_dump_json() + "\n"


class AtomicWriter:
    """A text file written to a temporary name and renamed into place on :meth:`commit`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self._tmp = Path(tmp)
        self._fh: Optional[IO[str]] = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        self.count = 0

    def write(self, record: BaseModel) -> None:
        assert self._fh is not None
        self._fh.write(record_line(record))
        self.count += 1

    def write_line(self, line: str) -> None:
        assert self._fh is not None
        self._fh.write(line if line.endswith("\n") else line + "\n")
        self.count += 1

    @property
    def temporary(self) -> Path:
        """The file being written (complete up to the last :meth:`flush`)."""
        return self._tmp

    def flush(self) -> None:
        if self._fh is not None:
            self._fh.flush()

    def commit(self) -> None:
        if self._fh is None:
            return
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        self._fh = None
        os.chmod(self._tmp, 0o644)
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        try:
            self._tmp.unlink()
        except FileNotFoundError:
            pass

    def __enter__(self) -> "AtomicWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def write_jsonl(path: Path, records: Iterable[BaseModel]) -> int:
    """Write ``records`` to ``path`` atomically; the number written."""
    with AtomicWriter(path) as writer:
        for record in records:
            writer.write(record)
    return writer.count
