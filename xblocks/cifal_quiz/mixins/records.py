"""
Each submitted attempt also goes to the results store (``cifal_results``), for evaluators' reports.

The learner's own state stays in ``Scope.user_state`` (the LMS's Problem Responses report reads it there); the
store adds the append-only, anonymous-id-keyed record from which item analysis and knowledge gain are computed.
Its unique constraint is what stops two simultaneous submissions from exceeding ``max_attempts``.
"""
from datetime import datetime

from xblock.fields import Scope, String

from cifal_core.blocks.platform import course_key, usage_key


class QuizRecordsMixin:
    """Write attempt records; the ``attempt_series`` field ties them to this generation of the learner's state."""

    attempt_series = String(
        default='', scope=Scope.user_state,
        help='Which series of records this state belongs to; an instructor reset starts a new one.',
    )

    def ensure_attempt_series(self, identity):
        """
        Name this learner state's series of records the first time the learner opens the quiz.

        Saved with the state before any submission (``render`` and handlers save fields), so that requests racing
        on the same state all carry the same series and collide on the store's unique key. A state cleared by an
        instructor gets a new series, so the learner's fresh attempts are recorded beside the old ones.
        """
        from cifal_results import api  # pylint: disable=import-outside-toplevel  (a Django app: load lazily)
        if not self.attempt_series and identity.anonymous_id and api.is_installed():
            self.attempt_series = api.new_series(usage_key(self), identity.anonymous_id)
        return self.attempt_series

    def record_attempt(self, identity, record):
        """Store the attempt; raises ``DuplicateAttempt`` if it is already there. A no-op without the store."""
        from cifal_results import api  # pylint: disable=import-outside-toplevel  (a Django app: load lazily)
        if not api.is_installed():
            return
        key = usage_key(self)
        series = self.ensure_attempt_series(identity)
        api.record_quiz_attempt(api.QuizAttempt(
            course_key=course_key(self), usage_key=key, block_type=self.scope_ids.block_type,
            display_name=self.display_name, definition=self.definition, learner_id=identity.anonymous_id,
            series=series, sequence=record['number'], role=self.role, pair=self.pair,
            answers=record['answers'], scores=record['scores'], earned=record['earned'],
            context={'grading': self.grading, 'max_attempts': self.max_attempts, 'pass_mark': self.pass_mark},
            possible=record['possible'], submitted_at=datetime.fromisoformat(record['submitted_at']),
        ))
