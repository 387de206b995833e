"""The staff results dashboard under the quiz and its downloads: staff only, the same figures as the exports."""
import csv
import io
import re

import openpyxl
import pytest

from tests.integration.quizzes import PERFECT, all_types
from tests.support.workbench_fixtures import handler_url, post_json

LEARNERS = {
    'l1': PERFECT,
    'l2': {**PERFECT, 'q1': 'a'},
    'l3': {'q1': 'b', 'q2': ['x'], 'q4': '=HYPERLINK("http://evil","x")'},
    'l4': {'q1': 'a'},
}


@pytest.fixture
def quiz(client, workbench):
    usage_id = workbench.add_scenario('dashboard-quiz', all_types(role='pre', pair='gain-pair'))
    for student, answers in LEARNERS.items():
        post_json(client, usage_id, 'submit', student, {'answers': answers})
    return usage_id


def download(client, quiz, student, **query):
    params = '&'.join(f'{key}={value}' for key, value in query.items())
    return client.get(f'{handler_url(quiz, "download_report", student)}&{params}')


def test_learners_get_neither_the_dashboard_nor_the_downloads(client, quiz):
    page = client.get('/view/dashboard-quiz/?student=l1').content.decode()

    assert 'cifal-dashboard' not in page and 'dashboard.js' not in page
    assert post_json(client, quiz, 'dashboard', 'l1', {}).status_code == 403
    assert download(client, quiz, 'l1', report='responses', format='csv').status_code == 403


def test_staff_see_the_figures_the_chart_and_the_item_table(client, quiz):
    page = client.get('/view/dashboard-quiz/?student=staff_ev').content.decode()
    assert 'role="tablist"' in page and 'data-dashboard-tab' in page  # the dashboard's own tab, above the form

    response = post_json(client, quiz, 'dashboard', 'staff_ev', {})

    assert response.status_code == 200
    html = response.json()['html']
    assert '4 learners, 4 attempts.' in html
    # A pre-test of a pair whose post-test nobody took yet: the gain comes first, and says why it is missing.
    assert html.index('Knowledge gain') < html.index('Mean score') < html.index('Pass rate')
    assert 'No learner has taken both tests yet (n = 0).' in html and 'n = 4 learners' in html
    assert 'role="img"' in html and '<title id=' in html  # the chart has a text alternative
    assert 'Learners per score band' in html  # and its figures as a table
    items = html[html.index('Questions, in the order of the quiz'):html.index('The quiz as a whole')]
    assert [f'Question {number}' in items for number in range(1, 7)] == [True] * 6  # one row per question
    assert items.count('<tr class="cifal-dashboard__item') == 6


def test_staff_download_an_xlsx_that_reads_back(client, quiz):
    response = download(client, quiz, 'staff_ev', report='item-analysis', format='xlsx')

    assert response.status_code == 200
    assert 'item-analysis.xlsx' in response['Content-Disposition']
    workbook = openpyxl.load_workbook(io.BytesIO(b''.join(response.streaming_content)
                                                 if response.streaming else response.content))
    assert workbook.sheetnames == ['questions', 'distractors', 'test']
    assert workbook['questions']['B1'].value == 'question_id'
    assert {row[1] for row in workbook['questions'].iter_rows(min_row=2, values_only=True)} == set(PERFECT)


def test_the_responses_download_is_anonymous_and_neutralises_formulas(client, quiz):
    response = download(client, quiz, 'staff_ev', report='responses', format='csv')

    text = response.content.decode('utf-8-sig')
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4 * 6
    assert 'username' not in rows[0] and not any('l3' in value for row in rows for value in row.values())
    hostile = next(row for row in rows if row['question_id'] == 'q4' and row['answer'].startswith("'"))
    assert hostile['answer'] == '\'=HYPERLINK("http://evil","x")'


def test_an_unknown_report_is_refused(client, quiz):
    assert download(client, quiz, 'staff_ev', report='everything', format='csv').status_code == 400
    assert download(client, quiz, 'staff_ev', report='responses', format='pdf').status_code == 400


def test_a_french_dashboard_formats_the_numbers_people_read_and_never_those_the_chart_draws(client, quiz):
    response = client.post(handler_url(quiz, 'dashboard', 'staff_ev') + '&lang=fr', data='{}',
                           content_type='application/json')

    html = response.json()['html']
    # "12,5" in an SVG attribute is two numbers to a browser, which then draws nothing.
    chart = html[html.index('<svg'):html.index('</svg>')]
    coordinates = re.findall(r'\s(?:x|y|x1|y1|x2|y2|width|height)="([^"]*)"', chart)
    assert coordinates and all(re.fullmatch(r'-?\d+(\.\d+)?', value) for value in coordinates), coordinates
    assert '<rect' in chart
    # What people read follows French typography: "50 %", with a no-break space (Babel's CLDR data), never "50%".
    text = re.sub(r'<[^>]+>', ' ', html)
    assert '50\u00a0%' in text and not re.search(r'\d%', text)
