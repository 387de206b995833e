"""
Generated bodies (any shape, depth, size, Unicode, bytes) thrown at every handler of the quiz, as a learner and as
staff, through the real workbench: never a 5xx, always ``{"error"}`` on a 4xx, nothing stored changes after a 4xx,
and no event the browser could name is ever published.
"""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.integration.quizzes import all_types
from tests.support.fuzz import DOWNLOAD_QUERIES, FUZZ, bodies, throw_body, throw_download_query
from tests.support.workbench_fixtures import post_json

QUESTION_IDS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6']
HANDLERS = ['submit', 'save_draft', 'retry', 'dashboard', 'save_quiz', 'convert_quiz', 'preview_question']
FIELDS = ['answers', 'attempt', 'settings', 'content', 'olx', 'question', 'number', 'total']
EVENTS = {'grade', 'completion', 'edx.cifal.quiz.submitted', 'edx.cifal.quiz.retried'}


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
    throw_body(client, workbench, quiz, published, student, handler, body, EVENTS)


@FUZZ
@given(query=DOWNLOAD_QUERIES)
def test_any_query_to_the_download_handler_is_answered_without_a_5xx(client, quiz, query):
    throw_download_query(client, quiz, query)
