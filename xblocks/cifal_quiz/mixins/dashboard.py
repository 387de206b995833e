"""
The staff-only results dashboard under the quiz, and the evaluators' downloads.

Learners never receive it: the toggle is rendered only for staff, and both handlers answer 403 to anyone else.
Its figures come from the same report code as ``cifal_export`` (``cifal_quiz.reports``), so the dashboard and the
exports cannot disagree.
"""
from cifal_core.blocks.dashboard import StaffDashboardMixin
from cifal_core.blocks.i18n import gettext_noop
from cifal_core.blocks.platform import course_key, usage_key
from cifal_core.blocks.store import results_api
from cifal_core.statistics.descriptive import mean, median
from cifal_core.statistics.histogram import bars, score_bins
from cifal_quiz.mixins.views import RENDERER


def _rows_as_dicts(columns, rows):
    return [dict(zip(columns, row, strict=True)) for row in rows]


def _shown(value):
    """A statistic as the dashboard prints it: 'n/a' when too few attempts, 2 decimals otherwise."""
    value = getattr(value, 'value', value)
    return 'n/a' if value is None else f'{value:.2f}'.rstrip('0').rstrip('.')


class QuizDashboardMixin(StaffDashboardMixin):
    """The quiz's figures for ``StaffDashboardMixin``'s ``dashboard`` and its downloads."""

    dashboard_renderer = RENDERER
    report_titles_table = {'responses': gettext_noop('Responses'), 'item-analysis': gettext_noop('Item analysis'),
                           'knowledge-gain': gettext_noop('Knowledge gain')}

    def report_filters(self, report):
        """Knowledge gain covers the pre/post pair within the course; the other reports this quiz."""
        if report == 'knowledge-gain':
            return {'course': course_key(self), 'pair': self.pair}
        return {'block': usage_key(self)}

    def available_reports(self):
        names = ['responses', 'item-analysis']
        if self.pair and self.role in ('pre', 'post'):
            names.append('knowledge-gain')
        return names

    def dashboard_context(self, translator=None):  # pylint: disable=unused-argument
        from cifal_quiz.reports import item_analysis, knowledge_gain  # pylint: disable=import-outside-toplevel
        from cifal_quiz.reports.content import kept_attempt, quiz_filters  # pylint: disable=import-outside-toplevel

        store = results_api()
        if store is None:  # a runtime without the results store has nothing to show
            return {'dom_prefix': self.dom_prefix(), 'attempts': 0, 'learners': 0, 'mean': 'n/a', 'median': 'n/a',
                    'bars': bars(score_bins([])), 'downloads': []}
        filters = quiz_filters(block=usage_key(self))
        percents = [record.fraction * 100 for record in store.records(filters, 'kept', keep=kept_attempt)]
        context = {
            'dom_prefix': self.dom_prefix(),
            'attempts': store.count_submissions(filters),
            'learners': store.count_learners(filters),
            'mean': _shown(mean(percents)), 'median': _shown(median(percents)),
            'bars': bars(score_bins(percents)),
            'downloads': self.download_links(),
        }
        if not percents:
            return context
        statistics = item_analysis.compute(filters, 'kept')
        context['items'] = [
            {**row, 'facility': _shown(row['facility_percent']),
             'discrimination': _shown(row['discrimination_index']),
             'efficiency': _shown(row['discriminative_efficiency']),
             # n/a statistics never flag a question: say so rather than call it "OK".
             'judged': _shown(row['discriminative_efficiency']) != 'n/a'}
            for row in _rows_as_dicts(item_analysis.QUESTION_COLUMNS, statistics['questions'])
        ]
        context['test'] = {row['statistic']: _shown(row['value'])
                           for row in _rows_as_dicts(item_analysis.TEST_COLUMNS, statistics['test'])}
        if 'knowledge-gain' in self.available_reports():
            gain = knowledge_gain.compute(quiz_filters(**self.report_filters('knowledge-gain')), 'kept')
            cohort = _rows_as_dicts(knowledge_gain.COHORT_COLUMNS, gain['cohort'])
            context['gain'] = {key: _shown(value) if isinstance(value, float) or value is None else value
                               for key, value in cohort[0].items()} if cohort else None
        return context
