"""Learner codes: what the page calls an option says nothing about the key, and maps back on the server only."""
import pytest

from cifal_core.errors import AnswerError
from cifal_core.quiz.answers import clean_answers, clean_draft
from cifal_core.quiz.codes import OptionCodes, answers_to_learner, orders_to_learner
from cifal_core.quiz.models import Choice, Item, Pair, Question, QuizContent
from cifal_core.quiz.scoring import correct_answer, score_attempt

SINGLE = Question(id='q1', type='single', prompt_html='P', choices=(
    Choice('right', '304 million', correct=True), Choice('wrong', '154 million')))
MULTIPLE = Question(id='q2', type='multiple', prompt_html='P', choices=(
    Choice('a', 'A', correct=True), Choice('b', 'B', correct=True), Choice('c', 'C')))
ORDERING = Question(id='q5', type='ordering', prompt_html='P',
                    items=(Item('i1', '1'), Item('i2', '2'), Item('i3', '3')))
MATCHING = Question(id='q6', type='matching', prompt_html='P', pairs=(Pair('p1', 'a', '1'), Pair('p2', 'b', '2')))
CONTENT = QuizContent(questions=(SINGLE, MULTIPLE, ORDERING, MATCHING))
KEY = {question.id: correct_answer(question) for question in CONTENT.questions}


def codes(secret='secret', block='block-1'):
    return OptionCodes(secret, block)


def test_codes_are_stable_for_a_block_and_differ_between_blocks_and_deployments():
    first, again = answers_to_learner(CONTENT, codes(), KEY), answers_to_learner(CONTENT, codes(), KEY)
    assert first == again
    assert answers_to_learner(CONTENT, codes(block='block-2'), KEY)['q1'] != first['q1']
    assert answers_to_learner(CONTENT, codes(secret='other'), KEY)['q1'] != first['q1']


def test_the_coded_key_of_a_matching_question_does_not_map_premises_to_themselves():
    coded = answers_to_learner(CONTENT, codes(), KEY)['q6']
    assert all(premise != response for premise, response in coded.items())
    assert not {'p1', 'p2'} & (set(coded) | set(coded.values()))


def test_no_authored_id_survives_in_what_learners_see():
    coded = answers_to_learner(CONTENT, codes(), KEY)
    shown = [coded['q1'], *coded['q2'], *coded['q5'], *coded['q6'], *coded['q6'].values()]
    assert not {'right', 'wrong', 'a', 'b', 'c', 'i1', 'i2', 'i3', 'p1', 'p2'} & set(shown)
    assert all(code.isalnum() and code[0].isalpha() for code in shown)  # safe in HTML ids and attribute values


def test_coded_answers_clean_back_to_authored_ids_and_score():
    coded = answers_to_learner(CONTENT, codes(), KEY)
    cleaned = clean_answers(CONTENT, coded, codes=codes())
    assert cleaned == KEY
    assert score_attempt(CONTENT.questions, cleaned).earned == 4


@pytest.mark.parametrize('question_id', ['q1', 'q2', 'q5', 'q6'])
def test_authored_ids_are_refused_when_the_learner_must_send_codes(question_id):
    with pytest.raises(AnswerError) as refused:
        clean_answers(CONTENT, {question_id: KEY[question_id]}, codes=codes())
    assert refused.value.question_id == question_id


def test_codes_of_another_block_are_refused():
    foreign = answers_to_learner(CONTENT, codes(block='block-2'), KEY)
    with pytest.raises(AnswerError):
        clean_draft(CONTENT, {'q1': foreign['q1']}, codes=codes())


def test_layout_orders_are_coded_with_the_kind_the_answer_uses():
    orders = {'q1': ('wrong', 'right'), 'q5': ('i3', 'i1', 'i2'), 'q6': ('p2', 'p1')}
    coded = orders_to_learner(CONTENT, codes(), orders)
    answers = {'q1': 'wrong', 'q5': ['i3', 'i1', 'i2'], 'q6': {'p1': 'p2', 'p2': 'p1'}}
    learner = answers_to_learner(CONTENT, codes(), answers)
    assert coded['q1'][0] == learner['q1']
    assert coded['q5'] == learner['q5']
    assert set(coded['q6']) == set(learner['q6'].values())  # the select lists offer response codes


def test_values_of_another_shape_are_left_for_the_cleaners_to_refuse():
    coded = answers_to_learner(CONTENT, codes(), {'q2': 'a', 'q5': 'i1', 'q6': ['p1']})
    assert coded == {'q2': 'a', 'q5': 'i1', 'q6': ['p1']}
