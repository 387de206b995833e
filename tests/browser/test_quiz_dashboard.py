"""A staff member opens the results dashboard under a quiz and downloads an XLSX report."""
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.support.axe import assert_no_axe_violations
from tests.support.browser import is_focused, scenario_path, tab_to

QUIZ = '.cifal-quiz'


@pytest.fixture(scope='module')
def pre_test_path(browser, base_url):
    return scenario_path(browser, base_url, 'Pre-test')


def take_quiz(page, base_url, path, student, choice):
    page.goto(f'{base_url}{path}?student={student}')
    quiz = page.locator(QUIZ)
    quiz.locator('fieldset[data-question-id="adopted"]').get_by_label(choice, exact=True).check()
    quiz.locator('.cifal-quiz__submit').click()
    expect(quiz.locator('.cifal-quiz__results')).to_be_visible()


def test_staff_open_the_dashboard_by_keyboard_and_download_xlsx(
        page, base_url, pre_test_path, student_id, staff_id, axe_available, tmp_path):
    for number, choice in enumerate(('18 December 1990', '1 July 2003', '18 December 1990')):
        take_quiz(page, base_url, pre_test_path, f'{student_id}-{number}', choice)

    page.goto(f'{base_url}{pre_test_path}?student={staff_id}')
    quiz = page.locator(QUIZ)
    toggle = quiz.locator('.cifal-dashboard__toggle')
    tab_to(page, toggle)
    page.keyboard.press('Enter')

    dashboard = quiz.locator('.cifal-dashboard')
    expect(dashboard).to_be_visible()
    expect(toggle).to_have_attribute('aria-expanded', 'true')
    assert is_focused(dashboard.locator('h4'))
    expect(dashboard.locator('.cifal-dashboard__figures').first).to_contain_text('Attempts')
    expect(dashboard.locator('svg[role="img"] title')).to_have_count(1)
    assert_no_axe_violations(page, '.cifal-dashboard')

    link = dashboard.get_by_role('link', name=re.compile(r'Excel \(XLSX\) \(Item analysis\)'))
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / 'item-analysis.xlsx'
    download_info.value.save_as(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ['questions', 'distractors', 'test']
    question_ids = {row[1] for row in workbook['questions'].iter_rows(min_row=2, values_only=True)}
    assert {'adopted', 'ratifications', 'monitor'} <= question_ids


def test_learners_see_no_dashboard(page, base_url, pre_test_path, student_id):
    page.goto(f'{base_url}{pre_test_path}?student={student_id}')

    expect(page.locator(QUIZ)).to_be_visible()
    expect(page.locator('.cifal-dashboard__toggle')).to_have_count(0)
