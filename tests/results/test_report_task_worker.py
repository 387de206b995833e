"""
A real Celery worker runs the dashboards' report tasks (ADR 16): the workbench's Celery app with eager mode off, the
in-memory broker (``memory://``) and an embedded worker (``celery.contrib.testing.worker.start_worker``, in a thread
of its own with its own database connection), over a transactional database, as in the LMS where a worker process
reads what the web process committed. The task is sent with ``apply_async`` (through the dashboard's handler) and
with ``.delay()``; the worker runs it, its progress is read through the handler while it runs, and the file is
stored only once whole. Also run on MariaDB (``CIFAL_DATABASE=mysql``).
"""
import csv
import io
import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker

from cifal_results import api, report_tasks, tasks
from cifal_results.models import ReportTask
from cifal_workbench import celery_app
from tests.results.test_reports_data import ITEM_ATTEMPTS, item_quiz
from tests.support.workbench_fixtures import handler_url, post_json

pytestmark = pytest.mark.django_db(transaction=True)

STAFF = 'staff_worker'
WAIT_SECONDS = 30


@pytest.fixture
def reports_dir(settings, tmp_path):
    folder = tmp_path / 'reports'
    settings.CIFAL_RESULTS = {
        **settings.CIFAL_RESULTS, 'REPORT_TASK_THRESHOLD': len(ITEM_ATTEMPTS) - 1,
        'REPORT_STORAGE': {'BACKEND': 'django.core.files.storage.FileSystemStorage',
                           'OPTIONS': {'location': str(folder)}},
    }
    return folder


@pytest.fixture
def worker(monkeypatch):
    """An embedded worker consuming the in-memory broker; eager mode off while it runs. Yields the names of the
    threads the report task ran in."""
    ran_in = []
    real_run = tasks.run_report_task

    def run_and_note(task_id):
        ran_in.append(threading.current_thread().name)
        return real_run(task_id)

    monkeypatch.setattr(tasks, 'run_report_task', run_and_note)
    eager, broker = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = False, 'memory://'
    try:
        with start_worker(celery_app, pool='solo', perform_ping_check=False, shutdown_timeout=WAIT_SECONDS):
            yield ran_in
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.broker_url = eager, broker


def listed(client, usage_id):
    response = post_json(client, usage_id, 'prepared_reports', STAFF, {})
    assert response.status_code == 200, response.content
    return response.json()['tasks']


def wait_for(predicate, what):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f'the worker did not {what} within {WAIT_SECONDS} s')


def stored_files(folder):
    return sorted(path.name for path in folder.rglob('*') if path.is_file())


def test_the_worker_runs_a_task_sent_by_the_dashboard_and_its_progress_is_read_while_it_runs(
        client, workbench, reports_dir, worker, monkeypatch):
    quiz = item_quiz(client, workbench)
    written, release = threading.Event(), threading.Event()
    real_log_problems = report_tasks.log_problems

    def hold_once_written(report, problems):  # in the worker: the report is whole in its temporary file
        written.set()
        assert release.wait(WAIT_SECONDS), 'the test never let the worker go on'
        real_log_problems(report, problems)

    monkeypatch.setattr(report_tasks, 'PROGRESS_INTERVAL', 0)
    monkeypatch.setattr(report_tasks, 'log_problems', hold_once_written)

    answer = post_json(client, quiz, 'prepare_report', STAFF, {'report': 'responses', 'format': 'csv'})

    assert answer.status_code == 200 and answer.json()['state'] == 'queued'  # sent, not run in the request
    assert written.wait(WAIT_SECONDS), 'the worker never wrote the report'
    (running,) = listed(client, quiz)
    assert (running['state'], running['state_text'], running['active']) == ('running', 'Being prepared', True)
    assert (running['read'], running['total'], running['percent']) == (len(ITEM_ATTEMPTS), len(ITEM_ATTEMPTS), 99)
    assert running['progress_text'] == '99% (6 of 6 stored records read)'
    assert stored_files(reports_dir) == []  # nothing stored before the file is whole
    release.set()

    (done,) = wait_for(lambda: [task for task in listed(client, quiz) if task['state'] == 'succeeded'],
                       'finish the task')
    assert worker and all(name != threading.main_thread().name for name in worker)  # the worker's thread ran it
    assert stored_files(reports_dir) == [done['file_name']]
    download = client.get(done['download_url'])
    body = b''.join(download.streaming_content) if download.streaming else download.content
    rows = list(csv.DictReader(io.StringIO(body.decode('utf-8-sig'))))
    assert download.status_code == 200 and len(rows) == len(ITEM_ATTEMPTS) * 3


def test_a_task_sent_with_delay_is_run_by_the_worker_and_a_failing_one_stores_nothing(
        client, workbench, reports_dir, worker, monkeypatch):
    quiz = item_quiz(client, workbench)
    now = report_tasks.timezone.now()
    good = ReportTask.objects.create(course_key='workbench', usage_key=quiz, report='item-analysis', format='xlsx',
                                     filters={'block': quiz}, created=now, heartbeat=now)

    tasks.generate_report.delay(str(good.pk))

    wait_for(lambda: ReportTask.objects.filter(pk=good.pk, state='succeeded').exists(), 'run the task sent by delay')
    status, handle = api.open_report_file(good.pk, quiz)
    with handle:
        assert handle.read(2) == b'PK'  # a whole XLSX
    assert status.records_read == status.records_total == len(ITEM_ATTEMPTS)

    def breaks(*args, **kwargs):
        raise api.ReportError('the report cannot be written')

    monkeypatch.setattr(report_tasks, 'write_report', breaks)
    bad = ReportTask.objects.create(course_key='workbench', usage_key=quiz, report='responses', format='csv',
                                    filters={'block': quiz}, created=now, heartbeat=now)
    tasks.generate_report.apply_async(args=[str(bad.pk)])

    wait_for(lambda: ReportTask.objects.filter(pk=bad.pk, state='failed').exists(), 'fail the broken task')
    bad.refresh_from_db()
    assert (bad.failure, bad.message, bad.storage_path) == ('report', 'the report cannot be written', '')
    assert stored_files(reports_dir) == [status.file_name]  # the good task's file only
    assert len(worker) == 2
    response = client.get(handler_url(quiz, 'prepared_report_file', STAFF) + f'&task={bad.pk}')
    assert response.status_code == 409
