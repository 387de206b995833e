"""
Authoring in Studio, shared by every block: the editor's settings controls, its save and convert requests, storing
what was validated, and Studio's validation messages (ADR 9).

A block's editor has two tabs, a visual editor and its OLX, checked by the same rules as OLX import (its domain
package's ``editor`` module), so the editor, the OLX tab, import and ``validate()`` never disagree. A refused save
changes nothing and answers 400 with each problem located (field, part, line) for the editor to show next to the
control to fix.

Who may save: Studio checks that the user may edit the course before it calls a handler of ``studio_view`` (its
user service does not say "staff" for course authors, so the block cannot ask; the suite's workbench refuses the
handlers marked ``authoring`` to learners, as Studio does). In the LMS authored fields are read-only: any attempt
raises ``InvalidScopeError`` and is answered 403, before anything changes.
"""
from xblock.exceptions import InvalidScopeError
from xblock.validation import ValidationMessage

from cifal_core.blocks.handlers import HandlerError, require_object
from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.views import SHARED_TEMPLATES

RUNTIME_ATTRIBUTES = ('url_name', 'xblock-family')  # what the runtime adds to a block's OLX, not the author


class BlockEditorMixin:
    """The block sets ``editor_settings`` (its settings table) and ``editor_value_labels`` ({value: label}), and
    implements ``validate_editor(settings, content)`` and ``validate_editor_olx(text)`` (both -> settings,
    content, problems), ``editor_content()`` (its content model), ``content_olx(content, settings)`` and
    ``current_problems()``. Its save and convert handlers call ``save_editor`` and ``convert_editor``."""

    editor_settings: dict = {}
    editor_value_labels: dict = {}
    editor_noun = ''  # 'quiz', 'questionnaire': only in messages built by the block

    def editor_data(self):
        """What the editor edits: every setting's value and the content as stored."""
        return {'settings': {name: getattr(self, name) for name in self.editor_settings},
                'content': self.editor_content().to_dict()}

    def settings_controls(self, translator):
        """One control per setting, with its label, help text and, for enumerations, its options."""
        controls = []
        for name, spec in self.editor_settings.items():
            field = self.fields[name]
            value = getattr(self, name)
            control = {
                'name': name, 'kind': spec.kind, 'id': f'{self.dom_prefix()}-setting-{name}',
                'label': translator.gettext(field.display_name), 'help': translator.gettext(field.help),
                'value': value if spec.kind != 'float' else f'{value:g}',
            }
            if spec.kind == 'choice':
                control['options'] = [{'value': option, 'selected': option == value,
                                       'label': translator.gettext(self.editor_value_labels.get(option, option))}
                                      for option in spec.choices]
            if spec.kind in ('int', 'float'):
                control.update(minimum=spec.minimum, maximum=spec.maximum, step='1' if spec.kind == 'int' else 'any')
            controls.append(control)
        return controls

    def editor_html(self, translator, words, fields_html, types):
        """The editor's frame (``templates/studio_editor.html`` here): tabs, settings, the block's own fields
        (``fields_html``), its list of parts with the ``types`` that can be added, and the actions. ``words`` are
        the block's labels: ``tabs``, ``settings``, ``parts``, ``parts_help``, ``new_type``, ``add``, ``olx``,
        ``olx_help`` (translated)."""
        return SHARED_TEMPLATES.render(self, 'studio_editor.html', {
            'dom_prefix': self.dom_prefix(), 'settings': self.settings_controls(translator), 'words': words,
            'fields_html': fields_html, 'types': types,
        })

    @staticmethod
    def editor_request(data, translator):
        """``{"settings": {...}, "content": {...}}`` or ``{"olx": "..."}``, with nothing else."""
        require_object(data, translator, allowed=('settings', 'content', 'olx'))
        if 'olx' in data:
            if not isinstance(data['olx'], str) or len(data) > 1:
                raise HandlerError(400, translator.gettext('Send "olx" as text, alone.'))
        elif not {'settings', 'content'} <= set(data):
            raise HandlerError(400, translator.gettext('Send the settings and the content, or the OLX.'))
        return data

    def validated(self, data):
        if 'olx' in data:
            return self.validate_editor_olx(data['olx'])
        return self.validate_editor(data.get('settings', {}), data.get('content', {}))

    @staticmethod
    def refuse_problems(problems, translator, summary):
        errors = [problem.to_dict(translator.gettext) for problem in problems if problem.is_error]
        warnings = [problem.to_dict(translator.gettext) for problem in problems if not problem.is_error]
        raise HandlerError(400, summary, errors=errors, warnings=warnings)

    def save_editor(self, data, read_only, refused):
        """Validate and save everything the editor sends; ``read_only`` and ``refused`` are the block's messages."""
        translator = Translator(self)
        data = self.editor_request(data, translator)
        if not self.can_author():
            raise HandlerError(403, read_only)
        settings, content, problems = self.validated(data)
        if any(problem.is_error for problem in problems):
            self.refuse_problems(problems, translator, refused)
        try:
            self.store_authored(settings, content)
        except InvalidScopeError as error:
            raise HandlerError(403, read_only) from error
        return {'saved': True, 'warnings': [problem.to_dict(translator.gettext) for problem in problems],
                **self.editor_data()}

    def convert_editor(self, data, refused):
        """The editor's data as OLX, or OLX as the editor's data, for switching tabs; saves nothing."""
        translator = Translator(self)
        data = self.editor_request(data, translator)
        settings, content, problems = self.validated(data)
        if any(problem.is_error for problem in problems):
            self.refuse_problems(problems, translator, refused)
        warnings = [problem.to_dict(translator.gettext) for problem in problems]
        if 'olx' in data:
            return {'settings': settings, 'content': content.to_dict(), 'warnings': warnings}
        changed = {name: value for name, value in settings.items() if value != self.editor_settings[name].default}
        return {'olx': self.content_olx(content, changed), 'warnings': warnings}

    def can_author(self):
        """Whether authored fields may be written: the LMS makes them read-only (``InvalidScopeError``).

        Writing ``definition`` back unchanged is the probe: it changes nothing where writing is allowed.
        """
        _ = self.definition  # load it into the field cache, so that it can be written back
        try:
            self.force_save_fields(['definition'])
        except InvalidScopeError:
            return False
        return True

    def store_authored(self, settings, content):
        """Write the settings (a default one is reset, so export stays minimal) and the content."""
        for name, value in settings.items():
            field = self.fields[name]
            if value == self.editor_settings[name].default:
                if field.is_set_on(self):
                    field.delete_from(self)
            elif getattr(self, name) != value or not field.is_set_on(self):
                setattr(self, name, value)
        self.definition = content.to_dict()
        self.forget_content()
        self.save()

    def validate(self):
        """Studio's messages on the unit page: the same problems as the editor shows."""
        validation = super().validate()
        translator = Translator(self)
        for problem in self.current_problems():
            kind = ValidationMessage.ERROR if problem.is_error else ValidationMessage.WARNING
            validation.add(ValidationMessage(kind, problem.translated(translator.gettext)))
        return validation
