"""
Grades done the platform's way (``ScorableXBlockMixin``), for a scenario with ``graded="true"``: the score is the
points of the learner's best finished run (each choice's points on its path, each self-check's points earned),
computed on the server from the recorded runs with the current content, so that a rescore applies a corrected
scenario to every run. The most a run can earn is the best path's points (``cifal_core.scenario.run.max_points``).
"""
from xblock.scorable import Score

from cifal_core.blocks.grades import BlockGradesMixin
from cifal_core.blocks.i18n import gettext_noop
from cifal_core.blocks.identity import current_identity
from cifal_core.scenario import run as runs
from cifal_scenario.mixins.records import FINISHED


class ScenarioGradesMixin(BlockGradesMixin):
    """Needs ``ScenarioRecordsMixin``."""

    rescore_refused = gettext_noop('This scenario cannot be rescored.')
    not_submitted = gettext_noop('This learner has not finished the scenario yet.')

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

    def calculate_score(self):
        content, possible = self.scenario_content, self.max_score()
        best = 0.0
        for finished in self.finished_runs(current_identity(self)):
            points = finished['points'] if 'points' in finished else runs.run_points(content, finished)
            best = max(best, points)
        return Score(raw_earned=round(min(best, possible), 6), raw_possible=possible)
