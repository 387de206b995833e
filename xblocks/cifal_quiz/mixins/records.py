"""
The learner's attempts: read from the results store (``cifal_results``), which is their truth, and recorded there.

The store's constraints decide, whatever the order of simultaneous requests, that an attempt is recorded once and
never beyond ``max_attempts`` (ADR 8). The learner's ``Scope.user_state`` keeps a mirror of the attempts, for the
LMS's Problem Responses report and for runtimes without the store: the platform writes a learner's state as one
blob, so a request that raced with another can overwrite it with what it read at its start. Whenever the mirror
and the store disagree, the store wins and the mirror is rewritten.
"""
from datetime import datetime

from cifal_core.blocks.platform import course_key, usage_key
from cifal_core.blocks.store import results_api
from cifal_quiz.attempts import (
    AttemptsExhausted,
    AttemptTaken,
    LearnerAttempts,
    kept_fraction,
    rescore,
    stored_record,
)

KIND = 'quiz_attempt'  # the kind of the quiz's records in the store


class QuizRecordsMixin:
    """Read and write attempt records. Needs the quiz's fields (``QuizFields``)."""

    def learner_attempts(self, identity):
        """The learner's attempts and the open one; read once per request (``remember_attempts`` after a change)."""
        cached = self.__dict__.get('_learner_attempts')
        if cached is not None:
            return cached
        store = results_api() if identity.anonymous_id else None
        if store is None:
            records, series = tuple(stored_record(record) for record in self.submitted_attempts), ''
        else:
            stored = store.learner_attempts(KIND, usage_key(self), identity.anonymous_id)
            records, series = tuple(_as_record(attempt) for attempt in stored.attempts), stored.series
            if [r['number'] for r in records] != [r.get('number') for r in self.submitted_attempts]:
                self.submitted_attempts = [dict(record) for record in records]
        state = LearnerAttempts.of(records, self.current_attempt, series)
        self.__dict__['_learner_attempts'] = state
        return state

    def remember_attempts(self, state):
        """After this request changed the attempts (recorded one, opened one): what the store now holds, known
        without reading it again."""
        self.__dict__['_learner_attempts'] = state

    def rescored(self, record, attempt_score=None):
        """The record scored with the current key, once per request (``attempt_score``: already known for it)."""
        scores = self.__dict__.setdefault('_rescored', {})
        known = scores.get(id(record))
        if known is None or known[0] is not record:  # the record is kept with its score: its id stays its own
            known = scores[id(record)] = (record, attempt_score or rescore(record, self.quiz_content))
        return known[1]

    def kept_fraction_of(self, state):
        """The fraction of the maximum the grading method keeps over the learner's attempts (rescored); None if
        none."""
        return kept_fraction(state.records, self.quiz_content, self.grading, score=self.rescored)

    def record_attempt(self, identity, state, record):
        """Store the attempt; raises ``AttemptTaken`` or ``AttemptsExhausted``. A no-op without the store."""
        store = results_api() if identity.anonymous_id else None
        if store is None:
            return
        submission = store.NewSubmission(
            kind=KIND, course_key=course_key(self), usage_key=usage_key(self), block_type=self.scope_ids.block_type,
            display_name=lambda: self.display_name, definition=self.definition, learner_id=identity.anonymous_id,
            series=state.series, sequence=record['number'], role=self.role, pair=self.pair,
            answers=record['answers'], scores=record['scores'], earned=record['earned'],
            context={'grading': self.grading, 'max_attempts': self.max_attempts, 'pass_mark': self.pass_mark,
                     'question_ids': record['question_ids']},
            possible=record['possible'], submitted_at=datetime.fromisoformat(record['submitted_at']),
            attempt_limit=self.max_attempts,
        )
        try:
            store.record(submission)
        except store.DuplicateAttempt as error:
            raise AttemptTaken(str(error)) from error
        except store.AttemptLimitReached as error:
            raise AttemptsExhausted(str(error)) from error

    def clear_student_state(self, user_id, course_id, item_id, requesting_user_id):  # pylint: disable=unused-argument
        """
        The LMS calls this when an instructor deletes a learner's state (``user_id`` is the anonymous id).

        The learner starts afresh: their next attempts are recorded in a new series, beside the old ones, which
        evaluators keep (only the latest series counts in the statistics).
        """
        store = results_api()
        if store is not None and user_id:
            store.start_new_series(item_id or usage_key(self), user_id)


def _as_record(attempt):
    """A stored attempt in the shape of the user state's records."""
    scores = list(attempt.scores or [])
    question_ids = (attempt.context or {}).get('question_ids') or [score.get('id') for score in scores]
    return stored_record({
        'number': attempt.sequence,
        'question_ids': list(question_ids),
        'answers': attempt.answers or {},
        'scores': scores,
        'earned': attempt.earned,
        'possible': attempt.possible,
        'submitted_at': attempt.submitted_at.isoformat(),
    })
