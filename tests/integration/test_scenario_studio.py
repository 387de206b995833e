"""Authoring the scenario through the real workbench: the editor, save and convert, author_view, validate()."""
import copy

import pytest

from tests.integration.scenarios import riverton
from tests.support.workbench_fixtures import authored_snapshot, post_json

STAFF = 'staff_1'


@pytest.fixture
def scenario(workbench):
    return workbench.add_scenario('studio-scenario', riverton())


def editor_data(workbench, usage_id):
    data = copy.deepcopy(workbench.block(usage_id, STAFF).editor_data())
    data.pop('preview')
    return data


def test_studio_view_is_a_visual_node_editor_with_the_drawing_of_the_paths(client, scenario):
    page = client.get('/scenario/studio-scenario/studio_view/?student=staff_1').content.decode()

    assert 'CifalScenarioStudio' in page and 'js/studio_nodes.js' in page and 'role="tablist"' in page
    for label in ('Display name', 'Graded', 'Learners may go back', 'Decision (choices with consequences)'):
        assert label in page, label
    assert '<svg' in page and 'The shortest run to an end takes 4 steps' in page


def test_a_valid_save_changes_the_scenario_learners_get(client, workbench, scenario):
    data = editor_data(workbench, scenario)
    data['content']['nodes'][0]['body_html'] = '<p>NEW BODY<script>alert(1)</script></p>'
    data['content']['nodes'][0]['choices'][1]['target'] = 'n5'
    data['settings']['allow_back'] = False

    response = post_json(client, scenario, 'save_scenario', STAFF, data)

    assert response.status_code == 200 and response.json()['saved'] is True
    assert 'The shortest run to an end takes 2 steps' in response.json()['preview']['lengths']
    page = client.get('/scenario/studio-scenario/?student=learner_a').content.decode()
    assert 'NEW BODY' in page and 'alert(1)' not in page
    block = workbench.block(scenario, STAFF)
    assert block.scenario_content.node('n1').choice('c2').target == 'n5' and block.allow_back is False


def test_a_save_that_breaks_the_graph_is_refused_with_the_node_and_changes_nothing(client, workbench, scenario):
    before = authored_snapshot(workbench, scenario)
    data = editor_data(workbench, scenario)
    data['content']['nodes'][2]['next'] = 'n1'  # the info node loops back to the start...
    data['content']['nodes'][0]['choices'] = data['content']['nodes'][0]['choices'][1:]  # ...and c1 is gone

    response = post_json(client, scenario, 'save_scenario', STAFF, data)

    assert response.status_code == 400
    errors = response.json()['errors']
    assert errors and all(error['question_index'] is not None for error in errors)
    assert any('no end can be reached' in error['message'] for error in errors)
    assert authored_snapshot(workbench, scenario) == before


def test_the_olx_tab_round_trips_and_reports_lines(client, workbench, scenario):
    data = editor_data(workbench, scenario)
    olx = post_json(client, scenario, 'convert_scenario', STAFF, data).json()['olx']
    assert olx.startswith('<cifal_scenario') and 'CONSEQUENCE-C1' in olx

    back = post_json(client, scenario, 'convert_scenario', STAFF, {'olx': olx}).json()
    assert back['content'] == data['content']
    broken = post_json(client, scenario, 'convert_scenario', STAFF, {'olx': olx.replace('target="n3"', 'target="x"')})
    assert broken.status_code == 400 and broken.json()['errors'][0]['line']


def test_learners_cannot_author_or_open_the_author_s_views(client, workbench, scenario):
    before = authored_snapshot(workbench, scenario)
    response = post_json(client, scenario, 'save_scenario', 'learner_a', editor_data(workbench, scenario))
    assert response.status_code == 403 and response.json()['error']
    assert client.get('/scenario/studio-scenario/author_view/?student=learner_a').status_code == 403
    assert authored_snapshot(workbench, scenario) == before


def test_the_author_s_view_shows_where_choices_lead_and_what_they_do(client, scenario):
    page = client.get('/scenario/studio-scenario/author_view/?student=staff_1').content.decode()
    assert 'CONSEQUENCE-C1' in page and 'services +15' in page and '→ n2' in page and 'FEEDBACK-A' not in page


def test_validate_gives_studio_the_editor_s_advice(workbench):
    usage_id = workbench.add_scenario('advice-scenario', riverton().replace(
        '<consequence><p>CONSEQUENCE-C2</p></consequence>', ''))
    messages = [message.text for message in workbench.block(usage_id, STAFF).validate().messages]
    assert any("choice 'c2' has no consequence" in message for message in messages)
