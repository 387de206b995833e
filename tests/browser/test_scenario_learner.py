"""
A learner works through the Riverton case scenario on a phone-sized screen (375 px) with the KEYBOARD ONLY (Tab,
Space, Enter; never a click), as a screen-reader or switch user would: each choice's consequence takes the focus,
the indicator changes are announced, the self-check gives its feedback at once, the reflection is saved as they
type, and the end shows the outcome, the path, the journey and their action plan, which they download as a Word
document (read back with python-docx). Another learner leaves and comes back: the run resumes where they were.

The scenario is xblocks/cifal_scenario/scenarios/01_riverton_transit_en.xml (graded, Back allowed).
"""
import re

import docx
import pytest
from playwright.sync_api import expect

from tests.support.axe import assert_no_axe_violations
from tests.support.browser import describe_focus, is_focused, scenario_path, tab_to

pytestmark = pytest.mark.browser

BLOCK = '.cifal-scenario'
PHONE = {'width': 375, 'height': 740}
PLAN = 'Count arrivals at the terminal every week.'


@pytest.fixture(scope='module')
def riverton_path(browser, base_url):
    return scenario_path(browser, base_url, 'Case scenario: transit arrivals in Riverton')


@pytest.fixture(scope='module')
def french_path(browser, base_url):
    return scenario_path(browser, base_url, 'Scénario : tensions dans un quartier')


def fits_the_screen(page):
    return page.evaluate('() => document.documentElement.scrollWidth') <= PHONE['width']


def node(block):
    return block.locator('.cifal-scenario__node')


def pick(page, block, text):
    """Tab to the option whose label has ``text`` and check it with Space (radios: Tab reaches the group once,
    then the arrow keys move within it)."""
    option = block.get_by_label(text)
    first = block.locator('.cifal-scenario__options input').first
    tab_to(page, first, max_presses=80)
    for _ in range(block.locator('.cifal-scenario__options input').count()):
        if is_focused(option):
            break
        page.keyboard.press('ArrowDown')
    page.keyboard.press('Space')
    expect(option).to_be_checked()


def press(page, button):
    tab_to(page, button, max_presses=80)
    page.keyboard.press('Enter')


def test_a_learner_runs_the_scenario_on_a_phone_by_keyboard_and_downloads_the_plan(browser, base_url, riverton_path,
                                                                                   student_id, axe_available):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on('pageerror', lambda error: errors.append(str(error)))
    try:
        assert page.goto(f'{base_url}{riverton_path}?student={student_id}').status == 200
        block = page.locator(BLOCK)
        expect(node(block)).to_have_attribute('data-node-type', 'decision')
        services = block.locator('.cifal-meter[data-indicator="services"]')
        expect(services.locator('meter')).to_have_attribute('value', '40')
        expect(services.locator('.cifal-meter__value')).to_have_text('40 (from 0 to 100)')
        assert fits_the_screen(page) and block.locator('fieldset legend').count() == 1
        assert_no_axe_violations(page, BLOCK)

        # A decision: the consequence's heading takes the focus; the live region reads the changes.
        pick(page, block, 'Count and survey the people arriving at the bus terminal first')
        press(page, block.get_by_role('button', name='Choose'))
        heading = block.get_by_role('heading', name='What happened')
        expect(heading).to_be_visible()
        assert is_focused(heading), f'after choosing, focus is on {describe_focus(page)}'
        expect(block.locator('.cifal-scenario__announcer')).to_have_text(
            'Service capacity: 40 to 50 (+10). Budget left (k EUR): 300 to 280 (\u221220)')
        expect(services.locator('.cifal-meter__value')).to_contain_text('(+10 just now)')  # in words, not colour
        expect(block.locator('.cifal-scenario__consequence')).to_contain_text('Displacement Tracking Matrix')
        assert fits_the_screen(page)
        assert_no_axe_violations(page, BLOCK)

        # A self-check: feedback at once, focus on the result.
        expect(node(block)).to_have_attribute('data-node-type', 'check')
        pick(page, block, 'Objective 15')
        press(page, block.get_by_role('button', name='Check my answer'))
        status = block.locator('.cifal-scenario__status')
        expect(status).to_contain_text('Not quite.')
        assert is_focused(status), describe_focus(page)
        expect(block.locator('.cifal-option__feedback')).to_have_text('Objective 15 is about access to basic services.')
        assert_no_axe_violations(page, BLOCK)
        press(page, block.get_by_role('button', name='Continue'))

        # Two more decisions, then the reflection, saved as it is typed.
        expect(node(block)).to_have_attribute('data-node-id', 'n3')
        pick(page, block, 'Open the hall as a shelter with an information point')
        press(page, block.get_by_role('button', name='Choose'))
        expect(node(block)).to_have_attribute('data-node-id', 'n4')
        pick(page, block, 'Keep a firewall: care without immigration checks')
        press(page, block.get_by_role('button', name='Choose'))
        text = block.get_by_label('Your answer (it goes into your action plan)')
        tab_to(page, text, max_presses=80)
        page.keyboard.type(PLAN)
        expect(block.locator('.cifal-scenario__save-status')).to_have_text('Your answers are saved.', timeout=15_000)
        assert_no_axe_violations(page, BLOCK)
        press(page, block.get_by_role('button', name='Continue'))

        # The end: outcome, path, journey, plan; and the plan as a Word document.
        expect(node(block)).to_have_attribute('data-node-type', 'end')
        expect(block.locator('.cifal-scenario__outcome')).to_contain_text('Riverton is ready to talk')
        expect(block.locator('.cifal-scenario__path > li')).to_have_count(3)
        journey = block.locator('.cifal-scenario__journey tbody tr')
        expect(journey.filter(has_text='Service capacity')).to_contain_text('+40')
        expect(block.locator('.cifal-scenario__own-words')).to_have_text(PLAN)
        assert fits_the_screen(page), 'the end is wider than a 375 px screen'
        assert_no_axe_violations(page, BLOCK)
        link = block.get_by_role('link', name='Download my action plan (Word)')
        tab_to(page, link, max_presses=120)
        with page.expect_download() as download:
            page.keyboard.press('Enter')
        document = docx.Document(str(download.value.path()))
        paragraphs = [paragraph.text for paragraph in document.paragraphs]
        assert PLAN in paragraphs and 'My action plan' in paragraphs
        assert any('Plan from data' in paragraph for paragraph in paragraphs)
        assert not errors, errors
    finally:
        context.close()


def test_a_run_resumes_where_the_learner_left_and_back_puts_the_indicators_back(page, base_url, riverton_path,
                                                                                student_id):
    page.goto(f'{base_url}{riverton_path}?student={student_id}')
    block = page.locator(BLOCK)
    block.get_by_label('Ask the police for an estimate').check()
    block.get_by_role('button', name='Choose').click()
    expect(node(block)).to_have_attribute('data-node-id', 'n3')

    page.reload()  # another device, the next day: the same step, the same figures
    block = page.locator(BLOCK)
    expect(node(block)).to_have_attribute('data-node-id', 'n3')
    expect(block.locator('.cifal-meter[data-indicator="services"] meter')).to_have_attribute('value', '35')

    block.get_by_role('button', name='Back').click()
    expect(node(block)).to_have_attribute('data-node-id', 'n1')
    expect(block.locator('.cifal-meter[data-indicator="services"] meter')).to_have_attribute('value', '40')
    expect(block.locator('.cifal-scenario__announcer')).to_have_text(re.compile('Service capacity: 35 to 40'))
    assert not page.js_errors, page.js_errors


def test_the_french_scenario_speaks_french(page, base_url, french_path, student_id, axe_available):
    page.goto(f'{base_url}{french_path}?student={student_id}&lang=fr')
    block = page.locator(BLOCK)
    expect(block.locator('.cifal-scenario__heading').first).to_have_text('Situation actuelle')
    block.get_by_label('Lancer une stratégie anti-rumeurs, sur le modèle de Barcelone').check()
    block.get_by_role('button', name='Choisir').click()
    expect(block.get_by_role('heading', name='Ce qui s’est passé')).to_be_focused()
    for english in ('What happened', 'You chose', 'Choose', 'Where things stand', 'Back', 'Start over'):
        assert english not in block.inner_text(), f'untranslated on the French page: {english!r}'
    assert_no_axe_violations(page, BLOCK)
