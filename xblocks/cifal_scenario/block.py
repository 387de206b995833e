"""
``cifal_scenario``: the interactive migration module, as a thin XBlock shell around ``cifal_core.scenario``. The
class only composes: fields, OLX, what learners see, the handlers that move them, their run, its records and grade,
the platform's other views, the Problem Responses report, the action plan, Studio's editor and the staff
dashboard. Completion is emitted when a learner reaches an end.
"""
from functools import cached_property

from xblock.completable import CompletableXBlockMixin, XBlockCompletionMode
from xblock.core import XBlock

from cifal_core.blocks.views import package_scenarios
from cifal_core.scenario.models import ScenarioContent
from cifal_scenario.fields import ScenarioFields
from cifal_scenario.mixins.action_plan import ScenarioActionPlanMixin
from cifal_scenario.mixins.dashboard import ScenarioDashboardMixin
from cifal_scenario.mixins.grades import ScenarioGradesMixin
from cifal_scenario.mixins.handlers import ScenarioHandlersMixin
from cifal_scenario.mixins.olx import ScenarioOlxMixin
from cifal_scenario.mixins.platform_views import ScenarioPlatformViewsMixin
from cifal_scenario.mixins.problem_responses import ScenarioProblemResponsesMixin
from cifal_scenario.mixins.records import ScenarioRecordsMixin
from cifal_scenario.mixins.runs import ScenarioRunMixin
from cifal_scenario.mixins.studio import ScenarioStudioMixin
from cifal_scenario.mixins.views import ScenarioViewsMixin


@XBlock.needs('i18n')
@XBlock.wants('user')
@XBlock.wants('settings')
class ScenarioBlock(ScenarioFields, ScenarioOlxMixin, ScenarioViewsMixin, ScenarioHandlersMixin, ScenarioRunMixin,
                    ScenarioRecordsMixin, ScenarioGradesMixin, ScenarioPlatformViewsMixin,
                    ScenarioProblemResponsesMixin, ScenarioActionPlanMixin, ScenarioStudioMixin,
                    ScenarioDashboardMixin, CompletableXBlockMixin, XBlock):
    """A case scenario: decisions with consequences, indicators, self-checks, reflections and an action plan."""

    completion_mode = XBlockCompletionMode.COMPLETABLE
    has_author_view = True
    has_custom_completion = True
    i18n_js_namespace = 'CifalScenarioI18n'
    icon_class = 'problem'

    @cached_property
    def scenario_content(self):
        """The authored indicators and nodes (``definition`` as parsed from OLX)."""
        return ScenarioContent.from_dict(self.definition) if self.definition else ScenarioContent()

    def forget_content(self):
        self.__dict__.pop('scenario_content', None)

    @staticmethod
    def workbench_scenarios():
        return package_scenarios('cifal_scenario')
