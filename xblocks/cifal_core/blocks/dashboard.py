"""
The staff dashboard every block has: its own tab beside what learners see, right under the block's title, so that
staff reach it without scrolling past a live form (rendered for course staff only), the ``dashboard`` handler (403
to anyone else) and the downloads (``ReportDownloadsMixin``; those too large to build inside a request are prepared
by the platform's workers, ``ReportTasksMixin``).

A block's dashboard mixin derives from ``StaffDashboardMixin``, sets ``dashboard_renderer`` (its ``BlockRenderer``:
the dashboard is its ``templates/dashboard.html``) and ``report_titles_table`` ({report name: title marked with
``gettext_noop``}), and implements ``dashboard_context(translator)``, whose ``downloads`` are ``download_links()``;
its ``dashboard.html`` shows them with ``{{ downloads_html }}`` (the shared ``report_downloads.html``). By default a
block offers every report of its table over its own records in its course; a block that needs otherwise overrides
``available_reports`` or ``report_filters``.
"""
from cifal_core.blocks.downloads import ReportDownloadsMixin
from cifal_core.blocks.handlers import json_handler, require_object
from cifal_core.blocks.i18n import Translator, gettext_noop
from cifal_core.blocks.platform import course_key, usage_key
from cifal_core.blocks.report_tasks import ReportTasksMixin
from cifal_core.blocks.views import SHARED_TEMPLATES


class StaffDashboardMixin(ReportTasksMixin, ReportDownloadsMixin):
    """``dashboard`` (POST ``{}``), the downloads and the prepared files, for course staff only."""

    dashboard_renderer = None
    report_titles_table: dict = {}

    def available_reports(self):
        return list(self.report_titles_table)

    def report_filters(self, report):  # pylint: disable=unused-argument
        return {'course': course_key(self), 'block': usage_key(self)}

    def report_titles(self, translator):
        return {name: translator.gettext(title) for name, title in self.report_titles_table.items()}

    @json_handler(empty={}, staff_only=gettext_noop('Only course staff can see the results dashboard.'))
    def dashboard(self, data, suffix=''):  # pylint: disable=unused-argument
        """POST ``{}``: the dashboard's HTML (its figures take a moment on a big course: not on every page view)."""
        translator = Translator(self)
        require_object(data, translator, allowed=())
        context = self.dashboard_context(translator)
        context['downloads_html'] = self.report_downloads_html(context.get('downloads') or [])
        return {'html': self.dashboard_renderer.render(self, 'dashboard.html', context)}

    def dashboard_slot(self, identity):
        """For staff, the tabs ("What learners see", "Results dashboard") and the dashboard's empty panel, which
        ``assets/dashboard.js`` fills when its tab first opens; '' for everyone else (``learner_view.html``)."""
        if not identity.is_staff:
            return ''
        return SHARED_TEMPLATES.render(self, 'dashboard_slot.html', {'dom_prefix': self.dom_prefix()})
