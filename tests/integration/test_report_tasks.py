"""
Large reports prepared on the platform's workers (ADR 16), end to end through the real workbench: the dashboard
offers "Prepare" instead of a link once a report reads more than ``REPORT_TASK_THRESHOLD`` records and the direct
download refuses it without building it; staff prepare the file (the workbench's Celery app is eager: the task runs
inside the request, with the code an LMS worker runs), read its progress, and download it from the report storage;
learners get 403 from every task handler; another block's task is 404; refused input changes nothing; a report
that fails leaves its task failed with a message and no stored file. The database is transactional, as a server's
is: the task is handed to Celery once the task's row is committed.
"""
import csv
import hashlib
import io
import json
import logging
import os
import re
import sys
import types
import uuid

import openpyxl
import pytest
from django.apps import apps
from django.core.files.storage import FileSystemStorage
from hypothesis import given
from hypothesis import strategies as st

from cifal_results import api, report_tasks
from cifal_results.models import ReportTask
from cifal_workbench import celery_app
from tests.integration.questionnaires import COMPLETE, reaction
from tests.integration.scenarios import riverton
from tests.integration.test_scenario_handlers import walk_to_the_end
from tests.results.test_reports_data import ITEM_ATTEMPTS, item_quiz
from tests.support.fuzz import FUZZ, assert_handler_kept_its_promise, bodies
from tests.support.workbench_fixtures import handler_url, post_json

pytestmark = pytest.mark.django_db(transaction=True)

STAFF, LEARNER = 'staff_ev', 'ana'
RECORDS = len(ITEM_ATTEMPTS)  # the quiz's submissions: what its reports read
TASK_HANDLERS = ('prepare_report', 'prepared_reports')


@pytest.fixture
def reports_dir(settings, tmp_path):
    """The report storage in a folder of this test's, and a threshold the quiz's six records are above."""
    folder = tmp_path / 'reports'
    settings.CIFAL_RESULTS = {
        **settings.CIFAL_RESULTS, 'REPORT_TASK_THRESHOLD': RECORDS - 1,
        'REPORT_STORAGE': {'BACKEND': 'django.core.files.storage.FileSystemStorage',
                           'OPTIONS': {'location': str(folder)}},
    }
    return folder


@pytest.fixture
def quiz(client, workbench, reports_dir):
    return item_quiz(client, workbench)


@pytest.fixture
def no_worker():
    """Celery not eager and no worker listening: a task handed to it stays queued (its message is purged after)."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = eager
        with celery_app.connection_for_write() as connection:
            connection.default_channel.queue_purge(celery_app.conf.task_default_queue)


def stored_files(folder):
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob('*') if path.is_file())


def prepare(client, usage_id, student=STAFF, **body):
    return post_json(client, usage_id, 'prepare_report', student, {'report': 'responses', 'format': 'csv', **body})


def listed(client, usage_id, student=STAFF, query=''):
    response = client.post(handler_url(usage_id, 'prepared_reports', student) + query, data='{}',
                           content_type='application/json')
    assert response.status_code == 200, response.content
    return response.json()


def fetch(client, url):
    response = client.get(url)
    body = b''.join(response.streaming_content) if response.streaming else response.content
    return response, body


def direct_download(client, usage_id, report='responses', fmt='csv'):
    """The dashboard's direct download: (response, body)."""
    return fetch(client, f'{handler_url(usage_id, "download_report", STAFF)}&report={report}&format={fmt}')


def dashboard_html(client, usage_id, student=STAFF):
    response = post_json(client, usage_id, 'dashboard', student, {})
    assert response.status_code == 200, response.content
    return response.json()['html']


# --- the threshold ---------------------------------------------------------------------------------------------

def test_a_report_above_the_threshold_is_offered_to_prepare_and_is_never_built_in_the_request(
        client, quiz, settings, monkeypatch):
    html = dashboard_html(client, quiz)
    downloads = html[html.index('data-report-tasks'):]
    assert re.search(r'<button type="button" class="cifal-reports__prepare" data-report="responses" '
                     r'data-format="csv">Prepare CSV<span class="cifal-sr"> \(Responses\)</span></button>', downloads)
    assert 'This report reads 6 stored records' in downloads
    assert 'download_report' not in downloads  # no direct link to a large report
    assert 'Prepared files' in downloads and 'aria-live="polite"' in downloads

    def built_in_the_request(*args, **kwargs):
        raise AssertionError('the direct download built a report over the threshold')

    monkeypatch.setattr(api, 'build_report', built_in_the_request)
    refused, _ = direct_download(client, quiz)

    assert refused.status_code == 409
    assert refused.json()['error'].startswith('This report reads 6 stored records, too many to build while you wait')
    assert 'prepare the file from the results dashboard' in refused.json()['error']
    assert not ReportTask.objects.exists()


def test_at_the_threshold_the_links_download_directly_as_before(client, quiz, settings):
    settings.CIFAL_RESULTS = {**settings.CIFAL_RESULTS, 'REPORT_TASK_THRESHOLD': RECORDS}

    html = dashboard_html(client, quiz)

    assert 'cifal-reports__prepare"' not in html and 'download_report' in html
    response, body = direct_download(client, quiz)
    assert response.status_code == 200
    text = body.decode('utf-8-sig')
    assert len(list(csv.DictReader(io.StringIO(text)))) == RECORDS * 3
    assert not ReportTask.objects.exists()


# --- preparing, progress, downloading ----------------------------------------------------------------------------

def test_staff_prepare_a_file_read_its_progress_and_download_it_from_the_storage(client, quiz, reports_dir,
                                                                                 settings):
    response = prepare(client, quiz)

    assert response.status_code == 200, response.content
    task = response.json()
    assert (task['state'], task['state_text'], task['active']) == ('succeeded', 'Ready', False)
    assert (task['read'], task['total'], task['percent']) == (RECORDS, RECORDS, 100)
    assert task['progress_text'] == '100% (6 of 6 stored records read)'
    assert task['label'] == 'Responses (CSV)' and task['announcement'] == 'Responses (CSV) is ready to download.'
    assert re.fullmatch(r'workbench_responses_[A-Za-z0-9._-]+_\d{4}-\d\d-\d\d-\d{6}\.csv', task['file_name'])
    assert task['finished'] and task['message'] == '' and task['problems'] == 0

    tasks = listed(client, quiz)
    assert tasks['active'] is False and [entry['id'] for entry in tasks['tasks']] == [task['id']]
    assert stored_files(reports_dir) == [f'workbench/{task["file_name"]}']

    download, body = fetch(client, task['download_url'])
    assert download.status_code == 200
    assert download['Content-Type'].startswith('text/csv')
    assert download['Content-Disposition'] == f'attachment; filename="{task["file_name"]}"'
    assert len(body) == task['size'] == (reports_dir / 'workbench' / task['file_name']).stat().st_size
    # The same file as the direct download gives for a report under the threshold: the same code wrote it.
    settings.CIFAL_RESULTS = {**settings.CIFAL_RESULTS, 'REPORT_TASK_THRESHOLD': 2000}
    assert body == direct_download(client, quiz)[1]
    rows = list(csv.DictReader(io.StringIO(body.decode('utf-8-sig'))))
    assert len(rows) == RECORDS * 3 and {row['block'] for row in rows} == {quiz}
    stored = ReportTask.objects.get()
    assert (stored.course_key, stored.usage_key, stored.report, stored.format, stored.filters) == (
        'workbench', quiz, 'responses', 'csv', {'block': quiz})
    assert stored.requested_by and stored.requested_by != STAFF  # the anonymous id, never the username
    assert stored.started and stored.finished and stored.storage == 'report_storage'


def test_every_format_is_prepared_and_an_xlsx_reads_back(client, quiz):
    task = prepare(client, quiz, report='item-analysis', format='xlsx').json()
    _, body = fetch(client, task['download_url'])
    assert openpyxl.load_workbook(io.BytesIO(body)).sheetnames == ['questions', 'distractors', 'test']
    task = prepare(client, quiz, report='item-analysis', format='json').json()
    _, body = fetch(client, task['download_url'])
    assert set(json.loads(body)['tables']) >= {'questions', 'distractors', 'test'}
    task = prepare(client, quiz, report='item-analysis', format='csv', table='distractors').json()
    assert '_item-analysis-distractors_' in task['file_name']


def test_progress_is_written_while_the_report_runs_and_the_file_is_stored_only_once_whole(
        client, quiz, reports_dir, monkeypatch):
    seen = []
    real_log_problems = report_tasks.log_problems

    def after_writing(report, problems):  # the whole report is in the temporary file; nothing is stored yet
        (status,) = api.report_tasks(quiz)
        seen.append((status.state, status.records_read, status.records_total, status.percent,
                     stored_files(reports_dir)))
        real_log_problems(report, problems)

    monkeypatch.setattr(report_tasks, 'PROGRESS_INTERVAL', 0)  # every chunk's count written, to see it here
    monkeypatch.setattr(report_tasks, 'log_problems', after_writing)

    task = prepare(client, quiz).json()

    assert seen == [('running', RECORDS, RECORDS, 99, [])]
    assert task['state'] == 'succeeded' and stored_files(reports_dir) == [f'workbench/{task["file_name"]}']


def test_progress_is_written_at_most_about_once_a_second(quiz):
    now = report_tasks.timezone.now()
    task = ReportTask.objects.create(course_key='workbench', usage_key=quiz, report='responses', format='csv',
                                     state='running', records_total=3500, created=now, heartbeat=now)
    clock = iter([0.0, 0.3, 0.6, 0.9, 1.2, 1.5, 2.4, 2.5]).__next__  # the first: when the task started
    progress = report_tasks._Progress(task.pk, clock=clock)

    for _ in range(7):
        progress(500)  # a chunk of 500 records read

    task.refresh_from_db()
    assert (progress.read, progress.writes, task.records_read) == (3500, 2, 3000)  # at 1.2 s and 2.4 s only
    (status,) = api.report_tasks(quiz)
    assert (status.state, status.records_read, status.records_total, status.percent) == ('running', 3000, 3500, 85)


def test_the_same_report_is_not_queued_twice_and_a_task_that_never_started_ends_as_stopped(
        client, quiz, no_worker, settings):
    first = prepare(client, quiz).json()
    again = prepare(client, quiz).json()

    assert first['state'] == 'queued' and first['state_text'] == 'Waiting for a worker' and first['active']
    assert again['id'] == first['id'] and ReportTask.objects.count() == 1
    assert first['announcement'] == 'Responses (CSV) is waiting for a worker.' and first['download_url'] is None
    assert listed(client, quiz)['active'] is True
    response, _ = fetch(client, handler_url(quiz, 'prepared_report_file', STAFF) + f'&task={first["id"]}')
    assert response.status_code == 409 and response.json()['error']

    settings.CIFAL_RESULTS = {**settings.CIFAL_RESULTS, 'REPORT_TASK_TIMEOUT': 0}  # no sign of life since
    tasks = listed(client, quiz)

    assert tasks['active'] is False
    (stopped,) = tasks['tasks']
    assert (stopped['state'], stopped['state_text']) == ('failed', 'Failed')
    assert stopped['message'].startswith('The preparation stopped before the file was finished')
    assert report_tasks.run_report_task(first['id']) == 'failed'  # a late delivery does nothing
    assert report_tasks.run_report_task('not-a-task') == report_tasks.run_report_task(uuid.uuid4()) == ''
    assert prepare(client, quiz).json()['id'] != first['id']  # and it can be prepared again


def test_a_broker_that_refuses_the_task_fails_it_with_a_message(client, quiz, no_worker, monkeypatch):
    from cifal_results.tasks import generate_report

    def unreachable(*args, **kwargs):
        raise ConnectionRefusedError('no broker')

    monkeypatch.setattr(generate_report, 'apply_async', unreachable)
    task = prepare(client, quiz).json()

    assert task['state'] == 'failed' and task['message'].startswith("The file could not be handed to the platform")


# --- failures ----------------------------------------------------------------------------------------------------

def test_a_report_that_refuses_leaves_the_task_failed_with_its_message_and_no_file(client, quiz, reports_dir,
                                                                                   monkeypatch):
    def refuses(report, fmt, stream, table=None):
        stream.write(b'question_id,answer\r\nq1,half a file')
        raise api.ReportError('no submissions recorded for block x')

    monkeypatch.setattr(report_tasks, 'write_report', refuses)
    task = prepare(client, quiz).json()

    assert (task['state'], task['active'], task['download_url']) == ('failed', False, None)
    assert task['message'] == 'no submissions recorded for block x'  # a ReportError's message as it is
    assert task['announcement'] == 'Responses (CSV) could not be prepared: no submissions recorded for block x'
    assert stored_files(reports_dir) == []
    stored = ReportTask.objects.get()
    assert (stored.state, stored.failure, stored.storage_path, stored.size) == ('failed', 'report', '', None)
    response, _ = fetch(client, handler_url(quiz, 'prepared_report_file', STAFF) + f'&task={task["id"]}')
    assert response.status_code == 409


def test_an_unexpected_error_gives_a_generic_message_and_logs_the_traceback(client, quiz, reports_dir, monkeypatch,
                                                                            caplog):
    def breaks(*args, **kwargs):
        raise ZeroDivisionError('a bug deep inside a report')

    monkeypatch.setattr(report_tasks, 'write_report', breaks)
    with caplog.at_level(logging.ERROR, logger='cifal_results.report_tasks'):
        task = prepare(client, quiz).json()

    assert task['state'] == 'failed'
    assert task['message'].startswith('The file could not be prepared because of an unexpected error.')
    assert 'ZeroDivisionError' not in task['message'] and 'bug' not in task['message']
    assert any(record.exc_info and record.exc_info[0] is ZeroDivisionError for record in caplog.records)
    assert stored_files(reports_dir) == []


class HalfWritingStorage(FileSystemStorage):
    """A storage whose disk fills up halfway through a file."""

    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as handle:
            handle.write(content.read(10))
        raise OSError(28, 'No space left on device')


def test_a_storage_that_fails_midway_leaves_no_part_of_the_file(client, quiz, reports_dir, settings):
    settings.CIFAL_RESULTS = {**settings.CIFAL_RESULTS, 'REPORT_STORAGE': {
        'BACKEND': f'{__name__}.HalfWritingStorage', 'OPTIONS': {'location': str(reports_dir)}}}

    task = prepare(client, quiz).json()

    assert task['state'] == 'failed' and task['message'].startswith('The file could not be prepared')
    assert stored_files(reports_dir) == []


def test_a_file_gone_from_the_storage_is_410(client, quiz, reports_dir):
    task = prepare(client, quiz).json()
    (reports_dir / 'workbench' / task['file_name']).unlink()

    response, _ = fetch(client, task['download_url'])

    assert response.status_code == 410 and 'prepare it again' in response.json()['error']


# --- who may do what --------------------------------------------------------------------------------------------

def test_learners_get_403_from_every_task_handler_and_change_nothing(client, quiz, reports_dir):
    task = prepare(client, quiz).json()

    for handler in TASK_HANDLERS:
        response = post_json(client, quiz, handler, LEARNER, {'report': 'responses', 'format': 'csv'}
                             if handler == 'prepare_report' else {})
        assert response.status_code == 403 and response.json() == {
            'error': 'Only course staff can download results.'}, handler
    response, body = fetch(client, handler_url(quiz, 'prepared_report_file', LEARNER) + f'&task={task["id"]}')
    assert response.status_code == 403 and json.loads(body)['error']
    assert ReportTask.objects.count() == 1
    page = client.get('/scenario/items-quiz/?student=ana').content.decode()
    assert 'report_tasks.js' not in page and 'CifalReportTasks' not in page  # learners get none of its code


def test_staff_see_and_fetch_only_their_own_block_s_tasks(client, workbench, quiz):
    other = item_quiz(client, workbench, name='other-quiz')
    task = prepare(client, quiz).json()

    assert listed(client, other)['tasks'] == []
    response, _ = fetch(client, handler_url(other, 'prepared_report_file', STAFF) + f'&task={task["id"]}')
    assert response.status_code == 404 and response.json()['error']
    for query in ('', '&task=', '&task=not-a-uuid', f'&task={uuid.uuid4()}', '&task=%00'):
        response, _ = fetch(client, handler_url(quiz, 'prepared_report_file', STAFF) + query)
        assert response.status_code == 404, query


@pytest.mark.parametrize(('body', 'status'), [
    ('[]', 400), ('"responses"', 400), ('', 400), ('{"report": 5}', 400), ('{"report": "everything"}', 400),
    ('{"report": "responses", "format": "pdf"}', 400), ('{"report": "responses", "format": ["csv"]}', 400),
    ('{"report": "responses", "table": "nope"}', 400), ('{"report": "responses", "table": 3}', 400),
    ('{"report": "responses", "identified": "yes"}', 400), ('{"report": "responses", "identified": true}', 400),
    ('{"report": "responses", "event": "grade"}', 400), ('{"report": "responses", "format": NaN}', 400),
    ('{"report": "' + 'x' * 5000 + '"}', 413), (b'\xff\xfe', 400),
])
def test_bad_input_to_prepare_is_refused_with_an_error_and_changes_nothing(client, quiz, reports_dir, published,
                                                                           body, status):
    response = client.generic('POST', handler_url(quiz, 'prepare_report', STAFF), data=body,
                              content_type='application/json')

    assert response.status_code == status, response.content
    assert response['Content-Type'].startswith('application/json') and response.json()['error']
    assert not ReportTask.objects.exists() and stored_files(reports_dir) == []
    assert published.events == []


def test_other_methods_are_refused(client, quiz):
    assert client.get(handler_url(quiz, 'prepare_report', STAFF)).status_code == 405
    assert client.get(handler_url(quiz, 'prepared_reports', STAFF)).status_code == 405
    assert post_json(client, quiz, 'prepared_report_file', STAFF, {}).status_code == 405
    assert post_json(client, quiz, 'prepared_reports', STAFF, {'tasks': 1}).status_code == 400


@pytest.mark.parametrize('student', ['fuzzy', 'staff_fuzzy'])
@FUZZ
@given(handler=st.sampled_from(TASK_HANDLERS),
       body=bodies(['report', 'format', 'table', 'identified'], ['responses', 'item-analysis', 'csv', 'xlsx']))
def test_any_body_to_the_task_handlers_is_answered_without_a_5xx_and_refusals_change_nothing(
        client, quiz, published, student, handler, body):
    before = list(ReportTask.objects.order_by('created').values_list('id', 'state'))

    response = client.generic('POST', handler_url(quiz, handler, student), data=body,
                              content_type='application/json')

    after = list(ReportTask.objects.order_by('created').values_list('id', 'state'))
    assert_handler_kept_its_promise(response, before, after, f'{handler} as {student}: {body[:120]!r}')
    assert published.events == []
    if student == 'fuzzy':
        assert response.status_code == 403


# --- every block -------------------------------------------------------------------------------------------------

def test_the_questionnaire_and_the_scenario_dashboards_prepare_their_reports_too(client, workbench, reports_dir,
                                                                                 settings):
    settings.CIFAL_RESULTS = {**settings.CIFAL_RESULTS, 'REPORT_TASK_THRESHOLD': 0}
    questionnaire = workbench.add_scenario('tasks-questionnaire', reaction(anonymous='false'))
    assert post_json(client, questionnaire, 'submit', 'mia', {'answers': COMPLETE}).status_code == 200
    scenario = workbench.add_scenario('tasks-scenario', riverton())
    walk_to_the_end(client, scenario, 'kim')

    for usage_id, report in ((questionnaire, 'questionnaire-summary'), (scenario, 'scenario-summary')):
        html = dashboard_html(client, usage_id)
        assert f'data-report="{report}" data-format="xlsx">Prepare Excel (XLSX)' in html, report
        task = post_json(client, usage_id, 'prepare_report', STAFF, {'report': report, 'format': 'xlsx'}).json()
        assert task['state'] == 'succeeded', task
        response, body = fetch(client, task['download_url'])
        assert response.status_code == 200 and body[:2] == b'PK'  # a whole XLSX (a zip)
        assert listed(client, usage_id)['tasks'][0]['id'] == task['id']
        assert post_json(client, usage_id, 'prepare_report', LEARNER, {'report': report}).status_code == 403


def test_a_french_list_formats_its_numbers_the_french_way(client, quiz):
    prepare(client, quiz)

    (task,) = listed(client, quiz, query='&lang=fr')['tasks']

    assert re.search(r'100\u00a0%', task['progress_text'])  # Babel's French percentage
    assert re.fullmatch(r'\d+(,\d)?\u202f(ko|o|octets?)|\d+\u00a0octets?', task['size_text']), task['size_text']


# --- where the files go -------------------------------------------------------------------------------------------

class FakeReportStore:
    """What the suite uses of the LMS's ``DjangoStorageReportStore``: ``from_config``, ``storage``, ``path_to``
    (a folder per course, named by the SHA-1 of its key)."""

    root = None

    def __init__(self):
        self.storage = FileSystemStorage(location=str(self.root))

    @classmethod
    def from_config(cls, config_name):
        assert config_name == 'GRADES_DOWNLOAD'
        return cls()

    @staticmethod
    def path_to(course_id, filename=''):
        return f'{hashlib.sha1(str(course_id).encode()).hexdigest()}/{filename}'


@pytest.fixture
def lms_report_store(monkeypatch, tmp_path):
    """The LMS's instructor_task app, as far as ``report_tasks.platform_report_store`` can tell."""
    FakeReportStore.root = tmp_path / 'grades'
    for name in ('lms', 'lms.djangoapps', 'lms.djangoapps.instructor_task'):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    models = types.ModuleType('lms.djangoapps.instructor_task.models')
    models.ReportStore = FakeReportStore
    monkeypatch.setitem(sys.modules, 'lms.djangoapps.instructor_task.models', models)
    is_installed = apps.is_installed
    monkeypatch.setattr(apps, 'is_installed', lambda name: name == 'lms.djangoapps.instructor_task'
                        or is_installed(name))
    return FakeReportStore.root


def test_in_the_lms_files_go_to_the_instructor_dashboard_s_report_store(client, quiz, reports_dir, lms_report_store):
    task = prepare(client, quiz).json()

    folder = lms_report_store / hashlib.sha1(b'workbench').hexdigest()
    assert stored_files(lms_report_store) == [f'{folder.name}/{task["file_name"]}'] and stored_files(reports_dir) == []
    assert ReportTask.objects.get().storage == 'report_store'
    response, body = fetch(client, task['download_url'])
    assert response.status_code == 200 and body == (folder / task['file_name']).read_bytes()


def test_outside_the_lms_the_default_storage_is_var_reports(settings, tmp_path):
    settings.CIFAL_RESULTS = {**settings.CIFAL_RESULTS, 'REPORT_STORAGE': None}
    settings.VAR_DIR = tmp_path

    assert report_tasks.report_place().storage.location == str(tmp_path / 'reports')
    assert report_tasks.report_place('report_store') is None  # a file the LMS stored cannot be found here


def test_files_are_named_like_the_instructor_dashboard_s_reports():
    assert report_tasks.course_file_prefix('course-v1:UNITAR+CIFAL101+2026') == 'UNITAR_CIFAL101_2026'
    assert report_tasks.course_file_prefix('workbench') == 'workbench'
    assert report_tasks.block_file_part('block-v1:UNITAR+CIFAL101+2026+type@cifal_quiz+block@a1b2c3') == 'a1b2c3'
    assert report_tasks.block_file_part('x.cifal_quiz.d0.u0') == 'x.cifal_quiz.d0.u0'


def test_the_blocks_translate_the_store_s_generic_messages_word_for_word():
    """The store writes its generic failures in English; the blocks' catalogs hold the same sentences."""
    from cifal_core.blocks.report_tasks import FAILURE_MESSAGES
    assert FAILURE_MESSAGES == {'unexpected': report_tasks.UNEXPECTED_MESSAGE,
                                'not_queued': report_tasks.NOT_QUEUED_MESSAGE,
                                'stopped': report_tasks.STOPPED_MESSAGE}
