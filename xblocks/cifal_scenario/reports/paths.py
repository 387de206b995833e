"""The ``scenario-paths`` report: one row per learner run and step, in words, for evaluators' own analyses.

Tables (columns are a contract; new ones only ever go at the end):
- ``steps``: ``anonymous_id, run, status, step, node_id, node_type, node_title, action, choice_id, choice,
  check_answer, check_earned, check_possible, at, course, block``, then ``reflection`` only when the operator sets
  ``CIFAL_RESULTS['EXPORT_REFLECTIONS']`` (the learner's own words are never in the default export). The last row of
  a run is the node it ended or stopped at (``action`` ``end`` or ``stopped``).
- ``runs``: ``anonymous_id, run, status, started_at, ended_at, steps, ending_node, outcome, earned, possible,
  course, block``; ``outcome`` is the 1-based outcome of the end node that was shown.
- ``indicators``: ``anonymous_id, run, indicator, label, start, end, course, block``: each finished run's final
  values.

``username``, ``name`` and ``email`` follow ``anonymous_id`` only in identified exports (the operator's setting and
``--identified``). Words come from the content version each run was made on.
"""
from itertools import batched

from cifal_core.exports.cells import iso_utc
from cifal_core.exports.tables import LazyRows, Problems, Report, Table
from cifal_core.html import html_to_text
from cifal_results.api import UNKNOWN, IdentityResolver, results_setting, unless_malformed
from cifal_scenario.reports.content import ScenarioVersions, runs, scenario_filters

NAME = 'scenario-paths'
STEP_COLUMNS = ('anonymous_id', 'run', 'status', 'step', 'node_id', 'node_type', 'node_title', 'action', 'choice_id',
                'choice', 'check_answer', 'check_earned', 'check_possible', 'at', 'course', 'block')
RUN_COLUMNS = ('anonymous_id', 'run', 'status', 'started_at', 'ended_at', 'steps', 'ending_node', 'outcome',
               'earned', 'possible', 'course', 'block')
INDICATOR_COLUMNS = ('anonymous_id', 'run', 'indicator', 'label', 'start', 'end', 'course', 'block')
IDENTITY_COLUMNS = ('username', 'name', 'email')
BATCH = 500


def _with_identity(columns, identified):
    return (columns[0], *IDENTITY_COLUMNS, *columns[1:]) if identified else columns


def build(course=None, block=None, pair=None, attempts=None, identified=False) -> Report:
    filters = scenario_filters(course=course, block=block)
    problems = Problems()
    reflections = bool(results_setting('EXPORT_REFLECTIONS'))
    reported = set()  # a malformed run is counted once, not once per table

    def table(name):
        return _rows(name, filters, identified, reflections, problems, reported)

    step_columns = (*STEP_COLUMNS, 'reflection') if reflections else STEP_COLUMNS
    tables = tuple(Table(name, _with_identity(columns, identified), LazyRows(lambda name=name: table(name)))
                   for name, columns in (('steps', step_columns), ('runs', RUN_COLUMNS),
                                         ('indicators', INDICATOR_COLUMNS)))
    meta = {'filters': filters.as_meta(), 'identified': identified, 'reflections': reflections,
            'notes': ['every run that is over: finished (an end reached) or reset (the learner started again); a '
                      'step undone with Back is not on the path',
                      'reflections are exported only when the operator sets EXPORT_REFLECTIONS']}
    return Report(NAME, tables, meta, problems)


def _rows(name, filters, identified, reflections, problems, reported):
    """One table's rows, run by run, in constant memory (each table reads the runs again: a writer takes one
    table at a time, and holding every step of every run would not scale)."""
    versions, resolver = ScenarioVersions(), IdentityResolver() if identified else None
    for chunk in batched(runs(filters), BATCH):
        identities = resolver.resolve(record.learner_id for record in chunk) if resolver else None
        for record in chunk:
            identity = identities.get(record.learner_id, UNKNOWN) if identities is not None else None
            sink = problems if record.id not in reported else Problems()
            produced = unless_malformed(sink, _run_rows, record, versions, identity, reflections)
            if produced is None:
                reported.add(record.id)
                continue
            yield from produced[name]


def _run_rows(record, versions, identity, reflections):
    content = versions.content(record.content_version_id)
    answers = record.answers
    head = (record.learner_id or '', *(identity or ()))
    tail = (record.course_key, record.usage_key)
    run, status = answers['run'], answers['status']
    nodes = {node.id: node for node in content.nodes}
    texts = answers.get('reflections') or {}
    checks = answers.get('checks') or {}
    steps = []
    path = list(answers.get('path') or ())
    last = answers.get('ending_node') if status == 'finished' else answers.get('stopped_at')
    path.append({'node': last, 'action': 'end' if status == 'finished' else 'stopped', 'at': ''})
    for number, step in enumerate(path, start=1):
        node = nodes.get(step['node'])
        choice = next((c for c in node.choices if c.id == step.get('choice')), None) if node else None
        check = checks.get(step['node']) if step['action'] == 'next' else None
        row = (*head, run, status, number, step['node'], node.type if node else '', node.title if node else '',
               step['action'], step.get('choice', ''), html_to_text(choice.html) if choice else '',
               _answer_text(check), check['earned'] if check else None, check['possible'] if check else None,
               step.get('at', ''), *tail)
        if reflections:
            row = (*row, texts.get(step['node'], '') if node and node.type == 'reflection' else '')
        steps.append(row)
    outcome = answers.get('ending')
    runs_row = (*head, run, status, answers.get('started_at', ''), iso_utc(record.submitted_at), len(path) - 1,
                answers.get('ending_node', ''), outcome + 1 if isinstance(outcome, int) else None, record.earned,
                record.possible, *tail)
    indicators = []
    if status == 'finished':
        for indicator in content.indicators:
            indicators.append((*head, run, indicator.id, indicator.label, indicator.start,
                               (answers.get('indicators') or {}).get(indicator.id), *tail))
    return {'steps': steps, 'runs': [runs_row], 'indicators': indicators}


def _answer_text(check):
    if not check:
        return ''
    answer = check.get('answer')
    return '; '.join(answer) if isinstance(answer, list) else str(answer or '')
