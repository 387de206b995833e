"""
The staff-only results dashboard under the quiz, and the evaluators' downloads.

Learners never receive it: the toggle is rendered only for staff, and both handlers answer 403 to anyone else.
Its figures come from the same report code as ``cifal_export`` (``cifal_results.reports``), so the dashboard and
the exports cannot disagree.
"""
import tempfile
from urllib.parse import urlencode

from webob import Response

from cifal_core.blocks.handlers import HandlerError, get_handler, json_handler, require_object
from cifal_core.blocks.i18n import Translator, gettext_noop
from cifal_core.blocks.platform import course_key, usage_key
from cifal_core.statistics.descriptive import mean, median
from cifal_core.statistics.histogram import bars, score_bins
from cifal_quiz.mixins.views import RENDERER

FORMATS = (('csv', 'CSV'), ('xlsx', 'Excel (XLSX)'), ('json', 'JSON'))
CONTENT_TYPES = {'csv': 'text/csv; charset=utf-8', 'json': 'application/json',
                 'xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}
CHUNK = 64 * 1024


def _chunks_then_close(handle):
    """Serve a temporary file in chunks (constant memory), deleting it when done or abandoned."""
    try:
        while chunk := handle.read(CHUNK):
            yield chunk
    finally:
        handle.close()


def _rows_as_dicts(columns, rows):
    return [dict(zip(columns, row, strict=True)) for row in rows]


def _shown(value):
    """A statistic as the dashboard prints it: 'n/a' when too few attempts, 2 decimals otherwise."""
    value = getattr(value, 'value', value)
    return 'n/a' if value is None else f'{value:.2f}'.rstrip('0').rstrip('.')


class QuizDashboardMixin:
    """``dashboard`` (JSON, POST) and ``download_report`` (GET, a file), both for course staff only."""

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

    @json_handler(empty={}, staff_only=gettext_noop('Only course staff can see the results dashboard.'))
    def dashboard(self, data, suffix=''):  # pylint: disable=unused-argument
        """POST ``{}``: the dashboard's HTML, for course staff only."""
        require_object(data, Translator(self), allowed=())
        return {'html': RENDERER.render(self, 'dashboard.html', self.dashboard_context())}

    def dashboard_context(self):
        from cifal_results.models import Submission  # pylint: disable=import-outside-toplevel
        from cifal_results.reports import item_analysis, knowledge_gain  # pylint: disable=import-outside-toplevel
        from cifal_results.reports.source import Filters, records  # pylint: disable=import-outside-toplevel

        filters = Filters(block=usage_key(self))
        submitted = Submission.objects.filter(usage_key=usage_key(self))
        percents = [record.fraction * 100 for record in records(filters, 'kept')]
        context = {
            'dom_prefix': self.dom_prefix(),
            'attempts': submitted.count(),
            'learners': submitted.exclude(learner_id=None).values('learner_id').distinct().count(),
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
            gain = knowledge_gain.compute(Filters(**self.report_filters('knowledge-gain')), 'kept')
            cohort = _rows_as_dicts(knowledge_gain.COHORT_COLUMNS, gain['cohort'])
            context['gain'] = {key: _shown(value) if isinstance(value, float) or value is None else value
                               for key, value in cohort[0].items()} if cohort else None
        return context

    def download_links(self):
        translator = Translator(self)
        titles = {'responses': translator.gettext('Responses'),
                  'item-analysis': translator.gettext('Item analysis'),
                  'knowledge-gain': translator.gettext('Knowledge gain')}
        return [
            {'title': titles[name], 'formats': [
                {'label': label, 'url': self.runtime.handler_url(
                    self, 'download_report', query=urlencode({'report': name, 'format': fmt}))}
                for fmt, label in FORMATS
            ]}
            for name in self.available_reports()
        ]

    @get_handler(staff_only=gettext_noop('Only course staff can download results.'))
    def download_report(self, request, suffix=''):  # pylint: disable=unused-argument
        """GET ?report=...&format=csv|xlsx|json[&table=...]: a file, streamed from a temporary file."""
        from cifal_results.reports import registry  # pylint: disable=import-outside-toplevel

        _ = Translator(self).gettext
        name, fmt = request.GET.get('report', ''), request.GET.get('format', 'csv')
        if name not in self.available_reports():
            raise HandlerError(400, _('Unknown report.'))
        if fmt not in CONTENT_TYPES:
            raise HandlerError(400, _('Unknown format: choose CSV, XLSX or JSON.'))
        output = tempfile.TemporaryFile()  # noqa: SIM115  (closed once the response has been sent)
        try:
            report = registry.build_report(name, identified=request.GET.get('identified') == '1',
                                           **self.report_filters(name))
            problems = registry.write_report(report, fmt, output, table=request.GET.get('table') or None)
        except registry.ReportError as error:
            output.close()
            raise HandlerError(400, str(error)) from error
        registry.log_problems(report, problems)
        output.seek(0)
        return Response(
            app_iter=_chunks_then_close(output), content_type=CONTENT_TYPES[fmt],
            content_disposition=f'attachment; filename="{registry.filename(report, fmt, request.GET.get("table"))}"',
        )
