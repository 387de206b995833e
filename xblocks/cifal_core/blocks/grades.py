"""
Grades done the platform's way, for every graded block: ``ScorableXBlockMixin`` with the score kept in the learner's
``published_score`` field and one path for every grade. A submission, an instructor's rescore and a score override
all go through ``calculate_score`` / ``set_score`` / ``_publish_grade``, so a corrected key applies the same way
everywhere.

A block's grades mixin derives from ``BlockGradesMixin``, implements ``max_score``, ``has_submitted_answer`` and
``calculate_score`` (from what the results store holds, never from the browser), and names its refusals
(``rescore_refused``, ``not_submitted``: messages marked with ``gettext_noop``).
"""
from xblock.scorable import ScorableXBlockMixin, Score

from cifal_core.blocks.i18n import Translator


class BlockGradesMixin(ScorableXBlockMixin):
    """Needs a ``published_score`` Dict field in the learner's state."""

    rescore_refused = ''
    not_submitted = ''

    def get_score(self):
        if not self.published_score:
            return Score(raw_earned=0.0, raw_possible=self.max_score())
        return Score(raw_earned=self.published_score['raw_earned'], raw_possible=self.published_score['raw_possible'])

    def set_score(self, score):
        self.published_score = {'raw_earned': score.raw_earned, 'raw_possible': score.raw_possible}

    def publish_current_grade(self):
        """Store and publish the grade the learner's records earn now (the LMS applies ``weight``)."""
        score = self.calculate_score()
        self.set_score(score)
        self._publish_grade(score, only_if_higher=False)
        return score

    def rescore(self, only_if_higher):
        """The mixin's rescore, with the i18n service's ``gettext`` (``ugettext`` is gone from Django 4+)."""
        _ = Translator(self).gettext
        if not self.allows_rescore():
            raise TypeError(_(self.rescore_refused))
        if not self.has_submitted_answer():
            raise ValueError(_(self.not_submitted))
        score = self.calculate_score()
        self.set_score(score)
        self._publish_grade(score, only_if_higher)
