"""A staff member opens the results dashboard of a quiz (its own tab) and downloads an XLSX report."""
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.support.axe import assert_no_axe_violations
from tests.support.browser import describe_focus, is_focused, open_results_dashboard, scenario_path

QUIZ = '.cifal-quiz'


@pytest.fixture(scope='module')
def pre_test_path(browser, base_url):
    return scenario_path(browser, base_url, 'Pre-test')


def take_quiz(page, base_url, path, student, choice):
    page.goto(f'{base_url}{path}?student={student}')
    quiz = page.locator(QUIZ)
    quiz.locator('fieldset[data-question-id="adopted"]').get_by_label(choice, exact=True).check()
    quiz.locator('.cifal-quiz__submit').click()
    quiz.locator('.cifal-dialog__confirm').click()  # a pre-test's only attempt, questions left: Submit asks first
    expect(quiz.locator('.cifal-quiz__results')).to_be_visible()


def test_staff_open_the_dashboard_by_keyboard_and_download_xlsx(
        page, base_url, pre_test_path, student_id, staff_id, axe_available, tmp_path):
    for number, choice in enumerate(('18 December 1990', '1 July 2003', '18 December 1990')):
        take_quiz(page, base_url, pre_test_path, f'{student_id}-{number}', choice)

    page.goto(f'{base_url}{pre_test_path}?student={staff_id}')
    quiz = page.locator(QUIZ)
    tab = open_results_dashboard(page, quiz)

    dashboard = quiz.locator('.cifal-dashboard')
    expect(dashboard).to_be_visible()
    expect(tab).to_have_attribute('aria-selected', 'true')
    expect(quiz.locator('.cifal-quiz__form')).to_be_hidden()  # the live form is behind the other tab
    page.keyboard.press('Tab')
    assert is_focused(quiz.get_by_role('tabpanel', name='Results dashboard')), describe_focus(page)
    expect(dashboard.locator('.cifal-dashboard__headline')).to_contain_text('Mean score')
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
    expect(page.get_by_role('tab')).to_have_count(0)
    expect(page.locator('.cifal-dashboard-panel')).to_have_count(0)
