"""
What learners see: the open attempt as a form, or the last attempt's results, rendered on the server.

The handlers return the same server-rendered body after a submit or a retry, so the page and the JS never hold two
copies of the markup, and nothing the policy hides is ever sent to the browser.
"""
from datetime import UTC

from xblock.core import XBlock

from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_core.blocks.numbers import day
from cifal_core.blocks.platform import effective_due, is_past_due, platform_secret, usage_key
from cifal_core.blocks.rendering import BlockRenderer
from cifal_core.blocks.views import BlockViews
from cifal_core.payloads import repair_value
from cifal_core.quiz import policy
from cifal_core.quiz.codes import OptionCodes
from cifal_core.quiz.grading import passed as has_passed
from cifal_quiz import presenter
from cifal_quiz.attempts import attempt_fraction, layout_for

RENDERER = BlockRenderer('cifal_quiz')
LEARNER_VIEW = {'renderer': RENDERER, 'css': ('css/quiz.css',), 'js': ('js/quiz.js',), 'init': 'CifalQuizBlock',
                'block_class': 'cifal-quiz', 'intro_name': 'description'}


class QuizViewsMixin(BlockViews):
    """``student_view`` and the body partial that handlers re-render. Needs ``QuizRecordsMixin``."""

    dom_id_prefix = 'cq'

    def option_codes(self):
        """The codes learners see for this quiz's options (``cifal_core.quiz.codes``); one set per request."""
        codes = self.__dict__.get('_option_codes')
        if codes is None:
            codes = self.__dict__['_option_codes'] = OptionCodes(platform_secret(), usage_key(self))
        return codes

    def draft_answers(self, state):
        """The saved answers of the open attempt (authored ids), or {}."""
        draft = self.draft if isinstance(self.draft, dict) else {}
        answers = draft.get('answers') if draft.get('attempt') == state.current_attempt else None
        return repair_value(answers) if isinstance(answers, dict) else {}

    def quiz_settings(self):
        return {'shuffle_questions': self.shuffle_questions, 'shuffle_choices': self.shuffle_choices,
                'draw': self.draw}

    def current_layout(self, identity, attempt_number):
        """The questions and option orders of this learner's attempt, drawn once per request."""
        layouts = self.__dict__.setdefault('_layouts', {})
        key = (identity.anonymous_id, attempt_number)
        if key not in layouts:
            layouts[key] = layout_for(self.quiz_content, self.quiz_settings(), usage_key(self),
                                      identity.anonymous_id, attempt_number)
        return layouts[key]

    def reveal_for(self, state):
        """What the reveal policy allows after the learner's submitted attempts."""
        fraction = self.kept_fraction_of(state)
        passed = has_passed(fraction, self.pass_mark)
        return presenter.Reveal(
            correctness=policy.correctness_visible(self.show_correctness, attempts_used=state.used),
            answers=policy.answers_visible(self.show_answers, attempts_used=state.used,
                                           max_attempts=self.max_attempts, passed=passed),
        )

    def can_start_attempt(self, state):
        """Attempts are left, the due date has not passed, and there is something to answer."""
        remaining = policy.attempts_remaining(self.max_attempts, state.used)
        return (remaining is None or remaining > 0) and not is_past_due(self) and bool(self.quiz_content.questions)

    @XBlock.supports('multi_device')
    def student_view(self, context=None):  # pylint: disable=unused-argument
        identity = current_identity(self)
        # Staff get the results dashboard under the quiz; learners get neither its markup nor its script.
        return self.learner_fragment(identity, LEARNER_VIEW, self.render_body(identity),
                                     intro_html=self.quiz_content.description_html)

    def render_body(self, identity, error=None):
        """The form of the open attempt, or the results of the last one, with the status line."""
        state = self.learner_attempts(identity)
        translator = Translator(self)
        context = {
            'dom_prefix': self.dom_prefix(),
            'status_text': self.attempts_status_text(state, translator),
            'closed_text': self.closed_text(translator),
            'error': error,
        }
        if not self.quiz_content.questions and state.last is None:
            # Nothing to answer: learners get no form to submit, staff are told what to do about it.
            return RENDERER.render(self, 'empty.html', {'for_staff': identity.is_staff})
        if state.is_open and self.can_start_attempt(state):
            context.update(self.form_context(identity, state, translator))
            template = 'form.html'
        elif state.last is not None:
            context.update(self.results_context(identity, state, translator))
            template = 'results.html'
        else:
            template = 'closed.html'
        return RENDERER.render(self, template, context)

    def form_context(self, identity, state, translator):
        layout = self.current_layout(identity, state.current_attempt)
        draft = self.draft_answers(state)
        total = len(layout.question_ids)
        codes = self.option_codes()
        questions = [self.quiz_content.question(question_id) for question_id in layout.question_ids]
        remaining = policy.attempts_remaining(self.max_attempts, state.used)
        return {
            'attempt_number': state.current_attempt,
            # Submit asks first when this attempt is the last one ('only' when the quiz allows one).
            'last_attempt': ('only' if self.max_attempts == 1 else 'last') if remaining == 1 else '',
            'questions': [
                presenter.form_question(
                    question, codes.question(question), number, total, layout.option_orders.get(question.id, ()),
                    draft.get(question.id), self.dom_prefix(), translator.gettext, translator.ngettext)
                for number, question in enumerate(questions, start=1)
            ],
        }

    def results_context(self, identity, state, translator):
        record = state.last
        attempt_score = self.rescored(record)
        layout = self.current_layout(identity, record['number'])
        reveal = self.reveal_for(state)
        scores = {score.question_id: score for score in attempt_score.questions}
        questions = [
            presenter.review_question(
                self.quiz_content.question(question_id), number, scores[question_id],
                record['answers'].get(question_id), layout.option_orders.get(question_id, ()), reveal,
                translator.gettext, translator.ngettext)
            for number, question_id in enumerate(record['question_ids'], start=1) if question_id in scores
        ]
        return {
            'attempt_number': record['number'],
            'summary': self.summary_lines(state, attempt_score, translator),
            'questions': questions,
            'can_retry': self.can_start_attempt(state),
            # Full marks: nothing to improve, so another attempt is offered, not pressed on the learner.
            'full_marks': attempt_score.possible > 0 and attempt_score.earned >= attempt_score.possible,
            'retry_counts': self.grading in ('last', 'average'),  # another attempt can lower the grade
        }

    def summary_lines(self, state, attempt_score, translator):
        """The sentences announced after a submission: what a pre-test is for, the score, pass, grade kept,
        attempts left."""
        _, ngettext = translator.gettext, translator.ngettext
        lines = []
        if self.role == 'pre':
            lines.append(_('This pre-test shows what you knew before the module, so that the post-test at its end '
                           'can measure what you learned.'))
        marks = (self.pass_mark,) if self.pass_mark > 0 else ()
        lines.append(_('Your score: {earned} of {possible} points ({percent}%).').format(
            earned=presenter.shown_points(attempt_score.earned, attempt_score.possible),
            possible=presenter.shown_number(attempt_score.possible),
            percent=presenter.shown_percent(attempt_fraction(attempt_score), marks)))
        fraction = self.kept_fraction_of(state)
        if state.used > 1:
            lines.append(_('Score kept for your grade: {percent}%.').format(
                percent=presenter.shown_percent(fraction, marks)))
        more = self.can_start_attempt(state)
        if self.pass_mark > 0:
            mark = presenter.shown_number(self.pass_mark)
            if has_passed(fraction, self.pass_mark):
                lines.append(_('Passed (pass mark {mark}%).').format(mark=mark))
            elif more:
                lines.append(_('Not passed yet (pass mark {mark}%).').format(mark=mark))
            else:
                lines.append(_('Not passed (pass mark {mark}%).').format(mark=mark))
        remaining = policy.attempts_remaining(self.max_attempts, state.used)
        if remaining == 0:
            lines.append(_('This quiz allows one attempt: this result is final.') if self.max_attempts == 1 else
                         _('You have used all your attempts: the score kept for your grade is final.'))
        elif remaining is not None and not is_past_due(self):
            lines.append(ngettext('You have {count} attempt left.', 'You have {count} attempts left.',
                                  remaining).format(count=remaining))
        return lines

    def attempts_status_text(self, state, translator):
        if self.max_attempts == 0:
            return translator.ngettext('{used} attempt submitted; attempts are unlimited.',
                                       '{used} attempts submitted; attempts are unlimited.',
                                       state.used).format(used=state.used)
        return translator.ngettext('{used} of {allowed} attempt used.', '{used} of {allowed} attempts used.',
                                   self.max_attempts).format(used=state.used, allowed=self.max_attempts)

    def closed_text(self, translator):
        if not is_past_due(self):
            return ''
        due = effective_due(self).astimezone(UTC)
        return translator.gettext('This quiz closed on {date}; submissions are no longer accepted.').format(
            date=f'{day(due)} {due:%H:%M} UTC')
