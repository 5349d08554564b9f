"""claimpipe.evaluate.metrics: the one P/R/F1 every evaluation and the training use."""

import pytest

from claimpipe.evaluate.metrics import PRF, Matches, best_threshold, binary_prf, prf


@pytest.mark.parametrize(
    "counts, expected",
    [
        ((1, 2, 1, 4), (0.5, 0.25, 1 / 3)),  # one-to-one: both matched counts are the true positives
        ((3, 4, 2, 2), (0.75, 1.0, 6 / 7)),  # by overlap: the two sides' matched counts differ
        ((0, 0, 0, 5), (0.0, 0.0, 0.0)),  # nothing found: 0, not a division by zero
        ((0, 3, 0, 0), (0.0, 0.0, 0.0)),
    ],
)
def test_metrics_prf(counts, expected):
    assert prf(*counts) == pytest.approx(expected)
    assert isinstance(prf(*counts), PRF)


def test_metrics_matches_and_binary_agree_with_prf():
    m = Matches(sys_total=4, sys_matched=3, gold_total=2, gold_matched=2)
    assert (m.precision, m.recall, m.f1) == prf(3, 4, 2, 2)
    assert binary_prf([1, 1, 0, 0], [1, 0, 1, 0]) == prf(1, 2, 1, 2)


def test_metrics_best_threshold_is_the_lowest_maximising_one():
    gold = [1, 1, 0, 0]
    scores = [0.9, 0.6, 0.4, 0.1]
    threshold, f1 = best_threshold(gold, scores)
    assert f1 == 1.0 and threshold == 0.41  # the first grid point above the highest negative
