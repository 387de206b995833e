"""
``cifal_quiz``: the graded assessment quiz, as a thin XBlock shell around ``cifal_core``.

The class only composes: fields (``fields``), OLX (``mixins.olx``), grades (``mixins.grades``), what learners see
(``mixins.views``), the handler API (``mixins.handlers``) and authoring in Studio (``mixins.studio``).
"""
from functools import cached_property

from xblock.completable import CompletableXBlockMixin, XBlockCompletionMode
from xblock.core import XBlock

from cifal_core.blocks.views import package_scenarios
from cifal_core.quiz.models import QuizContent
from cifal_quiz.fields import QuizFields
from cifal_quiz.mixins.dashboard import QuizDashboardMixin
from cifal_quiz.mixins.grades import QuizGradesMixin
from cifal_quiz.mixins.handlers import QuizHandlersMixin
from cifal_quiz.mixins.olx import QuizOlxMixin
from cifal_quiz.mixins.platform_views import QuizPlatformViewsMixin
from cifal_quiz.mixins.problem_responses import QuizProblemResponsesMixin
from cifal_quiz.mixins.records import QuizRecordsMixin
from cifal_quiz.mixins.studio import QuizStudioMixin
from cifal_quiz.mixins.views import QuizViewsMixin


@XBlock.needs('i18n')
@XBlock.wants('user')
@XBlock.wants('settings')
class QuizBlock(QuizFields, QuizOlxMixin, QuizViewsMixin, QuizHandlersMixin, QuizRecordsMixin, QuizGradesMixin,
                QuizPlatformViewsMixin, QuizProblemResponsesMixin, QuizStudioMixin, QuizDashboardMixin,
                CompletableXBlockMixin, XBlock):
    """A graded quiz: knowledge check, pre-test or post-test."""

    completion_mode = XBlockCompletionMode.COMPLETABLE
    has_author_view = True
    has_custom_completion = True
    i18n_js_namespace = 'CifalQuizI18n'
    icon_class = 'problem'

    @cached_property
    def quiz_content(self):
        """The authored description and questions (``definition`` as parsed from OLX)."""
        return QuizContent.from_dict(self.definition) if self.definition else QuizContent()

    def forget_content(self):
        """After the content or the settings change: the next read parses the content again, and scores and layouts
        worked out for this request (``rescored``, ``current_layout``) are worked out again."""
        for name in ('quiz_content', '_rescored', '_layouts'):
            self.__dict__.pop(name, None)

    @staticmethod
    def workbench_scenarios():
        return package_scenarios('cifal_quiz')
