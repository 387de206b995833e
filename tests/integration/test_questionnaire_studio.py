"""Authoring the questionnaire through the real workbench: the editor, save and convert, author_view, validate()."""
import copy
import json

import pytest
from lxml import etree
from webob import Request
from xblock.field_data import ReadOnlyFieldData

from cifal_core.questionnaire.parse import parse_questionnaire_element
from tests.integration.questionnaires import reaction
from tests.support.workbench_fixtures import handler_url, post_json

STAFF = 'staff_1'


@pytest.fixture
def questionnaire(workbench):
    return workbench.add_scenario('studio-questionnaire', reaction(anonymous='false'))


def editor_data(workbench, usage_id):
    return copy.deepcopy(workbench.block(usage_id, STAFF).editor_data())


def stored(workbench, usage_id):
    block = workbench.block(usage_id, STAFF)
    return block.definition, {name: getattr(block, name) for name in block.editor_data()['settings']}


def save(client, usage_id, payload):
    return post_json(client, usage_id, 'save_questionnaire', STAFF, payload)


def test_studio_view_is_a_visual_editor_with_labelled_settings_and_item_types(client, questionnaire):
    page = client.get('/scenario/studio-questionnaire/studio_view/?student=staff_1').content.decode()

    assert 'CifalQuestionnaireStudio' in page and 'js/studio_items.js' in page
    assert 'role="tablist"' in page and 'role="tabpanel"' in page
    for label in ('Display name', 'Anonymous', 'Respondents may change their response',
                  'Show the results to respondents'):
        assert f'>{label}</' in page, label
    assert 'Several statements on one scale (matrix)' in page


def test_a_valid_save_changes_what_respondents_see_and_sanitizes_html(client, workbench, questionnaire):
    data = editor_data(workbench, questionnaire)
    data['content']['items'][1]['prompt_html'] = '<p>NEW PROMPT<script>alert(1)</script></p>'
    data['content']['items'].append({'id': 'pace', 'type': 'likert', 'scale': 'useful4', 'allow_na': True,
                                     'prompt_html': 'The pace suited me.', 'required': True})
    data['settings']['show_results'] = True

    response = save(client, questionnaire, data)

    assert response.status_code == 200 and response.json()['saved'] is True
    page = client.get('/scenario/studio-questionnaire/?student=learner_a').content.decode()
    assert 'NEW PROMPT' in page and 'alert(1)' not in page and 'The pace suited me.' in page
    block = workbench.block(questionnaire, STAFF)
    assert block.questionnaire_content.item('pace').allow_na and block.show_results is True
    assert not block.fields['anonymous'].is_set_on(block) or block.anonymous is False


ITEMS = ('content', 'items')


def _set(path, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


INVALID = [  # (change, field, item index, words of the message)
    (_set((*ITEMS, 1, 'id'), 'group'), 'id', 1, "duplicate item id 'group'"),
    (_set((*ITEMS, 1, 'scale'), 'agree9'), 'scale', 1, "unknown scale 'agree9'"),
    (_set((*ITEMS, 1, 'prompt_html'), '<p> </p>'), 'prompt', 1, 'non-empty <prompt>'),
    (_set((*ITEMS, 0, 'options'), [{'id': 'gov', 'html': 'Government'}]), 'options', 0, 'at least 2'),
    (_set((*ITEMS, 4, 'show_if'), 'rec >= '), 'show_if', 4, 'show_if'),
    (_set((*ITEMS, 1, 'show_if'), 'rec >= 9'), 'show_if', 1, "'rec', which is not an item before this one"),
    (_set((*ITEMS, 4, 'max_length'), '-3'), 'max_length', 4, 'max_length must be a whole number'),
    (_set((*ITEMS, 1, 'type'), 'essay'), 'type', 1, "'essay'"),
    (_set(('settings', 'anonymous'), True), 'editable', None, 'cannot be editable'),
]


@pytest.mark.parametrize(('change', 'field', 'item_index', 'words'), INVALID)
def test_invalid_content_is_refused_with_its_field_and_changes_nothing(client, workbench, questionnaire, change,
                                                                       field, item_index, words):
    before = stored(workbench, questionnaire)
    data = editor_data(workbench, questionnaire)
    data['settings']['editable'] = True
    data['settings']['anonymous'] = False
    data['content']['items'][2]['prompt_html'] = '<p>AN EDIT THAT MUST NOT BE SAVED</p>'
    change(data)

    response = save(client, questionnaire, data)

    assert response.status_code == 400, response.json()
    body = response.json()
    assert any(error['field'] == field and error['question_index'] == item_index and words in error['message']
               for error in body['errors']), body
    assert body['error'] == 'The questionnaire was not saved: fix the problems shown.'
    assert stored(workbench, questionnaire) == before


def test_warnings_do_not_stop_a_save(client, workbench, questionnaire):
    data = editor_data(workbench, questionnaire)
    data['settings']['anonymous'] = True
    data['content']['items'].append({'id': 'who', 'type': 'text', 'prompt_html': 'Your name and e-mail?'})

    response = save(client, questionnaire, data)

    assert response.status_code == 200
    assert any('seems to ask for a name' in problem['message'] for problem in response.json()['warnings'])
    assert workbench.block(questionnaire, STAFF).anonymous is True


def test_the_olx_tab_saves_olx_and_refuses_errors_with_their_line(client, workbench, questionnaire):
    before = stored(workbench, questionnaire)
    broken = ('<cifal_questionnaire>\n  <item id="q1" type="likert" scale="agree5">\n'
              '    <prompt>P</prompt>\n  </item>\n  <item id="q2" type="single">\n    <prompt>Q</prompt>\n'
              '    <option id="a">A</option>\n  </item>\n</cifal_questionnaire>')

    refused = save(client, questionnaire, {'olx': broken})

    assert refused.status_code == 400
    (error,) = refused.json()['errors']
    assert error['line'] == 5 and "item 'q2'" in error['message'] and 'at least 2' in error['message']
    assert stored(workbench, questionnaire) == before

    fixed = broken.replace('<option id="a">A</option>', '<option id="a">A</option><option id="b">B</option>')
    fixed = fixed.replace('<cifal_questionnaire>', '<cifal_questionnaire display_name="From OLX" url_name="x">')
    assert save(client, questionnaire, {'olx': fixed}).status_code == 200
    block = workbench.block(questionnaire, STAFF)
    assert block.display_name == 'From OLX' and block.anonymous is True  # absent from the OLX: the default
    assert [item.id for item in block.questionnaire_content.items] == ['q1', 'q2']


def test_the_olx_tab_refuses_attributes_the_editor_cannot_keep(client, questionnaire):
    response = save(client, questionnaire, {'olx': '<cifal_questionnaire due="2030-01-01"/>'})

    assert response.status_code == 400
    assert 'attribute due is not a questionnaire setting' in response.json()['errors'][0]['message']


def test_switching_tabs_converts_both_ways_and_saves_nothing(client, workbench, questionnaire):
    before = stored(workbench, questionnaire)
    data = editor_data(workbench, questionnaire)

    olx = post_json(client, questionnaire, 'convert_questionnaire', STAFF, data).json()['olx']
    back = post_json(client, questionnaire, 'convert_questionnaire', STAFF, {'olx': olx}).json()

    assert olx.startswith('<cifal_questionnaire display_name="Your view of the course" anonymous="false"')
    assert back['content'] == data['content'] and back['settings'] == data['settings']
    refused = post_json(client, questionnaire, 'convert_questionnaire', STAFF,
                        {'olx': '<cifal_questionnaire>\n<item/>\n</cifal_questionnaire>'})
    assert refused.status_code == 400 and refused.json()['errors'][0]['line'] == 2
    assert stored(workbench, questionnaire) == before


def test_the_olx_exported_after_an_editor_save_parses_back_to_the_same_questionnaire(client, workbench,
                                                                                     questionnaire):
    data = editor_data(workbench, questionnaire)
    data['content']['scales'] = [{'id': 'often', 'points': ['Never', 'Sometimes', 'Often', 'Always']}]
    data['content']['items'][1].update(scale='often', allow_na=True, prompt_html='<p>Yes &amp; <em>no</em></p>')
    assert save(client, questionnaire, data).status_code == 200

    block = workbench.block(questionnaire, STAFF)
    node = etree.Element('cifal_questionnaire')
    block.add_xml_to_node(node)
    parsed = parse_questionnaire_element(etree.fromstring(etree.tostring(node)))

    assert parsed.content == block.questionnaire_content
    assert parsed.settings['anonymous'] is False and parsed.content.item('q1').scale == 'often'


@pytest.mark.parametrize('payload', ['[1]', '{"olx": ', 'null', '{"settings": [], "content": 3}',
                                     '{"settings": {}, "content": {"scales": 5}}',
                                     '{"settings": {}, "content": {"scales": {"a": 1}, "items": [7]}}'])
def test_a_malformed_body_is_refused(client, questionnaire, payload):
    response = save(client, questionnaire, payload)
    assert response.status_code == 400 and response.json()['error']


def test_only_post_is_accepted(client, questionnaire):
    assert client.get(handler_url(questionnaire, 'save_questionnaire', STAFF)).status_code == 405


def test_a_learner_cannot_save_or_convert(client, workbench, questionnaire):
    before = stored(workbench, questionnaire)
    data = editor_data(workbench, questionnaire)
    data['settings']['display_name'] = 'Hacked'

    for handler in ('save_questionnaire', 'convert_questionnaire'):
        response = post_json(client, questionnaire, handler, 'learner_a', data)
        assert response.status_code == 403 and response.json()['error'], handler
    assert stored(workbench, questionnaire) == before


@pytest.mark.filterwarnings('ignore:Setting _field_data is deprecated')
def test_authored_fields_are_read_only_in_the_lms_so_a_save_there_is_refused(workbench, questionnaire):
    block = workbench.block(questionnaire, 'learner_b')
    block._field_data = ReadOnlyFieldData(block._field_data)  # what the LMS does to authored scopes
    data = block.editor_data()
    data['settings']['display_name'] = 'Hacked'
    request = Request.blank('/', method='POST', body=json.dumps(data).encode(), content_type='application/json')

    response = block.runtime.handle(block, 'save_questionnaire', request)

    assert response.status_code == 403 and 'edit it in Studio' in response.json['error']
    assert workbench.block(questionnaire, STAFF).display_name == 'Your view of the course'


def test_author_view_shows_the_form_inert_with_conditions_and_indicators(client, questionnaire):
    page = client.get('/scenario/studio-questionnaire/author_view/?student=staff_1').content.decode()

    assert 'What should change?' in page  # items shown only on a condition are shown to authors
    assert 'nothing is recorded' in page and 'Send my answers' not in page
    for text in ('shown when: q1 &lt;= 2', 'indicator: utility', 'indicator: applicability',
                 'How likely to recommend (0 to 10)'):
        assert text in page, text


def test_validate_reports_the_same_problems_as_the_editor(workbench):
    usage_id = workbench.add_scenario('studio-invalid-questionnaire', reaction(editable='true'))

    messages = workbench.block(usage_id, STAFF).validate().to_json()['messages']

    assert [message['type'] for message in messages] == ['error']
    assert 'cannot be editable' in messages[0]['text']


def test_save_errors_come_in_the_authors_language(client, workbench, questionnaire):
    data = editor_data(workbench, questionnaire)
    data['settings'].update(anonymous=True, editable=True)
    client.cookies['django_language'] = 'fr'

    body = save(client, questionnaire, data).json()

    assert body['error'].startswith('Le questionnaire n’a pas été enregistré\u00a0')
    assert 'anonyme' in body['errors'][0]['message']
