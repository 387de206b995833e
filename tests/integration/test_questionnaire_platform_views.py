"""The questionnaire outside the courseware page, through the real runtime: the apps' data, search, visitors, the
instructor dashboard's Problem Responses report, and what respondents see of the results."""
import json

import pytest

from tests.integration.questionnaires import COMPLETE, reaction
from tests.support.workbench_fixtures import handler_url, post_json, states_of


@pytest.fixture
def anonymous(workbench):
    return workbench.add_scenario('views-anonymous', reaction())


@pytest.fixture
def named(workbench):
    return workbench.add_scenario('views-named', reaction(anonymous='false'))


def test_student_view_data_has_items_scales_and_conditions_in_the_reader_s_language(workbench, named):
    data = workbench.block(named, 'nobody').student_view_data()

    items = {item['id']: item for item in data['items']}
    assert data['anonymous'] is False and list(items)[:3] == ['group', 'q1', 'm1']
    assert items['q1']['scale'][0] == 'Strongly disagree' and items['q1']['required'] is True
    assert [row['id'] for row in items['m1']['rows']] == ['apply', 'materials']
    assert items['why']['show_if'] == 'q1 <= 2' and items['why']['max_length'] == 2000
    assert items['topics']['other'] is True
    json.dumps(data)  # the apps receive it as JSON


def test_student_view_user_state_gives_the_draft_then_that_the_learner_answered(client, anonymous):
    post_json(client, anonymous, 'save_draft', 'ivy', {'answers': {'q1': 2}})
    before = client.get(handler_url(anonymous, 'student_view_user_state', 'ivy')).json()
    post_json(client, anonymous, 'submit', 'ivy', {'answers': COMPLETE})
    after = client.get(handler_url(anonymous, 'student_view_user_state', 'ivy')).json()

    assert before['responded'] is False and before['draft']['answers'] == {'q1': 2} and before['is_open'] is True
    assert after['responded'] is True and after['response'] is None and after['draft']['answers'] == {}
    assert len(after['responded_on']) == 10  # the day only


def test_the_search_index_has_the_prompts_and_no_answer(client, workbench, named):
    post_json(client, named, 'submit', 'jo', {'answers': {**COMPLETE, 'why': 'SECRET COMMENT'}})

    index = workbench.block(named, 'jo').index_dictionary()

    text = index['content']['capa_content']
    assert 'The course met its stated learning objectives.' in text and 'What should change?' in text
    assert 'SECRET COMMENT' not in json.dumps(index) and index['content_type'] == 'CIFAL Questionnaire'


def test_public_view_says_how_many_questions_without_showing_them(workbench, named):
    html = workbench.block(named, 'anonymous_visitor').public_view().content

    assert 'This questionnaire has 6 questions.' in html
    assert 'met its stated learning objectives' not in html and '<input' not in html


def test_problem_responses_gives_a_named_questionnaire_s_answers_in_words(client, workbench, named):
    post_json(client, named, 'submit', 'kim', {'answers': {**COMPLETE, 'topics': ['transit', 'other']},
                                               'other': {'topics': 'Housing'}})

    rows = list(workbench.block(named, 'nobody').generate_report_data(states_of(workbench, named, ['kim', 'lee'])))

    answers = {row['Question ID']: row['Answer'] for username, row in rows if username == 'kim'}
    assert {username for username, _ in rows} == {'kim'}  # lee never answered
    assert answers['group'] == 'Local or regional government' and answers['q1'] == '5 - Strongly agree'
    assert 'Transit' in answers['topics'] and 'Housing' in answers['topics']
    assert list(rows[0][1]) == ['Question', 'Answer', 'Question ID']


def test_problem_responses_of_an_anonymous_questionnaire_says_only_who_responded(client, workbench, anonymous):
    post_json(client, anonymous, 'submit', 'max', {'answers': {**COMPLETE, 'why': 'SECRET'}})

    rows = list(workbench.block(anonymous, 'nobody').generate_report_data(states_of(workbench, anonymous, ['max'])))

    ((username, row),) = rows
    assert username == 'max' and row['Responded'] == 'Yes' and len(row['Day']) == 10
    assert 'SECRET' not in json.dumps(rows) and 'Strongly agree' not in json.dumps(rows)


def test_respondents_see_the_results_only_once_enough_people_have_answered(client, workbench, settings):
    shown = workbench.add_scenario('views-results', reaction(show_results='true'))
    first = post_json(client, shown, 'submit', 'r0', {'answers': COMPLETE}).json()['html']
    for index in range(1, 5):
        post_json(client, shown, 'submit', f'r{index}', {'answers': {**COMPLETE, 'q1': 1 + index % 2}})

    page = client.get('/scenario/views-results/?student=r0').content.decode()

    assert 'once enough people have answered' in first and 'gave one of the two most favourable' not in first
    assert '20% gave one of the two most favourable answers; 5 answers.' in page  # q1: 5, 2, 1, 2, 1
    assert 'SECRET' not in page


def test_the_results_of_a_questionnaire_that_does_not_show_them_stay_hidden(client, anonymous):
    for index in range(6):
        post_json(client, anonymous, 'submit', f's{index}', {'answers': COMPLETE})

    page = client.get('/scenario/views-anonymous/?student=s0').content.decode()

    assert 'THANKS-TEXT' in page and 'most favourable' not in page
