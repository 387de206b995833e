"""Grading across attempts: which attempt's score the quiz keeps, and whether it is a pass."""
from collections.abc import Sequence

from cifal_core.quiz.settings import GRADING_METHODS

PRECISION = 6
# Percentages come from rounded fractions: 0.499999... must still pass a pass mark of 50.
_PASS_SLACK = 1e-6


def kept_score(attempt_fractions: Sequence[float], method: str) -> float | None:
    """The score kept for the gradebook, from the attempts' fractions (0..1) in the order they were made.

    best: the highest; last: the most recent; first: the first one (later attempts are practice);
    average: the mean. None when there is no attempt yet.
    """
    if method not in GRADING_METHODS:
        raise ValueError(f'unknown grading method {method!r} (expected one of {", ".join(GRADING_METHODS)})')
    if not attempt_fractions:
        return None
    if method == 'best':
        return max(attempt_fractions)
    if method == 'last':
        return attempt_fractions[-1]
    if method == 'first':
        return attempt_fractions[0]
    return round(sum(attempt_fractions) / len(attempt_fractions), PRECISION)


def passed(fraction: float | None, pass_mark_percent: float) -> bool:
    """Whether a kept score reaches the pass mark; nobody passes without an attempt.

    A pass mark of 0 means the quiz has no pass mark: any attempt passes.
    """
    if fraction is None:
        return False
    return fraction * 100 >= pass_mark_percent - _PASS_SLACK
