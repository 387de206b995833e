"""
The handler API used by the page, the mobile app and the tests (documented in the README).

Every request is read by ``cifal_core.blocks.handlers`` (size, depth, numbers, text) and every handler validates the
whole request before it changes anything: a bad payload answers 4xx with ``{"error": message}`` and leaves the
learner's state and the results store as they were. Options are named by learner codes, never by authored ids.
Scores are computed here; events are chosen here, never by the browser.
"""
from cifal_core.blocks.handlers import HandlerError, json_handler, require_object
from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_core.blocks.platform import is_past_due, utcnow
from cifal_core.errors import AnswerError
from cifal_core.quiz import policy
from cifal_core.quiz.answers import clean_answers, clean_draft
from cifal_core.quiz.scoring import score_attempt
from cifal_quiz import presenter
from cifal_quiz.attempts import (
    AttemptsExhausted,
    AttemptTaken,
    LearnerAttempts,
    attempt_fraction,
    make_record,
    questions_of,
)

SUBMITTED_EVENT = 'edx.cifal.quiz.submitted'
RETRIED_EVENT = 'edx.cifal.quiz.retried'
MAX_ATTEMPT_NUMBER = 10_000


class QuizHandlersMixin:
    """``submit``, ``save_draft`` and ``retry``. Needs ``QuizRecordsMixin``, ``QuizViewsMixin``, ``QuizGradesMixin``."""

    @staticmethod
    def _answers_from(data, translator, allowed):
        require_object(data, translator, allowed)
        answers = data.get('answers', {})
        if not isinstance(answers, dict):
            raise HandlerError(400, translator.gettext('The request must be a JSON object with "answers".'))
        return answers

    def _refuse_if_closed(self, state, translator):
        if is_past_due(self):
            raise HandlerError(403, translator.gettext('The due date has passed; submissions are closed.'))
        remaining = policy.attempts_remaining(self.max_attempts, state.used)
        if remaining == 0:
            raise HandlerError(409, translator.gettext('You have no attempts left.'))

    def _cleaned(self, clean, raw_answers, translator):
        try:
            return clean(self.quiz_content, raw_answers, codes=self.option_codes())
        except AnswerError as error:
            raise HandlerError(400, error.translated(translator.gettext)) from error

    @json_handler()
    def submit(self, data, suffix=''):  # pylint: disable=unused-argument
        """Score the open attempt: ``{"answers": {...}, "attempt": n (optional)}``."""
        translator = Translator(self)
        raw_answers = self._answers_from(data, translator, allowed=('answers', 'attempt'))
        requested = data.get('attempt')
        if requested is not None and (isinstance(requested, bool) or not isinstance(requested, int)
                                      or not 0 < requested <= MAX_ATTEMPT_NUMBER):
            raise HandlerError(400, translator.gettext('"attempt" must be a whole number.'))
        identity = current_identity(self)
        state = self.learner_attempts(identity)
        if requested is not None and state.find(requested) is not None:
            return self.attempt_response(identity, state.find(requested), replayed=True)
        if requested is not None and requested != state.current_attempt:
            raise HandlerError(409, translator.gettext('That attempt is not open; reload the page.'))
        self._refuse_if_closed(state, translator)
        if not state.is_open:
            raise HandlerError(409, translator.gettext('Start a new attempt before submitting again.'))

        layout = self.current_layout(identity, state.current_attempt)
        answers = self._cleaned(clean_answers, raw_answers, translator)
        outside = sorted(set(answers) - set(layout.question_ids))
        if outside:
            raise HandlerError(400, translator.gettext('Question {id} is not part of this attempt.').format(
                id=outside[0]))

        attempt_score = score_attempt(questions_of(self.quiz_content, layout.question_ids), answers)
        record = make_record(state.current_attempt, layout.question_ids, answers, attempt_score,
                             utcnow().isoformat())
        try:
            self.record_attempt(identity, state, record)
        except AttemptTaken as error:
            raise HandlerError(409, translator.gettext(
                'This attempt was already submitted (from another window?); reload the page to see its results.'
            )) from error
        except AttemptsExhausted as error:
            raise HandlerError(409, translator.gettext('You have no attempts left.')) from error
        first_submission = state.used == 0
        self.rescored(record, attempt_score)
        self.remember_attempts(LearnerAttempts.of((*state.records, record), record['number'], state.series))
        self.submitted_attempts = [*state.records, record]
        self.current_attempt = record['number']
        self.draft = {}
        self.publish_current_grade()
        if first_submission:
            self.emit_completion(1.0)
        self.runtime.publish(self, SUBMITTED_EVENT, self.submitted_event(identity, record, attempt_score))
        return self.attempt_response(identity, record)

    def submitted_event(self, identity, record, attempt_score):
        """The tracking event: scores and statuses only, never the key, the feedback or the explanation."""
        fraction = self.kept_fraction_of(self.learner_attempts(identity))
        return {
            'attempt': record['number'],
            'role': self.role,
            'pair': self.pair,
            'earned': attempt_score.earned,
            'possible': attempt_score.possible,
            'percent': round(attempt_fraction(attempt_score) * 100, 2),
            'kept_percent': round((fraction or 0) * 100, 2),
            'questions': [{'id': s['id'], 'status': s['status'], 'earned': s['earned'], 'possible': s['possible']}
                          for s in record['scores']],
        }

    def attempt_response(self, identity, record, replayed=False):
        """The JSON answer to a submission: the results, and the body the page shows next."""
        return {**self.attempt_results(identity, record), 'replayed': replayed, 'html': self.render_body(identity)}

    def attempt_results(self, identity, record):
        """Scores, attempts, and per question what the reveal policy allows (also read by the mobile apps)."""
        state = self.learner_attempts(identity)
        attempt_score = self.rescored(record)
        reveal = self.reveal_for(state)
        scores = {score.question_id: score for score in attempt_score.questions}
        codes = self.option_codes()
        questions = [self.quiz_content.question(question_id) for question_id in record['question_ids']
                     if question_id in scores]
        return {
            'attempt': record['number'],
            'score': attempt_score.earned,
            'max_score': attempt_score.possible,
            'percent': round(attempt_fraction(attempt_score) * 100, 2),
            'attempts_used': state.used,
            'attempts_allowed': self.max_attempts,
            'can_retry': self.can_start_attempt(state),
            'questions': [
                presenter.question_payload(question, codes.question(question), scores[question.id],
                                           record['answers'].get(question.id), reveal)
                for question in questions
            ],
        }

    @json_handler()
    def save_draft(self, data, suffix=''):  # pylint: disable=unused-argument
        """Keep the learner's answers to the open attempt: ``{"answers": {...}}``."""
        translator = Translator(self)
        raw_answers = self._answers_from(data, translator, allowed=('answers',))
        state = self.learner_attempts(current_identity(self))
        if not state.is_open:
            raise HandlerError(409, translator.gettext('No attempt is open; your results are shown.'))
        answers = self._cleaned(clean_draft, raw_answers, translator)
        saved_at = utcnow().isoformat()
        self.draft = {'attempt': state.current_attempt, 'answers': answers, 'saved_at': saved_at}
        return {'saved': True, 'attempt': state.current_attempt, 'saved_at': saved_at}

    @json_handler(empty={})
    def retry(self, data, suffix=''):  # pylint: disable=unused-argument
        """Open a fresh attempt (new shuffles and draw) after the results of the last one: ``{}``."""
        translator = Translator(self)
        require_object(data, translator, allowed=())
        identity = current_identity(self)
        state = self.learner_attempts(identity)
        if state.is_open:
            raise HandlerError(409, translator.gettext('An attempt is already open.'))
        self._refuse_if_closed(state, translator)
        self.current_attempt = state.used + 1
        self.draft = {}
        self.remember_attempts(LearnerAttempts.of(state.records, self.current_attempt, state.series))
        self.runtime.publish(self, RETRIED_EVENT, {'attempt': self.current_attempt})
        return {'attempt': self.current_attempt, 'html': self.render_body(identity)}
