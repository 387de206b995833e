"""
The staff dashboard's downloads, shared by every block: any report of the block's kind, in CSV, XLSX or JSON.

A block says which reports it offers (``available_reports()``, names registered with the results store by its
package) and over which submissions (``report_filters(name)``: its own block, or its course and pair); its dashboard
lists ``download_links()``. The file is built by the same code as ``cifal_export`` (``cifal_results.api``), written
to a temporary file and streamed in chunks, so memory stays flat whatever its size. Staff only: 403 otherwise.
"""
import tempfile
from urllib.parse import urlencode

from webob import Response

from cifal_core.blocks.handlers import HandlerError, get_handler
from cifal_core.blocks.i18n import Translator, gettext_noop
from cifal_core.blocks.store import results_api

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


class ReportDownloadsMixin:
    """``download_report`` (GET). The block implements ``available_reports()``, ``report_filters(name)`` and
    ``report_titles(translator)`` ({name: title})."""

    def download_links(self):
        translator = Translator(self)
        titles = self.report_titles(translator)
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
        _ = Translator(self).gettext
        store = results_api()
        name, fmt = request.GET.get('report', ''), request.GET.get('format', 'csv')
        if store is None or name not in self.available_reports():
            raise HandlerError(400, _('Unknown report.'))
        if fmt not in CONTENT_TYPES:
            raise HandlerError(400, _('Unknown format: choose CSV, XLSX or JSON.'))
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
            app_iter=_chunks_then_close(output), content_type=CONTENT_TYPES[fmt],
            content_disposition=f'attachment; filename="{store.filename(report, fmt, request.GET.get("table"))}"',
        )
