"""
What a learner writes in a case scenario is not lost by a hurried hand: a reload a moment after typing keeps the
reflection (the page shown may predate the save, and Continue must not overwrite the saved words with it), and
"Start again" asks before a new run hides the decisions and reflections of this one.

The scenario is the shipped course's closing action plan (course_content/course, shown by the workbench).
"""
import json

import pytest

from tests.support.browser import scenario_path

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
    messages = []

    def answer(dialog, accept):
        messages.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once('dialog', lambda dialog: answer(dialog, accept=False))
    block.get_by_role('button', name='Start over').click()
    assert messages and 'download your action plan first' in messages[0]
    assert block.locator('.cifal-scenario__reflection-text').count() == 1  # still where the learner was
    assert user_state(page, base_url)['reflections']['priority'] == WORDS

    page.once('dialog', lambda dialog: answer(dialog, accept=True))
    block.get_by_role('button', name='Start over').click()
    page.wait_for_load_state('networkidle')
    assert user_state(page, base_url)['reflections'] == {}
    assert block.get_by_role('button', name='Continue').count() == 1  # back at the introduction
