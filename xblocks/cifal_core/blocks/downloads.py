"""
The staff dashboard's downloads, shared by every block: any report of the block's kind, in CSV, XLSX or JSON.

A block says which reports it offers (``available_reports()``, names registered with the results store by its
package) and over which submissions (``report_filters(name)``: its own block, or its course and pair); its dashboard
lists ``download_links()``. A report that reads at most ``REPORT_TASK_THRESHOLD`` stored records is built while staff
wait, by the same code as ``cifal_export`` (``cifal_results.api``), written to a temporary file and streamed in
chunks, so memory stays flat whatever its size. A larger one is never built inside the request: its links become
"Prepare" buttons (``ReportTasksMixin``: the platform's workers prepare the file) and ``download_report`` refuses it
with 409, saying where to prepare it. Staff only: 403 otherwise.
"""
import tempfile
from urllib.parse import urlencode

from webob import Response

from cifal_core.blocks.handlers import HandlerError, get_handler
from cifal_core.blocks.i18n import Translator, gettext_noop
from cifal_core.blocks.numbers import number
from cifal_core.blocks.store import results_api

FORMATS = (('csv', 'CSV'), ('xlsx', 'Excel (XLSX)'), ('json', 'JSON'))
FORMAT_LABELS = dict(FORMATS)
CONTENT_TYPES = {'csv': 'text/csv; charset=utf-8', 'json': 'application/json',
                 'xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}
CHUNK = 64 * 1024
COUNT_FILTERS = ('course', 'block', 'pair')  # the filters records_to_read takes
DOWNLOAD_STAFF_ONLY = gettext_noop('Only course staff can download results.')


def chunks_then_close(handle):
    """Serve an open file in chunks (constant memory), closing it (a temporary one is deleted) when done or
    abandoned."""
    try:
        while chunk := handle.read(CHUNK):
            yield chunk
    finally:
        handle.close()


class ReportDownloadsMixin:
    """``download_report`` (GET). The block implements ``available_reports()``, ``report_filters(name)`` and
    ``report_titles(translator)`` ({name: title})."""

    def report_records(self, name):
        """How many stored records the report ``name`` reads for this block (0 without the results store)."""
        store = results_api()
        if store is None:
            return 0
        filters = self.report_filters(name)
        return store.records_to_read(name, **{key: value for key, value in filters.items() if key in COUNT_FILTERS})

    @staticmethod
    def prepared_on_workers(records):
        """Whether a report reading ``records`` stored records is too large to build inside a request."""
        store = results_api()
        return store is not None and records > store.results_setting('REPORT_TASK_THRESHOLD')

    def download_links(self):
        """Per report: ``name``, ``title``, ``records``, ``large`` (prepared on the workers: ``note`` says so) and
        ``formats`` (``code``, ``label``, ``url``: the direct download, for a report that is not large)."""
        translator = Translator(self)
        titles = self.report_titles(translator)
        links = []
        for name in self.available_reports():
            records = self.report_records(name)
            large = self.prepared_on_workers(records)
            links.append({
                'name': name, 'title': titles[name], 'records': records, 'large': large,
                'note': translator.ngettext(
                    'This report reads {count} stored record: prepare the file, then download it from the list '
                    'of prepared files once it is ready.',
                    'This report reads {count} stored records: prepare the file, then download it from the list '
                    'of prepared files once it is ready.', records).format(count=number(records, 0))
                if large else '',
                'formats': [
                    {'code': fmt, 'label': label, 'url': self.runtime.handler_url(
                        self, 'download_report', query=urlencode({'report': name, 'format': fmt}))}
                    for fmt, label in FORMATS
                ],
            })
        return links

    @get_handler(staff_only=DOWNLOAD_STAFF_ONLY)
    def download_report(self, request, suffix=''):  # pylint: disable=unused-argument
        """GET ?report=...&format=csv|xlsx|json[&table=...]: a file, streamed from a temporary file. A report over
        ``REPORT_TASK_THRESHOLD`` records is refused (409): staff prepare it from the dashboard."""
        translator = Translator(self)
        _ = translator.gettext
        store = results_api()
        name, fmt = request.GET.get('report', ''), request.GET.get('format', 'csv')
        if store is None or name not in self.available_reports():
            raise HandlerError(400, _('Unknown report.'))
        if fmt not in CONTENT_TYPES:
            raise HandlerError(400, _('Unknown format: choose CSV, XLSX or JSON.'))
        records = self.report_records(name)
        if self.prepared_on_workers(records):
            raise HandlerError(409, translator.ngettext(
                'This report reads {count} stored record, too many to build while you wait: prepare the file from '
                'the results dashboard, then download it from its list of prepared files.',
                'This report reads {count} stored records, too many to build while you wait: prepare the file from '
                'the results dashboard, then download it from its list of prepared files.',
                records).format(count=number(records, 0)))
        output = tempfile.TemporaryFile()  # noqa: SIM115  (closed once the response has been sent)
        try:
            report = store.build_report(name, identified=request.GET.get('identified') == '1',
                                        **self.report_filters(name))
            problems = store.write_report(report, fmt, output, table=request.GET.get('table') or None)
        except store.ReportError as error:
            output.close()
            raise HandlerError(400, str(error)) from error
        store.log_problems(report, problems)
        output.seek(0)
        return Response(
            app_iter=chunks_then_close(output), content_type=CONTENT_TYPES[fmt],
            content_disposition=f'attachment; filename="{store.filename(report, fmt, request.GET.get("table"))}"',
        )
