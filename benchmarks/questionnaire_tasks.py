"""The questionnaire's measurements (run by ``benchmarks.measure`` in a process of their own).

- ``questionnaire-summary``: the ``questionnaire-summary`` report (indicators, items, options, breakdowns, comments)
  written as JSON, which reads every response, tallies it and lays out the five tables;
- ``questionnaire-responses``: the ``questionnaire-responses`` report (one row per response and item) as CSV;
- ``questionnaire-plain``: the floor, a plain Python pass over the same rows: read each response's JSON from the
  database and count its answers per item and point, with nothing else (no cleaning, no figures, no output).
"""
import csv
import json
import time
from collections import Counter, defaultdict

TASKS = (
    ('questionnaire-summary', 'questionnaire-summary (5 tables → JSON)'),
    ('questionnaire-responses', 'questionnaire-responses → CSV'),
    ('questionnaire-plain', 'plain pass: read and count the same rows'),
)


def plain_pass(block: str) -> int:
    from cifal_results.models import AnonymousResponse  # pylint: disable=import-outside-toplevel

    counts = defaultdict(Counter)
    rows = 0
    stored = AnonymousResponse.objects.filter(usage_key=block).values_list('answers', flat=True)
    for response in stored.iterator(chunk_size=2000):
        rows += 1
        for item_id, value in response['answers'].items():
            if isinstance(value, dict):
                for row_id, point in value.items():
                    counts[item_id, row_id][point] += 1
            elif isinstance(value, list):
                counts[item_id, ''].update(value)
            else:
                counts[item_id, ''][value if not isinstance(value, str) or len(value) < 20 else 'text'] += 1
    return rows


def run(task: str, block: str, output) -> dict:
    from cifal_results.reports import build_report, write_report  # pylint: disable=import-outside-toplevel

    result = {'task': task}
    started = time.perf_counter()
    if task == 'questionnaire-plain':
        result['rows'] = plain_pass(block)
        result['seconds'] = time.perf_counter() - started
        return result
    name, fmt = ('questionnaire-summary', 'json') if task == 'questionnaire-summary' else (
        'questionnaire-responses', 'csv')
    with output.open('wb') as stream:
        write_report(build_report(name, block=block), fmt, stream)
    result['seconds'] = time.perf_counter() - started
    result['bytes'] = output.stat().st_size
    if fmt == 'json':
        result['rows'] = sum(len(table['rows']) for table in json.loads(output.read_text())['tables'].values())
    else:
        with output.open(encoding='utf-8-sig', newline='') as lines:
            result['rows'] = sum(1 for _ in csv.reader(lines)) - 1
    output.unlink()
    return result
