"""Knowledge gain: per learner raw and normalized gain, the cohort's <g> from the means, per-question facility."""
import pytest

from cifal_core.statistics.gain import (
    LearnerGain,
    cohort_gain,
    gain_band,
    knowledge_gain,
    learner_gains,
    normalized_gain,
    question_gains,
)


def test_normalized_gain():
    assert normalized_gain(50, 75) == pytest.approx(0.5)  # 25 / 50
    assert normalized_gain(20, 10) == pytest.approx(-0.125)  # -10 / 80: a learner can lose ground
    assert normalized_gain(100, 90) is None  # nothing left to gain
    assert normalized_gain(100, 100) is None


def test_learner_rows_pair_by_learner_and_count_the_unpaired():
    pre = {'a': 100.0, 'b': 50.0, 'c': 20.0, 'd': 40.0, 'e': None}
    post = {'c': 60.0, 'a': 90.0, 'b': 75.0, 'e': 70.0}
    report = knowledge_gain(pre, post)
    rows = {row.learner: row for row in report.learners}
    assert list(rows) == ['a', 'b', 'c', 'd', 'e']
    assert rows['a'] == LearnerGain('a', 100.0, 90.0, -10.0, None)
    assert rows['b'] == LearnerGain('b', 50.0, 75.0, 25.0, 0.5)
    assert rows['c'].normalized_gain == pytest.approx(0.5)  # 40 / 80
    assert rows['d'] == LearnerGain('d', 40.0, None, None, None)
    assert rows['e'] == LearnerGain('e', None, 70.0, None, None)
    cohort = report.cohort
    assert (cohort.paired, cohort.only_pre, cohort.only_post) == (3, 1, 1)
    # Paired a, b, c: mean pre = 170 / 3 = 56.667, mean post = 225 / 3 = 75, raw = 55 / 3 = 18.333
    # <g> = (55/3) / (100 - 170/3) = 55 / 130 = .42308 -> medium (the defined individual gains average .5)
    assert cohort.mean_pre.value == pytest.approx(170 / 3)
    assert cohort.mean_post.value == pytest.approx(75.0)
    assert cohort.mean_raw_gain.value == pytest.approx(55 / 3)
    assert cohort.normalized_gain.value == pytest.approx(55 / 130)
    assert cohort.normalized_gain.n == 3
    assert cohort.band == 'medium'


def test_cohort_gain_comes_from_the_means_not_the_mean_of_gains():
    # Learner 1: 90 -> 99, g = 9 / 10 = .9; learner 2: 10 -> 20, g = 10 / 90 = .111; mean of gains = .506 (medium)
    # Cohort: mean pre 50, mean post 59.5, <g> = 9.5 / 50 = .19 (low)
    learners = learner_gains({'1': 90.0, '2': 10.0}, {'1': 99.0, '2': 20.0})
    individual = [row.normalized_gain for row in learners]
    assert sum(individual) / 2 == pytest.approx((0.9 + 1 / 9) / 2)
    cohort = cohort_gain(learners)
    assert cohort.normalized_gain.value == pytest.approx(0.19)
    assert cohort.band == 'low'


def test_cohort_that_started_at_full_marks_has_no_normalized_gain():
    cohort = cohort_gain(learner_gains({'a': 100.0, 'b': 100.0}, {'a': 100.0, 'b': 90.0}))
    assert cohort.mean_raw_gain.value == pytest.approx(-5.0)
    assert not cohort.normalized_gain.available
    assert cohort.band is None


def test_cohort_without_pairs():
    cohort = cohort_gain(learner_gains({'a': 50.0}, {'b': 70.0}))
    assert (cohort.paired, cohort.only_pre, cohort.only_post) == (0, 1, 1)
    assert not cohort.mean_pre.available
    assert cohort.normalized_gain.display() == 'n/a'
    assert cohort.band is None


@pytest.mark.parametrize('gain, band', [
    (-0.2, 'low'), (0.29, 'low'), (0.3, 'medium'), (0.5, 'medium'), (0.7, 'medium'), (0.71, 'high'), (None, None)])
def test_bands(gain, band):
    assert gain_band(gain) == band


def test_question_facility_before_and_after():
    # q1: before 1 0 -> .5, after 1 1 -> 1, change +.5
    # q2: before 0 0 -> 0, after 2 0 out of 2 marks -> .5, change +.5
    # q3 is only in the post-test, q9 only in the pre-test: neither is compared
    pre_marks = [{'q1': 1, 'q2': 0, 'q9': 1}, {'q1': 0, 'q2': 0}]
    post_marks = [{'q1': 1, 'q2': 2, 'q3': 1}, {'q1': 1, 'q2': 0, 'q3': 0}]
    rows = question_gains(pre_marks, post_marks, {'q1': 1, 'q2': 1, 'q9': 1}, {'q1': 1, 'q2': 2, 'q3': 1})
    assert [row.question_id for row in rows] == ['q1', 'q2']
    q1, q2 = rows
    assert (q1.facility_before.value, q1.facility_after.value, q1.change.value) == (0.5, 1.0, 0.5)
    assert (q2.facility_before.value, q2.facility_after.value, q2.change.value) == (0.0, 0.5, 0.5)
    assert q1.change.n == 2


def test_question_without_a_known_maximum_has_no_change():
    rows = question_gains([{'q': 1}], [{'q': 1}], {}, {'q': 1})
    assert not rows[0].facility_before.available
    assert not rows[0].change.available


def test_report_includes_question_gains():
    report = knowledge_gain({'a': 0.0}, {'a': 100.0}, [{'q': 0}], [{'q': 1}], {'q': 1})
    assert report.cohort.normalized_gain.value == 1.0
    assert report.cohort.band == 'high'
    assert report.questions[0].change.value == 1.0
