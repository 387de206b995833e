"""
Authoring the quiz in Studio: the visual editor (``studio_view``) with its OLX tab, the ``save_quiz`` and
``convert_quiz`` handlers, the live preview of the question being edited (``preview_question``), and the author's
preview (``author_view``), on the shared ``BlockEditorMixin``.

Every check comes from ``cifal_core.quiz.editor`` / ``authoring``, the same rules as OLX import, so the editor, the
OLX tab, import and ``validate()`` can never disagree.
"""
import dataclasses
import secrets

from cifal_core.blocks.handlers import AUTHORING_BODY_LIMIT, HandlerError, json_handler, require_object
from cifal_core.blocks.i18n import Translator, add_js_catalog, current_language
from cifal_core.blocks.i18n import gettext_noop as _
from cifal_core.blocks.numbers import number as shown_number
from cifal_core.blocks.platform import usage_key
from cifal_core.blocks.rendering import initialize_js
from cifal_core.blocks.studio import RUNTIME_ATTRIBUTES, BlockEditorMixin
from cifal_core.quiz.authoring import authoring_problems
from cifal_core.quiz.codes import OptionCodes
from cifal_core.quiz.editor import preview_question, validate_olx, validate_quiz
from cifal_core.quiz.models import QUESTION_TYPES, QuizContent
from cifal_core.quiz.serialize import quiz_to_string
from cifal_core.quiz.settings import QUIZ_SETTINGS
from cifal_quiz import author_key
from cifal_quiz.fields import VALUE_LABELS
from cifal_quiz.mixins.views import RENDERER

TYPE_LABELS = {
    'single': _('Single choice (radio buttons)'),
    'multiple': _('Multiple choice (checkboxes)'),
    'numeric': _('Number'),
    'text': _('Short text'),
    'ordering': _('Ordering'),
    'matching': _('Matching'),
}
MAX_QUESTIONS = 1000  # what a preview's question number and count may be


class QuizStudioMixin(BlockEditorMixin):
    """``studio_view``, ``save_quiz``, ``convert_quiz`` and ``author_view``; ``validate`` comes with the editor."""

    editor_settings = QUIZ_SETTINGS
    editor_value_labels = VALUE_LABELS

    # ---- the editor -------------------------------------------------------------------------------------------

    def studio_view(self, context=None):  # pylint: disable=unused-argument
        translator = Translator(self)
        _ = translator.gettext
        words = {
            'tabs': _('How to edit the quiz'), 'settings': _('Quiz settings'), 'parts': _('Questions'),
            'parts_help': _('Learners see the questions in this order unless they are shuffled. Use the arrow '
                            'buttons to reorder them.'),
            'new_type': _('Type of the new question'), 'add': _('Add a question'), 'olx': _('The quiz as OLX'),
            'olx_help': _("For power users: the quiz's settings and questions as XML, in the format of the README. "
                          'Errors give the line to fix.'),
        }
        fields = RENDERER.render(self, 'studio_fields.html', {'dom_prefix': self.dom_prefix()})
        frag = RENDERER.html_fragment(self, self.editor_html(translator, words, fields, self.type_options(translator)),
                                      css=('css/quiz.css', 'css/studio.css'),  # the previews look as learners see
                                      js=('js/studio_questions.js', 'js/studio.js'), editor=True)
        add_js_catalog(frag, self)
        initialize_js(frag, 'CifalQuizStudio', {
            **self.editor_data(),
            'prefix': self.dom_prefix(),
            'language': current_language(),
            'types': self.type_options(translator),
            'scorings': [{'value': value, 'label': translator.gettext(label)}
                         for value, label in author_key.SCORING_LABELS.items()],
            'problems': [problem.to_dict(translator.gettext) for problem in self.current_problems()],
        })
        return frag

    @staticmethod
    def type_options(translator):
        return [{'value': value, 'label': translator.gettext(TYPE_LABELS[value])} for value in QUESTION_TYPES]

    def current_problems(self):
        """Authoring problems of the quiz as saved (what ``validate()`` reports)."""
        settings = {name: getattr(self, name) for name in QUIZ_SETTINGS}
        return authoring_problems(settings, self.quiz_content)

    def editor_content(self):
        return self.quiz_content

    def validate_editor(self, settings, content):
        return validate_quiz(settings, content)

    def validate_editor_olx(self, text):
        return validate_olx(text, tag=self.scope_ids.block_type, ignored_attributes=RUNTIME_ATTRIBUTES)

    def content_olx(self, content, settings):
        return quiz_to_string(content, settings, tag=self.scope_ids.block_type)

    # ---- handlers ---------------------------------------------------------------------------------------------

    @json_handler(max_bytes=AUTHORING_BODY_LIMIT, authoring=True)
    def save_quiz(self, data, suffix=''):  # pylint: disable=unused-argument
        """Validate and save the whole quiz: ``{"settings": {...}, "content": {...}}`` or ``{"olx": "..."}``."""
        _ = Translator(self).gettext
        return self.save_editor(data, read_only=_('The quiz cannot be changed here: edit it in Studio.'),
                                refused=_('The quiz was not saved: fix the problems shown.'))

    @json_handler(max_bytes=AUTHORING_BODY_LIMIT, authoring=True)
    def convert_quiz(self, data, suffix=''):  # pylint: disable=unused-argument
        """Switch the editor's tabs: editor data -> ``{"olx"}``, or ``{"olx"}`` -> editor data. Saves nothing."""
        return self.convert_editor(data, refused=Translator(self).gettext('Fix the problems shown before switching.'))

    @json_handler(max_bytes=AUTHORING_BODY_LIMIT, authoring=True,
                  staff_only=_('Only course staff can preview questions.'))
    def preview_question(self, data, suffix=''):  # pylint: disable=unused-argument
        """One question of the editor as learners would see it, for its author's live preview: ``{"question": {...},
        "number": 3, "total": 6}`` (the question as ``save_quiz`` takes it) -> ``{"html": "..."}``.

        Drawn from what was sent only: nothing stored is read or changed. The author's HTML is sanitized as on save
        (also while the question still has errors), the form is the learners' own template, inert, and the options'
        codes are made with a key of this request only, so that they say nothing about the codes learners get.
        Under it, the problems a save would report about the question."""
        translator = Translator(self)
        _ = translator.gettext
        require_object(data, translator, allowed=('question', 'number', 'total'))
        number, total = data.get('number'), data.get('total')
        if 'question' not in data or not all(_is_count(value) for value in (number, total)) or number > total:
            raise HandlerError(400, _('Send the question, its number and the number of questions (at most '
                                      '{limit}).').format(limit=shown_number(MAX_QUESTIONS, 0)))
        question, problems = preview_question(data['question'], number - 1, empty_text=_('(nothing written yet)'))
        prefix = f'{self.dom_prefix()}-preview{number}'
        question = dataclasses.replace(question, id=f'q{number}')  # DOM ids are made of it: a valid one
        context = author_key.preview_questions(QuizContent(questions=(question,)),
                                               OptionCodes(secrets.token_bytes(16), usage_key(self)),
                                               usage_key(self), prefix, _, translator.ngettext)[0]
        context['heading'] = _('Question {number} of {total}').format(number=number, total=total)
        form = RENDERER.render(self, 'form.html', {
            'dom_prefix': prefix, 'attempt_number': 1, 'error': None, 'closed_text': '', 'status_text': '',
            'questions': [context],
        })
        return {'html': RENDERER.render(self, 'studio_preview.html', {
            'body_html': form,
            'problems': [{'error': problem.is_error, 'message': problem.translated(_)} for problem in problems],
        })}

    # ---- the author's preview and Studio's validation ----------------------------------------------------------

    def author_view(self, context=None):  # pylint: disable=unused-argument
        """The quiz as learners see it (inert), then the answer key, feedback and explanations per question."""
        translator = Translator(self)
        prefix = self.dom_prefix() + '-preview'
        content = self.quiz_content
        body = RENDERER.render(self, 'form.html', {
            'dom_prefix': prefix, 'attempt_number': 1, 'error': None, 'closed_text': '',
            'status_text': translator.gettext('Preview for authors: learners answer here; nothing is recorded.'),
            'questions': author_key.preview_questions(content, self.option_codes(), usage_key(self), prefix,
                                                      translator.gettext, translator.ngettext),
        })
        return RENDERER.fragment(self, 'author_view.html', {
            'dom_prefix': prefix,
            'title': self.display_title(translator),
            'description_html': content.description_html,
            'body_html': body,
            'keys': [author_key.answer_key(question, number, translator.gettext)
                     for number, question in enumerate(content.questions, start=1)],
            'problems': [{'error': problem.is_error, 'message': problem.translated(translator.gettext)}
                         for problem in self.current_problems()],
        }, css=('css/quiz.css', 'css/studio.css'))


def _is_count(value):
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_QUESTIONS
