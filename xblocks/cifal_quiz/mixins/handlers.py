"""
The handler API used by the page, the mobile app and the tests (documented in the README).

Every handler validates the whole request before it changes anything: a bad payload answers 4xx with a message and
leaves the learner's state as it was. Scores are computed here; events are chosen here, never by the browser.
"""
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError

from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_core.blocks.platform import is_past_due, utcnow
from cifal_core.errors import AnswerError
from cifal_core.questions.answers import clean_answers, clean_draft
from cifal_core.questions.scoring import score_attempt
from cifal_core.quiz import policy
from cifal_quiz import presenter
from cifal_quiz.attempts import attempt_fraction, kept_fraction, make_record, questions_of
from cifal_results.exceptions import DuplicateAttempt

SUBMITTED_EVENT = 'edx.cifal.quiz.submitted'
RETRIED_EVENT = 'edx.cifal.quiz.retried'


class QuizHandlersMixin:
    """``submit``, ``save_draft`` and ``retry``."""

    def _answers_from(self, data, translator):
        if not isinstance(data, dict) or not isinstance(data.get('answers', {}), dict):
            raise JsonHandlerError(400, translator.gettext('The request must be a JSON object with "answers".'))
        return data.get('answers', {})

    def _refuse_if_closed(self, state, translator):
        if is_past_due(self):
            raise JsonHandlerError(403, translator.gettext('The due date has passed; submissions are closed.'))
        remaining = policy.attempts_remaining(self.max_attempts, state.used)
        if remaining == 0:
            raise JsonHandlerError(409, translator.gettext('You have no attempts left.'))

    @XBlock.json_handler
    def submit(self, data, suffix=''):  # pylint: disable=unused-argument
        """Score the open attempt: ``{"answers": {...}, "attempt": n (optional)}``."""
        translator = Translator(self)
        raw_answers = self._answers_from(data, translator)
        state = self.learner_attempts()
        identity = current_identity(self)
        requested = data.get('attempt')
        if requested is not None and (isinstance(requested, bool) or not isinstance(requested, int)):
            raise JsonHandlerError(400, translator.gettext('"attempt" must be a whole number.'))
        if requested is not None and state.find(requested) is not None:
            return self.attempt_response(identity, state.find(requested), replayed=True)
        if requested is not None and requested != state.current_attempt:
            raise JsonHandlerError(409, translator.gettext('That attempt is not open; reload the page.'))
        self._refuse_if_closed(state, translator)
        if not state.is_open:
            raise JsonHandlerError(409, translator.gettext('Start a new attempt before submitting again.'))

        layout = self.current_layout(identity, state.current_attempt)
        try:
            answers = clean_answers(self.quiz_content, raw_answers)
        except AnswerError as error:
            raise JsonHandlerError(400, error.translated(translator.gettext)) from error
        outside = sorted(set(answers) - set(layout.question_ids))
        if outside:
            raise JsonHandlerError(400, translator.gettext('Question {id} is not part of this attempt.').format(
                id=outside[0]))

        attempt_score = score_attempt(questions_of(self.quiz_content, layout.question_ids), answers)
        record = make_record(state.current_attempt, layout.question_ids, answers, attempt_score,
                             utcnow().isoformat())
        try:
            self.record_attempt(identity, record)
        except DuplicateAttempt as error:
            raise JsonHandlerError(409, translator.gettext(
                'This attempt was already submitted (from another window?); reload the page to see its results.'
            )) from error
        first_submission = state.used == 0
        self.submitted_attempts = [*self.submitted_attempts, record]
        self.draft = {}
        self.publish_current_grade()
        if first_submission:
            self.emit_completion(1.0)
        self.runtime.publish(self, SUBMITTED_EVENT, self.submitted_event(record, attempt_score))
        return self.attempt_response(identity, record)

    def submitted_event(self, record, attempt_score):
        """The tracking event: scores and statuses only, never the key, the feedback or the explanation."""
        fraction = kept_fraction(self.submitted_attempts, self.quiz_content, self.grading)
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
        return {**self.attempt_results(record), 'replayed': replayed, 'html': self.render_body(identity)}

    def attempt_results(self, record):
        """Scores, attempts, and per question what the reveal policy allows (also read by the mobile apps)."""
        state = self.learner_attempts()
        attempt_score = score_attempt(questions_of(self.quiz_content, record['question_ids']), record['answers'])
        reveal = self.reveal_for(state)
        scores = {score.question_id: score for score in attempt_score.questions}
        return {
            'attempt': record['number'],
            'score': attempt_score.earned,
            'max_score': attempt_score.possible,
            'percent': round(attempt_fraction(attempt_score) * 100, 2),
            'attempts_used': state.used,
            'attempts_allowed': self.max_attempts,
            'can_retry': self.can_start_attempt(state),
            'questions': [
                presenter.question_payload(self.quiz_content.question(question_id), scores[question_id],
                                           record['answers'].get(question_id), reveal)
                for question_id in record['question_ids'] if question_id in scores
            ],
        }

    @XBlock.json_handler
    def save_draft(self, data, suffix=''):  # pylint: disable=unused-argument
        """Keep the learner's answers to the open attempt: ``{"answers": {...}}``."""
        translator = Translator(self)
        raw_answers = self._answers_from(data, translator)
        state = self.learner_attempts()
        if not state.is_open:
            raise JsonHandlerError(409, translator.gettext('No attempt is open; your results are shown.'))
        try:
            answers = clean_draft(self.quiz_content, raw_answers)
        except AnswerError as error:
            raise JsonHandlerError(400, error.translated(translator.gettext)) from error
        saved_at = utcnow().isoformat()
        self.ensure_attempt_series(current_identity(self))
        self.draft = {'attempt': state.current_attempt, 'answers': answers, 'saved_at': saved_at}
        return {'saved': True, 'attempt': state.current_attempt, 'saved_at': saved_at}

    @XBlock.json_handler
    def retry(self, data, suffix=''):  # pylint: disable=unused-argument
        """Open a fresh attempt (new shuffles and draw) after the results of the last one."""
        translator = Translator(self)
        state = self.learner_attempts()
        if state.is_open:
            raise JsonHandlerError(409, translator.gettext('An attempt is already open.'))
        self._refuse_if_closed(state, translator)
        self.current_attempt = state.used + 1
        self.draft = {}
        self.runtime.publish(self, RETRIED_EVENT, {'attempt': self.current_attempt})
        return {'attempt': self.current_attempt, 'html': self.render_body(current_identity(self))}
