"""
Reports prepared by the platform's workers, for every block's staff dashboard (ADR 16).

A report that reads more than ``REPORT_TASK_THRESHOLD`` stored records is never built inside a web request: the
dashboard offers "Prepare" per format instead of a link, ``prepare_report`` records a task that the platform's
Celery workers run (``cifal_results.api.start_report_task``), ``prepared_reports`` lists this block's tasks with
their progress (``assets/report_tasks.js`` asks every 2 s while one runs), and ``prepared_report_file`` streams a
finished file from the report storage in chunks. Every handler is staff only (403 ``{"error"}`` for anyone else),
sees only the tasks of its own block (another block's task id is 404), reads its body with the shared reader
(4 KB at most) and publishes nothing.

The block (through ``StaffDashboardMixin``) provides ``ReportDownloadsMixin``'s ``available_reports()``,
``report_filters(name)``, ``report_titles(translator)`` and ``download_links()``, ``BlockViews.dom_prefix()``, and
the user and i18n services.
"""
from urllib.parse import urlencode

from django.utils.safestring import mark_safe
from webob import Response

from cifal_core.blocks.downloads import CONTENT_TYPES, DOWNLOAD_STAFF_ONLY, FORMAT_LABELS, chunks_then_close
from cifal_core.blocks.handlers import HandlerError, get_handler, json_handler, require_object
from cifal_core.blocks.i18n import Translator, current_language, gettext_noop
from cifal_core.blocks.identity import current_identity
from cifal_core.blocks.numbers import file_size, number, percent
from cifal_core.blocks.platform import course_key, usage_key
from cifal_core.blocks.store import results_api
from cifal_core.blocks.views import SHARED_TEMPLATES

TASK_BODY_LIMIT = 4 * 1024  # {"report", "format", "table", "identified"}: a few dozen bytes
POLL_MS = 2000  # how often the dashboard asks while a task is queued or running

STATE_WORDS = {'queued': gettext_noop('Waiting for a worker'), 'running': gettext_noop('Being prepared'),
               'succeeded': gettext_noop('Ready'), 'failed': gettext_noop('Failed')}
ANNOUNCEMENTS = {'queued': gettext_noop('{file} is waiting for a worker.'),
                 'running': gettext_noop('{file} is being prepared.'),
                 'succeeded': gettext_noop('{file} is ready to download.'),
                 'failed': gettext_noop('{file} could not be prepared: {reason}')}
# The results store's generic failures (cifal_results.report_tasks, in English there), by ReportTask.failure; a
# report's own refusal ('report') is shown as the store wrote it, as the direct download shows it.
FAILURE_MESSAGES = {
    'unexpected': gettext_noop('The file could not be prepared because of an unexpected error. Prepare it again; if '
                               "it fails again, the platform's operators will find the details in its logs."),
    'not_queued': gettext_noop("The file could not be handed to the platform's workers. Try again in a moment."),
    'stopped': gettext_noop('The preparation stopped before the file was finished (a worker may have been '
                            'restarted). Prepare the file again.'),
}
NOT_FOUND = gettext_noop('There is no such prepared file for this block.')


class ReportTasksMixin:
    """``prepare_report``, ``prepared_reports`` and ``prepared_report_file``, plus the downloads' HTML that every
    block's dashboard shows (``report_downloads_html``)."""

    def report_downloads_html(self, links):
        """The downloads of the dashboard: the direct links, the "Prepare" buttons of large reports and the list
        of prepared files (filled by ``assets/report_tasks.js``); '' without the results store."""
        if results_api() is None or not links:
            return ''
        return mark_safe(SHARED_TEMPLATES.render(self, 'report_downloads.html', {  # noqa: S308  (rendered, escaped)
            'downloads': links, 'dom_prefix': self.dom_prefix(), 'language': current_language(),
            'show_prepared': any(link['large'] for link in links), 'poll_ms': POLL_MS}))

    @json_handler(max_bytes=TASK_BODY_LIMIT, staff_only=DOWNLOAD_STAFF_ONLY)
    def prepare_report(self, data, suffix=''):  # pylint: disable=unused-argument
        """POST ``{"report", "format", "table" (optional, CSV), "identified" (optional)}``: the task's status (as
        ``prepared_reports`` lists it). The same report already being prepared is answered, not asked for again."""
        translator = Translator(self)
        _ = translator.gettext
        require_object(data, translator, allowed=('report', 'format', 'table', 'identified'))
        store = results_api()
        name, fmt, table = data.get('report'), data.get('format', 'csv'), data.get('table')
        identified = data.get('identified', False)
        if store is None or not isinstance(name, str) or name not in self.available_reports():
            raise HandlerError(400, _('Unknown report.'))
        if not isinstance(fmt, str) or fmt not in CONTENT_TYPES:
            raise HandlerError(400, _('Unknown format: choose CSV, XLSX or JSON.'))
        if table is not None and not isinstance(table, str):
            raise HandlerError(400, _('"table" must be the name of one of the report\'s tables, as text.'))
        if not isinstance(identified, bool):
            raise HandlerError(400, _('"identified" must be true or false.'))
        try:
            status = store.start_report_task(
                report=name, fmt=fmt, table=table or None, identified=identified, course_key=course_key(self),
                usage_key=usage_key(self), filters=self.report_filters(name),
                requested_by=current_identity(self).anonymous_id or '')
        except store.ReportError as error:
            raise HandlerError(400, str(error)) from error
        return self.report_task_json(status, translator)

    @json_handler(max_bytes=TASK_BODY_LIMIT, empty={}, staff_only=DOWNLOAD_STAFF_ONLY)
    def prepared_reports(self, data, suffix=''):  # pylint: disable=unused-argument
        """POST ``{}``: ``tasks`` (this block's, newest first) and ``active`` (whether one is queued or running)."""
        translator = Translator(self)
        require_object(data, translator, allowed=())
        store = results_api()
        tasks = [] if store is None else store.report_tasks(usage_key(self))
        return {'tasks': [self.report_task_json(task, translator) for task in tasks],
                'active': any(task.active for task in tasks)}

    @get_handler(staff_only=DOWNLOAD_STAFF_ONLY)
    def prepared_report_file(self, request, suffix=''):  # pylint: disable=unused-argument
        """GET ``?task=<id>``: the finished file, streamed from the report storage in chunks. 404 for a task that
        is not this block's, 409 while it is not finished, 410 once its file has left the storage."""
        _ = Translator(self).gettext
        store = results_api()
        if store is None:
            raise HandlerError(404, _(NOT_FOUND))
        try:
            status, handle = store.open_report_file(request.GET.get('task', ''), usage_key(self))
        except store.ReportTaskNotFound:
            raise HandlerError(404, _(NOT_FOUND)) from None
        except store.ReportFileNotReady:
            raise HandlerError(409, _('This file is not ready: wait until the list says it is.')) from None
        except store.ReportFileMissing:
            raise HandlerError(410, _('This file is no longer in the report storage: prepare it again.')) from None
        return Response(app_iter=chunks_then_close(handle), content_type=CONTENT_TYPES[status.format],
                        content_length=status.size,
                        content_disposition=f'attachment; filename="{status.file_name}"')

    def report_task_json(self, status, translator):
        """A task as the dashboard shows it: its words in the reader's language, its numbers and size in the
        reader's format (the finished time is left to the browser, in the reader's time zone)."""
        _ = translator.gettext
        title = self.report_titles(translator).get(status.report, status.report)
        label = _('{title} ({format})').format(title=title, format=FORMAT_LABELS.get(status.format, status.format))
        message = ''
        if status.state == 'failed':
            message = _(FAILURE_MESSAGES[status.failure]) if status.failure in FAILURE_MESSAGES else status.message
        announcement = _(ANNOUNCEMENTS[status.state]).format(file=label, reason=message)
        return {
            'id': status.id, 'report': status.report, 'format': status.format, 'table': status.table,
            'label': label, 'state': status.state, 'state_text': _(STATE_WORDS[status.state]),
            'active': status.active, 'read': status.records_read, 'total': status.records_total,
            'percent': status.percent,
            'progress_text': translator.ngettext(
                '{percent} ({read} of {total} stored record read)', '{percent} ({read} of {total} stored records read)',
                status.records_total).format(percent=percent(status.percent), read=number(status.records_read, 0),
                                             total=number(status.records_total, 0)),
            'file_name': status.file_name, 'size': status.size, 'size_text': file_size(status.size),
            'problems': status.problems,
            'created': status.created.isoformat(), 'finished': status.finished.isoformat() if status.finished else None,
            'message': message, 'announcement': announcement,
            'download_url': self.runtime.handler_url(self, 'prepared_report_file',
                                                     query=urlencode({'task': status.id}))
            if status.state == 'succeeded' else None,
        }
