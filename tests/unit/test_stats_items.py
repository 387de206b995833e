"""Per-question statistics (facility, SD, discrimination, efficiency, review flags, distractors), by hand."""
import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cifal_core.statistics.items import (
    REASON_LOW_EFFICIENCY,
    REASON_NEGATIVE_DISCRIMINATION,
    AttemptMarks,
    item_statistics,
    question_statistics,
)
from cifal_core.statistics.values import Stat

# Five learners, three one-mark questions:      q1 q2 q3   X
MATRIX = [(1, 1, 1), (1, 1, 0), (1, 0, 1), (0, 1, 0), (0, 0, 0)]  # 3, 2, 2, 1, 0
QUESTIONS = ('q1', 'q2', 'q3')
MAX_MARKS = dict.fromkeys(QUESTIONS, 1.0)


def attempts_of(matrix, questions=QUESTIONS):
    return [AttemptMarks(total=sum(row), marks=dict(zip(questions, row, strict=True))) for row in matrix]


def stats_by_id(attempts, max_marks=MAX_MARKS, **kwargs):
    return {item.question_id: item for item in item_statistics(attempts, max_marks, **kwargs)}


def test_facility_and_sd():
    # q1 = 1 1 1 0 0: mean .6, d = .4 .4 .4 -.6 -.6, sum d^2 = 1.2, Var = 1.2 / 4 = .3 (same for q2, q3)
    items = stats_by_id(attempts_of(MATRIX))
    assert [items[qid].facility.value for qid in QUESTIONS] == pytest.approx([0.6, 0.6, 0.4])
    assert [items[qid].sd.value for qid in QUESTIONS] == pytest.approx([math.sqrt(0.3)] * 3)
    assert all(items[qid].n == 5 for qid in QUESTIONS)


def test_facility_uses_the_question_maximum():
    attempts = [AttemptMarks(2, {'q': 2}), AttemptMarks(1, {'q': 1}), AttemptMarks(0, {'q': 0})]
    assert question_statistics('q', attempts, 4.0).facility.value == pytest.approx(0.25)  # mean 1 / max 4
    assert not question_statistics('q', attempts, None).facility.available


def test_a_perfectly_discriminating_question():
    # q1: x = 1 1 1 0 0, Y = X - x = 2 1 1 1 0 (mean 1, dY = 1 0 0 0 -1, Var Y = 2/4 = .5)
    # Cov = (.4*1 + .4*0 + .4*0 - .6*0 - .6*-1) / 4 = 1 / 4 = .25
    # discrimination = 100 * .25 / sqrt(.3 * .5) = 64.5497
    # sorted: x 0 0 1 1 1 and Y 0 1 1 1 2 give the same products, so Cmax = .25 and efficiency = 100
    q1 = stats_by_id(attempts_of(MATRIX))['q1']
    assert q1.discrimination_index.value == pytest.approx(100 * 0.25 / math.sqrt(0.3 * 0.5))
    assert q1.discriminative_efficiency.value == pytest.approx(100.0)
    assert not q1.needs_review
    assert q1.review_reasons == ()


def test_an_unrelated_question_has_low_efficiency():
    # q2: x = 1 1 0 1 0 (dx = .4 .4 -.6 .4 -.6), Y = 2 1 2 0 0 (dY = 1 0 1 -1 -1)
    # products .4 + 0 - .6 - .4 + .6 = 0: Cov = 0, discrimination 0, efficiency 0 < 15
    q2 = stats_by_id(attempts_of(MATRIX))['q2']
    assert q2.discrimination_index.value == pytest.approx(0.0, abs=1e-9)
    assert q2.discriminative_efficiency.value == pytest.approx(0.0, abs=1e-9)
    assert q2.needs_review
    assert q2.review_reasons == (REASON_LOW_EFFICIENCY,)


def test_a_partly_discriminating_question():
    # q3: x = 1 0 1 0 0 (dx = .6 -.4 .6 -.4 -.4), Y = 2 2 1 1 0 (mean 1.2, dY = .8 .8 -.2 -.2 -1.2)
    # products .48 - .32 - .12 + .08 + .48 = .6 -> Cov = .15; Var Y = (.64 + .64 + .04 + .04 + 1.44) / 4 = .7
    # discrimination = 100 * .15 / sqrt(.3 * .7) = 32.7327
    # sorted x 0 0 0 1 1 (dx -.4 -.4 -.4 .6 .6), sorted Y 0 1 1 2 2 (dY -1.2 -.2 -.2 .8 .8):
    # products .48 + .08 + .08 + .48 + .48 = 1.6 -> Cmax = .4; efficiency = 100 * .15 / .4 = 37.5
    q3 = stats_by_id(attempts_of(MATRIX))['q3']
    assert q3.discrimination_index.value == pytest.approx(100 * 0.15 / math.sqrt(0.21))
    assert q3.discriminative_efficiency.value == pytest.approx(37.5)
    assert not q3.needs_review


def test_discrimination_is_the_correlation_with_the_rest_of_the_test():
    items = stats_by_id(attempts_of(MATRIX))
    for qid in ('q1', 'q3'):
        index = QUESTIONS.index(qid)
        marks = [row[index] for row in MATRIX]
        rest = [sum(row) - row[index] for row in MATRIX]
        assert items[qid].discrimination_index.value == pytest.approx(100 * statistics.correlation(marks, rest))
        assert items[qid].sd.value == pytest.approx(statistics.stdev(marks))


def test_a_reversed_question_is_flagged():
    # x = 0 0 1 1 while the rest Y = 3 2 1 0: dx = -.5 -.5 .5 .5, dY = 1.5 .5 -.5 -1.5
    # Cov = (-.75 - .25 - .25 - .75) / 3 = -2/3; Var x = 1/3, Var Y = 5/3
    # discrimination = 100 * (-2/3) / sqrt(5/9) = -89.4427; Cmax = 2/3 (sorted Y reverses dY) -> efficiency -100
    pairs = zip([0, 0, 1, 1], [3, 2, 1, 0], strict=True)
    attempts = [AttemptMarks(total=x + rest, marks={'r': x}) for x, rest in pairs]
    item = question_statistics('r', attempts, 1.0)
    assert item.discrimination_index.value == pytest.approx(-200 / 3 / math.sqrt(5 / 9))
    assert item.discriminative_efficiency.value == pytest.approx(-100.0)
    assert item.needs_review
    assert item.review_reasons == (REASON_LOW_EFFICIENCY, REASON_NEGATIVE_DISCRIMINATION)


def test_a_question_everybody_got_right_is_n_a_and_not_flagged():
    attempts = [AttemptMarks(total=1 + rest, marks={'easy': 1}) for rest in (3, 2, 1, 0)]
    item = question_statistics('easy', attempts, 1.0)
    assert item.facility.value == 1.0
    assert item.sd.value == 0.0
    assert not item.discrimination_index.available
    assert not item.discriminative_efficiency.available
    assert 'cannot be flagged' in item.discrimination_index.note
    assert not item.needs_review


def test_a_constant_rest_of_the_test_is_n_a():
    attempts = [AttemptMarks(total=x + 2, marks={'q': x}) for x in (0, 1, 1)]
    item = question_statistics('q', attempts, 1.0)
    assert not item.discrimination_index.available
    assert 'rest of the test' in item.discrimination_index.note
    assert not item.needs_review


def test_one_attempt_gives_a_facility_and_nothing_else():
    item = question_statistics('q', [AttemptMarks(1, {'q': 1})], 1.0)
    assert item.facility == Stat(1.0, 1)
    assert not item.sd.available
    assert not item.discrimination_index.available
    assert not item.discriminative_efficiency.available


def test_a_question_not_drawn_is_left_out_of_that_attempt():
    # 'extra' was drawn in two attempts only: x = 1 0 over totals 3 1 (the absent attempts do not count as 0)
    attempts = attempts_of(MATRIX)
    attempts[0] = AttemptMarks(4, {**attempts[0].marks, 'extra': 1})
    attempts[3] = AttemptMarks(1, {**attempts[3].marks, 'extra': 0})
    items = stats_by_id(attempts, {**MAX_MARKS, 'extra': 1.0})
    assert items['extra'].n == 2
    assert items['extra'].facility.value == pytest.approx(0.5)
    assert items['extra'].discrimination_index.value == pytest.approx(100.0)  # two points always correlate fully
    assert list(items) == ['q1', 'q2', 'q3', 'extra']


def test_questions_missing_from_max_marks_come_last_with_n_a_facility():
    items = stats_by_id(attempts_of(MATRIX), {'q2': 1.0})
    assert list(items) == ['q2', 'q1', 'q3']
    assert not items['q1'].facility.available


def test_distractors():
    # Choices of a single-choice question (a correct) and the attempts' totals:
    # a: totals 3, 2, 2 -> mean 7/3; b: total 1; c: nobody; skipped: total 0
    picks = [('a',), ('a',), ('a',), ('b',), ()]
    attempts = [AttemptMarks(total=sum(row), marks=dict(zip(QUESTIONS, row, strict=True)), choices={'q1': pick})
                for row, pick in zip(MATRIX, picks, strict=True)]
    items = stats_by_id(attempts, choice_ids={'q1': ('a', 'b', 'c')})
    distractors = {choice.choice_id: choice for choice in items['q1'].distractors}
    assert list(distractors) == ['a', 'b', 'c']
    assert (distractors['a'].count, distractors['a'].share) == (3, pytest.approx(0.6))
    assert distractors['a'].mean_total.value == pytest.approx(7 / 3)
    assert (distractors['b'].count, distractors['b'].share, distractors['b'].mean_total.value) == (1, 0.2, 1.0)
    assert distractors['c'].count == 0
    assert not distractors['c'].mean_total.available
    assert items['q2'].distractors == ()


def test_unlisted_choices_are_reported_after_the_listed_ones():
    attempts = [AttemptMarks(1, {'m': 1}, {'m': ('z', 'a')}), AttemptMarks(0, {'m': 0}, {'m': ('y',)})]
    ids = [choice.choice_id for choice in question_statistics('m', attempts, 1.0, ('a',)).distractors]
    assert ids == ['a', 'y', 'z']


def matrices():
    """Score matrices of 2 to 12 attempts on 1 to 4 questions worth 1 to 3 marks, in quarter marks."""
    return st.integers(1, 4).flatmap(lambda width: st.tuples(
        st.lists(st.sampled_from([1.0, 2.0, 3.0]), min_size=width, max_size=width),
        st.lists(st.lists(st.integers(0, 4), min_size=width, max_size=width), min_size=2, max_size=12),
    ))


@settings(max_examples=200, deadline=None)
@given(matrices())
def test_invariants(data):
    maxima, quarters = data
    questions = [f'q{index}' for index in range(len(maxima))]
    rows = [[quarter / 4 * maximum for quarter, maximum in zip(row, maxima, strict=True)] for row in quarters]
    attempts = attempts_of(rows, questions)
    for item in item_statistics(attempts, dict(zip(questions, maxima, strict=True))):
        assert 0 <= item.facility.value <= 1
        if item.discrimination_index.available:
            assert abs(item.discrimination_index.value) <= 100 + 1e-9
            assert item.discriminative_efficiency.value <= 100 + 1e-9
            # Efficiency and the index share the sign of the covariance, and efficiency is the larger in size.
            assert abs(item.discriminative_efficiency.value) >= abs(item.discrimination_index.value) - 1e-9
        else:
            assert not item.needs_review
