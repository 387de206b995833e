"""The scenario where the platform shows blocks outside the courseware page, and what no view may give away."""
import json

import pytest

from tests.integration.scenarios import choice_code, riverton
from tests.support.workbench_fixtures import handler_url, post_json

SECRETS = ('CONSEQUENCE-', 'FEEDBACK-', 'EXPLANATION-', 'KEY-C1', 'GOOD-END', 'OTHER-END')


@pytest.fixture
def scenario(workbench):
    return workbench.add_scenario('views-scenario', riverton())


def test_the_apps_content_has_no_consequence_feedback_key_target_or_points(workbench, scenario):
    data = workbench.block(scenario, 'student_a').student_view_data()
    text = json.dumps(data)
    assert not any(secret in text for secret in SECRETS)
    for forbidden in ('"correct"', '"target"', '"points"', '"effects"', '"consequence_html"', '"c1"', '"c2"'):
        assert forbidden not in text, forbidden
    decision = data['nodes'][0]
    assert [choice['html'] for choice in decision['choices']] == ['Count arrivals', 'Ask the police']


def test_the_page_a_learner_gets_first_reveals_nothing_to_come(client, scenario):
    page = client.get('/scenario/views-scenario/?student=student_a').content.decode()
    assert 'BODY-N1' in page and not any(secret in page for secret in SECRETS)
    assert 'value="c1"' not in page and 'value="c2"' not in page  # choices are named by opaque codes


def test_the_user_state_says_where_the_learner_is_with_their_path_and_reflections(client, scenario):
    post_json(client, scenario, 'choose', 'student_a', {'node': 'n1', 'choice': choice_code(scenario, 'n1', 'c2')})
    state = client.get(handler_url(scenario, 'student_view_user_state', 'student_a')).json()
    assert state['node']['id'] == 'n3' and state['path'] == [{'node': 'n1', 'action': 'choose'}]
    assert [indicator['value'] for indicator in state['indicators']] == ['0', '300'] and not state['finished']


def test_visitors_see_the_first_node_only_and_search_indexes_no_consequence(workbench, scenario):
    block = workbench.block(scenario, 'visitor')
    public = block.public_view().content
    assert 'BODY-N1' in public and 'BODY-N3' not in public and 'Count arrivals' not in public
    index = block.index_dictionary()['content']['capa_content']
    assert 'BODY-N1' in index and 'BODY-N3' in index and not any(secret in index for secret in SECRETS)


def test_a_learner_gets_403_from_the_dashboard_and_the_downloads(client, scenario):
    response = post_json(client, scenario, 'dashboard', 'student_a', {})
    assert response.status_code == 403 and response.json()['error']
    download = client.get(handler_url(scenario, 'download_report', 'student_a') + '&report=scenario-paths')
    assert download.status_code == 403


def test_problem_responses_list_each_learner_s_steps_in_words_without_their_reflections(client, workbench, scenario,
                                                                                        settings):
    from tests.integration.test_scenario_handlers import walk_to_the_end
    from tests.support.workbench_fixtures import states_of
    walk_to_the_end(client, scenario, 'kim')

    rows = list(workbench.block(scenario, 'nobody').generate_report_data(states_of(workbench, scenario,
                                                                                   ['kim', 'lee'])))

    assert {username for username, _ in rows} == {'kim'}  # lee never started
    answers = {row['Question ID']: row['Answer'] for _, row in rows}
    assert answers['n1'] == 'Count arrivals' and answers['n2'] == 'Objective 1 (correct)'
    assert answers['n5'] == '' and answers['end1'] == 'GOOD-END'
    assert list(rows[0][1]) == ['Run', 'Step', 'Question', 'Answer', 'Question ID']
    settings.CIFAL_RESULTS = {'EXPORT_REFLECTIONS': True}
    rows = list(workbench.block(scenario, 'nobody').generate_report_data(states_of(workbench, scenario, ['kim'])))
    assert {row['Question ID']: row['Answer'] for _, row in rows}['n5'] == 'Count arrivals every week.'
