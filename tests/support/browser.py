"""
Debian's Chromium driven by Playwright (PyPI), and keyboard helpers for the browser tests.

Playwright's own browser builds are never downloaded (``playwright install`` cannot reach its servers here): the
tests launch the system Chromium, ``/usr/bin/chromium`` or ``$CHROMIUM_PATH``. A missing browser or axe-core makes
the browser tests skip on a developer's machine and fail in CI (``$CI`` non-empty), where they are required.
"""
import os
import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CHROMIUM = '/usr/bin/chromium'
AXE_PATH = REPO_ROOT / 'node_modules' / 'axe-core' / 'axe.min.js'
ARTIFACTS_DIR = REPO_ROOT / 'test-artifacts'

CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
]
DEFAULT_TIMEOUT_MS = 10_000


def in_ci():
    return bool(os.environ.get('CI'))


def require(condition, message):
    """Skip with ``message`` on a developer's machine, fail with it in CI, unless ``condition`` holds."""
    if condition:
        return
    if in_ci():
        pytest.fail(f'{message} (required in CI: $CI is set)', pytrace=False)
    pytest.skip(message)


def chromium_path():
    return os.environ.get('CHROMIUM_PATH') or DEFAULT_CHROMIUM


def require_chromium():
    path = chromium_path()
    require(os.path.isfile(path) and os.access(path, os.X_OK),
            f'Chromium not found at {path}: apt-get install chromium to run browser tests')
    return path


def require_axe():
    require(AXE_PATH.is_file(),
            f'axe-core not found at {AXE_PATH.relative_to(REPO_ROOT)}: run `npm ci` to run the accessibility checks')
    return AXE_PATH


def launch_chromium(playwright):
    """A headless Chromium with a fresh, temporary profile (Playwright makes and removes it)."""
    return playwright.chromium.launch(
        executable_path=require_chromium(),
        args=CHROMIUM_ARGS,
        headless=True,
        chromium_sandbox=False,
    )


def artifact_path(nodeid, suffix):
    """``test-artifacts/<test id made file-safe><suffix>``."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    name = re.sub(r'[^A-Za-z0-9_.-]+', '_', nodeid).strip('_')[:180]
    return ARTIFACTS_DIR / f'{name}{suffix}'


def save_failure_artifacts(page, nodeid):
    """A full-page screenshot and the page's HTML, for a failed test; returns the screenshot's path."""
    screenshot = artifact_path(nodeid, '.png')
    try:
        page.screenshot(path=str(screenshot), full_page=True)
        artifact_path(nodeid, '.html').write_text(page.content(), encoding='utf-8')
    except Exception as error:  # a failed artifact must not hide the test's own failure
        return f'(no screenshot: {error})'
    return screenshot


# --- keyboard ------------------------------------------------------------------------------------------------

DESCRIBE_FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'body';
  const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].innerText)
    || (el.innerText || '').replace(/\\s+/g, ' ') || el.value || '';
  return `${el.tagName.toLowerCase()}${el.type ? '[type=' + el.type + ']' : ''}`
    + `${el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''}`
    + ` "${String(label).trim().slice(0, 60)}"`;
}"""


def describe_focus(page):
    """A short description of the focused element, for assertion messages."""
    return page.evaluate(DESCRIBE_FOCUS_JS)


def is_focused(locator):
    return locator.evaluate('el => el === document.activeElement')


def focus_within(locator):
    return locator.evaluate('el => el.contains(document.activeElement)')


def focus_is_after(locator):
    """Whether the focused element comes after ``locator``'s element in document order."""
    return locator.evaluate(
        'el => !!(document.activeElement && document.activeElement !== document.body'
        ' && (el.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING))'
    )


def tab_to(page, locator, max_presses=60, backwards=None):
    """
    Press Tab, or Shift+Tab when the target is above the focus, until ``locator`` has focus, as a keyboard user would.

    Fails with the path the focus took if the element is not reached: it is not in the tab order.
    """
    if is_focused(locator):
        return
    if backwards is None:
        backwards = focus_is_after(locator)
    key = 'Shift+Tab' if backwards else 'Tab'
    path = []
    for _ in range(max_presses):
        page.keyboard.press(key)
        if is_focused(locator):
            return
        path.append(describe_focus(page))
    raise AssertionError(f'{locator} never received focus after {max_presses} × {key}; focus went: '
                         + ' → '.join(path[-25:]))


def scenario_path(browser, base_url, prefix):
    """The path of the workbench scenario whose description starts with ``prefix``, read off the index as a
    person would find it (scenario ids depend on the order blocks are loaded in)."""
    context = browser.new_context()
    try:
        index = context.new_page()
        index.goto(base_url + '/')
        link = index.locator('section.main a', has_text=re.compile(f'^{re.escape(prefix)}'))
        assert link.count() >= 1, (f'no scenario starting with "{prefix}" on the workbench index; it lists: '
                                   f'{index.locator("section.main a").all_inner_texts()}')
        return link.first.get_attribute('href')
    finally:
        context.close()


def open_results_dashboard(page, block):
    """As staff, by keyboard: Tab to the block's tabs (right under its title, before any live form), then the right
    arrow to the "Results dashboard" tab, which opens its panel. Returns that tab (it keeps the focus)."""
    tab_to(page, block.get_by_role('tab', selected=True))
    page.keyboard.press('ArrowRight')
    tab = block.locator('[role="tab"][data-dashboard-tab]')  # not by its name: it is translated
    assert is_focused(tab), describe_focus(page)
    return tab
