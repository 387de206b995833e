"""
``cifal_questionnaire``: the feedback questionnaire (the reaction evaluation), as a thin XBlock shell around
``cifal_core.questionnaire``. The class only composes: fields, OLX, what respondents see, the handlers, the store,
the platform's other views, the Problem Responses report, Studio's editor and the staff dashboard. Not graded:
completion is emitted when the respondent sends their answers.
"""
from functools import cached_property

from xblock.completable import CompletableXBlockMixin, XBlockCompletionMode
from xblock.core import XBlock

from cifal_core.blocks.views import package_scenarios
from cifal_core.questionnaire.models import QuestionnaireContent
from cifal_questionnaire.fields import QuestionnaireFields
from cifal_questionnaire.mixins.dashboard import QuestionnaireDashboardMixin
from cifal_questionnaire.mixins.handlers import QuestionnaireHandlersMixin
from cifal_questionnaire.mixins.olx import QuestionnaireOlxMixin
from cifal_questionnaire.mixins.platform_views import QuestionnairePlatformViewsMixin
from cifal_questionnaire.mixins.problem_responses import QuestionnaireProblemResponsesMixin
from cifal_questionnaire.mixins.records import QuestionnaireRecordsMixin
from cifal_questionnaire.mixins.studio import QuestionnaireStudioMixin
from cifal_questionnaire.mixins.views import QuestionnaireViewsMixin


@XBlock.needs('i18n')
@XBlock.wants('user')
@XBlock.wants('settings')
class QuestionnaireBlock(QuestionnaireFields, QuestionnaireOlxMixin, QuestionnaireViewsMixin,
                         QuestionnaireHandlersMixin, QuestionnaireRecordsMixin, QuestionnairePlatformViewsMixin,
                         QuestionnaireProblemResponsesMixin, QuestionnaireStudioMixin, QuestionnaireDashboardMixin,
                         CompletableXBlockMixin, XBlock):
    """A feedback questionnaire: Likert, matrix, NPS, choice, text and profile items, anonymous by default."""

    completion_mode = XBlockCompletionMode.COMPLETABLE
    has_author_view = True
    has_custom_completion = True
    has_score = False
    i18n_js_namespace = 'CifalQuestionnaireI18n'
    icon_class = 'problem'

    @cached_property
    def questionnaire_content(self):
        """The authored introduction, scales and items (``definition`` as parsed from OLX)."""
        return QuestionnaireContent.from_dict(self.definition) if self.definition else QuestionnaireContent()

    def forget_content(self):
        self.__dict__.pop('questionnaire_content', None)

    @staticmethod
    def workbench_scenarios():
        return package_scenarios('cifal_questionnaire')
