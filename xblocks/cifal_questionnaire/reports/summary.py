"""The ``questionnaire-summary`` report: the figures a sponsor quotes, per questionnaire block.

Tables (columns are a contract; new ones only ever go at the end):
- ``indicators``: ``indicator, n, favourable_percent, ci_low, ci_high`` (the 95% Wilson interval), then ``item_id,
  row_id, block``; a "recommend" NPS indicator quotes its promoters (9-10).
- ``items``: ``item_id, row_id, n, count_0 .. count_10, mean, favourable_percent, nps``, then ``type, prompt, sd,
  ci_low, ci_high, not_applicable, promoters_percent, passives_percent, detractors_percent, block``. Scales count
  points 1..n in ``count_1..``; NPS 0-10 in ``count_0..count_10``.
- ``options``: per option of a choice item: ``item_id, option_id, option, count, share_percent, block``.
- ``breakdown``: ``item_id, row_id, profile_item, group, suppressed, n, favourable_percent``, then ``mean, nps,
  block``: every statement per group of every profile item; a group smaller than ``MIN_GROUP_SIZE`` (and the next
  smallest, when only one is), shows ``suppressed`` TRUE and no figure. ``group`` is the option id, or empty for
  respondents who did not answer the profile item.
- ``comments``: ``item_id, comment, block``: free text and "other" answers, in the order of the responses' random
  ids for anonymous questionnaires.

The figures are computed from the records when the report is written, with each block's newest content.
"""
from cifal_core.exports.tables import LazyRows, Problems, Report, Table
from cifal_core.html import html_to_text
from cifal_core.questionnaire.figures import breakdown, indicators, tally
from cifal_core.questionnaire.models import QuestionnaireContent
from cifal_questionnaire.reports.content import (
    WITHHELD_NOTE,
    min_group_size,
    questionnaire_filters,
    responses,
    too_few_to_show,
)
from cifal_results.api import blocks_with_responses, newest_version

NAME = 'questionnaire-summary'
DIGITS = 2
COUNTS = tuple(f'count_{point}' for point in range(11))
INDICATOR_COLUMNS = ('indicator', 'n', 'favourable_percent', 'ci_low', 'ci_high', 'item_id', 'row_id', 'block')
ITEM_COLUMNS = ('item_id', 'row_id', 'n', *COUNTS, 'mean', 'favourable_percent', 'nps', 'type', 'prompt', 'sd',
                'ci_low', 'ci_high', 'not_applicable', 'promoters_percent', 'passives_percent', 'detractors_percent',
                'block')
OPTION_COLUMNS = ('item_id', 'option_id', 'option', 'count', 'share_percent', 'block')
BREAKDOWN_COLUMNS = ('item_id', 'row_id', 'profile_item', 'group', 'suppressed', 'n', 'favourable_percent', 'mean',
                     'nps', 'block')
COMMENT_COLUMNS = ('item_id', 'comment', 'block')


def build(course=None, block=None, pair=None, attempts=None, identified=False) -> Report:
    filters = questionnaire_filters(course=course, block=block)
    attempts = attempts or 'kept'
    problems = Problems()
    computed = {}

    def tables():
        if not computed:
            computed.update(compute(filters, attempts))
        return computed

    report_tables = tuple(Table(name, columns, LazyRows(lambda name=name: tables()[name])) for name, columns in (
        ('indicators', INDICATOR_COLUMNS), ('items', ITEM_COLUMNS), ('options', OPTION_COLUMNS),
        ('breakdown', BREAKDOWN_COLUMNS), ('comments', COMMENT_COLUMNS)))
    meta = {'filters': filters.as_meta(), 'attempts': attempts, 'min_group_size': min_group_size(),
            'notes': [WITHHELD_NOTE],
            'units': 'percentages 0..100; ci_low and ci_high: the 95% Wilson interval of favourable_percent; '
                     'favourable = the two top points of a scale, or 9-10 for NPS'}
    return Report(NAME, report_tables, meta, problems)


def _round(value):
    return None if value is None else round(value, DIGITS)


def compute(filters, attempts) -> dict[str, list[tuple]]:
    tables = {'indicators': [], 'items': [], 'options': [], 'breakdown': [], 'comments': []}
    k = min_group_size()
    for block in blocks_with_responses(filters):
        newest = newest_version(block)
        if newest is None or too_few_to_show(block):
            continue
        content = QuestionnaireContent.from_dict(newest[1])
        block_filters = questionnaire_filters(course=filters.course, block=block)
        result = tally(content, (record.answers for record in responses(block_filters, attempts)))
        _lay_out(block, content, result, k, tables)
    return tables


def _lay_out(block, content, result, k, tables):
    prompts = {item.id: html_to_text(item.prompt_html) for item in content.items}
    rows = {(item.id, row.id): html_to_text(row.html) for item in content.items for row in item.rows}
    for indicator, statement in indicators(content, result):
        low, high = statement.interval() or (None, None)
        tables['indicators'].append((indicator, statement.n, _round(statement.favourable_percent()), _round(low),
                                     _round(high), statement.item_id, statement.row_id, block))
    for (item_id, row_id), statement in result.statements.items():
        if statement.kind == 'choice':
            item = content.item(item_id)
            for option in item.options:
                count = statement.counts[option.id]
                share = 100 * count / statement.n if statement.n else None
                tables['options'].append((item_id, option.id, html_to_text(option.html), count, _round(share), block))
            if item.other:
                count = statement.counts['other']
                tables['options'].append((item_id, 'other', 'Other', count,
                                          _round(100 * count / statement.n if statement.n else None), block))
        counts = [statement.counts.get(point, 0) if statement.kind != 'choice' else None for point in range(11)]
        if statement.kind == 'scale':
            counts[0] = None
            counts[statement.size + 1:] = [None] * (10 - statement.size)
        low, high = statement.interval() or (None, None)
        shares = statement.shares()
        tables['items'].append((
            item_id, row_id, statement.n, *counts, _round(statement.mean()), _round(statement.favourable_percent()),
            _round(statement.nps()), content.item(item_id).type, rows.get((item_id, row_id), prompts[item_id]),
            _round(statement.sd()), _round(low), _round(high),
            statement.not_applicable if statement.kind == 'scale' else None, _round(shares['promoters']),
            _round(shares['passives']), _round(shares['detractors']), block))
        if statement.kind == 'choice':
            continue
        for profile in result.groups:
            for cell in breakdown(result, profile, (item_id, row_id), k):
                figure = cell.statement
                tables['breakdown'].append((
                    item_id, row_id, profile, cell.group, cell.suppressed, None if figure is None else figure.n,
                    None if figure is None else _round(figure.favourable_percent()),
                    None if figure is None else _round(figure.mean()),
                    None if figure is None else _round(figure.nps()), block))
    tables['comments'].extend((item_id, text, block) for item_id, text in result.comments)
