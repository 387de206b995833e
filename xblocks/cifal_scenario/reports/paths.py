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
    versions, resolver, wordings = ScenarioVersions(), IdentityResolver() if identified else None, {}
    for chunk in batched(runs(filters), BATCH):
        identities = resolver.resolve(record.learner_id for record in chunk) if resolver else None
        for record in chunk:
            identity = identities.get(record.learner_id, UNKNOWN) if identities is not None else None
            sink = problems if record.id not in reported else Problems()
            produced = unless_malformed(sink, ROWS[name], record, versions, wordings, identity, reflections)
            if produced is None:
                reported.add(record.id)
                continue
            yield from produced


def _wording(record, versions, wordings):
    """The content a run was made on and its choices' words, worked out once per content version (reducing author
    HTML to text is what costs; a report reads the same few choices thousands of times)."""
    version = record.content_version_id
    if version not in wordings:
        content = versions.content(version)
        wordings[version] = (content, {node.id: node for node in content.nodes},
                             {(node.id, choice.id): html_to_text(choice.html)
                              for node in content.nodes for choice in node.choices})
    return wordings[version]


def _head(record, identity):
    return (record.learner_id or '', *(identity or ()))


def _last(answers):
    return answers.get('ending_node') if answers['status'] == 'finished' else answers.get('stopped_at')


def _step_rows(record, versions, wordings, identity, reflections):
    _, nodes, choice_texts = _wording(record, versions, wordings)
    answers = record.answers
    head, tail = _head(record, identity), (record.course_key, record.usage_key)
    run, status = answers['run'], answers['status']
    texts, checks = answers.get('reflections') or {}, answers.get('checks') or {}
    path = [*(answers.get('path') or ()),
            {'node': _last(answers), 'action': 'end' if status == 'finished' else 'stopped', 'at': ''}]
    rows = []
    for number, step in enumerate(path, start=1):
        node = nodes.get(step['node'])
        check = checks.get(step['node']) if step['action'] == 'next' else None
        row = (*head, run, status, number, step['node'], node.type if node else '', node.title if node else '',
               step['action'], step.get('choice', ''), choice_texts.get((step['node'], step.get('choice')), ''),
               _answer_text(check), check['earned'] if check else None, check['possible'] if check else None,
               step.get('at', ''), *tail)
        if reflections:
            row = (*row, texts.get(step['node'], '') if node and node.type == 'reflection' else '')
        rows.append(row)
    return rows


def _run_row(record, versions, wordings, identity, reflections):  # pylint: disable=unused-argument
    answers = record.answers
    outcome = answers.get('ending')
    return [(*_head(record, identity), answers['run'], answers['status'], answers.get('started_at', ''),
             iso_utc(record.submitted_at), len(answers.get('path') or ()), answers.get('ending_node', ''),
             outcome + 1 if isinstance(outcome, int) else None, record.earned, record.possible, record.course_key,
             record.usage_key)]


def _indicator_rows(record, versions, wordings, identity, reflections):  # pylint: disable=unused-argument
    content, _, _ = _wording(record, versions, wordings)
    answers = record.answers
    if answers['status'] != 'finished':
        return []
    values = answers.get('indicators') or {}
    return [(*_head(record, identity), answers['run'], indicator.id, indicator.label, indicator.start,
             values.get(indicator.id), record.course_key, record.usage_key) for indicator in content.indicators]


ROWS = {'steps': _step_rows, 'runs': _run_row, 'indicators': _indicator_rows}


def _answer_text(check):
    if not check:
        return ''
    answer = check.get('answer')
    return '; '.join(answer) if isinstance(answer, list) else str(answer or '')
