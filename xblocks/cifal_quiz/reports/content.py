"""What the quiz's reports read from a content version: questions, their texts and answers in words.

Reports print answers in the words of the content version the learner saw (a later edit does not rewrite history),
and decide which attempt counts with the quiz's grading method. Both are the quiz's business, kept here beside it;
the store only hands over records and versions (``cifal_results.api``).
"""
from typing import NamedTuple

from cifal_core.html import html_to_text
from cifal_core.quiz.models import QuizContent
from cifal_core.quiz.words import answer_in_words, correct_answer_in_words
from cifal_results.api import ContentVersions, Filters

KIND = 'quiz_attempt'
AVERAGE_NOTE = ('quizzes graded on the average of attempts count their last attempt (an average is not an '
                'attempt whose answers can be analysed)')
KEPT_NOTE = ('one attempt per learner and quiz: the one its grading method keeps (best: highest score, ties to '
             'the earliest; first; last), from the learner\'s latest series of attempts')


def quiz_filters(course=None, block=None, pair=None, roles=()) -> Filters:
    return Filters(kind=KIND, course=course, block=block, pair=pair, roles=roles)


def kept_attempt(series: list) -> object:
    """The attempt the grading method keeps among one learner's latest series of attempts (in submission order):
    best = the highest share of its points (ties: the earliest), first, last; average keeps no single attempt, so
    the last one stands for it (``AVERAGE_NOTE``)."""
    context = series[-1].context
    method = context.get('grading', 'best') if isinstance(context, dict) else 'best'
    if method == 'first':
        return series[0]
    if method == 'best':
        return max(series, key=lambda row: (row.fraction, -row.id))
    return series[-1]  # last, and average


class QuestionText(NamedTuple):
    """A question as reports print it: plain-text prompt and answer key, choices as (id, text, correct)."""

    type: str
    prompt: str
    correct_answer: str
    choices: tuple[tuple[str, str, bool], ...]


MISSING_QUESTION = QuestionText('', '', '', ())
ANSWER_MEMO_SIZE = 50_000  # cached answers in words; cleared when full, so memory stays bounded


def _parsed(definition):
    content = QuizContent.from_dict(definition)
    return content, {question.id: question for question in content.questions}


class ContentCache(ContentVersions):
    """The quiz content versions submissions refer to, each loaded and parsed once, and what reports derive from
    them (texts, answers in words), computed once: turning choice HTML into text for each of two million
    answers would dominate an export's time."""

    def __init__(self):
        super().__init__(parse=_parsed)
        self._texts: dict[tuple[int, str], QuestionText] = {}
        self._answers: dict[tuple, str] = {}

    def content(self, version_id: int) -> QuizContent:
        return super().content(version_id)[0]

    def question(self, version_id: int, question_id: str):
        """The question as that version defined it, or None (a record may outlive an unknown id)."""
        return super().content(version_id)[1].get(question_id)

    def texts(self, version_id: int, question_id: str) -> QuestionText:
        key = (version_id, question_id)
        if key not in self._texts:
            question = self.question(version_id, question_id)
            self._texts[key] = MISSING_QUESTION if question is None else QuestionText(
                question.type, html_to_text(question.prompt_html), correct_answer_in_words(question),
                tuple((c.id, html_to_text(c.html), c.correct) for c in question.choices))
        return self._texts[key]

    def answer(self, version_id: int, question_id: str, answer) -> str:
        """The learner's answer in the words of the version they saw ('' when unanswered)."""
        question = self.question(version_id, question_id)
        if question is None:
            return '' if answer is None else str(answer)
        if question.type in ('text', 'numeric'):  # cheap, and too varied to be worth caching
            return answer_in_words(question, answer)
        key = (version_id, question_id, _hashable(answer))
        words = self._answers.get(key)
        if words is None:
            if len(self._answers) >= ANSWER_MEMO_SIZE:
                self._answers.clear()
            words = self._answers[key] = answer_in_words(question, answer)
        return words


def _hashable(value):
    if value.__class__ is str:
        return value
    if isinstance(value, dict):
        return ('dict', *((key, _hashable(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ('list', *(_hashable(item) for item in value))
    return value
