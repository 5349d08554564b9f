"""Precision, recall and F1: the one implementation every evaluation, and training's choice of a threshold, uses.

:func:`prf` takes counts. Where matching is one-to-one (exact spans, labelled sentences) the system's and the
gold's matched counts are both the true positives; where it is by overlap (quotes), a system item and a gold
item are each counted as matched on their own side, so the two counts may differ (:class:`Matches`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Sequence


class PRF(NamedTuple):
    """Precision, recall and F1 (each 0.0 where undefined)."""

    precision: float
    recall: float
    f1: float


def prf(system_matched: int, system: int, gold_matched: int, gold: int) -> PRF:
    """Precision ``system_matched / system``, recall ``gold_matched / gold``, and their harmonic mean."""
    p = system_matched / system if system else 0.0
    r = gold_matched / gold if gold else 0.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def binary_prf(gold: Sequence, predicted: Sequence) -> PRF:
    """P/R/F1 of the positive class, from gold labels and predictions (booleans or 0/1, in the same order)."""
    import numpy as np

    gold = np.asarray(gold, dtype=bool)
    predicted = np.asarray(predicted, dtype=bool)
    tp = int((gold & predicted).sum())
    return prf(tp, int(predicted.sum()), tp, int(gold.sum()))


def best_threshold(gold: Sequence, scores: Sequence) -> tuple[float, float]:
    """The threshold (on a 0.01 grid from 0.05 to 0.95) that maximises F1 of the positive class, and that F1;
    the lowest such threshold when several tie."""
    import numpy as np

    scores = np.asarray(scores)
    best = (0.5, -1.0)
    for threshold in np.round(np.arange(0.05, 0.951, 0.01), 2):
        f1 = binary_prf(gold, scores >= threshold).f1
        if f1 > best[1]:
            best = (float(threshold), f1)
    return best


@dataclass
class Matches:
    """Counts for P/R/F1 when matching is by overlap: the items on each side and how many of them matched."""

    sys_total: int = 0
    sys_matched: int = 0
    gold_total: int = 0
    gold_matched: int = 0

    @property
    def scores(self) -> PRF:
        return prf(self.sys_matched, self.sys_total, self.gold_matched, self.gold_total)

    @property
    def precision(self) -> float:
        return self.scores.precision

    @property
    def recall(self) -> float:
        return self.scores.recall

    @property
    def f1(self) -> float:
        return self.scores.f1
