"""
The quiz where the platform shows a block outside the courseware page: the mobile apps, courseware search,
and visitors who are not signed in. None of these ever carries a correct flag, feedback or an explanation, and
options are named by their learner codes (``cifal_core.quiz.codes``), as in the page.
"""
from cifal_core.blocks.handlers import get_handler
from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_core.blocks.platform import effective_due, is_past_due, usage_key
from cifal_core.html import html_to_text
from cifal_core.quiz import policy
from cifal_core.quiz.codes import answers_to_learner, orders_to_learner
from cifal_core.quiz.sampling import layout_attempt
from cifal_quiz.mixins.views import RENDERER

SETTINGS_FOR_APPS = ('role', 'pair', 'weight', 'max_attempts', 'grading', 'pass_mark', 'show_answers',
                     'show_correctness', 'shuffle_questions', 'shuffle_choices', 'draw')


def authored_question(question, codes, option_order):
    """A question as the apps need it: prompt and options (by code), in a neutral order, without any key."""
    data = {'id': question.id, 'type': question.type, 'points': question.points, 'prompt_html': question.prompt_html}
    if question.type in ('single', 'multiple'):
        choices = {choice.id: choice.html for choice in question.choices}
        data['choices'] = [{'id': codes.code('choice', choice_id), 'html': choices[choice_id]}
                           for choice_id in option_order]
    elif question.type == 'ordering':
        items = {item.id: item.html for item in question.items}
        data['items'] = [{'id': codes.code('item', item_id), 'html': items[item_id]} for item_id in option_order]
    elif question.type == 'matching':
        responses = {pair.id: pair.response_html for pair in question.pairs}
        data['premises'] = [{'id': codes.code('premise', pair.id), 'html': pair.premise_html}
                            for pair in question.pairs]
        data['responses'] = [{'id': codes.code('response', pair_id), 'html': responses[pair_id]}
                             for pair_id in option_order]
    return data


class QuizPlatformViewsMixin:
    """``student_view_data``, ``student_view_user_state``, ``index_dictionary`` and ``public_view``."""

    def student_view_data(self, context=None):  # pylint: disable=unused-argument
        """Authored content only: called with no user bound. Ordering items and matching responses come in a
        fixed shuffled order (as likely to be any order as another); each learner's own order of questions and
        options is in ``student_view_user_state``."""
        content = self.quiz_content
        neutral = layout_attempt(content, seed_parts=(usage_key(self), 'student_view_data'),
                                 shuffle_questions=False, shuffle_choices=False, draw=0)
        codes = self.option_codes()
        return {
            'display_name': self.display_name,
            'description_html': content.description_html,
            **{name: getattr(self, name) for name in SETTINGS_FOR_APPS},
            'max_score': self.max_score(),
            'questions': [authored_question(question, codes.question(question),
                                            neutral.option_orders.get(question.id, ()))
                          for question in content.questions],
        }

    @get_handler
    def student_view_user_state(self, request, suffix=''):  # pylint: disable=unused-argument
        """GET: the learner's attempt, layout, draft and what the policy reveals of their last results."""
        identity = current_identity(self)
        state = self.learner_attempts(identity)
        layout = self.current_layout(identity, state.current_attempt)
        content, codes = self.quiz_content, self.option_codes()
        due = effective_due(self)
        return {
            'attempt': state.current_attempt,
            'is_open': state.is_open and self.can_start_attempt(state),
            'attempts_used': state.used,
            'attempts_allowed': self.max_attempts,
            'attempts_remaining': policy.attempts_remaining(self.max_attempts, state.used),
            'can_retry': not state.is_open and self.can_start_attempt(state),
            'due': due.isoformat() if due else None,
            'past_due': is_past_due(self),
            'layout': {'question_ids': list(layout.question_ids),
                       'option_orders': orders_to_learner(content, codes, layout.option_orders)},
            'draft': answers_to_learner(content, codes, self.draft_answers(state)),
            'last_attempt': self.attempt_results(identity, state.last) if state.last else None,
        }

    def index_dictionary(self):
        """Search: title, description, prompts and choice texts; never answers, feedback or explanations."""
        index = super().index_dictionary()
        content = self.quiz_content
        texts = [html_to_text(content.description_html)]
        for question in content.questions:
            texts.append(html_to_text(question.prompt_html))
            texts.extend(html_to_text(choice.html) for choice in question.choices)
        index.setdefault('content', {})['capa_content'] = ' '.join(text for text in texts if text)
        index['content_type'] = 'CIFAL Quiz'
        return index

    def public_view(self, context=None):  # pylint: disable=unused-argument
        """What a visitor who is not signed in sees: the quiz exists, how long it is, and to sign in."""
        translator = Translator(self)
        pool = len(self.quiz_content.questions)
        count = min(self.draw, pool) if self.draw else pool
        return RENDERER.fragment(self, 'public_view.html', {
            'title': self.display_title(translator),
            'description_html': self.quiz_content.description_html,
            'count_text': translator.ngettext('This quiz has {count} question.', 'This quiz has {count} questions.',
                                              count).format(count=count),
        }, css=('css/quiz.css',))
