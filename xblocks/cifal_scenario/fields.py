"""
The scenario module's fields: what trainers author (settings from ``cifal_core.scenario.settings``, and content)
and what each learner keeps (user state).

The learner's state holds the run in progress (``cifal_core.scenario.run``, versioned JSON), the reflections of
earlier runs (their own words, kept for their action plans and never put in the results store unless the operator
asks for it), and a mirror of the finished runs' scores for the grade.
"""
from xblock.fields import Dict, Integer, List, Scope

from cifal_core.blocks.fields import setting_field
from cifal_core.blocks.i18n import gettext_noop as _
from cifal_core.scenario.settings import SCENARIO_SETTINGS as SETTINGS


class ScenarioFields:
    """Field declarations only; the behaviour lives in the block and its mixins."""

    display_name = setting_field(SETTINGS['display_name'], _('Display name'),
                                 _('The title learners see above the scenario.'))
    graded = setting_field(SETTINGS['graded'], _('Graded'), _(
        'Choices and self-checks earn the points the author gave them; the grade is the best finished run.'))
    allow_back = setting_field(SETTINGS['allow_back'], _('Learners may go back'), _(
        'A Back button undoes the last step (the indicators return to where they were).'))
    weight = setting_field(SETTINGS['weight'], _('Problem weight'), _(
        'How much the scenario counts in the course grade, when it is graded.'))
    definition = Dict(default={}, scope=Scope.content,
                      help=_('The indicators and the nodes, as parsed from OLX.'))
    extra_attributes = Dict(default={}, scope=Scope.settings,
                            help=_('OLX attributes this version does not know, kept for a lossless export.'))

    # Learner state.
    run = Dict(default={}, scope=Scope.user_state, help='The run in progress or just finished (versioned JSON).')
    runs_started = Integer(default=0, scope=Scope.user_state, help='Runs started, this one included.')
    past_runs = List(default=[], scope=Scope.user_state,
                     help='Earlier runs, most recent last: number, status, ending, points, reflections.')
    published_score = Dict(default={}, scope=Scope.user_state, help='The grade last published (raw points).')
