"""
What respondents see: the form, or, once they have answered, the thank-you text (with the aggregate results when
the author shows them and enough people have answered), rendered on the server. The handlers return the same
rendered body, so the page never holds two copies of the markup.
"""
from datetime import date

from xblock.core import XBlock

from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_core.blocks.numbers import day, number, percent
from cifal_core.blocks.platform import effective_due, is_past_due
from cifal_core.blocks.rendering import BlockRenderer
from cifal_core.blocks.views import BlockViews
from cifal_core.payloads import repair_value
from cifal_core.questionnaire.answers import shown_items
from cifal_questionnaire import presenter

RENDERER = BlockRenderer('cifal_questionnaire')
LEARNER_VIEW = {'renderer': RENDERER, 'css': ('css/questionnaire.css',), 'js': ('js/questionnaire.js',),
                'init': 'CifalQuestionnaireBlock', 'block_class': 'cifal-questionnaire'}


class QuestionnaireViewsMixin(BlockViews):
    """``student_view`` and the body the handlers re-render. Needs ``QuestionnaireRecordsMixin``."""

    dom_id_prefix = 'cqn'

    def words(self, translator):
        return presenter.Words(translator.gettext, translator.ngettext, percent, lambda value: number(value, 0))

    def draft_answers(self):
        """The saved draft (``{"answers", "other"}``), safe to show."""
        draft = self.draft if isinstance(self.draft, dict) else {}
        return repair_value({'answers': draft.get('answers') or {}, 'other': draft.get('other') or {}})

    def is_open(self, identity):
        """Whether the respondent may answer now: before the close date, and once unless it is editable."""
        if is_past_due(self):
            return False
        return (self.editable and not self.anonymous) or not self.has_responded(identity)

    @XBlock.supports('multi_device')
    def student_view(self, context=None):  # pylint: disable=unused-argument
        identity = current_identity(self)
        notice = RENDERER.render(self, 'privacy_notice.html', {}) if self.anonymous else ''
        return self.learner_fragment(identity, LEARNER_VIEW, self.render_body(identity),
                                     intro_html=self.questionnaire_content.intro_html, notice_html=notice)

    def render_body(self, identity, editing=False):
        """The form, the thank-you text with what the respondent may see, or why the questionnaire is closed."""
        translator = Translator(self)
        responded = self.has_responded(identity)
        context = {'dom_prefix': self.dom_prefix(), 'closed_text': self.closed_text(translator)}
        if self.is_open(identity) and (editing or not responded):
            context.update(self.form_context(translator))
            template = 'form.html'
        elif responded:
            context.update(self.thanks_context(identity, translator))
            template = 'thanks.html'
        else:
            template = 'closed.html'
        return RENDERER.render(self, template, context)

    def form_context(self, translator):
        content, draft = self.questionnaire_content, self.draft_answers()
        shown = shown_items(content, draft['answers'])
        words = self.words(translator)
        return {
            'items': [presenter.form_item(content, item, number, draft, shown, self.dom_prefix(), words)
                      for number, item in enumerate(content.items, start=1)],
            'editing': self.responded,
        }

    def thanks_context(self, identity, translator):
        content = self.questionnaire_content
        answered = self.responded_on
        context = {
            'thanks_html': content.thanks_html,
            'responded_on': day(date.fromisoformat(answered)) if answered else '',
            'can_edit': self.is_open(identity),
            'anonymous': self.anonymous,
        }
        if self.show_results:
            context.update(self.respondent_results(translator))
        return context

    def respondent_results(self, translator):
        """The aggregate results, once at least the operator's minimum group size have answered."""
        from cifal_questionnaire.reports.figures import block_tally, min_group_size  # noqa: PLC0415  (Django ready)
        result = block_tally(self)
        if result is None or result.responses < min_group_size():
            return {'results': None, 'results_pending': translator.gettext(
                'The results will be shown here once enough people have answered.')}
        return {'results': presenter.respondent_results(self.questionnaire_content, result, self.words(translator)),
                'results_count': translator.ngettext('{count} response so far.', '{count} responses so far.',
                                                     result.responses).format(count=result.responses)}

    def closed_text(self, translator):
        if not is_past_due(self):
            return ''
        return translator.gettext('This questionnaire closed on {date}.').format(date=day(effective_due(self)))
