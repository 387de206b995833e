"""
``action_plan`` (GET ``?format=docx`` or ``?format=html``): the learner's own plan, from the run they are on (or
have just finished): a Word document (``cifal_core.scenario.plan_document``) or a page made for printing.
"""
from urllib.parse import quote

from django.utils.text import slugify
from webob import Response

from cifal_core.blocks.handlers import HandlerError, get_handler
from cifal_core.blocks.i18n import Translator, current_language
from cifal_core.blocks.identity import current_identity
from cifal_core.blocks.numbers import day
from cifal_core.blocks.platform import utcnow
from cifal_core.scenario.plan_document import action_plan_docx
from cifal_scenario import presenter
from cifal_scenario.mixins.views import RENDERER

DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'


class ScenarioActionPlanMixin:
    """Needs the views and run mixins."""

    def plan_labels(self, translator):
        _ = translator.gettext
        return {'title': _('My action plan'), 'date': day(utcnow().date()), 'reflections': _('My reflections'),
                'no_text': _('(nothing written yet)'), 'decisions': _('Key points of my decisions'),
                'you_chose': _('I chose:'), 'indicators': _('How things changed'), 'indicator': _('Indicator'),
                'start': _('At the start'), 'end': _('At the end'), 'change': _('Change')}

    @get_handler
    def action_plan(self, request, suffix=''):  # pylint: disable=unused-argument
        translator = Translator(self)
        fmt = request.GET.get('format', 'html')
        if fmt not in ('docx', 'html'):
            raise HandlerError(400, translator.gettext('Unknown format: choose docx or html.'))
        run = self.current_run(current_identity(self))
        if run is None:
            raise HandlerError(409, translator.gettext('This scenario has no steps yet.'))
        content, words = self.scenario_content, self.words(translator)
        plan, journey = presenter.action_plan(content, run, words), presenter.journey_view(content, run, words)
        labels, title = self.plan_labels(translator), self.display_title(translator)
        if fmt == 'docx':
            body = action_plan_docx(title, plan, journey, labels)
            return Response(body=body, content_type=DOCX_TYPE,
                            content_disposition=plan_disposition(title))
        # The tab's title, punctuated as the reader's language writes it ("Mon plan d'action : ..." in French).
        labels['page_title'] = translator.gettext('{plan}: {scenario}').format(plan=labels['title'], scenario=title)
        html = RENDERER.render(self, 'action_plan_page.html', {
            'title': title, 'labels': labels, 'plan': plan, 'journey': journey, 'language': current_language()})
        return Response(body=html.encode('utf-8'), content_type='text/html', charset='utf-8')


def plan_disposition(title):
    """``attachment`` with a file name that says which scenario the plan is from ("action-plan-riverton-....docx"),
    in ASCII for every browser and, for titles in other scripts, also as RFC 6266's UTF-8 ``filename*``."""
    ascii_name = slugify(title)[:60].strip('-')
    name = f'action-plan-{ascii_name}.docx' if ascii_name else 'action-plan.docx'
    unicode_name = slugify(title, allow_unicode=True)[:60].strip('-')
    if unicode_name and unicode_name != ascii_name:
        return f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(f'action-plan-{unicode_name}.docx')}"
    return f'attachment; filename="{name}"'
