"""
The quiz's results dashboard as an evaluator meets it: its own tab, reached by keyboard without tabbing through the
live quiz; the headline first (knowledge gain for a pre/post pair, mean score and pass rate otherwise, each with
its n); a French and a Spanish dashboard that draw their bars and write numbers the French and Spanish way; the
question table scrolling inside its own region on a phone, its first column staying in place, while the page never
scrolls sideways; axe-core clean. Screenshots go to test-artifacts/dashboard/ for a reviewer to look at.

French and Spanish runs check numbers (Babel's formats), never translated words: the catalogs are compiled later.
"""
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.support.axe import assert_no_axe_violations
from tests.support.browser import ARTIFACTS_DIR, describe_focus, is_focused, open_results_dashboard, scenario_path

pytestmark = pytest.mark.browser

QUIZ = '.cifal-quiz'
PHONE = {'width': 375, 'height': 740}
DESKTOP = {'width': 1280, 'height': 900}
# The pre-test and post-test of the workbench's "icrmw" pair, right and wrong answers as a learner reads them.
RIGHT = {'adopted': '18 December 1990', 'ratifications': '20', 'monitor': 'The Committee on Migrant Workers'}
WRONG = {'adopted': '1 July 2003', 'ratifications': '12', 'monitor': 'The IOM Council'}
# Questions right in each test, per learner: pre-test means 33.3%, post-test 77.8%, so the normalized gain is
# (77.8 - 33.3) / (100 - 33.3) = 0.67, a number with decimals to read in French and Spanish.
PAIR_COHORT = [(0, 3), (1, 2), (2, 2)]
NUMBER_WITH_A_DOT = re.compile(r'\d\.\d')
NO_BREAK_PERCENT = '[\u00a0\u202f]%'  # "78 %": French and Spanish put a no-break space before the sign

SUBMIT_JS = """async (choices) => {
  // Sends the learner's answers to the quiz's submit handler as the page would, reading each option's code off
  // the form by its label: the set-up of these tests, not what they check (the learner's journey has its tests).
  const quiz = document.querySelector('.cifal-quiz');
  const answers = {};
  for (const fieldset of quiz.querySelectorAll('fieldset[data-question-id]')) {
    const id = fieldset.dataset.questionId;
    if (!(id in choices)) continue;
    if (fieldset.dataset.type === 'single') {
      const input = [...fieldset.querySelectorAll('input[type=radio]')].find(
        radio => fieldset.querySelector(`label[for="${radio.id}"]`).innerText.trim() === choices[id]);
      answers[id] = input.value;
    } else {
      answers[id] = choices[id];
    }
  }
  const usage = quiz.closest('[data-usage]').dataset.usage;
  const token = decodeURIComponent((document.cookie.match(/csrftoken=([^;]+)/) || ['', ''])[1]);
  const response = await fetch(`/handler/${usage}/submit/${location.search}`, {
    method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRFToken': token},
    body: JSON.stringify({answers})});
  return response.status;
}"""

CHART_BARS_JS = """(svg) => [...svg.querySelectorAll('rect.cifal-dashboard__bar')].map(rect => {
  const box = rect.getBBox();
  return {width: box.width, height: box.height};
})"""

OUTSIDE_THE_SCREEN_JS = """(width) => [...document.querySelectorAll('.cifal-quiz *')]
  .filter(element => !element.closest('.cifal-dashboard__scroll') && element.getBoundingClientRect().right > width + 1)
  .map(element => element.tagName.toLowerCase() + '.' + String(element.className).trim().split(/\\s+/).join('.'))
  .slice(0, 5)"""


def take(page, base_url, path, student, answers):
    page.goto(f'{base_url}{path}?student={student}')
    assert page.evaluate(SUBMIT_JS, answers) == 200


def answers_right(count):
    """The pair's answers with the first ``count`` questions right and the others wrong."""
    return {question: (RIGHT if index < count else WRONG)[question] for index, question in enumerate(RIGHT)}


def screenshot(page, name, element=None):
    """The whole page (or only ``element``) in test-artifacts/dashboard/, for a reviewer to look at."""
    folder = ARTIFACTS_DIR / 'dashboard'
    folder.mkdir(parents=True, exist_ok=True)
    if element is None:
        page.screenshot(path=str(folder / f'{name}.png'), full_page=True)
    else:
        element.screenshot(path=str(folder / f'{name}.png'))


def svg_errors(page):
    """What Chromium says of SVG attributes it cannot read ("<rect> attribute x: Expected length, "2,0"")."""
    messages = []
    page.on('console', lambda message: message.type == 'error' and messages.append(message.text))
    return messages


@pytest.fixture(scope='module')
def paths(browser, base_url):
    return {name: scenario_path(browser, base_url, name) for name in ('Pre-test', 'Post-test', 'Knowledge check')}


@pytest.fixture(scope='module')
def pair_cohort(browser, base_url, paths):
    """Three learners of this module who took both tests of the pair (others may have taken only the pre-test)."""
    context = browser.new_context()
    page = context.new_page()
    for before, after in PAIR_COHORT:
        learner = f'gain_{uuid.uuid4().hex[:10]}'
        take(page, base_url, paths['Pre-test'], learner, answers_right(before))
        take(page, base_url, paths['Post-test'], learner, answers_right(after))
    context.close()


@pytest.fixture(scope='module')
def checked_knowledge(browser, base_url, paths):
    """Two learners of the knowledge check (pass mark 60%), so that its dashboard has figures in any test order."""
    context = browser.new_context()
    page = context.new_page()
    for answers in ({'migrants-2024': 'About 304 million', 'women-share': '48', 'mainstreaming': 'mainstreaming'},
                    {'migrants-2024': 'About 1 billion', 'women-share': '30'}):
        take(page, base_url, paths['Knowledge check'], f'check_{uuid.uuid4().hex[:10]}', answers)
    context.close()


def open_dashboard(page, base_url, path, staff, language='en'):
    page.goto(f'{base_url}{path}?student={staff}&lang={language}')
    quiz = page.locator(QUIZ)
    open_results_dashboard(page, quiz)
    dashboard = quiz.locator('.cifal-dashboard')
    expect(dashboard).to_be_visible()
    return quiz, dashboard


@pytest.mark.parametrize('language', ['fr', 'es'])
def test_a_french_or_spanish_pair_dashboard_draws_its_bars_and_leads_with_the_knowledge_gain(
        page, base_url, paths, pair_cohort, staff_id, language, axe_available):
    errors = svg_errors(page)
    quiz, dashboard = open_dashboard(page, base_url, paths['Post-test'], staff_id, language)

    # The bars are drawn: Chromium read every coordinate (a decimal comma would leave them empty, and say so).
    chart = dashboard.locator('svg[role="img"]')
    drawn = chart.evaluate(CHART_BARS_JS)
    assert drawn and all(bar['width'] > 0 and bar['height'] > 0 for bar in drawn), drawn
    assert not [message for message in errors if 'attribute' in message], errors
    expect(chart.locator('text.cifal-dashboard__tick').first).to_have_text('0')  # the count axis starts at 0

    # The headline: the knowledge gain first, with its n, then the post-test's mean score and pass rate.
    figures = dashboard.locator('.cifal-dashboard__figure')
    expect(figures).to_have_count(3)
    gain = figures.nth(0)
    expect(gain).to_have_class(re.compile('cifal-dashboard__figure--main'))
    expect(gain.locator('.cifal-dashboard__value')).to_have_text(re.compile(r'^0,67\b'))
    expect(gain.locator('.cifal-dashboard__detail')).to_contain_text('n = 3')
    expect(figures.nth(1).locator('.cifal-dashboard__value')).to_have_text(re.compile(f'^78{NO_BREAK_PERCENT}$'))
    expect(figures.nth(1).locator('.cifal-dashboard__detail')).to_contain_text('n = 3')
    expect(figures.nth(2).locator('.cifal-dashboard__value')).to_have_text(re.compile(f'^100{NO_BREAK_PERCENT}$'))
    # Every figure people read is in their format: "0,67", "33 %", never "0.67" or "33.33".
    for region in ('.cifal-dashboard__headline', '.cifal-dashboard__items', '.cifal-dashboard__figures'):
        for text in dashboard.locator(region).all_inner_texts():
            assert not NUMBER_WITH_A_DOT.search(text), text
    expect(dashboard.locator('.cifal-dashboard__figures')).to_contain_text(re.compile(f'33{NO_BREAK_PERCENT}'))
    assert_no_axe_violations(page, QUIZ)
    assert not page.js_errors, page.js_errors
    screenshot(page, f'pair-{language}-desktop')


def test_a_quiz_without_a_pair_leads_with_mean_score_and_pass_rate_each_with_its_n(
        page, base_url, paths, checked_knowledge, staff_id, axe_available):
    quiz, dashboard = open_dashboard(page, base_url, paths['Knowledge check'], staff_id)

    figures = dashboard.locator('.cifal-dashboard__figure')
    expect(figures.locator('dt')).to_have_text(['Mean score', 'Pass rate'])
    expect(figures.nth(0).locator('.cifal-dashboard__detail')).to_have_text(re.compile(r'^n = \d+ learners?$'))
    expect(figures.nth(1).locator('.cifal-dashboard__detail')).to_have_text(
        re.compile(r'^\d+ of \d+ learners? reached the pass mark of 60%$'))
    expect(dashboard).not_to_contain_text('Knowledge gain')

    # Each statistic says what it means and where its thresholds lie, and links to how it is computed.
    key = dashboard.locator('.cifal-dashboard__key').first
    expect(key).to_contain_text('Below 20% the question is hard')
    expect(key).to_contain_text('Below 15% the question is flagged for review')
    expect(dashboard.locator('.cifal-dashboard__key').nth(1)).to_contain_text('Above 75%')
    link = dashboard.get_by_role('link', name='How these figures are computed')
    link.focus()
    page.keyboard.press('Enter')
    expect(page).to_have_url(re.compile(r'-definitions$'))
    expect(dashboard.get_by_role('heading', name='How the figures are computed')).to_be_in_viewport()

    # The question table: the quiz's question numbers, n per question, a verdict in words for every question.
    rows = dashboard.locator('.cifal-dashboard__items tbody tr')
    expect(rows).to_have_count(6)
    expect(rows.locator('th .cifal-dashboard__number')).to_have_text([f'Question {n}' for n in range(1, 7)])
    for index in range(6):
        row = rows.nth(index)
        expect(row.locator('td').first).to_have_text(re.compile(r'^\d+$'))  # n
        verdict = row.locator('.cifal-dashboard__verdict')
        expect(verdict).not_to_have_text(re.compile(r'^\s*(OK)?\s*$'))
        if 'cifal-dashboard__flagged' in (row.get_attribute('class') or ''):
            expect(row.locator('th')).to_contain_text('Needs review')
            expect(verdict.locator('li').first).to_have_text(re.compile(r'\w+.{30,}'))  # the reason, in words
    # A long prompt shows its first words; the whole of it opens from the keyboard.
    long_prompt = rows.nth(1).locator('details')
    long_prompt.locator('summary').focus()
    page.keyboard.press('Enter')
    expect(long_prompt.locator('p')).to_have_text(
        'Which of these are cited as obstacles to ratifying the Migrant Workers Convention? Select all that apply.')
    assert_no_axe_violations(page, QUIZ)
    screenshot(page, 'knowledge-check-en-desktop')


@pytest.mark.parametrize('language', ['en', 'fr'])
def test_on_a_phone_the_question_table_scrolls_in_its_region_and_the_page_never_sideways(
        page, base_url, paths, checked_knowledge, staff_id, language, axe_available):
    page.set_viewport_size(PHONE)
    quiz, dashboard = open_dashboard(page, base_url, paths['Knowledge check'], staff_id, language)

    assert page.evaluate('() => document.documentElement.scrollWidth') <= PHONE['width']
    assert page.evaluate(OUTSIDE_THE_SCREEN_JS, PHONE['width']) == []
    region = dashboard.locator('.cifal-dashboard__scroll').filter(has=page.locator('.cifal-dashboard__items')).first
    expect(region).to_have_attribute('role', 'region')
    assert region.evaluate('element => element.scrollWidth > element.clientWidth')  # wider: it scrolls, inside
    screenshot(page, f'knowledge-check-{language}-phone')

    # By keyboard: the region takes the focus and scrolls with the arrow keys; the question column stays put.
    first_cell = region.locator('tbody th').first
    left_before = first_cell.evaluate('element => element.getBoundingClientRect().left')
    region.focus()
    for _ in range(8):
        page.keyboard.press('ArrowRight')
    page.wait_for_function('element => element.scrollLeft > 0', arg=region.element_handle())
    assert first_cell.evaluate('element => element.getBoundingClientRect().left') == pytest.approx(left_before, abs=1)
    assert page.evaluate('() => document.documentElement.scrollWidth') <= PHONE['width']
    region.evaluate('element => { element.scrollLeft = element.scrollWidth; }')  # the last column, for the picture
    screenshot(page, f'knowledge-check-{language}-phone-table-scrolled', region)
    assert_no_axe_violations(page, QUIZ)


def test_staff_reach_the_dashboard_by_keyboard_without_tabbing_through_the_live_form(
        page, base_url, paths, checked_knowledge, staff_id, axe_available):
    page.goto(f'{base_url}{paths["Knowledge check"]}?student={staff_id}')
    quiz = page.locator(QUIZ)
    form = quiz.locator('.cifal-quiz__form')
    expect(form).to_be_visible()  # the quiz as learners see it is the tab staff land on
    learners_tab, dashboard_tab = quiz.get_by_role('tab', name='What learners see'), quiz.get_by_role(
        'tab', name='Results dashboard')

    # From the top of the page, Tab reaches the tabs before any of the quiz's controls.
    path = []
    while not is_focused(learners_tab):
        page.keyboard.press('Tab')
        path.append(describe_focus(page))
        assert not form.evaluate('element => element.contains(document.activeElement)'), path
        assert len(path) < 10, path
    page.keyboard.press('ArrowRight')
    assert is_focused(dashboard_tab), describe_focus(page)
    expect(dashboard_tab).to_have_attribute('aria-selected', 'true')
    expect(quiz.locator('.cifal-dashboard')).to_be_visible()
    expect(form).to_be_hidden()
    page.keyboard.press('Tab')
    assert is_focused(quiz.get_by_role('tabpanel', name='Results dashboard')), describe_focus(page)
    assert_no_axe_violations(page, QUIZ)
    screenshot(page, 'staff-tabs-dashboard')

    # And back to the quiz: Shift+Tab to the tabs, Home to the first; the dashboard stays loaded behind its tab.
    page.keyboard.press('Shift+Tab')
    assert is_focused(dashboard_tab), describe_focus(page)
    page.keyboard.press('Home')
    assert is_focused(learners_tab), describe_focus(page)
    expect(form).to_be_visible()
    expect(quiz.locator('.cifal-dashboard')).to_be_hidden()
    page.keyboard.press('End')
    expect(quiz.locator('.cifal-dashboard')).to_be_visible()
    assert not page.js_errors, page.js_errors
