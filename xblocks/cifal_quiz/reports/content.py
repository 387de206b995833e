"""What the quiz's reports read from a content version: questions, their texts and answers in words.

Reports print answers in the words of the content version the learner saw (a later edit does not rewrite history),
and decide which attempt counts with the quiz's grading method. Both are the quiz's business, kept here beside it;
the store only hands over records and versions (``cifal_results.api``).
"""
from typing import NamedTuple

import orjson

from cifal_core.html import html_to_text
from cifal_core.quiz.models import CHOICE_TYPES, QuizContent
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
FREE_TYPES = frozenset({'text', 'numeric'})


def _parsed(definition):
    content = QuizContent.from_dict(definition)
    questions = {question.id: question for question in content.questions}
    return content, questions, frozenset(qid for qid, question in questions.items() if question.type in CHOICE_TYPES)


class ContentCache(ContentVersions):
    """The quiz content versions submissions refer to, each loaded and parsed once, and what reports derive from
    them (texts, answers in words), computed once: turning choice HTML into text for each of two million
    answers would dominate an export's time."""

    def __init__(self):
        super().__init__(parse=_parsed)
        self._texts: dict[tuple[int, str], QuestionText] = {}
        self._answers: dict[tuple, str] = {}

    @property
    def answers_memo(self) -> dict[tuple, str]:
        """{(version, question id, answer or its JSON text): words} of the answers worded so far (read-only)."""
        return self._answers

    def content(self, version_id: int) -> QuizContent:
        return super().content(version_id)[0]

    def question(self, version_id: int, question_id: str):
        """The question as that version defined it, or None (a record may outlive an unknown id)."""
        return super().content(version_id)[1].get(question_id)

    def choice_question_ids(self, version_id: int) -> frozenset[str]:
        """The ids of that version's choice questions (whose picks the distractor analysis counts)."""
        return super().content(version_id)[2]

    def texts(self, version_id: int, question_id: str) -> QuestionText:
        key = (version_id, question_id)
        known = self._texts.get(key)
        if known is not None:
            return known
        if key not in self._texts:
            question = self.question(version_id, question_id)
            self._texts[key] = MISSING_QUESTION if question is None else QuestionText(
                question.type, html_to_text(question.prompt_html), correct_answer_in_words(question),
                tuple((c.id, html_to_text(c.html), c.correct) for c in question.choices))
        return self._texts[key]

    def answer(self, version_id: int, question_id: str, answer) -> str:
        """The learner's answer in the words of the version they saw ('' when unanswered)."""
        if answer.__class__ is str:  # a single choice, a text answer: the memo's key is the answer itself
            key = (version_id, question_id, answer)
        elif answer is None:
            return ''
        else:
            try:  # a list or a mapping: its JSON text (C-fast, and equal answers give equal keys)
                key = (version_id, question_id, orjson.dumps(answer))
            except (orjson.JSONEncodeError, TypeError):
                key = None
        words = self._answers.get(key) if key is not None else None
        if words is None:
            question = self.question(version_id, question_id)
            if question is None:
                return str(answer)
            words = answer_in_words(question, answer)
            if key is not None and question.type not in FREE_TYPES:  # free answers rarely repeat: not kept
                if len(self._answers) >= ANSWER_MEMO_SIZE:
                    self._answers.clear()
                self._answers[key] = words
        return words
