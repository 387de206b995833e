"""
Grades done the platform's way: ``ScorableXBlockMixin`` with a pure ``calculate_score`` over stored attempts.

One path computes every grade: a submission, an instructor's rescore and a score override all go through
``calculate_score`` / ``set_score`` / ``_publish_grade``, so the grading method (best, last, first, average) and a
corrected answer key apply the same way everywhere.
"""
from xblock.scorable import ScorableXBlockMixin, Score

from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_quiz.attempts import kept_fraction


class QuizGradesMixin(ScorableXBlockMixin):
    """Scores are computed on the server from the stored answers; the browser never sends a score.
    Needs ``QuizRecordsMixin`` (the attempts, as the results store holds them)."""

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

    def get_score(self):
        if not self.published_score:
            return Score(raw_earned=0.0, raw_possible=self.max_score())
        return Score(raw_earned=self.published_score['raw_earned'], raw_possible=self.published_score['raw_possible'])

    def set_score(self, score):
        self.published_score = {'raw_earned': score.raw_earned, 'raw_possible': score.raw_possible}

    def calculate_score(self):
        """The grading method's kept fraction of the maximum, from the attempts rescored with the current key."""
        possible = self.max_score()
        records = self.learner_attempts(current_identity(self)).records
        fraction = kept_fraction(records, self.quiz_content, self.grading)
        return Score(raw_earned=round((fraction or 0.0) * possible, 6), raw_possible=possible)

    def publish_current_grade(self):
        """Store and publish the grade the attempts earn now (the LMS applies ``weight``)."""
        score = self.calculate_score()
        self.set_score(score)
        self._publish_grade(score, only_if_higher=False)
        return score

    def rescore(self, only_if_higher):
        """The mixin's rescore, with the i18n service's ``gettext`` (``ugettext`` is gone from Django 4+)."""
        _ = Translator(self).gettext
        if not self.allows_rescore():
            raise TypeError(_('This quiz cannot be rescored.'))
        if not self.has_submitted_answer():
            raise ValueError(_('This learner has not submitted the quiz yet.'))
        score = self.calculate_score()
        self.set_score(score)
        self._publish_grade(score, only_if_higher)
