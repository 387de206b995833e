"""
The instructor dashboard's "Problem Responses" report (a Celery task in the LMS).

The platform calls ``generate_report_data`` on a block bound to no user, with each learner's ``user_state``; it
only sees learners who have state, which is why attempts stay in ``Scope.user_state`` beside the results store.
"""
from collections import OrderedDict

from cifal_core.blocks.i18n import Translator
from cifal_core.html import html_to_text
from cifal_core.quiz.words import answer_in_words, correct_answer_in_words


class QuizProblemResponsesMixin:
    """One row per learner, attempt and question, in the words of the current content."""

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        _ = Translator(self).gettext
        columns = (_('Question'), _('Answer'), _('Correct Answer'), _('Points'), _('Max Points'), _('Attempt'),
                   _('Question ID'))
        content = self.quiz_content
        known = set(content.question_ids())
        produced = 0
        for user_state in user_state_iterator:
            for record in user_state.state.get('submitted_attempts', []):
                for score in record.get('scores', []):
                    if limit_responses is not None and produced >= limit_responses:
                        return
                    if score['id'] not in known:
                        continue  # a question the author has deleted since: no words left to report it in
                    question = content.question(score['id'])
                    answer = record.get('answers', {}).get(score['id'])
                    yield user_state.username, OrderedDict(zip(columns, (
                        html_to_text(question.prompt_html), answer_in_words(question, answer),
                        correct_answer_in_words(question), score['earned'], score['possible'], record['number'],
                        question.id,
                    ), strict=True))
                    produced += 1
