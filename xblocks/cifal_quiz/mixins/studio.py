"""
Authoring in Studio: the visual editor (``studio_view``) with its OLX tab, the save and convert handlers, the
author's preview (``author_view``) and Studio's validation messages (``validate``).

Every check comes from ``cifal_core.quiz.editor`` / ``authoring``, the same rules as OLX import, so the editor, the
OLX tab, import and ``validate()`` can never disagree. A refused save changes nothing and answers 400 with each
problem located (field, question, part, line) for the editor to show next to the control to fix.

Who may save: Studio checks that the user may edit the course before it calls a handler of ``studio_view`` (its
user service does not say "staff" for course authors, so the block cannot ask). In the LMS authored fields are
read-only: any attempt raises ``InvalidScopeError`` and is answered 403, before anything changes.
"""
from xblock.exceptions import InvalidScopeError
from xblock.validation import ValidationMessage

from cifal_core.blocks.handlers import AUTHORING_BODY_LIMIT, HandlerError, json_handler, require_object
from cifal_core.blocks.i18n import Translator, add_js_catalog
from cifal_core.blocks.i18n import gettext_noop as _
from cifal_core.blocks.platform import usage_key
from cifal_core.blocks.rendering import initialize_js
from cifal_core.quiz.authoring import authoring_problems
from cifal_core.quiz.editor import validate_olx, validate_quiz
from cifal_core.quiz.models import QUESTION_TYPES
from cifal_core.quiz.serialize import quiz_to_string
from cifal_core.quiz.settings import QUIZ_SETTINGS
from cifal_quiz import author_key
from cifal_quiz.fields import VALUE_LABELS
from cifal_quiz.mixins.views import RENDERER

RUNTIME_ATTRIBUTES = ('url_name', 'xblock-family')
TYPE_LABELS = {
    'single': _('Single choice (radio buttons)'),
    'multiple': _('Multiple choice (checkboxes)'),
    'numeric': _('Number'),
    'text': _('Short text'),
    'ordering': _('Ordering'),
    'matching': _('Matching'),
}


class QuizStudioMixin:
    """``studio_view``, ``save_quiz``, ``convert_quiz``, ``author_view`` and ``validate``."""

    # ---- the editor -------------------------------------------------------------------------------------------

    def studio_view(self, context=None):  # pylint: disable=unused-argument
        translator = Translator(self)
        frag = RENDERER.fragment(self, 'studio_view.html', {
            'dom_prefix': self.dom_prefix(),
            'settings': self.settings_controls(translator),
            'types': self.type_options(translator),
        }, css=('css/studio.css',), js=('js/studio_questions.js', 'js/studio.js'))
        add_js_catalog(frag, self)
        initialize_js(frag, 'CifalQuizStudio', {
            **self.editor_data(),
            'prefix': self.dom_prefix(),
            'types': self.type_options(translator),
            'scorings': [{'value': value, 'label': translator.gettext(label)}
                         for value, label in author_key.SCORING_LABELS.items()],
            'problems': [problem.to_dict(translator.gettext) for problem in self.current_problems()],
        })
        return frag

    def editor_data(self):
        """What the editor edits: every quiz setting's value and the content as stored."""
        return {'settings': {name: getattr(self, name) for name in QUIZ_SETTINGS},
                'content': self.quiz_content.to_dict()}

    def settings_controls(self, translator):
        """One control per quiz setting, with its label, help text and, for enumerations, its options."""
        controls = []
        for name, spec in QUIZ_SETTINGS.items():
            field = self.fields[name]
            value = getattr(self, name)
            control = {
                'name': name, 'kind': spec.kind, 'id': f'{self.dom_prefix()}-setting-{name}',
                'label': translator.gettext(field.display_name), 'help': translator.gettext(field.help),
                'value': value if spec.kind != 'float' else f'{value:g}',
            }
            if spec.kind == 'choice':
                control['options'] = [{'value': option, 'label': translator.gettext(VALUE_LABELS.get(option, option)),
                                       'selected': option == value} for option in spec.choices]
            if spec.kind in ('int', 'float'):
                control.update(minimum=spec.minimum, maximum=spec.maximum, step='1' if spec.kind == 'int' else 'any')
            controls.append(control)
        return controls

    @staticmethod
    def type_options(translator):
        return [{'value': value, 'label': translator.gettext(TYPE_LABELS[value])} for value in QUESTION_TYPES]

    def current_problems(self):
        """Authoring problems of the quiz as saved (what ``validate()`` reports)."""
        settings = {name: getattr(self, name) for name in QUIZ_SETTINGS}
        return authoring_problems(settings, self.quiz_content)

    # ---- handlers ---------------------------------------------------------------------------------------------

    @staticmethod
    def _editor_request(data, translator):
        """``{"settings": {...}, "content": {...}}`` or ``{"olx": "..."}``, with nothing else."""
        require_object(data, translator, allowed=('settings', 'content', 'olx'))
        if 'olx' in data:
            if not isinstance(data['olx'], str) or len(data) > 1:
                raise HandlerError(400, translator.gettext('Send "olx" as text, alone.'))
        elif not {'settings', 'content'} <= set(data):
            raise HandlerError(400, translator.gettext('Send the quiz as "settings" and "content", or as "olx".'))
        return data

    def _validated(self, data):
        """``(settings, content, problems)`` for ``{"settings", "content"}`` or ``{"olx"}``."""
        if 'olx' in data:
            return validate_olx(data['olx'], tag=self.scope_ids.block_type, ignored_attributes=RUNTIME_ATTRIBUTES)
        return validate_quiz(data.get('settings', {}), data.get('content', {}))

    @staticmethod
    def _refuse_problems(problems, translator, summary):
        errors = [problem.to_dict(translator.gettext) for problem in problems if problem.is_error]
        warnings = [problem.to_dict(translator.gettext) for problem in problems if not problem.is_error]
        raise HandlerError(400, summary, errors=errors, warnings=warnings)

    @json_handler(max_bytes=AUTHORING_BODY_LIMIT, authoring=True)
    def save_quiz(self, data, suffix=''):  # pylint: disable=unused-argument
        """Validate and save the whole quiz: ``{"settings": {...}, "content": {...}}`` or ``{"olx": "..."}``."""
        translator = Translator(self)
        data = self._editor_request(data, translator)
        read_only = translator.gettext('The quiz cannot be changed here: edit it in Studio.')
        if not self._can_author():
            raise HandlerError(403, read_only)
        settings, content, problems = self._validated(data)
        if any(problem.is_error for problem in problems):
            self._refuse_problems(problems, translator, translator.gettext(
                'The quiz was not saved: fix the problems shown.'))
        try:
            self._store(settings, content)
        except InvalidScopeError as error:
            raise HandlerError(403, read_only) from error
        return {'saved': True, 'warnings': [problem.to_dict(translator.gettext) for problem in problems],
                **self.editor_data()}

    @json_handler(max_bytes=AUTHORING_BODY_LIMIT, authoring=True)
    def convert_quiz(self, data, suffix=''):  # pylint: disable=unused-argument
        """Switch the editor's tabs: editor data -> ``{"olx"}``, or ``{"olx"}`` -> editor data. Saves nothing."""
        translator = Translator(self)
        data = self._editor_request(data, translator)
        settings, content, problems = self._validated(data)
        if any(problem.is_error for problem in problems):
            self._refuse_problems(problems, translator, translator.gettext(
                'Fix the problems shown before switching.'))
        warnings = [problem.to_dict(translator.gettext) for problem in problems]
        if 'olx' in data:
            return {'settings': settings, 'content': content.to_dict(), 'warnings': warnings}
        changed = {name: value for name, value in settings.items() if value != QUIZ_SETTINGS[name].default}
        return {'olx': quiz_to_string(content, changed, tag=self.scope_ids.block_type), 'warnings': warnings}

    def _can_author(self):
        """Whether authored fields may be written: the LMS makes them read-only (``InvalidScopeError``).

        Writing ``definition`` back unchanged is the probe: it changes nothing where writing is allowed.
        """
        _ = self.definition  # load it into the field cache, so that it can be written back
        try:
            self.force_save_fields(['definition'])
        except InvalidScopeError:
            return False
        return True

    def _store(self, settings, content):
        """Write the settings (a default one is reset, so export stays minimal) and the content."""
        for name, value in settings.items():
            field = self.fields[name]
            if value == QUIZ_SETTINGS[name].default:
                if field.is_set_on(self):
                    field.delete_from(self)
            elif getattr(self, name) != value or not field.is_set_on(self):
                setattr(self, name, value)
        self.definition = content.to_dict()
        self.__dict__.pop('quiz_content', None)  # the cached_property of the block
        self.save()

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

    def validate(self):
        """Studio's messages on the unit page: the same problems as the editor shows."""
        validation = super().validate()
        translator = Translator(self)
        for problem in self.current_problems():
            kind = ValidationMessage.ERROR if problem.is_error else ValidationMessage.WARNING
            validation.add(ValidationMessage(kind, problem.translated(translator.gettext)))
        return validation
