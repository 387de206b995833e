"""Whole-test statistics: spread of the totals, Cronbach alpha, error ratio and standard error, by hand."""
import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cifal_core.statistics.items import AttemptMarks
from cifal_core.statistics.values import Stat
from cifal_core.statistics.whole_test import (
    TestStatistics,
    cic_band,
    cronbach_alpha,
    error_ratio,
    whole_test_statistics,
)

# Five learners, three one-mark questions:      q1 q2 q3   X
MATRIX = [(1, 1, 1), (1, 1, 0), (1, 0, 1), (0, 1, 0), (0, 0, 0)]  # 3, 2, 2, 1, 0
QUESTIONS = ('q1', 'q2', 'q3')


def attempts_of(matrix, questions=QUESTIONS):
    return [AttemptMarks(total=sum(row), marks=dict(zip(questions, row, strict=True))) for row in matrix]


def test_totals():
    # X = 3 2 2 1 0: mean 1.6, median 2; d = 1.4 .4 .4 -.6 -1.6, sum d^2 = 1.96 + .16 + .16 + .36 + 2.56 = 5.2
    # k2 = 5.2 / 4 = 1.3, SD = sqrt(1.3)
    # sum d^3 = 2.744 + .064 + .064 - .216 - 4.096 = -1.44, m3 = -.288; k3 = 25 * -.288 / (4 * 3) = -.6
    # skewness = -.6 / 1.3^1.5 = -.40479
    # sum d^4 = 3.8416 + .0256 + .0256 + .1296 + 6.5536 = 10.576, m4 = 2.1152, m2 = 1.04
    # k4 = 25 * (6 * 2.1152 - 3 * 4 * 1.04^2) / (4 * 3 * 2) = 25 * -.288 / 24 = -.3; kurtosis = -.3 / 1.69
    result = whole_test_statistics(attempts_of(MATRIX), dict.fromkeys(QUESTIONS, 1.0))
    assert result.n == 5
    assert result.mean == Stat(1.6, 5)
    assert result.median.value == 2
    assert result.sd.value == pytest.approx(math.sqrt(1.3))
    assert result.sd.value == pytest.approx(statistics.stdev([3, 2, 2, 1, 0]))
    assert result.skewness.value == pytest.approx(-0.6 / 1.3 ** 1.5)
    assert result.kurtosis.value == pytest.approx(-0.3 / 1.69)
    # Out of 3 marks: 1.6 / 3 = 53.33%, 2 / 3 = 66.67%
    assert result.mean_percent.value == pytest.approx(160 / 3)
    assert result.median_percent.value == pytest.approx(200 / 3)


def test_cronbach_alpha_error_ratio_and_standard_error():
    # Var q1 = Var q2 = Var q3 = .3 (each has two or three 1s out of five), sum = .9; k2 = 1.3
    # CIC = 100 * 3/2 * (1 - .9 / 1.3) = 150 * 4/13 = 46.1538%  (unsatisfactory, < 64)
    # ER = 100 * sqrt(1 - 6/13) = 100 * sqrt(7/13) = 73.380; SE = sqrt(7/13) * sqrt(1.3) = sqrt(.7) = .83666
    result = whole_test_statistics(attempts_of(MATRIX))
    assert result.cic.value == pytest.approx(600 / 13)
    assert result.cic.n == 5
    assert result.error_ratio.value == pytest.approx(100 * math.sqrt(7 / 13))
    assert result.standard_error.value == pytest.approx(math.sqrt(0.7))
    assert result.alpha_questions == QUESTIONS
    assert result.cic.note == ''
    assert cic_band(result.cic) == 'unsatisfactory'


def test_alpha_with_a_random_draw_uses_the_questions_of_every_attempt():
    # q1 and q2 are in every attempt, q3 and q4 in some:
    # q1 = 1 1 0 1 (mean .75, sum d^2 = 3 * .0625 + .5625 = .75, Var = .25)
    # q2 = 1 0 0 1 (mean .5, Var = 1/3); their total 2 1 0 2 (mean 1.25, sum d^2 = 2.75, Var = 11/12)
    # CIC = 100 * 2 * (1 - (1/4 + 1/3) / (11/12)) = 200 * (1 - 7/11) = 800/11 = 72.727%
    attempts = [
        AttemptMarks(3, {'q1': 1, 'q2': 1, 'q3': 1}),
        AttemptMarks(2, {'q1': 1, 'q2': 0, 'q4': 1}),
        AttemptMarks(0, {'q1': 0, 'q2': 0, 'q3': 0}),
        AttemptMarks(2, {'q1': 1, 'q2': 1, 'q4': 0}),
    ]
    cic, questions = cronbach_alpha(attempts)
    assert cic.value == pytest.approx(800 / 11)
    assert questions == ('q1', 'q2')
    assert 'present in every attempt' in cic.note
    assert cic_band(cic) == 'intermediate'


def test_alpha_needs_two_questions_in_every_attempt():
    attempts = [AttemptMarks(2, {'q1': 1, 'q2': 1}), AttemptMarks(1, {'q1': 1, 'q3': 0})]
    cic, questions = cronbach_alpha(attempts)
    assert not cic.available
    assert questions == ('q1',)
    assert not error_ratio(cic).available


def test_negative_alpha_still_has_an_error_ratio():
    # q1 = 2 0 1 (mean 1, Var = 2/2 = 1), q2 = 0 1 0 (mean 1/3, Var = (1/9 + 4/9 + 1/9) / 2 = 1/3)
    # X = 2 1 1 (mean 4/3, Var = 1/3): CIC = 100 * 2 * (1 - (4/3) / (1/3)) = -600%
    # ER = 100 * sqrt(1 + 6) = 264.575
    result = whole_test_statistics(attempts_of([(2, 0), (0, 1), (1, 0)], ('q1', 'q2')))
    assert result.cic.value == pytest.approx(-600)
    assert result.error_ratio.value == pytest.approx(100 * math.sqrt(7))


def test_error_ratio_of_an_impossible_cic_is_n_a():
    assert not error_ratio(Stat(120.0, 5)).available
    assert error_ratio(Stat(100.0 + 1e-12, 5)).value == 0.0  # rounding above 100 is read as 100
    assert error_ratio(Stat(100.0, 5)).value == 0.0


def test_constant_totals_give_n_a_alpha():
    result = whole_test_statistics(attempts_of([(1, 0), (0, 1), (1, 0)], ('q1', 'q2')))
    assert result.sd.value == 0.0
    assert not result.cic.available
    assert not result.standard_error.available
    assert not result.skewness.available


@pytest.mark.parametrize('count, available', [
    #   sd, skewness, kurtosis, cic, error ratio, standard error
    (1, (False, False, False, False, False, False)),
    (2, (True, False, False, True, True, True)),
    (3, (True, True, False, True, True, True)),
    (4, (True, True, True, True, True, True)),
])
def test_minimum_sample_sizes(count, available):
    result = whole_test_statistics(attempts_of(MATRIX[:count]))
    stats = (result.sd, result.skewness, result.kurtosis, result.cic, result.error_ratio, result.standard_error)
    assert tuple(stat.available for stat in stats) == available
    assert result.mean.available and result.median.available


def test_no_attempts():
    result = whole_test_statistics([])
    assert result.n == 0
    assert result.mean.display() == 'n/a'
    assert result.cic.display() == 'n/a'


def test_percentages():
    attempts = attempts_of(MATRIX)
    assert whole_test_statistics(attempts, max_total=4.0).mean_percent.value == pytest.approx(40.0)  # 1.6 / 4
    assert not whole_test_statistics(attempts).mean_percent.available
    assert not whole_test_statistics(attempts, {'q1': 1.0}).mean_percent.available  # q2's maximum unknown
    # A random draw: each attempt is a percentage of its own questions: 1/1 = 100%, 1/3 = 33.3% -> mean 66.7%
    drawn = [AttemptMarks(1, {'q1': 1}), AttemptMarks(1, {'q2': 1})]
    assert whole_test_statistics(drawn, {'q1': 1.0, 'q2': 3.0}).mean_percent.value == pytest.approx(200 / 3)


def test_the_result_class_is_not_collected_as_a_test():
    assert TestStatistics.__test__ is False


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 4).flatmap(lambda width: st.lists(
    st.lists(st.integers(0, 4), min_size=width, max_size=width), min_size=2, max_size=12)))
def test_alpha_never_exceeds_100(rows):
    questions = [f'q{index}' for index in range(len(rows[0]))]
    result = whole_test_statistics(attempts_of(rows, questions))
    if result.cic.available:
        assert result.cic.value <= 100 + 1e-9
        assert result.error_ratio.available
