"""The staff results dashboard under the quiz and its downloads: staff only, the same figures as the exports."""
import csv
import io

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
    assert 'cifal-dashboard__toggle' in page

    response = post_json(client, quiz, 'dashboard', 'staff_ev', {})

    assert response.status_code == 200
    html = response.json()['html']
    assert '<dt>Learners</dt><dd>4</dd>' in html and '<dt>Attempts</dt><dd>4</dd>' in html
    assert 'role="img"' in html and '<title id=' in html  # the chart has a text alternative
    assert 'Learners per score band' in html  # and its figures as a table
    assert html.count('<tr class="') == 6  # one row per question
    assert 'Knowledge gain' in html


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
