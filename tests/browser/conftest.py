"""
Fixtures of the browser tests: the workbench as a subprocess, Debian's Chromium through Playwright, a fresh page.

See docs/decisions/0003-browser-tests.md. Every test here is marked ``browser``; Chromium or axe-core missing
skips them on a developer's machine and fails them in CI.
"""
import uuid

import pytest
from playwright.sync_api import sync_playwright

from tests.support.browser import (
    DEFAULT_TIMEOUT_MS,
    launch_chromium,
    require_axe,
    require_chromium,
    save_failure_artifacts,
)
from tests.support.workbench_server import WorkbenchServer


def pytest_collection_modifyitems(items):
    """Every test under tests/browser is a browser test, whether or not its module says so."""
    for item in items:
        if '/tests/browser/' in item.path.as_posix():
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so that the ``page`` fixture knows whether the test failed."""
    report = yield
    setattr(item, f'report_{report.when}', report)
    return report


@pytest.fixture(scope='session')
def workbench(tmp_path_factory):
    """The real workbench on a free port, with a fresh SQLite database for this test session; yields the server."""
    server = WorkbenchServer(tmp_path_factory.mktemp('workbench-var'))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope='session')
def base_url(workbench):
    """The workbench's address, without a trailing slash."""
    return workbench.base_url


# Package scope, not session: while Playwright's sync API runs, its asyncio loop counts as running in this thread,
# and Django refuses ORM calls from tests/integration ("SynchronousOnlyOperation"). Ending Playwright with the last
# browser test keeps the rest of the session clean.
@pytest.fixture(scope='package')
def browser():
    """Debian's Chromium, headless, with a fresh temporary profile."""
    require_chromium()
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A page in a fresh context (no cookies, no storage); a failed test leaves a screenshot in test-artifacts/."""
    context = browser.new_context(viewport={'width': 1280, 'height': 900}, locale='en-US')
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    page.js_errors = []  # uncaught exceptions of the page's scripts
    page.on('pageerror', lambda error: page.js_errors.append(str(error)))
    page.failed_responses = []  # 'STATUS URL' of every sub-resource or XHR that answered 4xx/5xx
    page.on('response', lambda response: response.status >= 400 and page.failed_responses.append(
        f'{response.status} {response.url}'))
    yield page
    report = getattr(request.node, 'report_call', None)
    if report is not None and report.failed:
        screenshot = save_failure_artifacts(page, request.node.nodeid)
        print(f'\nscreenshot of the failed test: {screenshot}')  # shown with the failure's output
    context.close()


@pytest.fixture
def student_id():
    """A learner seen by no other test: isolates a test's state without resetting the database."""
    return f'learner_{uuid.uuid4().hex[:12]}'


@pytest.fixture
def staff_id():
    """A staff user seen by no other test (the workbench treats ids starting with ``staff`` as course staff)."""
    return f'staff_{uuid.uuid4().hex[:12]}'


@pytest.fixture(scope='session')
def axe_available():
    """Skip (laptop) or fail (CI) the test when node_modules/axe-core is missing."""
    return require_axe()
