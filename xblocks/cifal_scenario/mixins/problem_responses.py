"""
The instructor dashboard's "Problem Responses" report: each learner's current run in words, one row per step (the
situation, what they chose or answered) and, once it is over, the outcome. Reflections are the learner's own words
and appear only when the operator sets ``CIFAL_RESULTS['EXPORT_REFLECTIONS']``, as in ``scenario-paths``.
"""
from collections import OrderedDict

from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.store import results_api
from cifal_core.html import html_to_text
from cifal_core.scenario import run as runs


class ScenarioProblemResponsesMixin:
    """Needs the scenario's content."""

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        _ = Translator(self).gettext
        content = self.scenario_content
        store = results_api()
        with_reflections = bool(store and store.results_setting('EXPORT_REFLECTIONS'))
        produced = 0
        for user_state in user_state_iterator:
            run = runs.read_run(user_state.state.get('run'))
            if run is None or not run['steps']:
                continue
            for row in self._report_rows(content, run, with_reflections, _):
                if limit_responses is not None and produced >= limit_responses:
                    return
                yield user_state.username, row
                produced += 1

    @staticmethod
    def _report_rows(content, run, with_reflections, _):
        rows = []
        for number, step in enumerate(run['steps'], start=1):
            if not content.has_node(step['node']):
                continue
            node = content.node(step['node'])
            answer = ''
            if step['action'] == 'choose':
                choice = next((choice for choice in node.choices if choice.id == step.get('choice')), None)
                answer = html_to_text(choice.html) if choice else step.get('choice', '')
            elif node.type == 'check' and node.id in run['checks']:
                result = run['checks'][node.id]
                chosen = result['answer'] if isinstance(result['answer'], list) else [result['answer']]
                texts = [html_to_text(choice.html) for choice in node.question.choices if choice.id in chosen]
                answer = '; '.join(texts) + ' (' + {'correct': _('correct'), 'partial': _('partly correct')}.get(
                    result['status'], _('not correct')) + ')'
            elif node.type == 'reflection':
                answer = (run['reflections'].get(node.id) or {}).get('text', '') if with_reflections else ''
            else:
                continue
            situation = node.title or html_to_text(node.body_html or node.prompt_html)[:120]
            rows.append(OrderedDict(((_('Run'), run['number']), (_('Step'), number), (_('Question'), situation),
                                     (_('Answer'), answer), (_('Question ID'), node.id))))
        if runs.is_finished(run) and content.has_node(run['node']):
            end = content.node(run['node'])
            index = run.get('ending') if isinstance(run.get('ending'), int) else 0
            outcome = html_to_text(end.outcomes[index].html) if index < len(end.outcomes) else ''
            rows.append(OrderedDict(((_('Run'), run['number']), (_('Step'), len(run['steps']) + 1),
                                     (_('Question'), end.title or _('The end')), (_('Answer'), outcome),
                                     (_('Question ID'), end.id))))
        return rows
