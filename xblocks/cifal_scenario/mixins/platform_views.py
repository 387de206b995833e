"""
The scenario where the platform shows a block outside the courseware page: the mobile apps
(``student_view_data``, ``student_view_user_state``), courseware search (titles and bodies, no consequences) and
visitors who are not enrolled (the first node only).

``student_view_data`` is called with no learner bound, so it holds the content only, without what a learner must
earn: no correct flags, feedback, explanations, consequences, effects, points or targets. The apps get those from
the handlers' answers, as the learner chooses.
"""
from cifal_core.blocks.handlers import get_handler
from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_core.html import html_to_text
from cifal_core.scenario import run as runs
from cifal_scenario.mixins.views import RENDERER


class ScenarioPlatformViewsMixin:
    """Needs the views and run mixins."""

    def student_view_data(self, context=None):  # pylint: disable=unused-argument
        content, codes = self.scenario_content, self.learner_codes()
        nodes = []
        for node in content.nodes:
            data = {'id': node.id, 'type': node.type, 'title': node.title, 'body_html': node.body_html}
            if node.type == 'decision':
                choice_codes = codes.choices.question(node)
                data['choices'] = [{'id': choice_codes.code('choice', choice.id), 'html': choice.html,
                                    'conditional': bool(choice.show_if)} for choice in node.choices]
            elif node.type == 'check':
                question_codes = codes.checks.question(node.question)
                data['question'] = {'id': node.question.id, 'type': node.question.type,
                                    'prompt_html': node.question.prompt_html,
                                    'choices': [{'id': question_codes.code('choice', choice.id), 'html': choice.html}
                                                for choice in node.question.choices]}
            elif node.type == 'reflection':
                data['prompt_html'] = node.prompt_html
            nodes.append(data)
        return {'display_name': self.display_name, 'graded': self.graded, 'allow_back': self.allow_back,
                'start': content.start_node,
                'indicators': [indicator.to_dict() for indicator in content.indicators], 'nodes': nodes}

    @get_handler
    def student_view_user_state(self, request, suffix=''):  # pylint: disable=unused-argument
        """GET: the learner's current node, indicators, path and reflections (the stage, as the handlers send it)."""
        identity = current_identity(self)
        run = self.current_run(identity)
        if run is None:
            return {'node': None, 'indicators': [], 'path': [], 'reflections': {}, 'finished': False}
        stage = self.stage(run)
        return {**stage, 'path': [{key: step[key] for key in ('node', 'action') if key in step}
                                  for step in run['steps']],
                'reflections': {node: saved.get('text', '') for node, saved in run['reflections'].items()},
                'finished': runs.is_finished(run), 'runs_started': self.runs_started,
                'score': self.published_score or None}

    def index_dictionary(self):
        """Search: the title and the nodes' titles and bodies; never a consequence or a feedback."""
        index = super().index_dictionary()
        texts = []
        for node in self.scenario_content.nodes:
            texts.extend([node.title, html_to_text(node.body_html), html_to_text(node.prompt_html)])
        index.setdefault('content', {})['capa_content'] = ' '.join(text for text in texts if text)
        index['content_type'] = 'CIFAL Scenario'
        return index

    def public_view(self, context=None):  # pylint: disable=unused-argument
        translator = Translator(self)
        content = self.scenario_content
        first = content.node(content.start_node) if content.nodes else None
        return RENDERER.fragment(self, 'public_view.html', {
            'title': self.display_title(translator), 'node': first,
            'count_text': translator.ngettext('This case scenario has {count} step.',
                                              'This case scenario has {count} steps.',
                                              len(content.nodes)).format(count=len(content.nodes)),
        }, css=('css/scenario.css',))
