"""
Generated bodies (any shape, depth, size, Unicode, bytes) thrown at every handler of the scenario module, as a
learner and as staff, through the real workbench, at every kind of node: never a 5xx, always ``{"error"}`` on a
4xx, nothing stored changes after a 4xx (the run, the records, the progress), and no event the browser could name
is published.
"""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.integration.scenarios import check_code, choice_code, riverton
from tests.support.fuzz import DOWNLOAD_QUERIES, FUZZ, bodies, throw_body, throw_download_query
from tests.support.workbench_fixtures import post_json

NODE_IDS = ['n1', 'n2', 'n3', 'n4', 'n5', 'end1', 'c1', 'k1']
HANDLERS = ['choose', 'check', 'reflect', 'next', 'back', 'reset', 'dashboard', 'save_scenario', 'convert_scenario']
FIELDS = ['node', 'choice', 'answer', 'text', 'settings', 'content', 'olx']
EVENTS = {'completion', 'grade', 'edx.cifal.scenario.choice_made', 'edx.cifal.scenario.self_check',
          'edx.cifal.scenario.ended', 'edx.cifal.scenario.reset'}


@pytest.fixture(params=['decision', 'check', 'reflection'])
def scenario(request, workbench, client):
    """A learner at a decision, at a self-check, or at a reflection (with a saved text)."""
    workbench.client = client
    usage_id = workbench.add_scenario('fuzz-scenario', riverton())
    client.get('/scenario/fuzz-scenario/?student=fuzzy')
    if request.param != 'decision':
        post_json(client, usage_id, 'choose', 'fuzzy', {'node': 'n1', 'choice': choice_code(usage_id, 'n1', 'c1')})
    if request.param == 'reflection':
        post_json(client, usage_id, 'check', 'fuzzy', {'node': 'n2', 'answer': check_code(usage_id, 'n2', 'a')})
        post_json(client, usage_id, 'next', 'fuzzy', {'node': 'n2'})
        post_json(client, usage_id, 'next', 'fuzzy', {'node': 'n3'})
        post_json(client, usage_id, 'choose', 'fuzzy', {'node': 'n4', 'choice': choice_code(usage_id, 'n4', 'c3')})
        post_json(client, usage_id, 'reflect', 'fuzzy', {'node': 'n5', 'text': 'a plan'})
    return usage_id


@pytest.mark.parametrize('student', ['fuzzy', 'staff_fuzzy'])
@FUZZ
@given(handler=st.sampled_from(HANDLERS), body=bodies(FIELDS, NODE_IDS))
def test_any_body_to_any_handler_is_answered_without_a_5xx_and_refusals_change_nothing(
        client, workbench, scenario, published, student, handler, body):
    throw_body(client, workbench, scenario, published, student, handler, body, EVENTS)


@FUZZ
@given(query=DOWNLOAD_QUERIES)
def test_any_query_to_the_download_handler_is_answered_without_a_5xx(client, scenario, query):
    throw_download_query(client, scenario, query)
