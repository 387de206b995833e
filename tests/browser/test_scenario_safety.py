"""
What a learner writes in a case scenario is not lost by a hurried hand: a reload a moment after typing keeps the
reflection (the page shown may predate the save, and Continue must not overwrite the saved words with it), and
"Start again" asks before a new run hides the decisions and reflections of this one.

The scenario is the shipped course's closing action plan (course_content/course, shown by the workbench).
"""
import json

import pytest
from playwright.sync_api import expect

from tests.support.browser import is_focused, scenario_path

pytestmark = pytest.mark.browser

BLOCK = '.cifal-scenario'
WORDS = 'Count arrivals at the bus terminal every week, with the regional office.'


@pytest.fixture(scope='module')
def closing_path(browser, base_url):
    return scenario_path(browser, base_url, 'Migration and local governance: a course for local actors / Closing: '
                         'what you learned and what you will do / Closing: from the course to your town')


def user_state(page, base_url):
    """The learner's run as the server keeps it (student_view_user_state)."""
    usage = page.locator(f'{BLOCK}').first.evaluate("el => el.closest('[data-usage]').dataset.usage")
    student = page.evaluate("() => new URLSearchParams(location.search).get('student')")
    response = page.request.get(f'{base_url}/handler/{usage}/student_view_user_state/?student={student}')
    return json.loads(response.text())


def test_a_reload_right_after_typing_keeps_the_reflection(page, base_url, closing_path, student_id):
    page.goto(f'{base_url}{closing_path}?student={student_id}')
    block = page.locator(BLOCK)
    block.get_by_role('button', name='Continue').click()
    text = block.locator('.cifal-scenario__reflection-text')
    text.fill(WORDS)
    page.reload()  # at once: the save leaves with the page (keepalive) and may land after the new page is drawn
    page.wait_for_load_state('networkidle')
    block.get_by_role('button', name='Continue').click()
    page.wait_for_load_state('networkidle')
    state = user_state(page, base_url)
    assert state['reflections']['priority'] == WORDS


def test_start_again_asks_first_and_does_nothing_when_the_learner_says_no(page, base_url, closing_path, student_id):
    page.goto(f'{base_url}{closing_path}?student={student_id}')
    block = page.locator(BLOCK)
    block.get_by_role('button', name='Continue').click()
    block.locator('.cifal-scenario__reflection-text').fill(WORDS)
    block.get_by_role('button', name='Continue').click()
    page.wait_for_load_state('networkidle')  # the next step is shown (its own "Start over")
    start_over = block.get_by_role('button', name='Start over')

    # The suite's dialog (CifalConfirm), not the browser's: modal, named by its heading, focus on the safe choice.
    start_over.click()
    dialog = page.get_by_role('alertdialog', name='Start over')
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text('download your action plan first')
    assert dialog.evaluate('d => d.matches(":modal") && d.contains(document.activeElement)')
    page.keyboard.press('Escape')  # "no"
    expect(dialog).to_have_count(0)
    assert is_focused(start_over), 'after Escape, focus should be back on "Start over"'
    assert block.locator('.cifal-scenario__reflection-text').count() == 1  # still where the learner was
    assert user_state(page, base_url)['reflections']['priority'] == WORDS

    start_over.click()
    with page.expect_response(lambda response: '/reset' in response.url):
        page.get_by_role('alertdialog', name='Start over').get_by_role('button', name='Start over').click()
    expect(block.get_by_role('button', name='Start over')).to_have_count(0)  # back at the introduction
    assert user_state(page, base_url)['reflections'] == {}
    assert not page.js_errors, page.js_errors
