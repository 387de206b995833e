"""
Trainers and authors in the browser: a staff member opens the scenario's dashboard by keyboard (the paths drawn and
tabled, the choices counted) and downloads the summary; an author builds a small scenario in the Studio editor by
keyboard, is told what is wrong next to the control to fix, and a learner then plays it. Every view passes axe-core.
"""
import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_quiz_studio import choose_with_arrows, fill, press
from tests.support.axe import assert_no_axe_violations
from tests.support.browser import describe_focus, is_focused, open_results_dashboard, scenario_path, tab_to

pytestmark = pytest.mark.browser

BLOCK = '.cifal-scenario'
EDITOR = '.cifal-studio'


@pytest.fixture(scope='module')
def water_path(browser, base_url):
    return scenario_path(browser, base_url, 'Case scenario: diaspora funding')


@pytest.fixture(scope='module')
def empty_path(browser, base_url):
    return scenario_path(browser, base_url, 'New scenario for authors')


def play_water(page, base_url, path, student):
    """A learner's run through the diaspora scenario, by mouse (what is tested here is the staff's view)."""
    page.goto(f'{base_url}{path}?student={student}')
    block = page.locator(BLOCK)
    for choice in ('Match their money', 'Set up a community'):
        block.get_by_label(choice).check()
        block.get_by_role('button', name='Choose').click()
        expect(block.get_by_role('heading', name='What happened')).to_be_visible()
    block.get_by_role('button', name='Continue').click()
    expect(block.locator('.cifal-scenario__node')).to_have_attribute('data-node-type', 'reflection')
    block.get_by_role('button', name='Continue').click()
    expect(block.locator('.cifal-scenario__outcome')).to_contain_text('second project')


def test_staff_read_the_dashboard_by_keyboard_and_download_the_summary(page, base_url, water_path, student_id,
                                                                       staff_id, axe_available):
    play_water(page, base_url, water_path, student_id)
    page.goto(f'{base_url}{water_path}?student={staff_id}')
    block = page.locator(BLOCK)
    expect(block.get_by_role('tab', name='Results dashboard')).to_have_attribute('aria-selected', 'false')
    tab = open_results_dashboard(page, block)
    dashboard = block.locator('.cifal-sdash')
    expect(dashboard).to_be_visible()
    expect(dashboard.get_by_role('heading', name='Results of this scenario')).to_be_visible()
    expect(tab).to_have_attribute('aria-selected', 'true')
    expect(block.locator('.cifal-scenario__stage')).to_be_hidden()
    expect(dashboard.locator('svg[role="img"] title')).to_have_text('San Isidro: a well paid for from abroad')
    expect(dashboard.locator('table').first).to_contain_text('The hometown association')
    match = dashboard.get_by_role('table', name="The hometown association's offer").locator('tr', has_text='Match')
    expect(match.locator('td').nth(1)).not_to_have_text('0')
    assert_no_axe_violations(page, BLOCK)

    link = dashboard.locator('li', has_text='Summary').get_by_role('link', name='CSV')
    tab_to(page, link, max_presses=150)
    with page.expect_download() as download:
        page.keyboard.press('Enter')
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding='utf-8-sig'))))
    assert rows[0][:3] == ['learners_started', 'learners_finished', 'completion_percent']


def test_an_author_builds_a_scenario_by_keyboard_and_a_learner_plays_it(page, base_url, empty_path, staff_id,
                                                                        student_id, axe_available):
    assert page.goto(f'{base_url}{empty_path}studio_view/?student={staff_id}').status == 200
    editor = page.locator(EDITOR)
    expect(editor).to_be_visible()
    assert_no_axe_violations(page, EDITOR)

    choose_with_arrows(page, editor.get_by_label('Type of the new node', exact=True), 'decision')
    press(page, editor.get_by_role('button', name='Add a node'))
    decision = editor.locator('.cifal-sq').nth(0)  # locators are lazy: .last would be the end, later
    assert is_focused(decision.get_by_label('Title (the situation)')), describe_focus(page)
    page.keyboard.type('The square')
    fill(page, decision.get_by_label('Choice 1 (HTML)', exact=True), 'Open a shelter')
    fill(page, decision.get_by_label('Choice 2 (HTML)', exact=True), 'Wait and see')

    choose_with_arrows(page, editor.get_by_label('Type of the new node', exact=True), 'end')
    press(page, editor.get_by_role('button', name='Add a node'))
    end = editor.locator('.cifal-sq').nth(1)
    page.keyboard.type('Later')
    fill(page, end.get_by_label('Outcome 1 (HTML)', exact=True), 'BUILT-END')

    # Saving before the choices lead anywhere: refused, each problem next to its control.
    press(page, editor.get_by_role('button', name='Save'))
    summary = editor.locator('.cifal-studio__summary')
    expect(summary).to_contain_text('to fix')
    assert is_focused(summary), describe_focus(page)
    target = decision.get_by_label('Choice 1 leads to', exact=True)
    expect(target).to_have_attribute('aria-invalid', 'true')
    assert_no_axe_violations(page, EDITOR)

    choose_with_arrows(page, target, 'n2')
    choose_with_arrows(page, decision.get_by_label('Choice 2 leads to', exact=True), 'n2')
    press(page, editor.get_by_role('button', name='Save'))
    expect(editor.locator('.cifal-studio__status')).to_have_text('The scenario is saved.')
    expect(editor.locator('.cifal-studio__drawing svg')).to_be_visible()  # the preview, from what was saved

    page.goto(f'{base_url}{empty_path}?student={student_id}')
    block = page.locator(BLOCK)
    block.get_by_label('Open a shelter').check()
    block.get_by_role('button', name='Choose').click()
    expect(block.locator('.cifal-scenario__outcome')).to_have_text('BUILT-END')


def test_the_editor_and_the_author_s_view_fit_a_phone(browser, base_url, water_path, staff_id, axe_available):
    context = browser.new_context(viewport={'width': 375, 'height': 740})
    page = context.new_page()
    try:
        for view in ('studio_view', 'author_view'):
            assert page.goto(f'{base_url}{water_path}{view}/?student={staff_id}&lang=es').status == 200
            expect(page.locator('.cifal-studio, .cifal-scenario--author').first).to_be_visible()
            assert page.evaluate('() => document.documentElement.scrollWidth') <= 375, view
        assert_no_axe_violations(page, '.cifal-scenario--author')
    finally:
        context.close()
