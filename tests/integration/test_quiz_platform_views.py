"""The quiz in the mobile apps, courseware search and for visitors: never a key, a feedback or an explanation."""
import json

import pytest

from tests.integration.quizzes import KEY_TEXTS, PERFECT, all_types
from tests.support.workbench_fixtures import authored_id, handler_url, post_json

ANSWER_TEXTS = ('mainstreaming', 'tolerance', '"value"', '"correct"', 'explanation', 'feedback')


@pytest.fixture
def quiz(workbench):
    return workbench.add_scenario('platform-quiz', all_types(max_attempts=2))


def test_student_view_data_has_the_content_the_apps_need_and_no_key(workbench, quiz):
    data = workbench.block(quiz, None).student_view_data()

    text = json.dumps(data)
    assert not any(secret in text for secret in KEY_TEXTS + ANSWER_TEXTS)
    questions = {question['id']: question for question in data['questions']}
    assert [choice['html'] for choice in questions['q1']['choices']] == ['154 million', '304 million']
    assert [authored_id(quiz, 'q1', choice['id']) for choice in questions['q1']['choices']] == ['a', 'b']
    assert {item['html'] for item in questions['q5']['items']} == {'Assessment', 'Goals', 'Planning'}
    assert len(questions['q6']['premises']) == len(questions['q6']['responses']) == 2
    assert data['max_attempts'] == 2 and data['max_score'] == 8.0


def test_student_view_data_names_options_by_codes_that_say_nothing_of_the_key(workbench, quiz):
    data = workbench.block(quiz, None).student_view_data()

    questions = {question['id']: question for question in data['questions']}
    shown = [option['id'] for question in questions.values()
             for part in ('choices', 'items', 'premises', 'responses') for option in question.get(part, ())]
    assert not {'a', 'b', 'x', 'y', 'z', 'i1', 'i2', 'i3', 'p1', 'p2'} & set(shown)
    assert len(set(shown)) == len(shown)  # a premise and its own response never share a code
    assert workbench.block(quiz, None).student_view_data() == data  # the same codes for the apps every time


def test_student_view_user_state_returns_the_draft_and_the_revealed_results(client, quiz):
    post_json(client, quiz, 'save_draft', 'mo', {'answers': {'q4': 'mainstr'}})

    before = client.get(handler_url(quiz, 'student_view_user_state', 'mo')).json()
    post_json(client, quiz, 'submit', 'mo', {'answers': PERFECT})
    after = client.get(handler_url(quiz, 'student_view_user_state', 'mo')).json()

    assert before['draft'] == {'q4': 'mainstr'} and before['is_open'] and before['last_attempt'] is None
    assert len(before['layout']['question_ids']) == 6
    assert after['attempts_used'] == 1 and after['can_retry'] and not after['is_open']
    assert after['last_attempt']['score'] == 8.0
    assert authored_id(quiz, 'q1', after['last_attempt']['questions'][0]['correct_answer']) == 'b'


def test_student_view_user_state_answers_only_get(client, quiz):
    assert client.post(handler_url(quiz, 'student_view_user_state', 'mo')).status_code == 405


def test_the_search_index_has_prompts_and_choices_but_no_answers(workbench, quiz):
    index = workbench.block(quiz, None).index_dictionary()

    content = index['content']['capa_content']
    assert index['content']['display_name'] == 'All types'
    assert 'How many international migrants' in content and '154 million' in content
    assert not any(secret in json.dumps(index) for secret in KEY_TEXTS + ('mainstreaming', 'Mutual adaptation'))


def test_public_view_invites_visitors_to_sign_in_without_showing_questions(workbench, quiz):
    html = workbench.block(quiz, None).render('public_view').content

    assert 'This quiz has 6 questions.' in html and 'Sign in' in html
    assert 'How many international migrants' not in html and 'cifal-question' not in html
