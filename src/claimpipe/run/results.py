"""What travels between a run and its workers: a :class:`Task` goes out, an :class:`Outcome` comes back.

Outcomes are small dataclasses, picklable and cheap to send over a pipe or to a Dask worker: the
records stay JSON strings, made once in the worker and written as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from claimpipe.io.read import Article


@dataclass(frozen=True)
class Task:
    """An article to process, with its key in the incremental cache (``""`` when there is no cache)."""

    key: str
    article: Article


@dataclass(frozen=True)
class Notice:
    """A warning about an article that was written: its text repaired on reading (stage ``read``),
    or one component's item lost (stage ``extract``); a warning-level line of ``errors.jsonl``."""

    stage: str
    component: Optional[str]
    error: str
    message: str


@dataclass(frozen=True)
class Processed:
    """An article processed: its document record and claim records as JSON lines, and its warnings."""

    document_json: str
    claim_jsons: list[str]
    warnings: list[Notice]


@dataclass(frozen=True)
class Failed:
    """An article that could not be processed: where (``extract`` or ``timeout``), the kind of failure and why."""

    stage: str
    error: str
    message: str


Outcome = Union[Processed, Failed]
