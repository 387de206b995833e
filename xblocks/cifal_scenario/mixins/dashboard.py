"""
The staff-only dashboard under the scenario: learners started and finished, drop-off per node, for each decision
how many chose each choice, the endings reached, the mean indicators at the end, the self-checks' facility, and a
drawing of the scenario graph with the number of runs on each edge (SVG, generated from the content) beside the same
figures as a table. Learners never receive it: the toggle is rendered for staff only and the handlers answer 403.
Its figures come from the same code as ``cifal_export`` (``cifal_core.scenario.analytics``).
"""
from cifal_core.blocks.dashboard import StaffDashboardMixin
from cifal_core.blocks.i18n import gettext_noop
from cifal_core.blocks.numbers import number, percent
from cifal_core.blocks.platform import usage_key
from cifal_core.blocks.store import results_api
from cifal_core.html import html_to_text
from cifal_core.scenario.drawing import scenario_svg
from cifal_scenario.mixins.views import RENDERER

REPORT_TITLES = {'scenario-summary': gettext_noop('Summary (nodes, choices, endings, indicators)'),
                 'scenario-paths': gettext_noop('Paths (one row per run and step)')}
NODE_TYPES = {'info': gettext_noop('information'), 'decision': gettext_noop('decision'),
              'check': gettext_noop('self-check'), 'reflection': gettext_noop('reflection'),
              'end': gettext_noop('end')}


def node_type_labels(translator):
    return {node_type: translator.gettext(label) for node_type, label in NODE_TYPES.items()}


class ScenarioDashboardMixin(StaffDashboardMixin):
    """The scenario's figures for ``StaffDashboardMixin``'s ``dashboard`` and its downloads."""

    dashboard_renderer = RENDERER
    report_titles_table = REPORT_TITLES

    def dashboard_context(self, translator):
        from cifal_scenario.reports.content import block_tally  # noqa: PLC0415  (needs Django's apps ready)
        _, content = translator.gettext, self.scenario_content
        context = {'dom_prefix': self.dom_prefix(), 'downloads': self.download_links(), 'started': 0}
        if results_api() is None or not content.nodes:
            return context
        result = block_tally(usage_key(self), content)
        if not result.learners_started:
            return context
        titles = {node.id: node.title or node.id for node in content.nodes}
        labels = {**node_type_labels(translator),
                  'desc': _('Each box is a step; each arrow a way on, with the number of runs that took it.'),
                  'runs': lambda count: translator.ngettext('{count} run', '{count} runs', count).format(
                      count=whole(count))}
        started, finished = result.learners_started, result.learners_finished
        context.update(
            started=started,
            counts=translator.ngettext(
                '{started} learner started; {finished} finished ({share}).',
                '{started} learners started; {finished} finished ({share}).', started).format(
                started=whole(started), finished=whole(finished), share=percent(100 * finished / started)),
            runs=_('Runs finished: {finished}; given up by starting again: {reset}.').format(
                finished=whole(result.runs_finished), reset=whole(result.runs_reset)),
            drawing=scenario_svg(content, self.display_title(translator), labels, result.edges,
                                 f'{self.dom_prefix()}-graph'),
            edges=[{'source': titles.get(source, source), 'target': titles.get(target, target),
                    'runs': whole(count)} for (source, target), count in sorted(result.edges.items())],
            nodes=[{'title': titles[node.id], 'type': labels[node.type], 'visits': whole(result.visits[node.id]),
                    'stopped': whole(result.stopped[node.id]),
                    'drop_off': _percent_or_dash(result.drop_off_percent(node.id))} for node in content.nodes],
            decisions=[{'title': titles[node.id], 'choices': [
                {'text': html_to_text(choice.html), 'count': whole(result.choices[node.id, choice.id]),
                 'share': _percent_or_dash(result.choice_share(node.id, choice.id))} for choice in node.choices]}
                for node in content.nodes if node.type == 'decision'],
            endings=[{'title': titles[node.id], 'outcome': html_to_text(outcome.html)[:160],
                      'count': whole(result.endings[node.id, index])}
                     for node in content.nodes if node.type == 'end' for index, outcome in enumerate(node.outcomes)],
            indicators=[{'label': indicator.label, 'start': number(indicator.start),
                         'mean': number(result.mean_at_end(indicator.id)) if result.runs_finished else '\u2013'}
                        for indicator in content.indicators],
            checks=[{'title': titles[node.id], 'n': whole(result.checks[node.id].n) if node.id in result.checks
                     else whole(0), 'facility': _percent_or_dash(
                         100 * result.checks[node.id].facility() if node.id in result.checks
                         and result.checks[node.id].facility() is not None else None)}
                    for node in content.nodes if node.type == 'check'],
        )
        return context


def whole(value):
    """A count in the reader's language ("1 250" in French)."""
    return number(value, 0)


def _percent_or_dash(value):
    return '\u2013' if value is None else percent(value)
