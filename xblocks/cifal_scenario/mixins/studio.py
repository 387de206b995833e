"""
Authoring the scenario in Studio on the shared ``BlockEditorMixin``: the editor (``studio_view``) with its visual
node editor and its OLX tab, ``save_scenario`` and ``convert_scenario``, the graph drawing as preview, and the
author's view (``author_view``: the drawing, the shortest and longest runs, every node with what learners see only
after choosing, and the problems to fix). The rules are ``cifal_core.scenario.editor``'s, the same as OLX import.
"""
from cifal_core.blocks.handlers import AUTHORING_BODY_LIMIT, json_handler
from cifal_core.blocks.i18n import Translator, add_js_catalog
from cifal_core.blocks.i18n import gettext_noop as _
from cifal_core.blocks.numbers import number
from cifal_core.blocks.rendering import initialize_js
from cifal_core.blocks.studio import RUNTIME_ATTRIBUTES, BlockEditorMixin
from cifal_core.scenario.authoring import authoring_problems
from cifal_core.scenario.drawing import scenario_svg
from cifal_core.scenario.editor import validate_editor, validate_olx
from cifal_core.scenario.graph import path_lengths
from cifal_core.scenario.models import NODE_TYPES
from cifal_core.scenario.serialize import scenario_to_string
from cifal_core.scenario.settings import SCENARIO_SETTINGS
from cifal_scenario.mixins.dashboard import node_type_labels
from cifal_scenario.mixins.views import RENDERER

TYPE_LABELS = {
    'info': _('Information (read, then continue)'), 'decision': _('Decision (choices with consequences)'),
    'check': _('Self-check (one question)'), 'reflection': _('Reflection (goes into the action plan)'),
    'end': _('End (an outcome)'),
}


class ScenarioStudioMixin(BlockEditorMixin):
    """``studio_view``, the editor's handlers and ``author_view``; ``validate`` comes with the editor."""

    editor_settings = SCENARIO_SETTINGS

    def studio_view(self, context=None):  # pylint: disable=unused-argument
        translator = Translator(self)
        gettext = translator.gettext
        types = [{'value': value, 'label': gettext(TYPE_LABELS[value])} for value in NODE_TYPES]
        words = {
            'tabs': gettext('How to edit the scenario'), 'settings': gettext('Scenario settings'),
            'parts': gettext('Nodes'),
            'parts_help': gettext('Each node is a step. A run starts at the start node and goes where each choice '
                                  'or "next" leads, until an end. Use the arrow buttons to reorder the list (the '
                                  'order does not change the paths).'),
            'new_type': gettext('Type of the new node'), 'add': gettext('Add a node'),
            'olx': gettext('The scenario as OLX'),
            'olx_help': gettext('For power users: the settings, indicators and nodes as XML, in the format of the '
                                'README. Errors give the line to fix.'),
        }
        fields = RENDERER.render(self, 'studio_fields.html', {'dom_prefix': self.dom_prefix(),
                                                              'preview': self.preview(translator)})
        frag = RENDERER.html_fragment(self, self.editor_html(translator, words, fields, types),
                                      css=('css/scenario.css',), js=('js/studio_nodes.js', 'js/studio.js'),
                                      editor=True)
        add_js_catalog(frag, self)
        initialize_js(frag, 'CifalScenarioStudio', {
            **self.editor_data(), 'prefix': self.dom_prefix(), 'types': types,
            'problems': [problem.to_dict(translator.gettext) for problem in self.current_problems()],
        })
        return frag

    def preview(self, translator, content=None):
        """The drawing of the graph and the run lengths, in words."""
        content = content if content is not None else self.scenario_content
        if not content.nodes:
            return {'drawing': '', 'lengths': ''}
        labels = {**node_type_labels(translator), 'desc': translator.gettext(
            'Each box is a step; each arrow a way on, from a choice or a "next".')}
        return {'drawing': scenario_svg(content, self.display_title(translator), labels,
                                        dom_id=f'{self.dom_prefix()}-preview-graph'),
                'lengths': lengths_text(content, translator)}

    def editor_data(self):
        translator = Translator(self)
        return {**super().editor_data(), 'preview': self.preview(translator)}

    def current_problems(self):
        settings = {name: getattr(self, name) for name in SCENARIO_SETTINGS}
        return authoring_problems(settings, self.scenario_content)

    def editor_content(self):
        return self.scenario_content

    def validate_editor(self, settings, content):
        return validate_editor(settings, content)

    def validate_editor_olx(self, text):
        return validate_olx(text, tag=self.scope_ids.block_type, ignored_attributes=RUNTIME_ATTRIBUTES)

    def content_olx(self, content, settings):
        return scenario_to_string(content, settings, tag=self.scope_ids.block_type)

    @json_handler(max_bytes=AUTHORING_BODY_LIMIT, authoring=True)
    def save_scenario(self, data, suffix=''):  # pylint: disable=unused-argument
        """Validate and save: ``{"settings": {...}, "content": {...}}`` or ``{"olx": "..."}``."""
        gettext = Translator(self).gettext
        return self.save_editor(data, read_only=gettext('The scenario cannot be changed here: edit it in Studio.'),
                                refused=gettext('The scenario was not saved: fix the problems shown.'))

    @json_handler(max_bytes=AUTHORING_BODY_LIMIT, authoring=True)
    def convert_scenario(self, data, suffix=''):  # pylint: disable=unused-argument
        """Switch the editor's tabs: editor data -> ``{"olx"}``, or ``{"olx"}`` -> editor data. Saves nothing."""
        return self.convert_editor(data, refused=Translator(self).gettext('Fix the problems shown before switching.'))

    def author_view(self, context=None):  # pylint: disable=unused-argument
        """What authors check before learners come: the graph, the run lengths, each node with its choices, where
        they lead, their consequences, effects and points, and the problems to fix."""
        translator = Translator(self)
        content = self.scenario_content
        type_words = node_type_labels(translator)
        nodes = []
        for node in content.nodes:
            nodes.append({'id': node.id, 'title': node.title or node.id, 'type': type_words[node.type],
                          'body_html': node.body_html, 'prompt_html': node.prompt_html,
                          'question': node.question, 'next': node.next, 'outcomes': node.outcomes,
                          'choices': [{'html': choice.html, 'target': choice.target,
                                       'points': number(choice.points, 2) if choice.points else '',
                                       'show_if': choice.show_if, 'consequence_html': choice.consequence_html,
                                       'effects': ', '.join(f'{effect.indicator} {"+" if effect.delta > 0 else ""}'
                                                            f'{number(effect.delta, 2)}' for effect in choice.effects)}
                                      for choice in node.choices]})
        return RENDERER.fragment(self, 'author_view.html', {
            'dom_prefix': self.dom_prefix(), 'title': self.display_title(translator), 'nodes': nodes,
            'preview': self.preview(translator), 'start': content.start_node,
            'problems': [{'error': problem.is_error, 'message': problem.translated(translator.gettext)}
                         for problem in self.current_problems()],
        }, css=('css/scenario.css',))


def lengths_text(content, translator):
    """"The shortest run takes 4 steps; the longest, 6" (and a word on loops), for authors."""
    lengths = path_lengths(content)
    if lengths.shortest is None:
        return translator.gettext('No end can be reached from the start yet.')
    text = translator.gettext('The shortest run to an end takes {shortest} steps; the longest without going round a '
                              'loop, {longest}.').format(shortest=lengths.shortest, longest=lengths.longest)
    if lengths.has_loops:
        text += ' ' + translator.gettext('A learner can go round a loop, so some runs are longer.')
    return text
