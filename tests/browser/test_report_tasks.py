"""
Staff prepare a large report on a phone (ADR 16): the workbench runs with the threshold lowered to two records and
without eager Celery (a broker of files under its var/ folder), so the quiz's three attempts make its reports
"large". By keyboard, staff press "Prepare CSV" on the results dashboard; the file is listed as waiting for a worker,
with its progress bar and percentage, and the list is asked for again every 2 s; a Celery worker is then started
beside the server (``celery -A cifal_workbench worker``, the command an operator would run): the row says the file
is ready, with its size and finished time, the change is announced in the polite status region, the list stops
asking, and the file downloads with the learners' responses. At 375 px nothing leaves the screen and axe-core finds
no WCAG 2.1 A/AA violation, while waiting and once ready.
"""
import csv
import io
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_quiz_dashboard_ux import OUTSIDE_THE_SCREEN_JS, answers_right, take
from tests.support.axe import assert_no_axe_violations
from tests.support.browser import open_results_dashboard, scenario_path, tab_to
from tests.support.workbench_server import REPO_ROOT, WorkbenchServer

pytestmark = pytest.mark.browser

PHONE = {'width': 375, 'height': 740}
LEARNERS = 3
WORKER_TIMEOUT_MS = 60_000


@pytest.fixture(scope='module')
def task_server(tmp_path_factory):
    """A workbench of this module's whose dashboards prepare any report over two records on a worker."""
    server = WorkbenchServer(tmp_path_factory.mktemp('report-tasks-var'), env={
        'CIFAL_REPORT_TASK_THRESHOLD': '2', 'CIFAL_CELERY_EAGER': '0', 'CIFAL_CELERY_BROKER': 'filesystem://'})
    server.start()
    yield server
    server.stop()


class Worker:
    """``celery -A cifal_workbench worker`` beside the test's server: same settings, database and broker folder."""

    def __init__(self, server):
        self.server = server
        self.log = Path(server.var_dir) / 'celery-worker.log'
        self.process = None

    def start(self):
        with open(self.log, 'ab') as log:
            self.process = subprocess.Popen(  # our own interpreter and arguments
                [sys.executable, '-m', 'celery', '-A', 'cifal_workbench', 'worker', '--pool=solo', '--loglevel=info',
                 '--without-gossip', '--without-mingle', '--without-heartbeat'],
                cwd=REPO_ROOT, env=self.server.environment(), stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def logs(self):
        return self.log.read_text(encoding='utf-8', errors='replace')[-4000:] if self.log.exists() else ''


@pytest.fixture
def worker(task_server):
    started = Worker(task_server)
    yield started
    started.stop()


def nothing_outside_the_screen(page):
    assert page.evaluate('() => document.documentElement.scrollWidth') <= PHONE['width']
    assert page.evaluate(OUTSIDE_THE_SCREEN_JS, PHONE['width']) == []


def test_staff_prepare_a_large_report_on_a_phone_watch_it_wait_then_finish_and_download_it(
        browser, task_server, worker, axe_available, tmp_path):
    base_url = task_server.base_url
    path = scenario_path(browser, base_url, 'Pre-test')
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, accept_downloads=True,
                                  locale='en-US')
    try:
        page = context.new_page()
        errors = []
        page.on('pageerror', lambda error: errors.append(str(error)))
        for number in range(LEARNERS):
            take(page, base_url, path, f'tasks-learner-{number}', answers_right(number))
        asked = []  # when the page asked for the list of prepared files
        page.on('request', lambda request: 'prepared_reports' in request.url and asked.append(time.monotonic()))

        page.goto(f'{base_url}{path}?student=staff_tasks')
        quiz = page.locator('.cifal-quiz')
        open_results_dashboard(page, quiz)
        dashboard = quiz.locator('.cifal-dashboard')
        expect(dashboard).to_be_visible()
        prepare = dashboard.get_by_role('button', name='Prepare CSV (Responses)')
        expect(prepare).to_be_visible()
        expect(dashboard.get_by_text('This report reads 3 stored records').first).to_be_visible()
        expect(dashboard.get_by_role('link', name=re.compile(r'\(Responses\)'))).to_have_count(0)  # no direct link
        expect(dashboard.get_by_text('No file has been prepared yet.')).to_be_visible()

        tab_to(page, prepare)
        page.keyboard.press('Enter')

        row = dashboard.locator('.cifal-report-task')
        expect(row).to_have_count(1)
        expect(row.locator('.cifal-report-task__label')).to_have_text('Responses (CSV)')
        expect(row.locator('.cifal-report-task__state')).to_have_text('Waiting for a worker')
        bar = row.get_by_role('progressbar', name='Progress of Responses (CSV)')
        expect(bar).to_have_attribute('value', '0')
        expect(row.locator('.cifal-report-task__progress')).to_have_text('0% (0 of 3 stored records read)')
        status = dashboard.locator('[data-report-tasks-status]')
        expect(status).to_have_attribute('aria-live', 'polite')
        expect(status).to_have_text('Responses (CSV) is waiting for a worker.')
        expect(dashboard.get_by_text('No file has been prepared yet.')).to_be_hidden()
        assert prepare.evaluate('el => el === document.activeElement')  # the focus stays where it was
        waiting_since = len(asked)
        page.wait_for_timeout(4500)
        assert len(asked) - waiting_since >= 2, asked  # asked again every 2 s while the file waits
        nothing_outside_the_screen(page)
        assert_no_axe_violations(page, '.cifal-dashboard')

        worker.start()
        try:
            expect(row.locator('.cifal-report-task__state')).to_have_text('Ready', timeout=WORKER_TIMEOUT_MS)
        except AssertionError as error:
            raise AssertionError(f'{error}\nworker log:\n{worker.logs()}') from None
        expect(status).to_have_text('Responses (CSV) is ready to download.')
        expect(bar).to_have_count(0)
        link = row.get_by_role('link', name=re.compile(r'^Download workbench_responses_.+\.csv$'))
        expect(link).to_be_visible()
        expect(row.locator('.cifal-report-task__size')).to_have_text(re.compile(r'^\d+(\.\d)? kB$|^\d+ bytes$'))
        finished = row.locator('.cifal-report-task__time')
        expect(finished).to_have_text(re.compile(r'^Finished: \w{3} \d{1,2}, \d{4}, \d{1,2}:\d\d\s?[AP]M$'))
        assert re.fullmatch(r'\d{4}-\d\d-\d\dT.+', finished.locator('time').get_attribute('datetime'))
        done_at = len(asked)
        page.wait_for_timeout(4500)
        assert len(asked) == done_at, 'the list is still asked for once no file is being prepared'
        nothing_outside_the_screen(page)
        assert_no_axe_violations(page, '.cifal-dashboard')

        tab_to(page, link)
        with page.expect_download() as download:
            page.keyboard.press('Enter')
        assert re.fullmatch(r'workbench_responses_.+\.csv', download.value.suggested_filename)
        text = Path(download.value.path()).read_text(encoding='utf-8-sig')
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len({row['anonymous_id'] for row in rows}) == LEARNERS
        assert {'adopted', 'ratifications', 'monitor'} <= {row['question_id'] for row in rows}
        assert errors == []
    finally:
        context.close()
