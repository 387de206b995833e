"""The scenario's measurements (run by ``benchmarks.measure`` in a process of their own).

- ``scenario-summary``: the ``scenario-summary`` report (the path analytics: nodes, choices, endings, indicators,
  self-checks, edges) written as JSON, reading every run and every learner's progress;
- ``scenario-paths``: the ``scenario-paths`` report (one row per run and step, three tables) as JSON;
- ``scenario-plain``: the floor, a plain pass over the same rows: read each run's JSON and count its choices and
  edges, with nothing else.

The scenario's ``choose`` handler is timed with the others in ``benchmarks.handlers``.
"""
import time
from collections import Counter

TASKS = (
    ('scenario-summary', 'scenario-summary (path analytics → JSON)'),
    ('scenario-paths', 'scenario-paths (3 tables → JSON)'),
    ('scenario-plain', 'plain pass: read and count the same runs'),
)


def plain_pass(block: str) -> int:
    from cifal_results.models import Submission  # pylint: disable=import-outside-toplevel

    choices, edges, rows = Counter(), Counter(), 0
    for answers in Submission.objects.filter(usage_key=block).values_list('answers', flat=True).iterator(2000):
        rows += 1
        nodes = [step['node'] for step in answers['path']]
        choices.update(step.get('choice') for step in answers['path'])
        edges.update(zip(nodes, nodes[1:], strict=False))
    return rows


def run(task: str, block: str, output) -> dict:
    from benchmarks.quiz_tasks import Counted  # pylint: disable=import-outside-toplevel
    from cifal_core.exports import Report, Table  # pylint: disable=import-outside-toplevel
    from cifal_results.reports import build_report, write_report  # pylint: disable=import-outside-toplevel

    result = {'task': task}
    started = time.perf_counter()
    if task == 'scenario-plain':
        result['rows'] = plain_pass(block)
        result['seconds'] = time.perf_counter() - started
        return result
    report = build_report(task, block=block)
    counted = [Counted(table.rows) for table in report.tables]  # counted as written: reading the file back
    report = Report(report.name, tuple(Table(table.name, table.columns, rows)  # would measure the reader
                                       for table, rows in zip(report.tables, counted, strict=True)), report.meta)
    with output.open('wb') as stream:
        write_report(report, 'json', stream)
    result['seconds'] = time.perf_counter() - started
    result['bytes'] = output.stat().st_size
    result['rows'] = sum(rows.count for rows in counted)
    output.unlink()
    return result
