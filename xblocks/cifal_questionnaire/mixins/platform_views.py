"""
The questionnaire where the platform shows a block outside the courseware page: the mobile apps
(``student_view_data``, ``student_view_user_state``), courseware search (prompts only) and visitors.
"""
from cifal_core.blocks.handlers import get_handler
from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_core.blocks.platform import effective_due, is_past_due
from cifal_core.html import html_to_text
from cifal_core.questionnaire.words import scale_labels
from cifal_questionnaire.mixins.views import RENDERER


class QuestionnairePlatformViewsMixin:
    """Needs the views and records mixins."""

    def student_view_data(self, context=None):  # pylint: disable=unused-argument
        """The authored content (called with no user bound): items, their options, rows and scale labels in the
        reader's language, and which earlier answers show each item (``show_if``, decided again on the server)."""
        content = self.questionnaire_content
        gettext = Translator(self).gettext
        items = []
        for item in content.items:
            data = {'id': item.id, 'type': item.type, 'prompt_html': item.prompt_html, 'required': item.required,
                    'show_if': item.show_if}
            if item.type in ('likert', 'matrix'):
                data.update(scale=scale_labels(content, item, gettext), allow_na=item.allow_na)
            if item.type == 'matrix':
                data['rows'] = [{'id': row.id, 'html': row.html} for row in item.rows]
            if item.type in ('single', 'multiple', 'profile'):
                data['options'] = [{'id': option.id, 'html': option.html} for option in item.options]
                data['other'] = item.other
            if item.type == 'text':
                data.update(long=item.long, max_length=item.text_limit)
            items.append(data)
        return {'display_name': self.display_name, 'intro_html': content.intro_html, 'anonymous': self.anonymous,
                'editable': self.editable, 'show_results': self.show_results, 'items': items}

    @get_handler
    def student_view_user_state(self, request, suffix=''):  # pylint: disable=unused-argument
        """GET: whether the learner has answered, whether they may answer now, and their draft."""
        identity = current_identity(self)
        due = effective_due(self)
        responded = self.has_responded(identity)
        return {
            'responded': responded,
            'responded_on': self.responded_on or None,
            'is_open': self.is_open(identity),
            'past_due': is_past_due(self),
            'due': due.isoformat() if due else None,
            'draft': self.draft_answers(),
            'response': None if self.anonymous else (self.response or None),
        }

    def index_dictionary(self):
        """Search: the title, the introduction and the prompts; never an answer."""
        index = super().index_dictionary()
        content = self.questionnaire_content
        texts = [html_to_text(content.intro_html)] + [html_to_text(item.prompt_html) for item in content.items]
        index.setdefault('content', {})['capa_content'] = ' '.join(text for text in texts if text)
        index['content_type'] = 'CIFAL Questionnaire'
        return index

    def public_view(self, context=None):  # pylint: disable=unused-argument
        translator = Translator(self)
        count = len(self.questionnaire_content.items)
        return RENDERER.fragment(self, 'public_view.html', {
            'title': self.display_title(translator),
            'intro_html': self.questionnaire_content.intro_html,
            'count_text': translator.ngettext('This questionnaire has {count} question.',
                                              'This questionnaire has {count} questions.', count).format(count=count),
        }, css=('css/questionnaire.css',))
