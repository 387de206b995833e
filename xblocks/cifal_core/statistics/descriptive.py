"""Descriptive statistics of one sample, with the k-statistics of Moodle's quiz report.

A sample is given either as its values or as its exact frequency table (``{value: how many times}``, a
``Counter``): marks and totals take few distinct values, so the table of 300,000 attempts' totals holds a few hundred
entries and every statistic below is computed from it exactly as from the list, in memory that does not grow with
the number of attempts. Lists are turned into their table (``frequencies``), so there is one implementation.

Skewness and kurtosis use the unbiased k-statistics (k2, k3, k4) rather than raw moments, as Moodle does, so that
our numbers match the report evaluators compare against. Sums use ``math.fsum`` so that marks like 0.1 do not
accumulate rounding error, and a constant sample is detected exactly (one distinct value: zero variance), so
skewness and kurtosis say n/a instead of dividing by zero.
"""
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

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
Frequencies = Mapping[float, int]  # value -> how many data have it
Sample = Sequence[float] | Frequencies


def frequencies(values: Sample | Iterable[float]) -> Frequencies:
    """The frequency table of a sample (a table is returned as it is)."""
    return values if isinstance(values, Mapping) else Counter(values)


def size(table: Frequencies) -> int:
    return sum(table.values())


def table_mean(table: Frequencies) -> float:
    """The mean of a non-empty sample given as its frequency table."""
    return math.fsum(value * count for value, count in table.items()) / size(table)


def table_variance(table: Frequencies) -> float:
    """Sample variance ((s - 1) denominator) from a frequency table; exactly 0.0 for one distinct value."""
    if len(table) <= 1:
        return 0.0
    centre = table_mean(table)
    return math.fsum(count * (value - centre) ** 2 for value, count in table.items()) / (size(table) - 1)


def table_covariance(pairs: Mapping[tuple[float, float], int]) -> float:
    """Sample covariance ((s - 1) denominator) of paired data given as ``{(x, y): how many}``; needs s >= 2."""
    count = size(pairs)
    x_centre = math.fsum(x * n for (x, _), n in pairs.items()) / count
    y_centre = math.fsum(y * n for (_, y), n in pairs.items()) / count
    return math.fsum(n * (x - x_centre) * (y - y_centre) for (x, y), n in pairs.items()) / (count - 1)


def sorted_pairs(xs: Frequencies, ys: Frequencies) -> Counter:
    """The pairs formed by sorting both samples ascending and pairing them in order, as a frequency table: the
    coupling with the largest covariance the two distributions allow (both must have the same size)."""
    pairs: Counter = Counter()
    x_items, y_items = iter(sorted(xs.items())), iter(sorted(ys.items()))
    x, x_left = next(x_items, (None, 0))
    y, y_left = next(y_items, (None, 0))
    while x_left and y_left:
        taken = min(x_left, y_left)
        pairs[x, y] += taken
        x_left, y_left = x_left - taken, y_left - taken
        if not x_left:
            x, x_left = next(x_items, (None, 0))
        if not y_left:
            y, y_left = next(y_items, (None, 0))
    return pairs


def table_median(table: Frequencies) -> float:
    """The median (the mean of the two middle values for an even sample) of a non-empty frequency table."""
    count = size(table)
    low_rank, high_rank = (count - 1) // 2, count // 2  # 0-based ranks of the middle value(s)
    low = high = None
    seen = 0
    for value, times in sorted(table.items()):
        if low is None and low_rank < seen + times:
            low = value
        if high_rank < seen + times:
            high = value
            break
        seen += times
    return (low + high) / 2 if low != high else float(low)


def mean_value(values: Sample) -> float:
    """The arithmetic mean of a non-empty sample (plain float, for internal use)."""
    return table_mean(frequencies(values))


def is_constant(values: Sample) -> bool:
    """True when all values are equal, compared exactly, so that the variance is known to be zero."""
    return len(frequencies(values)) <= 1


def variance_value(values: Sample) -> float:
    """Sample variance with the (s - 1) denominator; exactly 0.0 for a constant sample; needs s >= 2."""
    return table_variance(frequencies(values))


def covariance_value(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Sample covariance with the (s - 1) denominator; needs two paired samples of the same size s >= 2."""
    return table_covariance(Counter(zip(xs, ys, strict=True)))


def mean(values: Sample) -> Stat:
    """Arithmetic mean."""
    table = frequencies(values)
    count = size(table)
    if count < MIN_N_MEAN:
        return too_few(count, MIN_N_MEAN, 'mean')
    return Stat(table_mean(table), count)


def median(values: Sample) -> Stat:
    """Median (the mean of the two middle values for an even sample)."""
    table = frequencies(values)
    count = size(table)
    if count < MIN_N_MEDIAN:
        return too_few(count, MIN_N_MEDIAN, 'median')
    return Stat(table_median(table), count)


def sd(values: Sample) -> Stat:
    """Sample standard deviation, sqrt(sum d^2 / (s - 1)); 0 for a constant sample."""
    table = frequencies(values)
    count = size(table)
    if count < MIN_N_SD:
        return too_few(count, MIN_N_SD, 'standard deviation')
    return Stat(math.sqrt(table_variance(table)), count)


def _central_moments(table: Frequencies) -> tuple[float, float, float]:
    """m2, m3, m4 with the s denominator (m_k = sum d^k / s), as in the definition of the k-statistics."""
    centre = table_mean(table)
    count = size(table)
    return tuple(math.fsum(times * (value - centre) ** power for value, times in table.items()) / count
                 for power in (2, 3, 4))


def k_statistics(values: Sample) -> tuple[float, float | None, float | None]:
    """k2, k3, k4: unbiased cumulant estimates; k3 is None below s = 3 and k4 below s = 4. Needs s >= 2."""
    table = frequencies(values)
    s = size(table)
    m2, m3, m4 = _central_moments(table)
    k2 = s * m2 / (s - 1)
    k3 = s ** 2 * m3 / ((s - 1) * (s - 2)) if s >= MIN_N_SKEWNESS else None
    k4 = (s ** 2 * ((s + 1) * m4 - 3 * (s - 1) * m2 ** 2) / ((s - 1) * (s - 2) * (s - 3))
          if s >= MIN_N_KURTOSIS else None)
    return k2, k3, k4


def skewness(values: Sample) -> Stat:
    """Skewness k3 / k2^1.5: negative when most learners score high and a few trail behind."""
    table = frequencies(values)
    count = size(table)
    if count < MIN_N_SKEWNESS:
        return too_few(count, MIN_N_SKEWNESS, 'skewness')
    if len(table) <= 1:
        return not_available(count, CONSTANT_NOTE)
    k2, k3, _ = k_statistics(table)
    if k2 <= 0:  # distinct values so close that their squared deviations underflow
        return not_available(count, CONSTANT_NOTE)
    return Stat(k3 / k2 ** 1.5, count)


def kurtosis(values: Sample) -> Stat:
    """Excess kurtosis k4 / k2^2: positive when scores bunch in the middle with long tails."""
    table = frequencies(values)
    count = size(table)
    if count < MIN_N_KURTOSIS:
        return too_few(count, MIN_N_KURTOSIS, 'kurtosis')
    if len(table) <= 1:
        return not_available(count, CONSTANT_NOTE)
    k2, _, k4 = k_statistics(table)
    if k2 <= 0:
        return not_available(count, CONSTANT_NOTE)
    return Stat(k4 / k2 ** 2, count)
