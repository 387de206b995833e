"""Staff read the results dashboard of the reaction questionnaire (its own tab) by keyboard and download the summary."""
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.support.axe import assert_no_axe_violations
from tests.support.browser import open_results_dashboard, scenario_path, tab_to

pytestmark = pytest.mark.browser

BLOCK = '.cifal-questionnaire'
# (objectives, applicability, recommend, group) of six respondents: objectives favourable for 4 of 6.
RESPONSES = [(5, 4, 10, 'local_gov'), (4, 5, 9, 'local_gov'), (4, 4, 8, 'local_gov'), (2, 3, 6, 'civil_society'),
             (1, 4, 9, 'civil_society'), (5, 5, 10, 'intl_org')]


@pytest.fixture(scope='module')
def spanish_path(browser, base_url):
    """The Spanish template: no other browser test answers it, so its figures are this module's own."""
    return scenario_path(browser, base_url, 'Cuestionario de satisfacción')


def respond(page, base_url, path, student, answers):
    objectives, applicability, recommend, group = answers
    page.goto(f'{base_url}{path}?student={student}')
    block = page.locator(BLOCK)
    for item_id, value in (('objectives', objectives), ('applicability', applicability),
                           ('recommend', recommend), ('group', group)):
        block.locator(f'fieldset[data-item-id="{item_id}"] input[value="{value}"]').check()
    if objectives <= 2:
        block.locator('fieldset[data-item-id="missing"] textarea').fill('=HYPERLINK("http://x","Más ejemplos")')
    block.locator('.cifal-questionnaire__submit').click()
    expect(block.locator('.cifal-questionnaire__thanks')).to_be_visible()


def test_staff_read_the_dashboard_by_keyboard_and_download_the_summary(page, base_url, spanish_path, student_id,
                                                                       staff_id, axe_available, tmp_path):
    for number, answers in enumerate(RESPONSES):
        respond(page, base_url, spanish_path, f'{student_id}-{number}', answers)

    page.goto(f'{base_url}{spanish_path}?student={staff_id}&lang=en')
    block = page.locator(BLOCK)
    tab = open_results_dashboard(page, block)

    dashboard = block.locator('.cifal-qdash')
    expect(dashboard).to_be_visible()
    expect(tab).to_have_attribute('aria-selected', 'true')
    expect(block.locator('.cifal-questionnaire__form')).to_be_hidden()  # behind the other tab
    expect(dashboard.locator('.cifal-qdash__count')).to_contain_text('6 responses.')
    useful = dashboard.locator('.cifal-qdash__indicator').filter(has_text='Useful (met its objectives)')
    expect(useful.locator('.cifal-qdash__figure')).to_have_text('67% (n = 6, 95% CI 30% to 90%)')
    recommend = dashboard.locator('.cifal-qdash__indicator').filter(has_text='Would recommend')
    expect(recommend.locator('.cifal-qdash__figure')).to_have_text('67% (n = 6, 95% CI 30% to 90%)')
    # Each bar says what it shows in words and has its counts in a table; the colours have a legend.
    chart = dashboard.locator('.cifal-qdash__chart').first
    expect(chart.locator('figcaption')).to_contain_text('67% favourable, 6 answers')
    expect(chart.locator('.cifal-qdash__legend li')).to_have_count(5)
    tab_to(page, chart.locator('summary'), max_presses=150)
    page.keyboard.press('Enter')
    expect(chart.locator('.cifal-qdash__data td').first).to_have_text('1 (17%)')
    # Groups of fewer than 5 are hidden: here every group is, with the text saying so.
    expect(dashboard.locator('.cifal-qdash__table').filter(has_text='hidden (fewer than 5)').first).to_be_visible()
    expect(dashboard).to_contain_text('=HYPERLINK')  # shown as text on the page, neutralised in the exports
    assert_no_axe_violations(page, '.cifal-qdash')

    link = dashboard.get_by_role('link', name=re.compile(r'Excel \(XLSX\)')).first
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / 'summary.xlsx'
    download_info.value.save_as(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[:5] == ['indicators', 'items', 'options', 'breakdown', 'comments']
    header, *rows = workbook['indicators'].iter_rows(values_only=True)
    indicators = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert indicators['utility']['n'] == 6 and round(indicators['utility']['favourable_percent']) == 67
    comments = [row[1] for row in workbook['comments'].iter_rows(min_row=2, values_only=True)]
    assert comments == ["'=HYPERLINK(\"http://x\",\"Más ejemplos\")"] * 2
    assert not page.js_errors, page.js_errors


def test_respondents_see_no_dashboard(page, base_url, spanish_path, student_id):
    page.goto(f'{base_url}{spanish_path}?student={student_id}')

    expect(page.locator(BLOCK)).to_be_visible()
    expect(page.get_by_role('tab')).to_have_count(0)
