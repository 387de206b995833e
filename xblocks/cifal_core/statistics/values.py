"""The value every statistic returns, and the minimum sample size each statistic needs.

A report shows pilot cohorts of two or three learners as often as full sessions, so "not enough
data" is an ordinary outcome, not an error: ``Stat.value`` is None and the page prints "n/a". The
sample size travels with the value because a facility of 100% over 2 attempts does not mean what it
means over 200.
"""
import math
from dataclasses import dataclass

NOT_AVAILABLE = 'n/a'

# Minimum number of attempts (s) each statistic needs; below it the statistic is n/a.
MIN_N_MEAN = 1
MIN_N_MEDIAN = 1
MIN_N_SD = 2  # s - 1 denominator
MIN_N_SKEWNESS = 3  # k3 divides by (s - 1)(s - 2)
MIN_N_KURTOSIS = 4  # k4 divides by (s - 1)(s - 2)(s - 3)
MIN_N_CORRELATION = 2  # covariances with s - 1 denominators
MIN_N_ALPHA = 2
MIN_QUESTIONS_ALPHA = 2  # p / (p - 1)


@dataclass(frozen=True)
class Stat:
    """A statistic: ``value`` None means n/a (too few data, or undefined); ``n`` is the sample size it used;
    ``note`` says in plain words why a value is n/a or how it was computed, for the report's tooltip."""

    value: float | None
    n: int
    note: str = ''

    def __post_init__(self):
        # Last line of defence: an infinite or NaN value must never reach a report or a CSV.
        if self.value is not None and not math.isfinite(self.value):
            object.__setattr__(self, 'value', None)
            object.__setattr__(self, 'note', self.note or 'undefined for these data')

    @property
    def available(self) -> bool:
        """True when there is a value to show."""
        return self.value is not None

    def display(self, digits: int = 2) -> str:
        """"n/a", or the value rounded to ``digits`` decimals (never "-0.00")."""
        if self.value is None:
            return NOT_AVAILABLE
        rounded = round(self.value, digits)
        if rounded == 0:
            rounded = 0.0  # drops the sign of -0.0 and of tiny negatives
        return f'{rounded:.{digits}f}'


def not_available(n: int, note: str) -> Stat:
    """An n/a statistic over ``n`` data, with the reason."""
    return Stat(None, n, note)


def too_few(n: int, minimum: int, what: str) -> Stat:
    """The n/a statistic of a sample below the minimum size, with a note saying how many are needed."""
    return Stat(None, n, f'{what} needs at least {minimum} values, got {n}')
