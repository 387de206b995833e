"""
Hostile or unlucky requests against every handler, through the real workbench: any bytes answer 4xx with
``{"error": message}`` (never a 500, never an HTML page) and change nothing, and nothing already stored can break
the learner's page or an export (ADR 7).
"""
import json
import re

import pytest
from django.core.management import call_command

from cifal_results import api
from cifal_results.models import Submission
from tests.integration.quizzes import PERFECT, all_types
from tests.support.workbench_fixtures import (
    authored_snapshot,
    handler_url,
    learner_snapshot,
    post_json,
)

DEEP = '{"answers": {"q4": ' + '[' * 5000 + ']' * 5000 + '}}'
HOSTILE_BODIES = {
    'deep nesting': DEEP.encode(),
    'integer beyond a float': b'{"answers": {"q3": 1' + b'0' * 400 + b'}}',
    'a 5000-digit integer': b'{"answers": {"q3": ' + b'9' * 5000 + b'}}',
    'a float that overflows': b'{"answers": {"q3": 1e999}}',
    'NaN': b'{"answers": {"q3": NaN}}',
    'a lone surrogate': b'{"answers": {"q4": "caf\\ud800"}}',
    'not UTF-8': b'{"answers": {"q4": "\xff"}}',
    'a huge attempt number': b'{"answers": {}, "attempt": 123456789012}',
    'a list': b'[]',
    'null': b'null',
    'a number': b'42',
    'a string': b'"retry"',
    'an unknown field': b'{"answers": {}, "event_type": "grade"}',
}
LEARNER_HANDLERS = ('submit', 'save_draft', 'retry')
STAFF_HANDLERS = ('dashboard', 'save_quiz', 'convert_quiz', 'preview_question')


@pytest.fixture
def quiz(workbench):
    return workbench.add_scenario('hostile-quiz', all_types(max_attempts=2))


def post_bytes(client, usage_id, handler, student, body):
    return client.generic('POST', handler_url(usage_id, handler, student), data=body,
                          content_type='application/json')


def assert_json_error(response, statuses=range(400, 500)):
    assert response.status_code in statuses, (response.status_code, response.content[:300])
    assert response['Content-Type'].startswith('application/json')
    body = json.loads(response.content)
    assert isinstance(body['error'], str) and body['error']
    return body


@pytest.mark.parametrize('handler', LEARNER_HANDLERS + STAFF_HANDLERS)
def test_hostile_bodies_answer_a_json_4xx_and_change_nothing(client, quiz, workbench, handler):
    student = 'staff_1' if handler in STAFF_HANDLERS else 'hostile'
    post_json(client, quiz, 'save_draft', 'hostile', {'answers': {'q4': 'my draft'}})
    before = learner_snapshot(workbench, quiz, 'hostile'), authored_snapshot(workbench, quiz)

    for name, body in HOSTILE_BODIES.items():
        response = post_bytes(client, quiz, handler, student, body)

        assert 400 <= response.status_code < 500, (name, response.status_code, response.content[:300])
        assert_json_error(response)
        assert (learner_snapshot(workbench, quiz, 'hostile'), authored_snapshot(workbench, quiz)) == before, name


@pytest.mark.parametrize('handler, limit_kb', [('submit', 256), ('save_draft', 256), ('save_quiz', 2048)])
def test_a_body_over_the_size_limit_answers_413_in_json(client, quiz, workbench, handler, limit_kb):
    before = learner_snapshot(workbench, quiz, 'staff_1')
    body = json.dumps({'answers': {'q4': 'x' * (limit_kb * 1024)}}).encode()

    response = post_bytes(client, quiz, handler, 'staff_1', body)

    assert f'{limit_kb} KB' in assert_json_error(response, (413,))['error']
    assert learner_snapshot(workbench, quiz, 'staff_1') == before


def test_a_body_over_djangos_own_limit_also_answers_in_json(client, quiz, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000  # an operator's stricter limit, below the block's
    body = json.dumps({'answers': {'q4': 'x' * 20_000}}).encode()

    response = client.generic('POST', handler_url(quiz, 'save_draft', 'ivy'), data=body,
                              content_type='application/json')

    assert_json_error(response, (413,))


@pytest.mark.parametrize('body', [b'[]', b'null', b'42', b'"x"', b'{"attempt": 2}'])
def test_retry_takes_an_empty_object_only(client, quiz, workbench, body):
    post_json(client, quiz, 'submit', 'rex', {'answers': {'q1': 'a'}})
    before = learner_snapshot(workbench, quiz, 'rex')

    assert_json_error(post_bytes(client, quiz, 'retry', 'rex', body), (400,))
    assert learner_snapshot(workbench, quiz, 'rex') == before
    assert post_bytes(client, quiz, 'retry', 'rex', b'').status_code == 200  # no body at all means {}


@pytest.mark.parametrize('handler', LEARNER_HANDLERS + STAFF_HANDLERS)
def test_other_methods_answer_405_in_json(client, quiz, handler):
    assert_json_error(client.get(handler_url(quiz, handler, 'staff_1')), (405,))


def test_the_apps_state_handler_answers_405_to_post_in_json(client, quiz):
    assert_json_error(client.post(handler_url(quiz, 'student_view_user_state', 'una')), (405,))


@pytest.mark.parametrize('value, words', [(1e300, 'too large'), (-1e300, 'too large'), ('1e400', 'q3'),
                                          ('9' * 500, 'q3')])
def test_numeric_answers_beyond_any_float_are_refused(client, quiz, value, words):
    response = post_json(client, quiz, 'submit', 'nia', {'answers': {'q3': value}})
    assert words in assert_json_error(response, (400,))['error']


@pytest.mark.parametrize('settings, words', [
    ({'max_attempts': 10**12}, 'maximum'),
    ({'max_attempts': 1e14}, 'maximum'),
    ({'draw': 10**9}, 'maximum'),
    ({'weight': 1e14}, 'maximum'),
    ({'pair': 'p' * 300}, '100 characters'),
])
def test_settings_beyond_what_a_quiz_can_hold_are_refused_where_they_are_typed(client, quiz, workbench, settings,
                                                                               words):
    data = workbench.block(quiz, 'staff_1').editor_data()  # what studio_view gives the editor
    data['settings'].update(settings)
    before = authored_snapshot(workbench, quiz)

    body = assert_json_error(post_json(client, quiz, 'save_quiz', 'staff_1', data), (400,))

    assert any(words in error['message'] and error['field'] == next(iter(settings)) for error in body['errors'])
    assert authored_snapshot(workbench, quiz) == before


def test_points_beyond_any_question_s_worth_are_refused(client, quiz, workbench):
    olx = all_types().replace('id="q1" type="single" points="1"', 'id="q1" type="single" points="1e300"')

    body = assert_json_error(post_json(client, quiz, 'save_quiz', 'staff_1', {'olx': olx}), (400,))

    assert 'at most 1000' in body['errors'][0]['message']


# --- author regular expressions run in linear time -------------------------------------------------------------

def regex_quiz(pattern):
    return all_types().replace('<answer>mainstreaming</answer>', f'<answer match="regex">{pattern}</answer>')


@pytest.mark.parametrize('pattern, words', [(r'(main)\1streaming', 'backreferences'),
                                            ('(?=main)mainstreaming', 'look-ahead')])
def test_a_pattern_needing_backtracking_is_refused_when_saved(client, quiz, workbench, pattern, words):
    before = authored_snapshot(workbench, quiz)

    body = assert_json_error(post_json(client, quiz, 'save_quiz', 'staff_1', {'olx': regex_quiz(pattern)}), (400,))

    assert words in body['errors'][0]['message'] and body['errors'][0]['question_id'] == 'q4'
    assert authored_snapshot(workbench, quiz) == before


def test_a_catastrophic_pattern_cannot_hold_the_worker(client, workbench):
    quiz = workbench.add_scenario('regex-quiz', regex_quiz('(m+)+ainstreaming'))

    response = post_json(client, quiz, 'submit', 'reg', {'answers': {'q4': 'm' * 900 + '!'}})

    assert response.status_code == 200
    assert {q['id']: q['status'] for q in response.json()['questions']}['q4'] == 'incorrect'


def test_a_text_answer_longer_than_the_cap_is_refused(client, quiz):
    response = post_json(client, quiz, 'submit', 'long', {'answers': {'q4': 'm' * 1001}})
    assert '1000 characters' in assert_json_error(response, (400,))['error']


# --- what was stored before input was checked never breaks a page or an export --------------------------------

def store_surrogates(workbench, quiz, student):
    """A draft and an attempt holding a lone surrogate, as the quiz accepted them before this boundary existed."""
    block = workbench.block(quiz, student)
    identity = block.runtime.service(block, 'user').get_current_user().opt_attrs
    record = {'number': 1, 'question_ids': ['q1', 'q4'], 'answers': {'q4': 'caf\ud800'},
              'scores': [{'id': 'q1', 'earned': 0.0, 'possible': 1.0, 'status': 'unanswered'},
                         {'id': 'q4', 'earned': 0.0, 'possible': 1.0, 'status': 'incorrect'}],
              'earned': 0.0, 'possible': 2.0, 'submitted_at': '2026-11-30T10:00:00+00:00'}
    state = api.learner_attempts('quiz_attempt', str(quiz), identity['edx-platform.anonymous_user_id'])
    block.record_attempt(type('Identity', (), {'anonymous_id': identity['edx-platform.anonymous_user_id']})(),
                         state, record)
    block.submitted_attempts = [record]
    block.current_attempt = 2
    block.draft = {'attempt': 2, 'answers': {'q4': 'th\udfffé'}, 'saved_at': '2026-11-30T10:05:00+00:00'}
    block.save()


def test_a_stored_surrogate_does_not_break_the_learner_s_page(client, quiz, workbench):
    store_surrogates(workbench, quiz, 'sam')

    page = client.get('/scenario/hostile-quiz/?student=sam')

    assert page.status_code == 200
    assert 'th\ufffdé' in page.content.decode('utf-8')
    state = client.get(handler_url(quiz, 'student_view_user_state', 'sam'))
    assert state.status_code == 200 and state.json()['draft'] == {'q4': 'th\ufffdé'}
    assert post_json(client, quiz, 'submit', 'sam', {'answers': PERFECT}).status_code == 200


@pytest.mark.parametrize('fmt', ['csv', 'json', 'xlsx'])
def test_a_stored_surrogate_is_repaired_and_reported_and_every_other_row_exported(client, quiz, workbench, tmp_path,
                                                                                  capsys, fmt):
    post_json(client, quiz, 'submit', 'ann', {'answers': PERFECT})
    store_surrogates(workbench, quiz, 'sam')
    post_json(client, quiz, 'submit', 'zoe', {'answers': PERFECT})
    output = tmp_path / f'responses.{fmt}'

    call_command('cifal_export', '--report', 'responses', '--format', fmt, '--block', str(quiz),
                 '--output', str(output))

    assert 'could not be written as they are' in capsys.readouterr().err
    if fmt == 'csv':
        text = output.read_bytes().decode('utf-8-sig')
        assert 'caf\ufffd' in text and text.count('\r\n') == 1 + 6 + 2 + 6
    elif fmt == 'json':
        rows = json.loads(output.read_text(encoding='utf-8'))['tables']['responses']['rows']
        assert len(rows) == 14 and any('caf\ufffd' in json.dumps(row, ensure_ascii=False) for row in rows)
    else:
        assert output.stat().st_size > 0
    assert Submission.objects.count() == 3


def test_the_dashboard_download_survives_a_stored_surrogate(client, quiz, workbench):
    store_surrogates(workbench, quiz, 'sam')

    response = client.get(handler_url(quiz, 'download_report', 'staff_1') + '&report=responses&format=csv')

    assert response.status_code == 200
    assert 'caf\ufffd' in b''.join(response.streaming_content if response.streaming else [response.content]).decode(
        'utf-8-sig')


# --- author text cannot break out of the views' script data ----------------------------------------------------

BREAKOUT = '</script><img src=x onerror=alert(1)>&amp;'


def init_args(page):
    """The JSON texts of every block init-args element of a page."""
    return re.findall(r'<script type="json/xblock-args"[^>]*>(.*?)</script>', page, flags=re.S)


@pytest.mark.parametrize('view', ['student_view', 'studio_view', 'author_view'])
def test_author_text_travels_to_the_js_encoded_whole(client, workbench, view):
    xml = all_types(display_name=BREAKOUT.replace('<', '&lt;').replace('&amp;', '&amp;amp;'),
                    pair='a&lt;/script&gt;b').replace('display_name="All types" ', '')
    xml = xml.replace('<answer>mainstreaming</answer>', '<answer>&lt;/script&gt;mainstreaming</answer>')
    quiz = workbench.add_scenario('breakout-quiz', xml)
    assert workbench.block(quiz, 'x').display_name == BREAKOUT

    page = client.get(f'/scenario/breakout-quiz/{view}/?student=staff_1').content.decode()

    for args in init_args(page):
        assert '<' not in args and '>' not in args and '&' not in args
    if view == 'studio_view':
        (args,) = init_args(page)
        data = json.loads(json.loads(args)['json'])
        assert data['settings']['display_name'] == BREAKOUT and data['settings']['pair'] == 'a</script>b'
    assert '<img src=x' not in page


@pytest.mark.parametrize('report', ['responses', 'item-analysis', 'knowledge-gain'])
def test_a_record_whose_stored_data_is_malformed_is_left_out_and_reported(client, workbench, tmp_path, capsys,
                                                                          report):
    quiz = workbench.add_scenario('broken-record-quiz', all_types(role='pre', pair='p'))
    for student in ('ann', 'bob'):
        post_json(client, quiz, 'submit', student, {'answers': PERFECT})
    good = Submission.objects.first()
    Submission.objects.create(  # a row that no version of the quiz wrote (edited by hand, or a future bug)
        kind=good.kind, course_key=good.course_key, usage_key=good.usage_key, block_type=good.block_type,
        content_version=good.content_version, learner_id='broken', series='s1', sequence=1, role='pre', pair='p',
        answers={'q1': {'not': 'an id'}}, scores=[{'id': ['q1'], 'earned': 'many'}], context=['x'],
        earned=1.0, possible=8.0, submitted_at=good.submitted_at)
    output = tmp_path / 'out.json'

    call_command('cifal_export', '--report', report, '--format', 'json', '--course', good.course_key,
                 '--output', str(output))

    assert 'left out: its stored data is malformed' in capsys.readouterr().err
    tables = json.loads(output.read_text(encoding='utf-8'))['tables']
    if report == 'responses':
        assert len(tables['responses']['rows']) == 12
        assert 'broken' not in {row[0] for row in tables['responses']['rows']}
    elif report == 'item-analysis':
        assert {row[4] for row in tables['questions']['rows']} == {2}  # n: the two good attempts
