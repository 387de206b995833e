"""Descriptive statistics of one sample, with the k-statistics of Moodle's quiz report.

Skewness and kurtosis use the unbiased k-statistics (k2, k3, k4) rather than raw moments, as
Moodle does, so that our numbers match the report evaluators compare against. Sums use
``math.fsum`` so that marks like 0.1 do not accumulate rounding error, and a constant sample is
detected exactly (zero variance), so skewness and kurtosis say n/a instead of dividing by zero.
"""
import math
import statistics
from collections.abc import Sequence

from cifal_core.statistics.values import (
    MIN_N_KURTOSIS,
    MIN_N_MEAN,
    MIN_N_MEDIAN,
    MIN_N_SD,
    MIN_N_SKEWNESS,
    Stat,
    not_available,
    too_few,
)

CONSTANT_NOTE = 'every value is the same (zero variance)'


def mean_value(values: Sequence[float]) -> float:
    """The arithmetic mean of a non-empty sample (plain float, for internal use)."""
    return math.fsum(values) / len(values)


def is_constant(values: Sequence[float]) -> bool:
    """True when all values are equal, compared exactly, so that the variance is known to be zero."""
    return len(set(values)) <= 1


def variance_value(values: Sequence[float]) -> float:
    """Sample variance with the (s - 1) denominator; exactly 0.0 for a constant sample; needs s >= 2."""
    if is_constant(values):
        return 0.0
    centre = mean_value(values)
    return math.fsum((value - centre) ** 2 for value in values) / (len(values) - 1)


def covariance_value(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Sample covariance with the (s - 1) denominator; needs two paired samples of the same size s >= 2."""
    x_centre, y_centre = mean_value(xs), mean_value(ys)
    return math.fsum((x - x_centre) * (y - y_centre) for x, y in zip(xs, ys, strict=True)) / (len(xs) - 1)


def mean(values: Sequence[float]) -> Stat:
    """Arithmetic mean."""
    values = list(values)
    if len(values) < MIN_N_MEAN:
        return too_few(len(values), MIN_N_MEAN, 'mean')
    return Stat(mean_value(values), len(values))


def median(values: Sequence[float]) -> Stat:
    """Median (the mean of the two middle values for an even sample)."""
    values = list(values)
    if len(values) < MIN_N_MEDIAN:
        return too_few(len(values), MIN_N_MEDIAN, 'median')
    return Stat(float(statistics.median(values)), len(values))


def sd(values: Sequence[float]) -> Stat:
    """Sample standard deviation, sqrt(sum d^2 / (s - 1)); 0 for a constant sample."""
    values = list(values)
    if len(values) < MIN_N_SD:
        return too_few(len(values), MIN_N_SD, 'standard deviation')
    return Stat(math.sqrt(variance_value(values)), len(values))


def _central_moments(values: Sequence[float]) -> tuple[float, float, float]:
    """m2, m3, m4 with the s denominator (m_k = sum d^k / s), as in the definition of the k-statistics."""
    centre = mean_value(values)
    deviations = [value - centre for value in values]
    count = len(values)
    return tuple(math.fsum(d ** power for d in deviations) / count for power in (2, 3, 4))


def k_statistics(values: Sequence[float]) -> tuple[float, float | None, float | None]:
    """k2, k3, k4: unbiased cumulant estimates; k3 is None below s = 3 and k4 below s = 4. Needs s >= 2."""
    s = len(values)
    m2, m3, m4 = _central_moments(values)
    k2 = s * m2 / (s - 1)
    k3 = s ** 2 * m3 / ((s - 1) * (s - 2)) if s >= MIN_N_SKEWNESS else None
    k4 = (s ** 2 * ((s + 1) * m4 - 3 * (s - 1) * m2 ** 2) / ((s - 1) * (s - 2) * (s - 3))
          if s >= MIN_N_KURTOSIS else None)
    return k2, k3, k4


def skewness(values: Sequence[float]) -> Stat:
    """Skewness k3 / k2^1.5: negative when most learners score high and a few trail behind."""
    values = list(values)
    if len(values) < MIN_N_SKEWNESS:
        return too_few(len(values), MIN_N_SKEWNESS, 'skewness')
    if is_constant(values):
        return not_available(len(values), CONSTANT_NOTE)
    k2, k3, _ = k_statistics(values)
    if k2 <= 0:  # distinct values so close that their squared deviations underflow
        return not_available(len(values), CONSTANT_NOTE)
    return Stat(k3 / k2 ** 1.5, len(values))


def kurtosis(values: Sequence[float]) -> Stat:
    """Excess kurtosis k4 / k2^2: positive when scores bunch in the middle with long tails."""
    values = list(values)
    if len(values) < MIN_N_KURTOSIS:
        return too_few(len(values), MIN_N_KURTOSIS, 'kurtosis')
    if is_constant(values):
        return not_available(len(values), CONSTANT_NOTE)
    k2, _, k4 = k_statistics(values)
    if k2 <= 0:
        return not_available(len(values), CONSTANT_NOTE)
    return Stat(k4 / k2 ** 2, len(values))
