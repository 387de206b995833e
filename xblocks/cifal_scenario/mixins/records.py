"""
Runs go to the results store once they are over: finished (an end reached) or given up (the learner started again
with steps taken). One record per run, of kind ``scenario_run``: the path, the choices, the self-checks' answers and
points, the final indicators and the ending. The run's number is the record's sequence, so a run recorded twice (a
doubled request) collides with itself on the store's unique key and is kept once (ADR 8).

Reflections are the learner's own words: they stay in the learner's state, and reach the store only when the
operator sets ``CIFAL_RESULTS['EXPORT_REFLECTIONS']`` (ADR 11).
"""
import contextlib

from cifal_core.blocks.platform import course_key, usage_key
from cifal_core.blocks.store import results_api
from cifal_core.scenario import run as runs

KIND = 'scenario_run'
FINISHED, RESET = 'finished', 'reset'


def run_record(content, run, status, with_reflections=False) -> dict:
    """What the store keeps of a run (``answers``), in the shape the reports read."""
    ending_node = run['node'] if status == FINISHED else ''
    record = {
        'run': run['number'], 'status': status, 'started_at': run['started_at'],
        'path': [{key: step[key] for key in ('node', 'action', 'choice', 'at') if key in step}
                 for step in run['steps']],
        'checks': run['checks'], 'indicators': run['indicators'], 'ending_node': ending_node,
        'ending': run.get('ending') if status == FINISHED else None, 'stopped_at': run['node'],
    }
    if with_reflections:
        record['reflections'] = {node: saved.get('text', '') for node, saved in run['reflections'].items()}
    return record


class ScenarioRecordsMixin:
    """Needs the scenario's fields and ``scenario_content``."""

    def record_run(self, identity, run, status, now):
        """Store a run that is over; a no-op where there is no store (the learner's state keeps its summary)."""
        content = self.scenario_content
        store = results_api() if identity.anonymous_id else None
        if store is None:
            return
        earned, possible = runs.run_points(content, run), runs.max_points(content)
        stored = store.learner_attempts(KIND, usage_key(self), identity.anonymous_id)
        if any(attempt.answers.get('started_at') == run['started_at'] for attempt in stored.attempts):
            return  # this very run is recorded already (a doubled request)
        submission = store.NewSubmission(
            kind=KIND, course_key=course_key(self), usage_key=usage_key(self), block_type=self.scope_ids.block_type,
            display_name=self.display_name, definition=self.definition, learner_id=identity.anonymous_id,
            series=stored.series, sequence=len(stored.attempts) + 1, role='', pair='',
            answers=run_record(content, run, status, store.results_setting('EXPORT_REFLECTIONS')),
            scores=[{'id': result['question'], 'node': node_id, 'earned': result['earned'],
                     'possible': result['possible'], 'status': result['status']}
                    for node_id, result in run['checks'].items()],
            context={'graded': self.graded, 'allow_back': self.allow_back}, earned=min(earned, possible),
            possible=possible, submitted_at=now,
        )
        with contextlib.suppress(store.DuplicateAttempt):  # a simultaneous request recorded it: once is what counts
            store.record(submission)

    def note_progress(self, identity, run):
        """Tell the store where the learner is now (for the dashboard's started, finished and drop-off figures)."""
        store = results_api() if identity.anonymous_id else None
        if store is not None:
            store.note_progress(course_key=course_key(self), usage_key=usage_key(self),
                                learner_id=identity.anonymous_id, run=run['number'], node=run['node'],
                                steps=len(run['steps']), finished=runs.is_finished(run))

    def recorded_runs(self, identity):
        """The learner's runs in the store (current series), oldest first; () without the store."""
        store = results_api() if identity.anonymous_id else None
        if store is None:
            return ()
        return store.learner_attempts(KIND, usage_key(self), identity.anonymous_id).attempts

    def clear_student_state(self, user_id, course_id, item_id, requesting_user_id):  # pylint: disable=unused-argument
        """An instructor deleted a learner's state: their runs start afresh in a new series; earlier records stay."""
        store = results_api()
        if store is not None and user_id:
            store.start_new_series(usage_key(self), user_id)
