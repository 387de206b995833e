"""
Authoring the questionnaire in Studio on the shared ``BlockEditorMixin``: the editor (``studio_view``) with its
OLX tab, ``save_questionnaire`` and ``convert_questionnaire``, and the author's preview (``author_view``). The rules
are ``cifal_core.questionnaire.editor``'s, the same as OLX import.
"""
from cifal_core.blocks.handlers import AUTHORING_BODY_LIMIT, json_handler
from cifal_core.blocks.i18n import Translator, add_js_catalog
from cifal_core.blocks.i18n import gettext_noop as _
from cifal_core.blocks.rendering import initialize_js
from cifal_core.blocks.studio import RUNTIME_ATTRIBUTES, BlockEditorMixin
from cifal_core.questionnaire.authoring import authoring_problems
from cifal_core.questionnaire.editor import validate_editor, validate_olx
from cifal_core.questionnaire.models import ITEM_TYPES
from cifal_core.questionnaire.scales import NAMED_SCALES
from cifal_core.questionnaire.serialize import questionnaire_to_string
from cifal_core.questionnaire.settings import QUESTIONNAIRE_SETTINGS
from cifal_questionnaire import presenter
from cifal_questionnaire.mixins.views import RENDERER

TYPE_LABELS = {
    'likert': _('Statement on a scale (Likert)'),
    'matrix': _('Several statements on one scale (matrix)'),
    'nps': _('How likely to recommend (0 to 10)'),
    'single': _('One choice'),
    'multiple': _('Several choices'),
    'text': _('Free text'),
    'profile': _('About the respondent (for breakdowns)'),
}
SCALE_LABELS = {
    'agree5': _('Agree, 5 points'), 'satisfied5': _('Satisfied, 5 points'), 'useful4': _('Useful, 4 points'),
    'agree7': _('Agree, 7 points'),
}


class QuestionnaireStudioMixin(BlockEditorMixin):
    """``studio_view``, the editor's handlers and ``author_view``; ``validate`` comes with the editor."""

    editor_settings = QUESTIONNAIRE_SETTINGS

    def studio_view(self, context=None):  # pylint: disable=unused-argument
        translator = Translator(self)
        types = [{'value': value, 'label': translator.gettext(TYPE_LABELS[value])} for value in ITEM_TYPES]
        gettext = translator.gettext
        words = {
            'tabs': gettext('How to edit the questionnaire'), 'settings': gettext('Questionnaire settings'),
            'parts': gettext('Items'),
            'parts_help': gettext('Respondents see the items in this order. Use the arrow buttons to reorder them. '
                                  'Profile items (about the respondent) give the groups of the breakdowns.'),
            'new_type': gettext('Type of the new item'), 'add': gettext('Add an item'),
            'olx': gettext('The questionnaire as OLX'),
            'olx_help': gettext('For power users: the settings, scales and items as XML, in the format of the README '
                                '(your own scales are written here, as <scale> elements). Errors give the line to '
                                'fix.'),
        }
        fields = RENDERER.render(self, 'studio_fields.html', {'dom_prefix': self.dom_prefix()})
        frag = RENDERER.html_fragment(self, self.editor_html(translator, words, fields, types),
                                      js=('js/studio_items.js', 'js/studio.js'), editor=True)
        add_js_catalog(frag, self)
        initialize_js(frag, 'CifalQuestionnaireStudio', {
            **self.editor_data(), 'prefix': self.dom_prefix(), 'types': types,
            'scales': [{'value': value, 'label': translator.gettext(label)} for value, label in SCALE_LABELS.items()],
            'problems': [problem.to_dict(translator.gettext) for problem in self.current_problems()],
        })
        return frag

    def current_problems(self):
        settings = {name: getattr(self, name) for name in QUESTIONNAIRE_SETTINGS}
        return authoring_problems(settings, self.questionnaire_content)

    def editor_content(self):
        return self.questionnaire_content

    def validate_editor(self, settings, content):
        return validate_editor(settings, content)

    def validate_editor_olx(self, text):
        return validate_olx(text, tag=self.scope_ids.block_type, ignored_attributes=RUNTIME_ATTRIBUTES)

    def content_olx(self, content, settings):
        return questionnaire_to_string(content, settings, tag=self.scope_ids.block_type)

    @json_handler(max_bytes=AUTHORING_BODY_LIMIT, authoring=True)
    def save_questionnaire(self, data, suffix=''):  # pylint: disable=unused-argument
        """Validate and save: ``{"settings": {...}, "content": {...}}`` or ``{"olx": "..."}``."""
        _ = Translator(self).gettext
        return self.save_editor(data, read_only=_('The questionnaire cannot be changed here: edit it in Studio.'),
                                refused=_('The questionnaire was not saved: fix the problems shown.'))

    @json_handler(max_bytes=AUTHORING_BODY_LIMIT, authoring=True)
    def convert_questionnaire(self, data, suffix=''):  # pylint: disable=unused-argument
        """Switch the editor's tabs: editor data -> ``{"olx"}``, or ``{"olx"}`` -> editor data. Saves nothing."""
        return self.convert_editor(data, refused=Translator(self).gettext('Fix the problems shown before switching.'))

    def author_view(self, context=None):  # pylint: disable=unused-argument
        """The questionnaire as respondents see it (inert), with what authors need: which items are required, which
        are shown only on a condition, which feed a headline indicator, and the problems to fix."""
        translator = Translator(self)
        content = self.questionnaire_content
        prefix = self.dom_prefix() + '-preview'
        words = self.words(translator)
        shown = {item.id for item in content.items}  # authors see every item, conditions named below
        items = [presenter.form_item(content, item, number, {}, shown, prefix, words)
                 for number, item in enumerate(content.items, start=1)]
        body = RENDERER.render(self, 'form.html', {'dom_prefix': prefix, 'items': items, 'closed_text': '',
                                                   'preview': True})
        notes = []
        for item in content.items:
            parts = [translator.gettext(TYPE_LABELS[item.type])]
            if item.show_if:
                parts.append(translator.gettext('shown when: {condition}').format(condition=item.show_if))
            indicators = [item.indicator] + [row.indicator for row in item.rows]
            if any(indicators):
                parts.append(translator.gettext('indicator: {names}').format(
                    names=', '.join(name for name in indicators if name)))
            notes.append({'id': item.id, 'text': '; '.join(parts)})
        return RENDERER.fragment(self, 'author_view.html', {
            'dom_prefix': prefix, 'title': self.display_title(translator), 'intro_html': content.intro_html,
            'body_html': body, 'notes': notes, 'anonymous': self.anonymous, 'scales': list(NAMED_SCALES),
            'problems': [{'error': problem.is_error, 'message': problem.translated(translator.gettext)}
                         for problem in self.current_problems()],
        }, css=('css/questionnaire.css', 'css/studio.css'))
