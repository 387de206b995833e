"""The quiz's handler API through the real workbench: what the mobile app and the page rely on."""
import json

import pytest

from tests.integration.quizzes import KEY_TEXTS, MAX_POINTS, PERFECT, all_types
from tests.support.workbench_fixtures import authored_id, post_json


@pytest.fixture
def quiz(workbench):
    """A six-question quiz allowing two attempts, answers shown after each attempt."""
    return workbench.add_scenario('handlers-quiz', all_types(max_attempts=2, grading='best'))


def test_a_perfect_submission_scores_the_maximum_and_publishes_the_grade(client, quiz, published):
    response = post_json(client, quiz, 'submit', 'alice', {'answers': PERFECT})

    assert response.status_code == 200
    result = response.json()
    assert (result['score'], result['max_score']) == (MAX_POINTS, MAX_POINTS)
    assert result['attempts_used'] == 1 and result['attempts_allowed'] == 2
    assert {q['id']: q['status'] for q in result['questions']} == dict.fromkeys(PERFECT, 'correct')
    assert published.named('grade') == [{'value': MAX_POINTS, 'max_value': MAX_POINTS, 'only_if_higher': False}]
    assert published.named('completion') == [{'completion': 1.0}]


def test_unanswered_questions_score_zero_and_partial_credit_is_given(client, quiz):
    answers = {'q2': ['x', 'z'], 'q5': ['i2', 'i1', 'i3'], 'q6': {'p1': 'p1'}}

    result = post_json(client, quiz, 'submit', 'bob', {'answers': answers}).json()

    statuses = {q['id']: (q['status'], q['earned']) for q in result['questions']}
    assert statuses['q1'] == ('unanswered', 0)
    assert statuses['q3'] == ('unanswered', 0)
    assert statuses['q2'][0] == 'partial' and 0 < statuses['q2'][1] < 2
    assert statuses['q5'] == ('partial', pytest.approx(1 / 3, abs=1e-4))
    assert statuses['q6'] == ('partial', 1)
    assert result['score'] == pytest.approx(sum(earned for _, earned in statuses.values()))


@pytest.mark.parametrize('payload, fragment', [
    ('[1, 2]', 'JSON object'),
    ({'answers': ['b']}, 'answers'),
    ({'answers': {'q99': 'a'}}, 'q99'),
    ({'answers': {'q1': ['b']}}, 'q1'),
    ({'answers': {'q1': 'nope'}}, 'q1'),
    ({'answers': {'q2': 'x'}}, 'q2'),
    ({'answers': {'q3': 'three hundred'}}, 'q3'),
    ({'answers': {'q5': ['i1', 'i1', 'i3']}}, 'q5'),
    ({'answers': {'q6': {'p9': 'p1'}}}, 'q6'),
    ({'answers': PERFECT, 'attempt': 'one'}, 'attempt'),
])
def test_a_bad_payload_is_refused_with_a_message_and_changes_nothing(client, quiz, workbench, published, payload,
                                                                     fragment):
    post_json(client, quiz, 'save_draft', 'carol', {'answers': {'q4': 'draft text'}})

    response = post_json(client, quiz, 'submit', 'carol', payload)

    assert response.status_code == 400
    assert fragment in response.json()['error']
    block = workbench.block(quiz, 'carol')
    assert block.submitted_attempts == []
    assert block.draft['answers'] == {'q4': 'draft text'}
    assert published.named('grade') == []


def test_malformed_json_is_refused(client, quiz, workbench):
    response = post_json(client, quiz, 'submit', 'dan', '{"answers": ')

    assert response.status_code == 400
    assert workbench.block(quiz, 'dan').submitted_attempts == []


def test_attempts_are_limited_and_a_late_submission_changes_nothing(client, quiz, workbench):
    assert post_json(client, quiz, 'submit', 'erin', {'answers': {'q1': 'a'}}).status_code == 200
    assert post_json(client, quiz, 'retry', 'erin', {}).status_code == 200
    assert post_json(client, quiz, 'submit', 'erin', {'answers': PERFECT}).status_code == 200

    refused = post_json(client, quiz, 'submit', 'erin', {'answers': PERFECT})
    retry = post_json(client, quiz, 'retry', 'erin', {})

    assert refused.status_code == 409 and 'attempts left' in refused.json()['error']
    assert retry.status_code == 409
    assert [record['number'] for record in workbench.block(quiz, 'erin').submitted_attempts] == [1, 2]


def test_submitting_without_retry_after_results_is_refused(client, quiz):
    post_json(client, quiz, 'submit', 'fay', {'answers': {}})

    response = post_json(client, quiz, 'submit', 'fay', {'answers': PERFECT})

    assert response.status_code == 409


def test_a_retried_request_for_the_same_attempt_is_recorded_once(client, quiz, workbench, published):
    first = post_json(client, quiz, 'submit', 'gus', {'answers': PERFECT, 'attempt': 1}).json()
    again = post_json(client, quiz, 'submit', 'gus', {'answers': {'q1': 'a'}, 'attempt': 1})

    assert again.status_code == 200
    assert again.json()['replayed'] is True and again.json()['score'] == first['score']
    assert len(workbench.block(quiz, 'gus').submitted_attempts) == 1
    assert len(published.named('grade')) == 1


def test_the_grading_method_keeps_the_best_attempt(client, quiz, workbench, published):
    post_json(client, quiz, 'submit', 'hal', {'answers': PERFECT})
    post_json(client, quiz, 'retry', 'hal', {})
    post_json(client, quiz, 'submit', 'hal', {'answers': {'q1': 'b'}})

    grades = published.named('grade')
    assert [grade['value'] for grade in grades] == [MAX_POINTS, MAX_POINTS]
    assert workbench.block(quiz, 'hal').get_score().raw_earned == MAX_POINTS


def test_last_grading_follows_the_latest_attempt(client, workbench, published):
    quiz = workbench.add_scenario('last-quiz', all_types(grading='last'))
    post_json(client, quiz, 'submit', 'ida', {'answers': PERFECT})
    post_json(client, quiz, 'retry', 'ida', {})
    post_json(client, quiz, 'submit', 'ida', {'answers': {'q1': 'b'}})

    assert [grade['value'] for grade in published.named('grade')] == [MAX_POINTS, 1.0]
    assert published.named('completion') == [{'completion': 1.0}]


def test_the_submitted_event_carries_scores_but_no_answer_key(client, quiz, published):
    post_json(client, quiz, 'submit', 'jon', {'answers': PERFECT})

    (event,) = published.named('edx.cifal.quiz.submitted')
    assert event['attempt'] == 1 and event['earned'] == MAX_POINTS
    text = json.dumps(event)
    assert not any(key in text for key in ('FEEDBACK', 'EXPLANATION', 'correct_answer', '304'))


def test_a_saved_draft_comes_back_in_the_page(client, quiz, workbench):
    saved = post_json(client, quiz, 'save_draft', 'kim', {'answers': {'q3': '1 500,5', 'q4': 'mainstr'}})

    assert saved.status_code == 200
    page = client.get('/scenario/handlers-quiz/?student=kim').content.decode()
    assert 'value="1 500,5"' in page and 'value="mainstr"' in page
    other = client.get('/scenario/handlers-quiz/?student=lee').content.decode()
    assert 'value="mainstr"' not in other


def test_retry_starts_a_fresh_attempt_with_an_empty_form(client, quiz):
    post_json(client, quiz, 'submit', 'max', {'answers': PERFECT})

    response = post_json(client, quiz, 'retry', 'max', {})

    assert response.status_code == 200
    body = response.json()
    assert body['attempt'] == 2
    assert 'cifal-quiz__form' in body['html'] and 'checked' not in body['html']


def test_nothing_of_the_key_reaches_the_page_before_submission(client, quiz):
    page = client.get('/view/handlers-quiz/?student=ned').content.decode()

    assert 'cifal-question--matching' in page
    assert not any(text in page for text in KEY_TEXTS)
    assert 'mainstreaming' not in page.lower()


def test_answers_never_revealed_stay_hidden_after_submission(client, workbench):
    quiz = workbench.add_scenario('hidden-quiz', all_types(show_answers='never', show_correctness='never'))

    result = post_json(client, quiz, 'submit', 'olga', {'answers': {'q1': 'a'}}).json()

    assert result['score'] == 0 and result['max_score'] == MAX_POINTS
    text = json.dumps(result)
    assert not any(key in text for key in KEY_TEXTS)
    assert all(set(q) == {'id', 'answered', 'possible'} for q in result['questions'])


def test_answers_after_the_final_attempt_are_revealed_only_then(client, workbench):
    quiz = workbench.add_scenario('final-quiz', all_types(max_attempts=2, show_answers='after_final_attempt'))

    first = post_json(client, quiz, 'submit', 'pia', {'answers': {'q1': 'a'}}).json()
    post_json(client, quiz, 'retry', 'pia', {})
    last = post_json(client, quiz, 'submit', 'pia', {'answers': {'q1': 'a'}}).json()

    assert 'FEEDBACK-1990' not in json.dumps(first) and 'correct_answer' not in first['questions'][0]
    q1 = last['questions'][0]
    assert authored_id(quiz, 'q1', q1['correct_answer']) == 'b'
    (chosen,) = q1['feedback']
    assert authored_id(quiz, 'q1', chosen) == 'a' and 'FEEDBACK-1990' in q1['feedback'][chosen]
    assert 'EXPLANATION-DESA' in q1['explanation']
