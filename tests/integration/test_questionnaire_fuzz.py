"""
Generated bodies (any shape, depth, size, Unicode, bytes) thrown at every handler of the questionnaire, as a
respondent and as staff, through the real workbench: never a 5xx, always ``{"error"}`` on a 4xx, nothing stored
changes after a 4xx (receipts and anonymous responses included), and no event the browser could name is published.
"""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.integration.questionnaires import reaction
from tests.support.fuzz import DOWNLOAD_QUERIES, FUZZ, bodies, throw_body, throw_download_query
from tests.support.workbench_fixtures import post_json

ITEM_IDS = ['group', 'q1', 'm1', 'rec', 'why', 'topics', 'apply']
HANDLERS = ['submit', 'save_draft', 'reopen', 'dashboard', 'save_questionnaire', 'convert_questionnaire']
FIELDS = ['answers', 'other', 'settings', 'content', 'olx']
EVENTS = {'completion', 'edx.cifal.questionnaire.submitted'}


@pytest.fixture(params=['true', 'false'], ids=['anonymous', 'named-editable'])
def questionnaire(request, workbench, client):
    workbench.client = client
    editable = 'false' if request.param == 'true' else 'true'
    usage_id = workbench.add_scenario('fuzz-questionnaire', reaction(anonymous=request.param, editable=editable))
    post_json(client, usage_id, 'save_draft', 'fuzzy', {'answers': {'why': 'a draft'}})
    return usage_id


@pytest.mark.parametrize('student', ['fuzzy', 'staff_fuzzy'])
@FUZZ
@given(handler=st.sampled_from(HANDLERS), body=bodies(FIELDS, ITEM_IDS))
def test_any_body_to_any_handler_is_answered_without_a_5xx_and_refusals_change_nothing(
        client, workbench, questionnaire, published, student, handler, body):
    throw_body(client, workbench, questionnaire, published, student, handler, body, EVENTS)


@FUZZ
@given(query=DOWNLOAD_QUERIES)
def test_any_query_to_the_download_handler_is_answered_without_a_5xx(client, questionnaire, query):
    throw_download_query(client, questionnaire, query)
