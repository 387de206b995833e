"""Descriptive statistics and the Stat value, against hand-computed k-statistics and Python's statistics module."""
import math
import statistics

import pytest

from cifal_core.statistics.descriptive import kurtosis, mean, median, sd, skewness
from cifal_core.statistics.values import MIN_N_KURTOSIS, MIN_N_SD, MIN_N_SKEWNESS, Stat

# A classic sample: mean 5, deviations d = -3 -1 -1 -1 0 0 2 4.
SAMPLE = [2, 4, 4, 4, 5, 5, 7, 9]


def test_mean_median_sd_of_the_sample():
    # sum d^2 = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32; SD = sqrt(32 / 7) = 2.13809
    assert mean(SAMPLE) == Stat(5.0, 8)
    assert median(SAMPLE).value == 4.5  # (4 + 5) / 2
    assert sd(SAMPLE).value == pytest.approx(math.sqrt(32 / 7))
    assert sd(SAMPLE).n == 8


def test_agrees_with_the_statistics_module():
    assert sd(SAMPLE).value == pytest.approx(statistics.stdev(SAMPLE))
    assert mean(SAMPLE).value == pytest.approx(statistics.fmean(SAMPLE))
    assert median(SAMPLE).value == pytest.approx(statistics.median(SAMPLE))


def test_skewness_and_kurtosis_of_the_sample():
    # m2 = 32/8 = 4; sum d^3 = -27 - 1 - 1 - 1 + 8 + 64 = 42, m3 = 5.25; sum d^4 = 81 + 3 + 16 + 256 = 356, m4 = 44.5
    # k2 = 8 * 4 / 7 = 32/7; k3 = 64 * 5.25 / (7 * 6) = 8; skewness = 8 / (32/7)^1.5 = 0.81849
    # k4 = 64 * (9 * 44.5 - 3 * 7 * 16) / (7 * 6 * 5) = 64 * 64.5 / 210 = 4128/210
    # kurtosis = (4128/210) / (32/7)^2 = 202272 / 215040 = 0.940625
    assert skewness(SAMPLE).value == pytest.approx(8 / (32 / 7) ** 1.5)
    assert kurtosis(SAMPLE).value == pytest.approx(0.940625)


def test_skewness_with_three_values():
    # 0 1 5: mean 2, d = -2 -1 3; m2 = 14/3, m3 = (-8 - 1 + 27) / 3 = 6
    # k2 = 3 * (14/3) / 2 = 7; k3 = 9 * 6 / (2 * 1) = 27; skewness = 27 / 7^1.5 = 1.45786
    assert skewness([0, 1, 5]).value == pytest.approx(27 / 7 ** 1.5)


def test_kurtosis_with_four_values():
    # 1 2 3 10: mean 4, d = -3 -2 -1 6; m2 = 50/4 = 12.5; m4 = (81 + 16 + 1 + 1296) / 4 = 348.5
    # k4 = 16 * (5 * 348.5 - 3 * 3 * 12.5^2) / (3 * 2 * 1) = 16 * 336.25 / 6 = 896.667; k2 = 4 * 12.5 / 3 = 50/3
    # kurtosis = 896.667 / (50/3)^2 = 3.228
    result = kurtosis([1, 2, 3, 10])
    assert (result.value, result.n) == (pytest.approx(3.228), 4)


@pytest.mark.parametrize('values, available', [
    # values:              mean  median sd     skewness kurtosis
    ([], (False, False, False, False, False)),
    ([3], (True, True, False, False, False)),
    ([3, 5], (True, True, True, False, False)),
    ([3, 5, 9], (True, True, True, True, False)),
    ([3, 5, 9, 10], (True, True, True, True, True)),
])
def test_minimum_sample_sizes(values, available):
    stats = [function(values) for function in (mean, median, sd, skewness, kurtosis)]
    assert tuple(stat.available for stat in stats) == available
    assert all(stat.n == len(values) for stat in stats)
    assert (MIN_N_SD, MIN_N_SKEWNESS, MIN_N_KURTOSIS) == (2, 3, 4)


def test_an_n_a_statistic_says_how_many_values_it_needs():
    assert sd([3]).note == 'standard deviation needs at least 2 values, got 1'


def test_constant_sample_has_zero_sd_and_no_shape():
    assert sd([0.1, 0.1, 0.1, 0.1]).value == 0.0
    assert not skewness([0.1] * 4).available
    assert not kurtosis([0.1] * 4).available
    assert 'zero variance' in kurtosis([0.1] * 4).note


def test_display():
    assert Stat(None, 0).display() == 'n/a'
    assert Stat(1.23456, 3).display() == '1.23'
    assert Stat(1.23456, 3).display(3) == '1.235'
    assert Stat(-0.001, 3).display() == '0.00'
    assert Stat(64.5497, 5).display(1) == '64.5'


def test_a_nan_or_infinite_value_becomes_n_a():
    assert Stat(float('nan'), 3).value is None
    assert Stat(float('inf'), 3).display() == 'n/a'
    assert Stat(float('nan'), 3).note
