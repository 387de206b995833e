"""The questionnaire's handler API through the real workbench: the README's contract for the page and the apps."""
import json

import pytest

from cifal_results.models import AnonymousResponse, ResponseReceipt, Submission
from tests.integration.questionnaires import COMPLETE, reaction
from tests.support.fuzz import assert_handler_kept_its_promise
from tests.support.workbench_fixtures import handler_url, learner_snapshot, post_json


@pytest.fixture
def anonymous(workbench):
    return workbench.add_scenario('anon-questionnaire', reaction())


@pytest.fixture
def named(workbench):
    return workbench.add_scenario('named-questionnaire', reaction(anonymous='false'))


@pytest.fixture
def editable(workbench):
    return workbench.add_scenario('editable-questionnaire', reaction(anonymous='false', editable='true'))


def test_an_anonymous_response_is_recorded_without_the_learner_and_a_receipt_apart(client, anonymous, published):
    response = post_json(client, anonymous, 'submit', 'ana', {'answers': COMPLETE})

    assert response.status_code == 200 and 'THANKS-TEXT' in response.json()['html']
    (stored,) = AnonymousResponse.objects.all()
    assert stored.answers == {'answers': COMPLETE, 'other': {}}
    assert not hasattr(stored, 'learner_id') and type(stored.submitted_on).__name__ == 'date'
    (receipt,) = ResponseReceipt.objects.all()
    assert receipt.usage_key == str(anonymous) and not Submission.objects.exists()
    (event,) = published.named('edx.cifal.questionnaire.submitted')
    assert event == {'anonymous': True}  # no answers in the tracking log
    assert published.named('completion') == [{'completion': 1.0}]


def test_the_learner_state_of_an_anonymous_questionnaire_keeps_no_answer(client, anonymous, workbench):
    post_json(client, anonymous, 'save_draft', 'bea', {'answers': {'q1': 3}})
    post_json(client, anonymous, 'submit', 'bea', {'answers': COMPLETE})

    state = learner_snapshot(workbench, anonymous, 'bea')['state']
    assert state['responded'] is True and state['response'] == {} and state['draft'] == {}
    assert '"q1"' not in json.dumps(state)


def test_a_second_response_is_refused_and_changes_nothing(client, anonymous, named, workbench):
    for quiz in (anonymous, named):
        post_json(client, quiz, 'submit', 'cy', {'answers': COMPLETE})
        before = learner_snapshot(workbench, quiz, 'cy')

        again = post_json(client, quiz, 'submit', 'cy', {'answers': COMPLETE})

        assert again.status_code == 409 and 'already answered' in again.json()['error']
        assert learner_snapshot(workbench, quiz, 'cy') == before


def test_missing_required_items_are_named_one_by_one_and_nothing_is_recorded(client, anonymous, workbench):
    before = learner_snapshot(workbench, anonymous, 'dee')

    response = post_json(client, anonymous, 'submit', 'dee', {'answers': {'rec': 4}})

    assert response.status_code == 400
    body = response.json()
    assert body['error'] == '2 required questions have no answer yet.'
    assert body['items'] == [{'id': 'group', 'message': 'Please answer this question.'},
                             {'id': 'q1', 'message': 'Please answer this question.'}]
    assert learner_snapshot(workbench, anonymous, 'dee') == before


def test_a_hidden_item_is_dropped_on_the_server_and_the_draft_says_what_is_shown(client, named):
    happy = post_json(client, named, 'save_draft', 'eve', {'answers': {'q1': 5, 'why': 'typed before'}}).json()
    unhappy = post_json(client, named, 'save_draft', 'eve', {'answers': {'q1': 1, 'why': 'keep'}}).json()
    post_json(client, named, 'submit', 'eve', {'answers': {**COMPLETE, 'why': 'dropped: q1 is 5'}})

    assert 'why' not in happy['shown'] and 'why' in unhappy['shown']
    assert 'why' not in Submission.objects.get().answers['answers']


def test_a_named_response_keeps_the_learner_s_anonymous_id_and_one_per_learner_in_the_database(client, named):
    post_json(client, named, 'submit', 'fay', {'answers': COMPLETE})

    (stored,) = Submission.objects.all()
    assert stored.kind == 'questionnaire_response' and stored.learner_id and stored.attempt_limit == 1
    assert not AnonymousResponse.objects.exists() and not ResponseReceipt.objects.exists()


def test_an_editable_response_can_be_changed_and_each_change_is_kept(client, editable, workbench):
    post_json(client, editable, 'submit', 'gus', {'answers': COMPLETE})
    reopened = post_json(client, editable, 'reopen', 'gus', {})
    changed = post_json(client, editable, 'submit', 'gus', {'answers': {**COMPLETE, 'q1': 2}})

    assert reopened.status_code == 200 and 'value="5" checked' in reopened.json()['html']
    assert changed.status_code == 200 and changed.json()['revision'] == 2
    assert [row.answers['answers']['q1'] for row in Submission.objects.order_by('sequence')] == [5, 2]
    assert workbench.block(editable, 'gus').response['answers']['q1'] == 2


def test_reopening_is_refused_where_a_response_cannot_change(client, anonymous, named):
    for quiz in (anonymous, named):
        post_json(client, quiz, 'submit', 'hal', {'answers': COMPLETE})
        assert post_json(client, quiz, 'reopen', 'hal', {}).status_code == 409


@pytest.mark.parametrize('answers, words', [
    ({'q1': 9}, 'not a point from 1 to 5'), ({'rec': -1}, 'from 0 to 10'), ({'group': 'nope'}, 'not one of'),
    ({'m1': {'apply': 'x'}}, 'not a point'), ({'topics': ['cohesion', 'cohesion']}, 'selected twice'),
])
def test_bad_answers_are_refused_with_the_item_named(client, anonymous, workbench, answers, words):
    before = learner_snapshot(workbench, anonymous, 'ida')

    response = post_json(client, anonymous, 'submit', 'ida', {'answers': {**COMPLETE, **answers}})

    assert response.status_code == 400 and words in response.json()['error']
    assert learner_snapshot(workbench, anonymous, 'ida') == before


def test_other_please_say_is_kept_with_the_response(client, named):
    answers = {**COMPLETE, 'topics': ['transit', 'other']}
    post_json(client, named, 'submit', 'jo', {'answers': answers, 'other': {'topics': 'Housing'}})

    assert Submission.objects.get().answers['other'] == {'topics': 'Housing'}


def test_the_apps_state_says_who_answered_and_the_draft(client, anonymous):
    post_json(client, anonymous, 'save_draft', 'kai', {'answers': {'q1': 4}})
    before = client.get(handler_url(anonymous, 'student_view_user_state', 'kai')).json()
    post_json(client, anonymous, 'submit', 'kai', {'answers': COMPLETE})
    after = client.get(handler_url(anonymous, 'student_view_user_state', 'kai')).json()

    assert before['draft']['answers'] == {'q1': 4} and not before['responded'] and before['is_open']
    assert after['responded'] and not after['is_open'] and after['response'] is None


def test_student_view_data_has_the_items_for_the_apps(workbench, anonymous):
    data = workbench.block(anonymous, None).student_view_data()

    items = {item['id']: item for item in data['items']}
    assert items['q1']['scale'][0] == 'Strongly disagree' and items['why']['show_if'] == 'q1 <= 2'
    assert [row['id'] for row in items['m1']['rows']] == ['apply', 'materials'] and data['anonymous'] is True


@pytest.mark.parametrize('body', [b'[]', b'{"answers": [1]}', b'{"answers": {}, "x": 1}', b'{"other": 3}',
                                  b'{"answers": {"q1": 1e999}}', b'{"answers": {"why": "\\ud800"}}'])
def test_bad_bodies_answer_json_4xx_and_change_nothing(client, anonymous, workbench, body):
    for handler in ('submit', 'save_draft', 'reopen'):
        before = learner_snapshot(workbench, anonymous, 'lou')
        response = client.generic('POST', handler_url(anonymous, handler, 'lou'), data=body,
                                  content_type='application/json')
        assert_handler_kept_its_promise(response, before, learner_snapshot(workbench, anonymous, 'lou'), handler)
        assert response.status_code >= 400


def test_the_dashboard_and_downloads_are_for_staff_only(client, anonymous):
    assert post_json(client, anonymous, 'dashboard', 'mia', {}).status_code == 403
    url = handler_url(anonymous, 'download_report', 'mia') + '&report=questionnaire-summary&format=csv'
    assert client.get(url).status_code == 403
