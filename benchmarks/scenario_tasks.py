"""The scenario's measurements (run by ``benchmarks.measure`` in a process of their own).

- ``scenario-summary``: the ``scenario-summary`` report (the path analytics: nodes, choices, endings, indicators,
  self-checks, edges) written as JSON, reading every run and every learner's progress;
- ``scenario-paths``: the ``scenario-paths`` report (one row per run and step, three tables) as JSON;
- ``scenario-plain``: the floor, a plain pass over the same rows: read each run's JSON and count its choices and
  edges, with nothing else;
- ``handler-choose`` and ``handler-submit``: one learner's ``choose`` at the scenario's first decision, and one
  learner's ``submit`` of the six-question quiz of the tests, each a full request through the workbench (Django,
  the runtime, the user state, the results store), ``REQUESTS`` learners each; per-request median and 95th centile.
"""
import json
import statistics
import time
from collections import Counter

TASKS = (
    ('scenario-summary', 'scenario-summary (path analytics → JSON)'),
    ('scenario-paths', 'scenario-paths (3 tables → JSON)'),
    ('scenario-plain', 'plain pass: read and count the same runs'),
)
HANDLER_TASKS = (
    ('handler-choose', 'scenario choose, per request'),
    ('handler-submit', 'quiz submit, per request'),
)
REQUESTS = 200


def plain_pass(block: str) -> int:
    from cifal_results.models import Submission  # pylint: disable=import-outside-toplevel

    choices, edges, rows = Counter(), Counter(), 0
    for answers in Submission.objects.filter(usage_key=block).values_list('answers', flat=True).iterator(2000):
        rows += 1
        nodes = [step['node'] for step in answers['path']]
        choices.update(step.get('choice') for step in answers['path'])
        edges.update(zip(nodes, nodes[1:], strict=False))
    return rows


def timed_requests(task: str) -> dict:
    """``REQUESTS`` learners, one request each, through the real workbench; times in milliseconds."""
    from django.test import Client  # pylint: disable=import-outside-toplevel
    from workbench import scenarios  # pylint: disable=import-outside-toplevel

    from tests.integration.quizzes import PERFECT, all_types  # pylint: disable=import-outside-toplevel
    from tests.integration.scenarios import choice_code, riverton  # pylint: disable=import-outside-toplevel
    from tests.support.workbench_fixtures import Workbench, learner_codes  # pylint: disable=import-outside-toplevel

    scenarios.init_scenarios()
    bench = Workbench()
    if task == 'handler-choose':
        usage_id = bench.add_scenario('bench-scenario', riverton())
        body = {'node': 'n1', 'choice': choice_code(usage_id, 'n1', 'c1')}
        handler = 'choose'
    else:
        usage_id = bench.add_scenario('bench-quiz', all_types(max_attempts=0))
        body = {'answers': learner_codes(usage_id, PERFECT)}
        handler = 'submit'
    client = Client()
    payload = json.dumps(body)
    client.post(f'/handler/{usage_id}/{handler}/?student=warm-up', data=payload, content_type='application/json')
    times = []
    for number in range(REQUESTS):
        started = time.perf_counter()
        response = client.post(f'/handler/{usage_id}/{handler}/?student=bench-{number}', data=payload,
                               content_type='application/json')
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f'{handler} answered {response.status_code}: {response.content[:200]!r}')
    times.sort()
    return {'task': task, 'rows': REQUESTS, 'seconds': sum(times) / 1000, 'median_ms': statistics.median(times),
            'p95_ms': times[int(0.95 * (len(times) - 1))]}


def run(task: str, block: str, output) -> dict:
    from benchmarks.measure import Counted  # pylint: disable=import-outside-toplevel
    from cifal_core.exports import Report, Table  # pylint: disable=import-outside-toplevel
    from cifal_results.reports import build_report, write_report  # pylint: disable=import-outside-toplevel

    if task.startswith('handler-'):
        return timed_requests(task)
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
