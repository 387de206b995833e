"""
The suite's xAPI statements (``cifal_results.xapi``, docs/xapi.md, ADR 14), made by the real event-routing-backends.

The events are the blocks' own: each test drives real blocks through the workbench's handlers, takes what they
publish and wraps it as the LMS hands it to ERB (eventtracking's ``name``, ``timestamp`` and ``data``, and the
context the LMS adds to an event a block publishes while it handles a request: course, user, session and
``module.usage_key``). Each event then goes through the backends that ERB's own plugin settings, followed by
docs/xapi.md's snippet, configure, built by eventtracking's own loader: the ``event_transformer`` filter, then the
xAPI router's processors (its filter and ERB's ``XApiProcessor``, which finds the transformer in ERB's registry), as
ERB's Celery task runs them before sending. Every statement is read back with ``tincan``, checked against xAPI 1.0.3,
and compared with the statements ERB itself makes for a problem (``problem_check``, ``edx.grades.problem.submitted``)
and with what Aspects takes from a statement.

Only edx-platform is stood in for: ERB looks up the actor's external id and the course's name in the platform's
models, which cannot be installed outside it. ERB's models need it to be an installed app, which the workbench is
not: the tests add it to INSTALLED_APPS, which also runs ``cifal_results``' ``ready()`` again, the hook that
registers the transformers in the LMS. Without the packages the module is skipped on a laptop and fails in CI.
"""
import copy
import hashlib
import importlib
import json
import os
import re
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings

from tests.integration.questionnaires import COMPLETE, reaction
from tests.integration.quizzes import PERFECT, all_types
from tests.integration.scenarios import check_code, choice_code, riverton
from tests.support.workbench_fixtures import post_json

PACKAGES = {'event_routing_backends': 'edx-event-routing-backends', 'tincan': 'tincan'}


def missing_packages():
    missing = []
    for module, package in PACKAGES.items():
        try:
            importlib.import_module(module)
        except ImportError as error:
            missing.append(f'{package} ({error})')
    return missing


MISSING = missing_packages()
INSTALL_HINT = f'.venv/bin/pip install {" ".join(PACKAGES.values())}'
if MISSING and not os.environ.get('CI'):
    pytest.skip(f'xAPI tests need {", ".join(MISSING)}: {INSTALL_HINT} (CI fails without them)',
                allow_module_level=True)

DOCS = Path(__file__).resolve().parents[2] / 'docs' / 'xapi.md'
ERB_APP = 'event_routing_backends'
LMS_APPS = [ERB_APP, 'celery_utils']  # ERB and the failed-task store its business-critical events use, as in the LMS
LMS = 'https://lms.cifal.example'
COURSE = 'course-v1:UNITAR+CIFAL-MLG+2026'
COURSE_NAME = 'Migration and local governance'
SESSION = '6f1c0e5ad0a24d8303f49d14409a669d'
EXTERNAL_IDS = uuid.UUID('0b6f0d5c-5a0e-4b8e-9d43-6a1c2f6f1c01')

COURSE_TYPE = 'http://adlnet.gov/expapi/activities/course'
INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction'
SIMULATION = 'http://adlnet.gov/expapi/activities/simulation'
ATTEMPT = 'http://id.tincanapi.com/extension/attempt-id'
TRANSFORMER_VERSION = 'https://w3id.org/xapi/openedx/extension/transformer-version'
SESSION_ID = 'https://w3id.org/xapi/openedx/extensions/session-id'
CIFAL = 'https://w3id.org/xapi/cifal/extensions/'
ADL = 'http://adlnet.gov/expapi/verbs/'
ASPECTS_PROBLEM_VERBS = {'https://w3id.org/xapi/acrossx/verbs/evaluated', f'{ADL}passed', f'{ADL}asked'}
INTERACTION_TYPES = {'true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing',
                     'likert', 'numeric', 'other'}


# ---- the platform around ERB ------------------------------------------------------------------------------------

@pytest.fixture(scope='module')
def erb():
    """ERB as an installed app of the LMS, with its settings; our transformers registered by ``ready()`` again."""
    if MISSING:
        pytest.fail(f'xAPI tests need {", ".join(MISSING)}; add them to requirements/test.in ({INSTALL_HINT})')
    from event_routing_backends.processors.xapi.registry import XApiTransformersRegistry
    for name in documented_events():
        XApiTransformersRegistry.mapping.pop(name, None)
    forget_xapi_module()
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, *LMS_APPS], LMS_ROOT_URL=LMS,
                           XAPI_AGENT_IFI_TYPE='external_id', XAPI_EVENTS_ENABLED=True,
                           XAPI_EVENT_LOGGING_ENABLED=False, CALIPER_EVENTS_ENABLED=False,
                           RUNNING_WITH_TEST_SETTINGS=False, EVENT_ROUTING_BACKEND_BATCHING_ENABLED=False):
        from event_routing_backends import helpers
        yield SimpleNamespace(registry=XApiTransformersRegistry, helpers=helpers,
                              xapi=sys.modules.get('cifal_results.xapi'))


def forget_xapi_module():
    """As if ``cifal_results.xapi`` had never been imported; returns the module it was, if any."""
    import cifal_results
    vars(cifal_results).pop('xapi', None)
    return sys.modules.pop('cifal_results.xapi', None)


class ExternalIds:
    """edx-platform's ``ExternalId`` as ERB calls it: one stable anonymous id per user and type."""

    @staticmethod
    def add_new_user_id(user, type_name):
        return SimpleNamespace(external_user_id=uuid.uuid5(EXTERNAL_IDS, f'{type_name}:{user.pk}')), True


@pytest.fixture
def platform(erb, db, monkeypatch):  # pylint: disable=unused-argument
    """The edx-platform functions ERB imports (and finds missing outside the LMS), standing in over the test's
    database: users are the real Django users; the course overview is the course's name."""
    helpers = erb.helpers
    monkeypatch.setattr(helpers, 'ExternalId', ExternalIds)
    monkeypatch.setattr(helpers, 'ExternalIdType', SimpleNamespace(XAPI='xapi'))
    monkeypatch.setattr(helpers, 'get_potentially_retired_user_by_username', lambda username: None)
    monkeypatch.setattr(helpers, 'get_course_overviews',
                        lambda keys: [{'display_name': COURSE_NAME} for key in keys if str(key) == COURSE])
    helpers.get_anonymous_user_id.cache_clear()
    helpers.get_course_from_id.cache_clear()
    yield
    helpers.get_anonymous_user_id.cache_clear()
    helpers.get_course_from_id.cache_clear()


def docs_snippet():
    """The Python block of docs/xapi.md that operators paste into their LMS settings."""
    blocks = re.findall(r'```python\n(.*?)```', DOCS.read_text(encoding='utf-8'), re.S)
    (snippet,) = [block for block in blocks if 'CIFAL_XAPI_EVENTS' in block]
    return snippet


def operator_settings(with_snippet=True):
    """The LMS's settings as far as ERB goes: ERB's plugin settings run, then the operator's (docs/xapi.md)."""
    from event_routing_backends.settings import common
    namespace = SimpleNamespace(LMS_ROOT_URL=LMS)
    common.plugin_settings(namespace)
    values = vars(namespace)
    if with_snippet:
        exec(docs_snippet(), values)  # as a settings module runs it: its globals are the settings
    return values


def event_transformer(values):
    """The ``event_transformer`` backend that eventtracking builds from these settings, as the LMS's tracker does."""
    from eventtracking.django.django_tracker import DjangoTracker
    with override_settings(EVENT_TRACKING_BACKENDS=values['EVENT_TRACKING_BACKENDS'], EVENT_TRACKING_PROCESSORS=[]):
        return DjangoTracker().backends['event_transformer']


@pytest.fixture(scope='module')
def backends(erb):  # pylint: disable=unused-argument
    return event_transformer(operator_settings())


def route(backend, event):
    """The statements ERB would send for an event, or None when its filter stops the event: the top-level
    processors in the request, then, in the Celery task (a JSON argument), the xAPI router's own."""
    from eventtracking.processors.exceptions import EventEmissionExit
    try:
        processed = backend.process_event(copy.deepcopy(event))
    except EventEmissionExit:
        return None
    return backend.backends['xapi'].process_event(json.loads(json.dumps(processed)))


# ---- the LMS's events -------------------------------------------------------------------------------------------

def usage_key(block):
    """The block's usage key as the LMS writes it (the workbench's ids are not opaque keys)."""
    digest = hashlib.sha256(str(block.scope_ids.usage_id).encode()).hexdigest()[:32]
    return f'block-v1:UNITAR+CIFAL-MLG+2026+type@{block.scope_ids.block_type}+block@{digest}'


class Lms:
    """What the LMS adds around the events the blocks publish, one learner per workbench student id."""

    def __init__(self, published, workbench):
        self.published, self.workbench = published, workbench
        self.clock = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def user(self, username):
        return get_user_model().objects.get_or_create(username=username, defaults={'email': f'{username}@x.org'})[0]

    def event(self, name, data, key, display_name, username):
        self.clock += timedelta(seconds=7)
        user = self.user(username)
        return {
            'name': name,
            'timestamp': self.clock.isoformat(),
            'data': json.loads(json.dumps(data)),
            'context': {
                'course_id': COURSE, 'org_id': 'UNITAR', 'user_id': user.id, 'username': user.username,
                'session': SESSION, 'ip': '192.0.2.10', 'agent': 'Mozilla/5.0', 'host': 'lms.cifal.example',
                'accept_language': 'fr', 'client_id': '1254.1712', 'course_user_tags': {}, 'asides': {},
                'path': f'/courses/{COURSE}/xblock/{key}/handler/submit', 'referer': f'{LMS}/courses/{COURSE}/',
                'event_source': 'server', 'page': 'x_module',
                'module': {'display_name': display_name, 'usage_key': key},
            },
        }

    def events(self, usage_id, username):
        """The suite's events published since the last call, by this block for this learner, as ERB gets them."""
        block = self.workbench.block(usage_id, username)
        events = [self.event(name, data, usage_key(block), block.display_name, username)
                  for name, data in self.published.events if name.startswith('edx.cifal.')]
        self.published.events.clear()
        return events

    def problem_events(self, username):
        """A problem's ``problem_check`` and the grade the LMS records for it, shaped as the LMS emits them: the
        statements ERB makes of these are what Aspects' problem charts read."""
        key = 'block-v1:UNITAR+CIFAL-MLG+2026+type@problem+block@3fc5461f86764ad7bdbdf6cbdde61e66'
        check = self.event('problem_check', {
            'problem_id': key, 'attempts': 2, 'grade': 1, 'max_grade': 2, 'success': 'incorrect',
            'answers': {'3fc5461f86764ad7bdbdf6cbdde61e66_2_1': ['choice_0', 'choice_2']}, 'correct_map': {},
            'state': {}, 'submission': {'3fc5461f86764ad7bdbdf6cbdde61e66_2_1': {
                'question': 'Which obstacles are cited?', 'answer': ['Low awareness', 'Citizenship duty'],
                'correct': False, 'response_type': 'choiceresponse', 'input_type': 'checkboxgroup',
                'group_label': '', 'variant': ''}},
        }, key, 'Checkboxes', username)
        grade = self.event('edx.grades.problem.submitted', {
            'problem_id': key, 'course_id': COURSE, 'user_id': str(self.user(username).id), 'weighted_earned': 1,
            'weighted_possible': 2, 'event_transaction_id': str(uuid.uuid4()),
            'event_transaction_type': 'edx.grades.problem.submitted',
        }, key, 'Checkboxes', username)
        return [check, grade]


@pytest.fixture
def lms(platform, published, workbench):  # pylint: disable=unused-argument
    return Lms(published, workbench)


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


def quiz_events(client, workbench, lms):
    """Ana's first attempt at a pre-test (all right but question 1), then her retry."""
    quiz = workbench.add_scenario('xapi-quiz', all_types(role='pre', pair='module-1', max_attempts=2))
    ok(post_json(client, quiz, 'submit', 'ana', {'answers': {**PERFECT, 'q1': 'a'}}))
    ok(post_json(client, quiz, 'retry', 'ana', {}))
    return lms.events(quiz, 'ana')


NAMED_ANSWERS = {**COMPLETE, 'q1': 1, 'why': 'Ask Ana Souza at the town hall', 'topics': ['transit', 'other']}
NAMED_OTHER = {'topics': 'Housing for families'}


def questionnaire_event(client, workbench, lms, anonymous):
    name = 'xapi-anonymous' if anonymous else 'xapi-named'
    questionnaire = workbench.add_scenario(name, reaction(anonymous='true' if anonymous else 'false'))
    ok(post_json(client, questionnaire, 'submit', 'ana', {'answers': NAMED_ANSWERS, 'other': NAMED_OTHER}))
    (event,) = lms.events(questionnaire, 'ana')
    return event


def scenario_events(client, workbench, lms):
    """Ana's run of Riverton to its end, then Ben's, left after one choice."""
    scenario = workbench.add_scenario('xapi-riverton', riverton())

    def move(student, handler, payload):
        ok(post_json(client, scenario, handler, student, payload))

    move('ana', 'choose', {'node': 'n1', 'choice': choice_code(scenario, 'n1', 'c1')})
    move('ana', 'check', {'node': 'n2', 'answer': check_code(scenario, 'n2', 'a')})
    move('ana', 'next', {'node': 'n2'})
    move('ana', 'next', {'node': 'n3'})
    move('ana', 'choose', {'node': 'n4', 'choice': choice_code(scenario, 'n4', 'c3')})
    move('ana', 'reflect', {'node': 'n5', 'text': 'Count arrivals every week.'})
    move('ana', 'next', {'node': 'n5'})
    ana = lms.events(scenario, 'ana')
    move('ben', 'choose', {'node': 'n1', 'choice': choice_code(scenario, 'n1', 'c2')})
    move('ben', 'reset', {})
    return ana, lms.events(scenario, 'ben')


# ---- what a valid statement is ------------------------------------------------------------------------------------

def is_iri(value):
    parsed = urlparse(value)
    return isinstance(value, str) and parsed.scheme in ('http', 'https') and bool(parsed.netloc)


def assert_valid(statement):
    """xAPI 1.0.3 as far as a statement alone can show it, and tincan reads it back to the same statement."""
    from tincan import Statement
    assert Statement.from_json(json.dumps(statement)).as_version('1.0.3') == statement
    assert statement['version'] == '1.0.3'
    assert uuid.UUID(statement['id'])
    assert datetime.fromisoformat(statement['timestamp']).tzinfo is not None
    actor = statement['actor']
    identifiers = [key for key in ('mbox', 'mbox_sha1sum', 'openid', 'account') if key in actor]
    assert actor['objectType'] == 'Agent' and len(identifiers) == 1
    if 'account' in actor:
        assert is_iri(actor['account']['homePage']) and actor['account']['name']
    assert is_iri(statement['verb']['id']) and statement['verb']['display']['en']
    activities = [statement['object']]
    for context_activities in statement['context'].get('contextActivities', {}).values():
        assert isinstance(context_activities, list)
        activities += context_activities
    for activity in activities:
        assert activity['objectType'] == 'Activity' and is_iri(activity['id'])
        definition = activity.get('definition', {})
        assert is_iri(definition['type'])
        assert definition.get('interactionType', 'other') in INTERACTION_TYPES
        assert all(is_iri(key) for key in definition.get('extensions', {}))
    assert all(is_iri(key) for key in statement['context'].get('extensions', {}))
    result = statement.get('result', {})
    assert all(is_iri(key) for key in result.get('extensions', {}))
    if 'score' in result:
        score = result['score']
        assert -1 <= score['scaled'] <= 1 and score['min'] <= score['raw'] <= score['max']
    if 'statement' in statement['context']:
        assert statement['context']['statement']['objectType'] == 'StatementRef'
        assert uuid.UUID(statement['context']['statement']['id'])


def aspects_columns(statement):
    """What Aspects' ``xapi_events_all_parsed`` model (aspects-dbt) takes from a statement: the verb, the actor, the
    object, and the course from the context's parent (a course), or its grouping (when the parent is an activity
    such as a problem), or else the object."""
    activities = statement.get('context', {}).get('contextActivities', {})
    parent = (activities.get('parent') or [{}])[0]
    if parent.get('definition', {}).get('type') == COURSE_TYPE:
        course_id = parent['id']
    elif parent.get('objectType') in ('Activity', 'GroupActivity'):
        course_id = (activities.get('grouping') or [{}])[0].get('id', '')
    else:
        course_id = statement['object']['id']
    actor = statement['actor']
    org = re.search(r'course-v1:([^+]+)\+', course_id)
    return {'verb_id': statement['verb']['id'], 'object_id': statement['object']['id'],
            'actor_id': actor.get('account', {}).get('name') or actor.get('mbox') or actor.get('mbox_sha1sum'),
            'course_key': course_id.split('/')[-1], 'org': org.group(1) if org else ''}


def course_activity(statement):
    """The course activity of a statement: the parent of a block's, the grouping of a part's."""
    activities = statement['context']['contextActivities']
    parent = activities['parent'][0]
    return parent if parent['definition']['type'] == COURSE_TYPE else activities['grouping'][0]


def block_iri(event):
    return f'{LMS}/xblock/{event["context"]["module"]["usage_key"]}'


# ---- registration -------------------------------------------------------------------------------------------------

def documented_events():
    namespace = {}
    exec(docs_snippet().split('EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS =')[0], namespace)
    return namespace['CIFAL_XAPI_EVENTS']


def published_event_names():
    """Every event name the blocks publish (the ``*_EVENT`` constants of their handlers)."""
    names = set()
    for module in ('cifal_quiz.mixins.handlers', 'cifal_questionnaire.mixins.handlers',
                   'cifal_scenario.mixins.handlers', 'cifal_scenario.mixins.runs'):
        names |= {value for key, value in vars(importlib.import_module(module)).items() if key.endswith('_EVENT')}
    return names


def test_the_lms_registers_one_transformer_for_each_event_the_blocks_publish_and_the_docs_name(erb):
    assert erb.xapi is not None, "cifal_results' ready() did not import cifal_results.xapi with ERB installed"
    assert documented_events() == list(erb.xapi.EVENT_NAMES)
    assert set(erb.xapi.EVENT_NAMES) == published_event_names()
    for name in erb.xapi.EVENT_NAMES:
        assert erb.registry.mapping[name].__module__ == 'cifal_results.xapi', name


def test_where_erb_is_not_an_installed_app_nothing_is_imported(erb):
    import cifal_results
    kept = forget_xapi_module()
    try:
        with override_settings(INSTALLED_APPS=[app for app in settings.INSTALLED_APPS if app != ERB_APP]):
            assert 'cifal_results.xapi' not in sys.modules  # ready() ran again, and did not import it
    finally:
        sys.modules['cifal_results.xapi'] = cifal_results.xapi = kept


def test_without_the_documented_setting_erb_filters_the_events_out(client, workbench, lms):
    (submitted, _retried) = quiz_events(client, workbench, lms)
    assert route(event_transformer(operator_settings(with_snippet=False)), submitted) is None

    configured = operator_settings()
    assert set(documented_events()) <= set(configured['EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS'])
    assert set(documented_events()) <= configured['EVENT_BUS_TRACKING_LOGS']
    assert 'problem_check' in configured['EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS']  # ERB's own are kept
    assert route(event_transformer(configured), submitted)


# ---- the statements -----------------------------------------------------------------------------------------------

def test_a_quiz_submission_is_completed_with_its_score_then_answered_question_by_question(
        client, workbench, lms, backends):
    submitted, retried = quiz_events(client, workbench, lms)
    assert submitted['name'] == 'edx.cifal.quiz.submitted' and retried['name'] == 'edx.cifal.quiz.retried'

    quiz, *questions = route(backends, submitted)

    for statement in (quiz, *questions):
        assert_valid(statement)
    assert quiz['verb']['id'] == f'{ADL}completed'
    assert quiz['object'] == {'objectType': 'Activity', 'id': block_iri(submitted), 'definition': {
        'type': 'http://adlnet.gov/expapi/activities/assessment', 'extensions': {ATTEMPT: 1}}}
    assert quiz['result'] == {'completion': True, 'score': {'min': 0, 'max': 8.0, 'raw': 7.0, 'scaled': 7 / 8},
                              'extensions': {f'{CIFAL}kept-scaled': 0.875}}
    assert quiz['context']['extensions'][f'{CIFAL}quiz-role'] == 'pre'
    assert quiz['context']['extensions'][f'{CIFAL}quiz-pair'] == 'module-1'
    assert quiz['context']['contextActivities']['parent'][0]['id'] == f'{LMS}/course/{COURSE}'

    assert [question['object']['id'] for question in questions] == [
        f'{block_iri(submitted)}/question/q{number}' for number in range(1, 7)]
    for question in questions:
        assert question['verb']['id'] == f'{ADL}answered'
        assert question['object']['definition'] == {'type': INTERACTION}
        assert question['context']['statement']['id'] == quiz['id']
        assert question['context']['contextActivities']['parent'] == [quiz['object']]
        assert question['context']['contextActivities']['grouping'] == quiz['context']['contextActivities']['parent']
        assert question['context']['extensions'][f'{CIFAL}quiz-role'] == 'pre'
    assert [question['result']['success'] for question in questions] == [False] + [True] * 5
    assert questions[1]['result']['score'] == {'min': 0, 'max': 2.0, 'raw': 2.0, 'scaled': 1.0}
    assert len({statement['id'] for statement in (quiz, *questions)}) == 7

    sent = json.dumps([quiz, *questions])
    for text in ('154 million', '304 million', 'ainstreaming', 'Low awareness', 'FEEDBACK', 'EXPLANATION'):
        assert text not in sent  # no answer, key, feedback or explanation: the event never had them

    (again, *_) = route(backends, submitted)
    assert again['id'] == quiz['id']  # sent twice (a replayed tracking log), the LRS keeps it once

    (retry,) = route(backends, retried)
    assert_valid(retry)
    assert retry['verb']['id'] == f'{ADL}initialized' and 'result' not in retry
    assert retry['object']['id'] == block_iri(retried)
    assert retry['object']['definition']['extensions'] == {ATTEMPT: 2}
    assert retried['data'] == {'attempt': 2}  # the retry's event says which attempt only


def test_a_named_questionnaire_is_completed_and_its_answers_stay_in_the_results_store(
        client, workbench, lms, backends):
    event = questionnaire_event(client, workbench, lms, anonymous=False)
    assert event['data']['answers']['why'] == NAMED_ANSWERS['why']  # the tracking log has them...

    (statement,) = route(backends, event)

    assert_valid(statement)
    assert statement['verb']['id'] == f'{ADL}completed' and statement['result'] == {'completion': True}
    assert statement['object']['definition'] == {'type': 'http://id.tincanapi.com/activitytype/survey',
                                                 'extensions': {ATTEMPT: 1}}
    sent = json.dumps(statement)
    for answer in ('Ana Souza', 'Housing', 'transit', '"gov"', '"q1"', '"rec"', '"answers"'):
        assert answer not in sent  # ...the LRS does not


def test_an_anonymous_questionnaire_sends_no_statement_at_all(client, workbench, lms, backends, erb):
    event = questionnaire_event(client, workbench, lms, anonymous=True)
    assert event['data'] == {'anonymous': True}

    assert route(backends, event) == []  # allowed through ERB's filters, and turned into nothing
    assert erb.registry.get_transformer(event).transform() is None
    for data in ({}, {'anonymous': None}, {'anonymous': 'false'}, {'anonymous': 0}):
        assert route(backends, {**event, 'data': data}) == []  # not explicitly named: nothing either


def test_a_scenario_run_sends_its_choices_its_self_check_and_its_ending(client, workbench, lms, backends):
    ana, ben = scenario_events(client, workbench, lms)
    assert [event['name'] for event in ana] == ['edx.cifal.scenario.choice_made', 'edx.cifal.scenario.self_check',
                                                'edx.cifal.scenario.choice_made', 'edx.cifal.scenario.ended']
    assert [event['name'] for event in ben] == ['edx.cifal.scenario.choice_made', 'edx.cifal.scenario.reset']
    statements = [statement for event in ana + ben for statement in route(backends, event)]
    assert len(statements) == 6
    for statement in statements:
        assert_valid(statement)
    first, check, second, ended, ben_choice, reset = statements
    scenario = block_iri(ana[0])

    assert first['verb']['id'] == f'{ADL}answered' and first['result'] == {'response': 'c1'}
    assert first['object'] == {'objectType': 'Activity', 'id': f'{scenario}/node/n1', 'definition': {
        'type': INTERACTION, 'interactionType': 'choice', 'extensions': {ATTEMPT: 1}}}
    assert first['context']['contextActivities']['parent'] == [
        {'objectType': 'Activity', 'id': scenario, 'definition': {'type': SIMULATION}}]
    assert first['context']['contextActivities']['grouping'][0]['id'] == f'{LMS}/course/{COURSE}'
    assert second['object']['id'] == f'{scenario}/node/n4' and second['result'] == {'response': 'c3'}

    assert check['object']['id'] == f'{scenario}/node/n2' and 'interactionType' not in check['object']['definition']
    assert check['result'] == {'response': 'a', 'success': True,
                               'score': {'min': 0, 'max': 1.0, 'raw': 1.0, 'scaled': 1.0}}

    assert ended['verb']['id'] == f'{ADL}completed'
    assert ended['object'] == {'objectType': 'Activity', 'id': scenario, 'definition': {
        'type': SIMULATION, 'extensions': {ATTEMPT: 1}}}
    assert ended['result']['completion'] is True
    extensions = ended['result']['extensions']
    assert extensions[f'{CIFAL}scenario-node'] == 'end1' and extensions[f'{CIFAL}scenario-ending'] == 0
    assert extensions[f'{CIFAL}scenario-steps'] == 5
    assert extensions[f'{CIFAL}scenario-indicators'] == ana[-1]['data']['indicators']

    assert ben_choice['result'] == {'response': 'c2'} and ben_choice['actor'] != first['actor']
    assert reset['verb']['id'] == f'{ADL}terminated'
    assert reset['result'] == {'completion': False, 'extensions': {f'{CIFAL}scenario-node': 'n3',
                                                                   f'{CIFAL}scenario-steps': 1}}
    assert 'Count arrivals every week.' not in json.dumps(statements)  # reflections stay the learner's (ADR 11)


def test_the_statements_are_shaped_as_erb_s_own_for_problems_and_aspects_reads_them_alike(
        client, workbench, lms, backends, erb):
    events = [*quiz_events(client, workbench, lms), questionnaire_event(client, workbench, lms, anonymous=False),
              *scenario_events(client, workbench, lms)[0]]
    ours = [statement for event in events for statement in route(backends, event)]
    check, grade = (json.loads(erb.registry.get_transformer(event).transform().to_json())
                    for event in lms.problem_events('ana'))
    for statement in (check, grade):
        assert_valid(statement)  # ERB's own pass the same checks
    assert check['verb']['id'] in ASPECTS_PROBLEM_VERBS

    erb_verbs = {value for name, value in vars(erb.xapi.constants).items() if name.startswith('XAPI_VERB_')}
    expected = aspects_columns(check)
    assert expected['course_key'] == COURSE and expected['org'] == 'UNITAR'
    assert check['object']['id'].startswith(f'{LMS}/xblock/block-v1:UNITAR+CIFAL-MLG+2026+type@problem+')
    for statement in ours:
        columns = aspects_columns(statement)
        assert (columns['course_key'], columns['org'], columns['actor_id']) == (
            expected['course_key'], expected['org'], expected['actor_id']), statement
        assert statement['actor'] == check['actor']
        assert course_activity(statement) == check['context']['contextActivities']['parent'][0]
        assert statement['context']['extensions'].items() >= check['context']['extensions'].items()
        assert statement['context']['extensions'][SESSION_ID] == SESSION
        assert statement['context']['extensions'][TRANSFORMER_VERSION].startswith('event-routing-backends@')
        assert statement['object']['id'].startswith(f'{LMS}/xblock/block-v1:UNITAR+CIFAL-MLG+2026+type@cifal_')
        assert statement['verb']['id'] not in ASPECTS_PROBLEM_VERBS  # not counted as problems in Aspects' charts
        assert statement['verb']['id'] in erb_verbs  # ERB's own verbs
        if 'score' in statement.get('result', {}):
            assert statement['result']['score'].keys() == check['result']['score'].keys() == grade['result'][
                'score'].keys()
    attempts = [statement for statement in ours if ATTEMPT in statement['object']['definition'].get('extensions', {})]
    assert ATTEMPT in check['object']['definition']['extensions'] and len(attempts) >= 5
