"""
Grades done the platform's way (``ScorableXBlockMixin``), for a scenario with ``graded="true"``: the score is the
points of the learner's best finished run (each choice's points on its path, each self-check's points earned),
computed on the server from the recorded runs with the current content, so that a rescore applies a corrected
scenario to every run. The most a run can earn is the best path's points (``cifal_core.scenario.run.max_points``).
"""
from xblock.scorable import ScorableXBlockMixin, Score

from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_core.scenario import run as runs
from cifal_scenario.mixins.records import FINISHED


class ScenarioGradesMixin(ScorableXBlockMixin):
    """Needs ``ScenarioRecordsMixin``."""

    @property
    def has_score(self):
        """Only a graded scenario counts in the course grade (the platform reads this on each block)."""
        return bool(self.graded)

    def max_score(self):
        return runs.max_points(self.scenario_content) if self.graded else 0.0

    def finished_runs(self, identity):
        """Each finished run as ``{"steps", "checks"}``: from the store, or from the learner's state without it."""
        recorded = self.recorded_runs(identity)
        if recorded:
            return [{'steps': attempt.answers.get('path', []), 'checks': attempt.answers.get('checks', {})}
                    for attempt in recorded if attempt.answers.get('status') == FINISHED]
        return [{'points': entry.get('points', 0.0)} for entry in (self.past_runs or [])
                if entry.get('status') == FINISHED]

    def has_submitted_answer(self):
        return bool(self.finished_runs(current_identity(self)))

    def get_score(self):
        if not self.published_score:
            return Score(raw_earned=0.0, raw_possible=self.max_score())
        return Score(raw_earned=self.published_score['raw_earned'], raw_possible=self.published_score['raw_possible'])

    def set_score(self, score):
        self.published_score = {'raw_earned': score.raw_earned, 'raw_possible': score.raw_possible}

    def calculate_score(self, identity=None):
        content, possible = self.scenario_content, self.max_score()
        best = 0.0
        for finished in self.finished_runs(identity or current_identity(self)):
            points = finished['points'] if 'points' in finished else runs.run_points(content, finished)
            best = max(best, points)
        return Score(raw_earned=round(min(best, possible), 6), raw_possible=possible)

    def publish_current_grade(self, identity=None):
        score = self.calculate_score(identity)
        self.set_score(score)
        self._publish_grade(score, only_if_higher=False)
        return score

    def rescore(self, only_if_higher):
        _ = Translator(self).gettext
        if not self.allows_rescore():
            raise TypeError(_('This scenario cannot be rescored.'))
        if not self.has_submitted_answer():
            raise ValueError(_('This learner has not finished the scenario yet.'))
        score = self.calculate_score()
        self.set_score(score)
        self._publish_grade(score, only_if_higher)
