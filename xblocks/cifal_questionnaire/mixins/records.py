"""
Responses go to the results store, which is the truth about who has answered (ADR 8, ADR 10).

Anonymous: the response is stored with no learner and only its day, and apart from it a receipt says the learner
answered; the receipt's unique key refuses a second response, whatever the order of requests. Named: a submission
of kind ``questionnaire_response`` per response, one allowed (``attempt_limit`` 1) unless the questionnaire is
editable, when each change is one more. The learner's state mirrors what the store says.
"""
from cifal_core.blocks.platform import course_key, usage_key, utcnow
from cifal_core.blocks.store import results_api

KIND = 'questionnaire_response'


class AlreadyResponded(Exception):
    """The store refused a second response (anonymous, or named and not editable)."""


class QuestionnaireRecordsMixin:
    """Needs the questionnaire's fields."""

    def has_responded(self, identity):
        """Whether this learner has answered, as the store says (the state's mirror is repaired to agree)."""
        cached = self.__dict__.get('_sent_count')
        if cached is None:
            cached = self.__dict__['_sent_count'] = self._responses_sent(identity)
        if bool(cached) != self.responded:
            self.responded = bool(cached)
        return bool(cached)

    def _responses_sent(self, identity):
        store = results_api() if identity.anonymous_id else None
        if store is None:
            return self.revisions if self.responded else 0
        key = usage_key(self)
        if self.anonymous:
            return 1 if store.has_receipt(key, identity.anonymous_id) else 0
        return len(store.learner_attempts(KIND, key, identity.anonymous_id).attempts)

    def record_response(self, identity, response, translator):
        """Store the response (a ``cifal_core.questionnaire.answers.Response``); raises ``AlreadyResponded``."""
        store = results_api() if identity.anonymous_id else None
        sent = self._responses_sent(identity)
        if store is not None and self.anonymous:
            try:
                store.record_anonymous_response(
                    course_key=course_key(self), usage_key=usage_key(self), block_type=self.scope_ids.block_type,
                    display_name=self.display_name, definition=self.definition, learner_id=identity.anonymous_id,
                    response=response.to_dict(), day=utcnow().date())
            except store.AlreadyAnswered as error:
                raise AlreadyResponded(str(error)) from error
        elif store is not None:
            stored = store.learner_attempts(KIND, usage_key(self), identity.anonymous_id)
            submission = store.NewSubmission(
                kind=KIND, course_key=course_key(self), usage_key=usage_key(self),
                block_type=self.scope_ids.block_type, display_name=self.display_name, definition=self.definition,
                learner_id=identity.anonymous_id, series=stored.series, sequence=len(stored.attempts) + 1, role='',
                pair='', answers=response.to_dict(), scores=[], context={'editable': self.editable}, earned=None,
                possible=None, submitted_at=utcnow(), attempt_limit=0 if self.editable else 1)
            try:
                store.record(submission)
            except (store.DuplicateAttempt, store.AttemptLimitReached) as error:
                raise AlreadyResponded(str(error)) from error
        self.__dict__['_sent_count'] = sent + 1
        return sent + 1

    def clear_student_state(self, user_id, course_id, item_id, requesting_user_id):  # pylint: disable=unused-argument
        """An instructor deleted a learner's state: a named questionnaire's learner may answer afresh (their earlier
        responses stay, in an earlier series). An anonymous receipt stays: nothing can tell which response was
        theirs, so answering again would count them twice."""
        store = results_api()
        if store is not None and user_id and not self.anonymous:
            store.start_new_series(usage_key(self), user_id)
