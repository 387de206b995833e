"""
Generated bodies (any shape, depth, size, Unicode, bytes) thrown at every handler of the quiz, as a learner and as
staff, through the real workbench: never a 5xx, always ``{"error"}`` on a 4xx, nothing stored changes after a 4xx,
and no event the browser could name is ever published.
"""
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.integration.quizzes import all_types
from tests.support.fuzz import assert_handler_kept_its_promise, bodies
from tests.support.workbench_fixtures import authored_snapshot, handler_url, learner_snapshot, post_json

QUESTION_IDS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6']
HANDLERS = ['submit', 'save_draft', 'retry', 'dashboard', 'save_quiz', 'convert_quiz']
FIELDS = ['answers', 'attempt', 'settings', 'content', 'olx']
EVENTS = {'grade', 'completion', 'edx.cifal.quiz.submitted', 'edx.cifal.quiz.retried'}
FUZZ = settings(max_examples=120, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def quiz(workbench):
    usage_id = workbench.add_scenario('fuzz-quiz', all_types(max_attempts=3))
    post_json(workbench.client, usage_id, 'save_draft', 'fuzzy', {'answers': {'q4': 'a draft'}})
    return usage_id


@pytest.fixture
def workbench(workbench, client):
    workbench.client = client
    return workbench


@pytest.mark.parametrize('student', ['fuzzy', 'staff_fuzzy'])
@FUZZ
@given(handler=st.sampled_from(HANDLERS), body=bodies(FIELDS, QUESTION_IDS))
def test_any_body_to_any_handler_is_answered_without_a_5xx_and_refusals_change_nothing(
        client, workbench, quiz, published, student, handler, body):
    before = learner_snapshot(workbench, quiz, student), authored_snapshot(workbench, quiz)
    events = len(published.events)

    response = client.generic('POST', handler_url(quiz, handler, student), data=body,
                              content_type='application/json')

    after = learner_snapshot(workbench, quiz, student), authored_snapshot(workbench, quiz)
    event(f'{handler}: {response.status_code}')  # --hypothesis-show-statistics shows what was reached
    assert_handler_kept_its_promise(response, before, after, f'{handler} as {student}: {body[:120]!r}')
    assert {name for name, _ in published.events[events:]} <= EVENTS


@FUZZ
@given(query=st.dictionaries(st.sampled_from(['report', 'format', 'table', 'identified', 'x']),
                             st.text(max_size=30), max_size=4))
def test_any_query_to_the_download_handler_is_answered_without_a_5xx(client, workbench, quiz, query):
    from urllib.parse import urlencode
    for student in ('fuzzy', 'staff_fuzzy'):
        response = client.get(handler_url(quiz, 'download_report', student) + '&' + urlencode(query))

        assert response.status_code < 500, (query, response.status_code)
        if student == 'fuzzy':
            assert response.status_code == 403
