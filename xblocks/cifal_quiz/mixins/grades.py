"""
Grades done the platform's way: ``ScorableXBlockMixin`` with a pure ``calculate_score`` over stored attempts.

One path computes every grade: a submission, an instructor's rescore and a score override all go through
``calculate_score`` / ``set_score`` / ``_publish_grade``, so the grading method (best, last, first, average) and a
corrected answer key apply the same way everywhere.
"""
from xblock.scorable import Score

from cifal_core.blocks.grades import BlockGradesMixin
from cifal_core.blocks.i18n import gettext_noop
from cifal_core.blocks.identity import current_identity


class QuizGradesMixin(BlockGradesMixin):
    """Scores are computed on the server from the stored answers; the browser never sends a score.
    Needs ``QuizRecordsMixin`` (the attempts, as the results store holds them)."""

    rescore_refused = gettext_noop('This quiz cannot be rescored.')
    not_submitted = gettext_noop('This learner has not submitted the quiz yet.')

    def max_score(self):
        """Raw points of a full attempt; with a draw, N questions of the pool's average value."""
        questions = self.quiz_content.questions
        if not questions:
            return 0.0
        total = sum(question.points for question in questions)
        if 0 < self.draw < len(questions):
            return round(total / len(questions) * self.draw, 6)
        return total

    def has_submitted_answer(self):
        return bool(self.learner_attempts(current_identity(self)).records)

    def calculate_score(self):
        """The grading method's kept fraction of the maximum, from the attempts rescored with the current key."""
        possible = self.max_score()
        fraction = self.kept_fraction_of(self.learner_attempts(current_identity(self)))
        return Score(raw_earned=round((fraction or 0.0) * possible, 6), raw_possible=possible)
