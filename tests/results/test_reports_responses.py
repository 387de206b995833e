"""The ``responses`` report on attempts made through the real handlers: words, attempts, laziness, anonymity."""
import copy
import csv
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cifal_quiz.reports.responses import COLUMNS
from cifal_results.reports import IdentifiedExportsDisabled, build_report, write_report
from tests.results.test_reports_data import HOSTILE, ITEM_ATTEMPTS, gain_pair, item_quiz, submit


@pytest.fixture
def quiz(client, workbench):
    return item_quiz(client, workbench)


def rows_of(report, table=None):
    chosen = report.table(table)
    return [dict(zip(chosen.columns, row, strict=True)) for row in chosen.rows]


def by_learner(rows, workbench, quiz):
    ids = {}
    for student in ('ana', 'ben', 'cy', 'dot'):
        block = workbench.block(quiz, student)
        ids[block.runtime.service(block, 'user').get_current_user().opt_attrs[
            'edx-platform.anonymous_user_id']] = student
    return [(ids[row['anonymous_id']], row) for row in rows]


def test_one_row_per_learner_attempt_and_question_in_words(quiz, workbench):
    rows = rows_of(build_report('responses', block=quiz))
    assert len(rows) == len(ITEM_ATTEMPTS) * 3
    assert tuple(rows[0]) == COLUMNS
    named = by_learner(rows, workbench, quiz)
    ana_second = [row for student, row in named if student == 'ana' and row['attempt'] == 2]
    assert [(row['question_id'], row['answer'], row['correct_answer'], row['points'], row['status'])
            for row in ana_second] == [
        ('q1', '304 million', '304 million', 1.0, 'correct'),
        ('q2', 'Low awareness; Pull effect', 'Low awareness; Pull effect', 1.0, 'correct'),
        ('q3', 'Mainstreaming', 'mainstreaming', 1.0, 'correct'),
    ]
    first = ana_second[0]
    assert first['prompt'] == 'How many international migrants?'  # plain text, no <em>
    assert (first['course'], first['block'], first['quiz'], first['role']) == (
        'workbench', quiz, 'Migration basics', 'knowledge_check')
    assert (first['max_points'], first['submitted_at'][-1], len(first['submitted_at'])) == (1.0, 'Z', 20)
    ben_first = [row for student, row in named if student == 'ben' and row['attempt'] == 1]
    assert [(row['answer'], row['status']) for row in ben_first] == [
        ('1 billion', 'incorrect'), ('', 'unanswered'), ('-2+3', 'incorrect')]


def test_kept_attempts_only(quiz, workbench):
    rows = rows_of(build_report('responses', block=quiz, attempts='kept'))
    attempts = {(student, row['attempt']) for student, row in by_learner(rows, workbench, quiz)}
    assert attempts == {('ana', 2), ('ben', 2), ('cy', 1), ('dot', 1)}


def test_answers_stay_in_the_words_of_the_version_the_learner_saw(quiz, workbench, client):
    author = workbench.block(quiz, 'author')
    definition = copy.deepcopy(author.definition)
    definition['questions'][0]['choices'][1]['html'] = '<p>About 304 million</p>'
    author.definition = definition
    author.save()
    submit(client, quiz, 'eve', {'q1': 'b'})

    q1 = [row for row in rows_of(build_report('responses', block=quiz)) if row['question_id'] == 'q1']
    assert {row['answer'] for row in q1[:-1]} >= {'304 million'}
    assert q1[-1]['answer'] == q1[-1]['correct_answer'] == 'About 304 million'


def test_building_the_report_reads_nothing_until_rows_are_written(quiz):
    with CaptureQueriesContext(connection) as building:
        report = build_report('responses', course='workbench')
        rows = iter(report.tables[0].rows)
    with CaptureQueriesContext(connection) as writing:
        next(rows)
    assert len(building) == 0
    assert len(writing) > 0


def test_hostile_answers_are_inert_in_csv_and_xlsx(quiz):
    stream = io.BytesIO()
    write_report(build_report('responses', block=quiz), 'csv', stream)
    answers = [row[COLUMNS.index('answer')] for row in csv.reader(io.StringIO(stream.getvalue().decode('utf-8-sig')))]
    assert sorted(answer for answer in answers if answer.startswith("'")) == sorted("'" + text for text in HOSTILE)

    stream = io.BytesIO()
    write_report(build_report('responses', block=quiz), 'xlsx', stream)
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))['responses']
    cells = [row[COLUMNS.index('answer')] for row in sheet.iter_rows(min_row=2)]
    hostile = [cell for cell in cells if cell.value and cell.value.startswith("'")]
    assert sorted(cell.value for cell in hostile) == sorted("'" + text for text in HOSTILE)
    assert {cell.data_type for cell in hostile} == {'s'}
    assert sheet.cell(2, COLUMNS.index('points') + 1).data_type == 'n'


def test_exports_are_anonymous_by_default(client, workbench, quiz):
    gain_pair(client, workbench)
    for name in ('responses', 'item-analysis', 'knowledge-gain'):
        for fmt in ('csv', 'json'):
            stream = io.BytesIO()
            write_report(build_report(name, course='workbench'), fmt, stream)
            text = stream.getvalue().decode('utf-8-sig')
            assert '@example.com' not in text and 'Workbench user' not in text
            assert not {'ana', 'ben', 'username', 'email'} & set(text.replace(',', ' ').replace('"', ' ').split())


def test_identified_exports_need_the_setting(quiz):
    with pytest.raises(IdentifiedExportsDisabled, match='IDENTIFIED_EXPORTS'):
        build_report('responses', block=quiz, identified=True)


def test_identified_exports_name_the_learners_when_the_setting_is_on(quiz, settings):
    settings.CIFAL_RESULTS = {'IDENTIFIED_EXPORTS': True}
    report = build_report('responses', block=quiz, identified=True, attempts='kept')
    assert report.tables[0].columns[:5] == ('anonymous_id', 'username', 'name', 'email', 'course')
    stream = io.BytesIO()
    write_report(report, 'json', stream)
    rows = json.loads(stream.getvalue())['tables']['responses']['rows']
    assert {tuple(row[1:4]) for row in rows} == {
        (student, f'Workbench user {student}', f'{student}@example.com') for student in ('ana', 'ben', 'cy', 'dot')}
    assert build_report('responses', block=quiz).tables[0].columns == COLUMNS  # still anonymous unless asked
