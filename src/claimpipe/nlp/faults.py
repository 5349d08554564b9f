"""Fault isolation: an exception inside a component, one rule, one date or one quote costs only that item.

Each claimpipe component runs its work under :func:`isolated` and passes :func:`reporter` down to the
loops over items (a grammar rule, a date, a quote, a sentence), which catch an item's exception and
report it. Reports are kept on the doc (``doc._.claimpipe_faults``) as :class:`Fault` objects: the
article is still written with everything else, its record's ``warnings`` name the component and the
error, and ``claimpipe extract`` writes a warning-level line to ``errors.jsonl`` for each.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import partial
from typing import Callable, Iterator

from spacy.tokens import Doc

from claimpipe.nlp import extensions

extensions.register()
log = logging.getLogger("claimpipe")

MAX_FAULTS = 50  # per doc: a rule that fails on every match should not flood the record
Report = Callable[[BaseException, str], None]


@dataclass(frozen=True)
class Fault:
    """One isolated failure: the component, the exception class and a readable message (with where)."""

    component: str
    error: str
    message: str

    def line(self) -> str:
        return f"{self.component}: {self.error}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


def record(doc: Doc, component: str, exc: BaseException, where: str = "") -> None:
    """Keep ``exc`` on ``doc`` as a :class:`Fault` of ``component`` (``where``: the item it cost)."""
    faults = doc._.claimpipe_faults
    if faults is None:
        faults = doc._.claimpipe_faults = []
    message = str(exc) or repr(exc)
    if where:
        message = f"{message} ({where})"
    log.warning("%s: %s: %s", component, type(exc).__name__, message)
    if len(faults) < MAX_FAULTS:
        faults.append(Fault(component, type(exc).__name__, message[:500]))


def reporter(doc: Doc, component: str) -> Report:
    """``report(exc, where)`` for the item loops of ``component`` on ``doc``."""
    return partial(record, doc, component)


@contextmanager
def isolated(doc: Doc, component: str) -> Iterator[None]:
    """Run a component's work; an exception is recorded on ``doc`` instead of stopping the pipeline."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the point: one component's failure costs only its output
        record(doc, component, exc)


def faults_of(doc: Doc) -> list[Fault]:
    return list(doc._.claimpipe_faults or [])
