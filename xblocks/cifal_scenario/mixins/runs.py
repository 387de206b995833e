"""
The learner's run as the block keeps it: read from the user state (versioned JSON), started when there is none,
saved after each move, and concluded (recorded, completion, grade) once when an end is reached.

If the author changed the scenario so that the learner's node no longer exists, the run cannot go on: it is kept
among the earlier runs and a new one starts at the start.
"""
from cifal_core.blocks.platform import utcnow
from cifal_core.scenario import run as runs
from cifal_scenario.mixins.records import FINISHED, RESET

ENDED_EVENT = 'edx.cifal.scenario.ended'
RESET_EVENT = 'edx.cifal.scenario.reset'
MAX_PAST_RUNS = 20  # the learner's own earlier runs kept in their state (their reflections); all are in the store


class ScenarioRunMixin:
    """Needs ``ScenarioRecordsMixin`` and ``ScenarioGradesMixin``."""

    def current_run(self, identity):  # pylint: disable=unused-argument
        """The run in progress (or just finished); a new one when there is none. None for a scenario without nodes."""
        content = self.scenario_content
        if not content.nodes:
            return None
        run = runs.read_run(self.run)
        if run is not None and runs.current_node(content, run) is None:
            self.keep_past_run(run, 'abandoned')
            run = None
        if run is None:
            run = self.start_run()
        return run

    def start_run(self):
        self.runs_started = (self.runs_started or 0) + 1
        run = runs.new_run(self.scenario_content, self.runs_started, utcnow())
        self.run = run
        return run

    def save_run(self, run):
        self.run = run

    def conclude(self, identity, run):
        """An end was reached: record the run, emit completion, publish the grade, say so to the event stream."""
        now = utcnow()
        self.record_run(identity, run, FINISHED, now)
        self.keep_past_run(run, FINISHED)
        self.emit_completion(1.0)
        if self.graded:
            self.publish_current_grade()
        self.runtime.publish(self, ENDED_EVENT, {
            'run': run['number'], 'ending_node': run['node'], 'ending': run.get('ending'),
            'indicators': run['indicators'], 'steps': len(run['steps'])})

    def restart(self, identity, run):
        """Start again; a run with steps that was not finished is recorded as given up."""
        if run is not None and run['steps'] and not runs.is_finished(run):
            self.record_run(identity, run, RESET, utcnow())
            self.keep_past_run(run, RESET)
            self.runtime.publish(self, RESET_EVENT, {'run': run['number'], 'node': run['node'],
                                                     'steps': len(run['steps'])})
        return self.start_run()

    def keep_past_run(self, run, status):
        """The learner's state keeps a short summary of each earlier run, with their reflections (their words)."""
        summary = {'number': run['number'], 'status': status, 'node': run['node'], 'ending': run.get('ending'),
                   'points': runs.run_points(self.scenario_content, run), 'started_at': run['started_at'],
                   'reflections': {node: saved.get('text', '') for node, saved in run['reflections'].items()}}
        past = [entry for entry in (self.past_runs or []) if entry.get('number') != run['number']]
        self.past_runs = (past + [summary])[-MAX_PAST_RUNS:]
