"""Which attempt counts, whether it passes, and when answers are revealed."""
import pytest

from cifal_core.quiz.grading import kept_score, passed
from cifal_core.quiz.policy import answers_visible, attempts_remaining, correctness_visible

ATTEMPTS = [0.4, 0.9, 0.6]


@pytest.mark.parametrize(('method', 'kept'), [
    ('best', 0.9), ('last', 0.6), ('first', 0.4), ('average', 0.633333),
])
def test_kept_score_per_grading_method(method, kept):
    assert kept_score(ATTEMPTS, method) == kept


def test_no_attempt_means_no_score():
    assert kept_score([], 'best') is None


def test_unknown_grading_method_is_refused():
    with pytest.raises(ValueError, match='median'):
        kept_score(ATTEMPTS, 'median')


@pytest.mark.parametrize(('fraction', 'pass_mark', 'result'), [
    (0.5, 50, True), (0.49, 50, False), (0.5 - 1e-9, 50, True), (1.0, 100, True), (0.0, 0, True),
    (None, 0, False), (None, 50, False), (0.6, 60.5, False),
])
def test_passed(fraction, pass_mark, result):
    assert passed(fraction, pass_mark) is result


@pytest.mark.parametrize(('show', 'used', 'maximum', 'has_passed', 'visible'), [
    ('after_attempt', 0, 0, False, False),
    ('after_attempt', 1, 0, False, True),
    ('after_final_attempt', 1, 2, False, False),
    ('after_final_attempt', 2, 2, False, True),
    ('after_final_attempt', 5, 0, False, False),  # unlimited attempts: there is no final attempt
    ('after_pass', 3, 0, False, False),
    ('after_pass', 1, 0, True, True),
    ('never', 9, 1, True, False),
])
def test_answers_visible(show, used, maximum, has_passed, visible):
    assert answers_visible(show, attempts_used=used, max_attempts=maximum, passed=has_passed) is visible


def test_correctness_visible():
    assert correctness_visible('always', attempts_used=1)
    assert not correctness_visible('always', attempts_used=0)
    assert not correctness_visible('never', attempts_used=3)


def test_unknown_policy_values_are_refused():
    with pytest.raises(ValueError):
        answers_visible('later', attempts_used=1, max_attempts=0, passed=True)
    with pytest.raises(ValueError):
        correctness_visible('sometimes', attempts_used=1)


@pytest.mark.parametrize(('maximum', 'used', 'remaining'), [(0, 5, None), (3, 0, 3), (3, 2, 1), (3, 4, 0)])
def test_attempts_remaining(maximum, used, remaining):
    assert attempts_remaining(maximum, used) == remaining
