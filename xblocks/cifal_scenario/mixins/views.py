"""
What learners see: one node at a time, under the indicators, rendered on the server. The handlers answer with the
same rendered stage (and its data, for the apps), so the page never holds two copies of the markup, and the browser
never holds a consequence, a target or a key before the learner has earned it.
"""
from xblock.core import XBlock

from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_core.blocks.numbers import number
from cifal_core.blocks.platform import platform_secret, usage_key
from cifal_core.blocks.rendering import BlockRenderer
from cifal_core.blocks.views import BlockViews
from cifal_core.quiz.codes import OptionCodes
from cifal_core.scenario import run as runs
from cifal_scenario import presenter

RENDERER = BlockRenderer('cifal_scenario')
LEARNER_VIEW = {'renderer': RENDERER, 'css': ('css/scenario.css',), 'js': ('js/scenario.js',),
                'init': 'CifalScenarioBlock', 'block_class': 'cifal-scenario', 'body_name': 'stage'}


class ScenarioViewsMixin(BlockViews):
    """``student_view`` and the stage the handlers re-render. Needs ``ScenarioRunMixin``."""

    dom_id_prefix = 'csc'

    def words(self, translator):
        return presenter.Words(translator.gettext, translator.ngettext, lambda value: number(value, 1))

    def learner_codes(self):
        """The codes learners see instead of authored choice ids (``cifal_core.quiz.codes``): decisions' choices
        and self-checks' options are coded apart, so no id a page shows says which choice is worth what."""
        codes = self.__dict__.get('_learner_codes')
        if codes is None:
            scope = usage_key(self)
            codes = self.__dict__['_learner_codes'] = presenter.Codes(
                choices=OptionCodes(platform_secret(), f'{scope}/choices'),
                checks=OptionCodes(platform_secret(), f'{scope}/checks'))
        return codes

    @XBlock.supports('multi_device')
    def student_view(self, context=None):  # pylint: disable=unused-argument
        identity = current_identity(self)
        return self.learner_fragment(identity, LEARNER_VIEW, self.render_stage(self.current_run(identity)))

    def stage(self, run, move=None):
        """The stage's data: the indicators (with the changes ``move`` made), the consequence of the choice just made,
        the current node and, at an end, the recap, the journey and the action plan."""
        translator = Translator(self)
        words, content = self.words(translator), self.scenario_content
        node = runs.current_node(content, run)
        changes = move.changes if move is not None else {}
        data = {'indicators': presenter.indicators_view(content, run['indicators'], words, changes),
                'node': presenter.node_view(content, run, node, self.learner_codes(), words, self.allow_back),
                'consequence': None, 'run_number': run['number'], 'steps': len(run['steps'])}
        if move is not None and 'choice' in move.revealed:
            last = run['last']
            data['consequence'] = presenter.consequence_view(content, last.get('node'), move.revealed['choice'], words)
        # What takes the focus once the stage is shown: what the learner's move revealed, else the step's title.
        data['focus'] = ('consequence' if data['consequence'] else
                         'check' if move is not None and 'check' in move.revealed else 'node')
        if node.type == 'end':
            data.update(recap=presenter.recap_view(content, run, words),
                        journey=presenter.journey_view(content, run, words),
                        plan=presenter.action_plan(content, run, words),
                        plan_links={'docx': self.runtime.handler_url(self, 'action_plan', query='format=docx'),
                                    'html': self.runtime.handler_url(self, 'action_plan', query='format=html')})
        return data

    def render_stage(self, run, move=None):
        if run is None:
            return RENDERER.render(self, 'empty.html', {})
        data = {**self.stage(run, move), 'dom_prefix': self.dom_prefix()}
        data['changes_text'] = [entry['change_text'] for entry in data['indicators'] if 'change_text' in entry]
        if data['node']['type'] == 'end':
            data['end_details_html'] = RENDERER.render(self, 'end_details.html', data)
        return RENDERER.render(self, 'stage.html', data)
