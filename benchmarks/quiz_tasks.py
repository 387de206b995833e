"""The quiz's measurements (run by ``benchmarks.measure`` in a process of their own), and their floors.

Reports, as a staff download or ``cifal_export`` writes them (the pre-test's block):

- ``responses.csv``, ``responses.json``, ``responses.xlsx``: the ``responses`` report, one row per attempt and
  question (20 per attempt);
- ``item-analysis.json`` and ``knowledge-gain.json``: the statistics reports (three tables each; knowledge gain
  reads the pre-test and its post-test).

Floors, the least that producing the same output can cost:

- ``floor.read-csv``: a bare read of the same rows, a plain database cursor over the columns the report needs, the
  JSON decoded by the standard library, each answer written as it is stored (the report writes it in words) and the
  texts (prompt, answer key, quiz name) looked up in a dict prepared beforehand, written by Python's ``csv`` writer;
- ``floor.writer-csv`` and ``floor.writer-xlsx``: the report's own rows, built beforehand (untimed, a chunk at a
  time so that memory stays that of a chunk), written by Python's ``csv`` writer and by XlsxWriter's
  ``constant_memory`` mode (``write_row``, a new sheet every 1,048,576 rows as the report does); only the writing
  is timed;
- ``floor.marks`` and ``floor.marks-pair``: one bare pass reading the per-question marks of every attempt (a plain
  cursor over ``scores``, the JSON decoded, each mark added to its question's sum) of the pre-test, and of both
  tests for knowledge gain.
"""
import csv
import json
import time
from collections import defaultdict

REPORT_TASKS = ('responses.csv', 'responses.json', 'responses.xlsx', 'item-analysis.json', 'knowledge-gain.json')
WRITER_FLOORS = ('floor.read-csv', 'floor.writer-csv', 'floor.writer-xlsx')
MARK_FLOORS = ('floor.marks', 'floor.marks-pair')
LABELS = {
    'responses.csv': 'responses → CSV',
    'responses.json': 'responses → JSON',
    'responses.xlsx': 'responses → XLSX',
    'item-analysis.json': 'item-analysis (3 tables → JSON)',
    'knowledge-gain.json': 'knowledge-gain (3 tables → JSON)',
    'floor.read-csv': 'floor: bare read → csv writer',
    'floor.writer-csv': 'floor: csv writer, pre-built rows',
    'floor.writer-xlsx': 'floor: XlsxWriter constant_memory, same rows',
    'floor.marks': 'floor: bare pass over the marks (pre-test)',
    'floor.marks-pair': 'floor: bare pass over the marks (both tests)',
}
CHUNK = 20_000


class Counted:
    """Rows passed through, counted."""

    def __init__(self, rows):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def run(task: str, blocks: dict, output) -> dict:
    if task.startswith('floor.'):
        return FLOORS[task](blocks, output)
    return _report(task, blocks, output)


def _report(task, blocks, output) -> dict:
    from cifal_core.exports import Report, Table  # pylint: disable=import-outside-toplevel
    from cifal_results.reports import build_report, write_report  # pylint: disable=import-outside-toplevel

    name, fmt = task.rsplit('.', 1)
    started = time.perf_counter()
    report = build_report(name, block=blocks['pre'])
    counted = [Counted(table.rows) for table in report.tables]  # counted as written: reading the file back
    report = Report(report.name, tuple(Table(table.name, table.columns, rows)  # would time the reader too
                                       for table, rows in zip(report.tables, counted, strict=True)), report.meta)
    with output.open('wb') as stream:
        write_report(report, fmt, stream)
    seconds = time.perf_counter() - started
    return {'seconds': seconds, 'rows': sum(rows.count for rows in counted), 'bytes': output.stat().st_size}


def _cursor_rows(sql: str, params):
    """Rows of a plain cursor, a thousand at a time."""
    from django.db import connection  # pylint: disable=import-outside-toplevel

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(1000):
            yield from rows


def _texts(block) -> tuple[dict, dict]:
    """The quiz's name and each question's (prompt, answer key) in words, prepared before the floor's clock runs."""
    from cifal_quiz.reports.content import ContentCache  # pylint: disable=import-outside-toplevel
    from cifal_results.models import ContentVersion  # pylint: disable=import-outside-toplevel

    contents, names, texts = ContentCache(), {}, {}
    for version in ContentVersion.objects.filter(usage_key=block).values_list('id', flat=True):
        names[version] = contents.display_name(version)
        for question in contents.content(version).questions:
            words = contents.texts(version, question.id)
            texts[version, question.id] = (words.prompt, words.correct_answer)
    return names, texts


def floor_read_csv(blocks, output) -> dict:
    block = blocks['pre']
    names, texts = _texts(block)
    started, rows = time.perf_counter(), 0
    sql = ('SELECT learner_id, course_key, usage_key, content_version_id, role, sequence, answers, scores, '
           'submitted_at FROM cifal_results_submission WHERE usage_key = %s ORDER BY id')
    with output.open('w', newline='', encoding='utf-8') as stream:
        write = csv.writer(stream).writerow
        for learner, course, usage, version, role, sequence, answers, scores, submitted in _cursor_rows(sql, [block]):
            answers = json.loads(answers)
            name = names[version]
            for score in json.loads(scores):
                question = score['id']
                prompt, key = texts[version, question]
                write((learner, course, usage, name, role, sequence, question, prompt, answers.get(question), key,
                       score['earned'], score['possible'], score['status'], submitted))
                rows += 1
    return {'seconds': time.perf_counter() - started, 'rows': rows, 'bytes': output.stat().st_size}


def _report_chunks(block):
    """The ``responses`` report's rows, a list of ``CHUNK`` at a time."""
    from itertools import batched  # pylint: disable=import-outside-toplevel

    from cifal_results.reports import build_report  # pylint: disable=import-outside-toplevel

    for chunk in batched(build_report('responses', block=block).tables[0].rows, CHUNK):
        yield list(chunk)


def floor_writer_csv(blocks, output) -> dict:
    seconds, rows = 0.0, 0
    with output.open('w', newline='', encoding='utf-8') as stream:
        writer = csv.writer(stream)
        for chunk in _report_chunks(blocks['pre']):
            started = time.perf_counter()
            writer.writerows(chunk)
            seconds += time.perf_counter() - started
            rows += len(chunk)
    return {'seconds': seconds, 'rows': rows, 'bytes': output.stat().st_size}


def floor_writer_xlsx(blocks, output) -> dict:
    """A sheet holds 1,048,576 rows: past them the rows go on in another sheet, as the report's writer does (a
    floor that stopped writing there would be cheaper than the work it stands for)."""
    import xlsxwriter  # pylint: disable=import-outside-toplevel

    from cifal_core.exports.xlsx_writer import MAX_SHEET_ROWS  # pylint: disable=import-outside-toplevel

    seconds, rows, row_number, sheets = 0.0, 0, 0, 1
    started = time.perf_counter()
    workbook = xlsxwriter.Workbook(str(output), {'constant_memory': True})
    sheet = workbook.add_worksheet('responses')
    seconds += time.perf_counter() - started
    for chunk in _report_chunks(blocks['pre']):
        started = time.perf_counter()
        for row in chunk:
            rows += 1
            row_number += 1
            if row_number == MAX_SHEET_ROWS:
                sheets += 1
                sheet = workbook.add_worksheet(f'responses ({sheets})')
                row_number = 1
            sheet.write_row(row_number, 0, row)
        seconds += time.perf_counter() - started
    started = time.perf_counter()
    workbook.close()
    seconds += time.perf_counter() - started
    return {'seconds': seconds, 'rows': rows, 'bytes': output.stat().st_size}


def _marks_pass(usage_keys) -> dict:
    started, sums, rows = time.perf_counter(), defaultdict(float), 0
    for block in usage_keys:
        for (scores,) in _cursor_rows('SELECT scores FROM cifal_results_submission WHERE usage_key = %s', [block]):
            rows += 1
            for score in json.loads(scores):
                sums[score['id']] += score['earned']
    return {'seconds': time.perf_counter() - started, 'rows': rows}


FLOORS = {
    'floor.read-csv': floor_read_csv,
    'floor.writer-csv': floor_writer_csv,
    'floor.writer-xlsx': floor_writer_xlsx,
    'floor.marks': lambda blocks, output: _marks_pass([blocks['pre']]),
    'floor.marks-pair': lambda blocks, output: _marks_pass([blocks['pre'], blocks['post']]),
}

# What each report is measured against, and the most it may cost (the targets): {report: [(floor, max)]}.
TARGETS = {
    'responses.csv': [('floor.read-csv', 1.5), ('floor.writer-csv', 2.5)],
    'responses.json': [('floor.read-csv', 1.5), ('floor.writer-csv', 2.5)],
    'responses.xlsx': [('floor.writer-xlsx', 1.3)],
    'item-analysis.json': [('floor.marks', 2.0)],
    'knowledge-gain.json': [('floor.marks-pair', 2.0)],
}
SECONDS_TARGETS = {'item-analysis.json': (100_000, 3.0), 'knowledge-gain.json': (100_000, 3.0)}
# The statistics' targets are set at 100,000 attempts (their ratios are printed at every size).
TARGET_SIZES = {'item-analysis.json': 100_000, 'knowledge-gain.json': 100_000}
