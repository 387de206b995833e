"""Scoring of every question type, including partial credit, against the documented formulas."""
import pytest

from cifal_core.quiz.models import Choice, Item, NumericAnswer, Pair, Question, TextAnswer
from cifal_core.quiz.scoring import correct_answer, score_attempt, score_question


def choice_question(correct_flags, question_type='multiple', scoring='all_or_nothing', points=1.0):
    choices = tuple(Choice(id=f'c{index}', html=f'C{index}', correct=flag) for index, flag in enumerate(correct_flags))
    return Question(id='q', type=question_type, prompt_html='P', points=points, choices=choices, scoring=scoring)


SINGLE = choice_question([False, True, False], question_type='single')
NUMERIC = Question(id='n', type='numeric', prompt_html='P', numeric=NumericAnswer(304.0, 5.0))
RELATIVE = Question(id='r', type='numeric', prompt_html='P', numeric=NumericAnswer(200.0, 10.0, relative=True))
TEXT = Question(id='t', type='text', prompt_html='P', text_answers=(
    TextAnswer('mainstreaming'), TextAnswer('main-streaming'), TextAnswer(r'migration mainstreaming', regex=True)))
ORDERING = Question(id='o', type='ordering', prompt_html='P', points=4,
                    items=tuple(Item(id=f'i{index}', html=str(index)) for index in range(4)))
MATCHING = Question(id='m', type='matching', prompt_html='P', points=3,
                    pairs=tuple(Pair(id=f'p{index}', premise_html='x', response_html='y') for index in range(3)))


def test_single_choice():
    assert score_question(SINGLE, 'c1').status == 'correct'
    assert score_question(SINGLE, 'c0').earned == 0
    assert score_question(SINGLE, None).status == 'unanswered'


# Four choices: c0, c1 correct; c2, c3 incorrect.
@pytest.mark.parametrize(('scoring', 'chosen', 'earned'), [
    ('all_or_nothing', ['c0', 'c1'], 1.0),
    ('all_or_nothing', ['c0'], 0.0),
    ('all_or_nothing', ['c0', 'c1', 'c2'], 0.0),
    ('partial', ['c0'], 0.75),  # c0 right, c1 missed, c2 and c3 rightly left out
    ('partial', ['c0', 'c2'], 0.5),
    ('partial', ['c2', 'c3'], 0.0),
    ('right_minus_wrong', ['c0'], 0.5),
    ('right_minus_wrong', ['c0', 'c2'], 0.0),
    ('right_minus_wrong', ['c0', 'c1', 'c2'], 0.5),
    ('right_minus_wrong', ['c2', 'c3'], 0.0),  # floored at 0, not -1
])
def test_multiple_choice_scoring_methods(scoring, chosen, earned):
    question = choice_question([True, True, False, False], scoring=scoring)
    assert score_question(question, chosen).earned == earned


def test_right_minus_wrong_with_no_incorrect_choice():
    question = choice_question([True, True, True], scoring='right_minus_wrong')
    assert score_question(question, ['c0']).earned == pytest.approx(1 / 3)
    assert score_question(question, ['c0', 'c1', 'c2']).status == 'correct'


def test_partial_credit_is_rounded_and_statused():
    question = choice_question([True, True, True], scoring='partial', points=2)
    score = score_question(question, ['c0'])
    assert (score.earned, score.status) == (0.666667, 'partial')
    assert score.fraction == pytest.approx(1 / 3, abs=1e-6)


@pytest.mark.parametrize(('answer', 'status'), [
    (304.0, 'correct'), (299.0, 'correct'), (309.0, 'correct'), (309.01, 'incorrect'), (298.9, 'incorrect'),
])
def test_numeric_absolute_tolerance_is_inclusive(answer, status):
    assert score_question(NUMERIC, answer).status == status


@pytest.mark.parametrize(('answer', 'status'), [(180.0, 'correct'), (220.0, 'correct'), (220.5, 'incorrect')])
def test_numeric_relative_tolerance_is_a_percentage_of_the_value(answer, status):
    assert score_question(RELATIVE, answer).status == status


def test_numeric_bounds_survive_binary_floating_point():
    question = Question(id='f', type='numeric', prompt_html='P', numeric=NumericAnswer(1.2, 0.1))
    assert score_question(question, 1.3).status == 'correct'
    exact = Question(id='e', type='numeric', prompt_html='P', numeric=NumericAnswer(0.3))
    assert score_question(exact, 0.1 + 0.2).status == 'correct'
    assert score_question(exact, 0.31).status == 'incorrect'


@pytest.mark.parametrize(('answer', 'status'), [
    ('Mainstreaming', 'correct'), ('main-streaming', 'correct'), ('MIGRATION  Mainstreaming', 'correct'),
    ('main streaming', 'incorrect'), ('mainstream', 'incorrect'),
])
def test_text_answers(answer, status):
    assert score_question(TEXT, answer).status == status


def test_ordering_gives_credit_per_item_in_the_right_place():
    assert score_question(ORDERING, ['i0', 'i1', 'i2', 'i3']).earned == 4
    assert score_question(ORDERING, ['i0', 'i1', 'i3', 'i2']).earned == 2
    assert score_question(ORDERING, ['i3', 'i0', 'i1', 'i2']).status == 'incorrect'


def test_matching_gives_credit_per_pair():
    assert score_question(MATCHING, {'p0': 'p0', 'p1': 'p1', 'p2': 'p2'}).status == 'correct'
    assert score_question(MATCHING, {'p0': 'p0', 'p1': 'p2'}).earned == 1
    assert score_question(MATCHING, {'p0': 'p1', 'p1': 'p0'}).status == 'incorrect'


def test_attempt_score_totals_only_the_questions_of_the_attempt():
    attempt = score_attempt([SINGLE, ORDERING, MATCHING], {'q': 'c1', 'o': ['i0', 'i1', 'i3', 'i2']})
    assert [score.status for score in attempt.questions] == ['correct', 'partial', 'unanswered']
    assert (attempt.earned, attempt.possible, attempt.percent) == (3.0, 8.0, 37.5)
    assert score_attempt([], {}).percent == 0


def test_correct_answers_in_payload_shape():
    assert correct_answer(SINGLE) == 'c1'
    assert correct_answer(choice_question([True, False, True])) == ['c0', 'c2']
    assert correct_answer(RELATIVE) == {'value': 200.0, 'tolerance': 10.0, 'relative': True}
    assert correct_answer(TEXT) == ['mainstreaming', 'main-streaming']
    assert correct_answer(ORDERING) == ['i0', 'i1', 'i2', 'i3']
    assert correct_answer(MATCHING) == {'p0': 'p0', 'p1': 'p1', 'p2': 'p2'}
