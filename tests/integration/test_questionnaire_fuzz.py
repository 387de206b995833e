"""
Generated bodies (any shape, depth, size, Unicode, bytes) thrown at every handler of the questionnaire, as a
respondent and as staff, through the real workbench: never a 5xx, always ``{"error"}`` on a 4xx, nothing stored
changes after a 4xx (receipts and anonymous responses included), and no event the browser could name is published.
"""
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.integration.questionnaires import reaction
from tests.support.fuzz import assert_handler_kept_its_promise, bodies
from tests.support.workbench_fixtures import authored_snapshot, handler_url, learner_snapshot, post_json

ITEM_IDS = ['group', 'q1', 'm1', 'rec', 'why', 'topics', 'apply']
HANDLERS = ['submit', 'save_draft', 'reopen', 'dashboard', 'save_questionnaire', 'convert_questionnaire']
FIELDS = ['answers', 'other', 'settings', 'content', 'olx']
EVENTS = {'completion', 'edx.cifal.questionnaire.submitted'}
FUZZ = settings(max_examples=120, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


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
    before = learner_snapshot(workbench, questionnaire, student), authored_snapshot(workbench, questionnaire)
    events = len(published.events)

    response = client.generic('POST', handler_url(questionnaire, handler, student), data=body,
                              content_type='application/json')

    after = learner_snapshot(workbench, questionnaire, student), authored_snapshot(workbench, questionnaire)
    event(f'{handler}: {response.status_code}')  # --hypothesis-show-statistics shows what was reached
    assert_handler_kept_its_promise(response, before, after, f'{handler} as {student}: {body[:120]!r}')
    assert {name for name, _ in published.events[events:]} <= EVENTS


@FUZZ
@given(query=st.dictionaries(st.sampled_from(['report', 'format', 'table', 'identified', 'x']),
                             st.text(max_size=30), max_size=4))
def test_any_query_to_the_download_handler_is_answered_without_a_5xx(client, workbench, questionnaire, query):
    for student in ('fuzzy', 'staff_fuzzy'):
        response = client.get(handler_url(questionnaire, 'download_report', student) + '&' + urlencode(query))

        assert response.status_code < 500, (query, response.status_code)
        if student == 'fuzzy':
            assert response.status_code == 403
