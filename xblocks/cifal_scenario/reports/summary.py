"""The ``scenario-summary`` report: per node, choice, ending, indicator and self-check, per scenario block.

Tables (columns are a contract; new ones only ever go at the end; definitions in ``cifal_core.scenario.analytics``):
- ``totals``: ``learners_started, learners_finished, completion_percent, runs_finished, runs_reset, block``.
- ``nodes``: ``node_id, type, title, visits, stopped_here, drop_off_percent, block``.
- ``choices``: ``node_id, choice_id, choice, count, share_percent, target, block``.
- ``endings``: ``node_id, outcome, outcome_text, count, share_percent, block`` (``outcome`` 1-based).
- ``indicators``: ``indicator, label, start, mean_at_end, min, max, block``.
- ``checks``: ``node_id, question_id, n, facility, correct_percent, block`` (``facility`` 0..1).
- ``edges``: ``from_node, to_node, runs, block``: the counts the dashboard's drawing shows.

Figures use each block's newest content; percentages are 0..100.
"""
from cifal_core.exports.tables import LazyRows, Problems, Report, Table
from cifal_core.html import html_to_text
from cifal_core.scenario.models import ScenarioContent
from cifal_results.api import blocks_with_responses, newest_version
from cifal_scenario.reports.content import block_tally, scenario_filters

NAME = 'scenario-summary'
DIGITS = 2
TABLES = (
    ('totals', ('learners_started', 'learners_finished', 'completion_percent', 'runs_finished', 'runs_reset',
                'block')),
    ('nodes', ('node_id', 'type', 'title', 'visits', 'stopped_here', 'drop_off_percent', 'block')),
    ('choices', ('node_id', 'choice_id', 'choice', 'count', 'share_percent', 'target', 'block')),
    ('endings', ('node_id', 'outcome', 'outcome_text', 'count', 'share_percent', 'block')),
    ('indicators', ('indicator', 'label', 'start', 'mean_at_end', 'min', 'max', 'block')),
    ('checks', ('node_id', 'question_id', 'n', 'facility', 'correct_percent', 'block')),
    ('edges', ('from_node', 'to_node', 'runs', 'block')),
)


def build(course=None, block=None, pair=None, attempts=None, identified=False) -> Report:
    filters = scenario_filters(course=course, block=block)
    computed = {}

    def table(name):
        if not computed:
            computed.update(compute(filters))
        return computed[name]

    tables = tuple(Table(name, columns, LazyRows(lambda name=name: table(name))) for name, columns in TABLES)
    meta = {'filters': filters.as_meta(), 'units': 'percentages 0..100; facility 0..1',
            'notes': ['visits: runs over that reached the node; stopped_here: runs given up there plus learners '
                      'whose unfinished run is there now; counts are runs, not learners']}
    return Report(NAME, tables, meta, Problems())


def _round(value):
    return None if value is None else round(value, DIGITS)


def compute(filters) -> dict[str, list[tuple]]:
    tables = {name: [] for name, _ in TABLES}
    for block in blocks_with_responses(filters):
        newest = newest_version(block)
        if newest is None:
            continue
        content = ScenarioContent.from_dict(newest[1])
        lay_out(block, content, block_tally(block, content), tables)
    return tables


def lay_out(block, content, result, tables):
    started = result.learners_started
    tables['totals'].append((started, result.learners_finished,
                             _round(100 * result.learners_finished / started) if started else None,
                             result.runs_finished, result.runs_reset, block))
    for node in content.nodes:
        tables['nodes'].append((node.id, node.type, node.title, result.visits[node.id], result.stopped[node.id],
                                _round(result.drop_off_percent(node.id)), block))
        for choice in node.choices:
            tables['choices'].append((node.id, choice.id, html_to_text(choice.html), result.choices[node.id, choice.id],
                                      _round(result.choice_share(node.id, choice.id)), choice.target, block))
        if node.type == 'end':
            reached = sum(count for (end, _), count in result.endings.items() if end == node.id)
            for index, outcome in enumerate(node.outcomes):
                count = result.endings[node.id, index]
                tables['endings'].append((node.id, index + 1, html_to_text(outcome.html)[:200], count,
                                          _round(100 * count / reached) if reached else None, block))
        if node.type == 'check':
            figures = result.checks.get(node.id)
            tables['checks'].append((node.id, node.question.id, figures.n if figures else 0,
                                     _round(figures.facility()) if figures else None,
                                     _round(figures.correct_percent()) if figures else None, block))
    for indicator in content.indicators:
        tables['indicators'].append((indicator.id, indicator.label, indicator.start,
                                     _round(result.mean_at_end(indicator.id)), indicator.minimum, indicator.maximum,
                                     block))
    for (source, target), count in sorted(result.edges.items()):
        tables['edges'].append((source, target, count, block))
