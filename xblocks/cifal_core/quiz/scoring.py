"""Scoring: how many points a cleaned answer earns, and what the right answer is.

Scores are rounded to 6 decimals so that partial credit (thirds, sevenths) adds up to the same
total whichever way it is summed, and a full mark is exactly the question's points.
"""
from collections.abc import Sequence
from dataclasses import dataclass

from cifal_core.quiz.models import Question
from cifal_core.quiz.numbers import parse_number
from cifal_core.quiz.text import text_matches

PRECISION = 6
# Tolerance for binary floating point: 1.3 - 1.2 is 0.10000000000000009, yet within a tolerance of 0.1.
_FLOAT_SLACK = 1e-9


@dataclass(frozen=True)
class QuestionScore:
    """Points earned on one question; ``status`` is 'correct', 'partial', 'incorrect' or 'unanswered'."""

    question_id: str
    earned: float
    possible: float
    status: str

    @property
    def fraction(self) -> float:
        """Share of the points earned (0..1); 0 for a question worth nothing."""
        return round(self.earned / self.possible, PRECISION) if self.possible else 0.0


@dataclass(frozen=True)
class AttemptScore:
    """The scores of the questions of one attempt."""

    questions: tuple[QuestionScore, ...]

    @property
    def earned(self) -> float:
        return round(sum(score.earned for score in self.questions), PRECISION)

    @property
    def possible(self) -> float:
        return round(sum(score.possible for score in self.questions), PRECISION)

    @property
    def fraction(self) -> float:
        """Share of the attempt's points earned (0..1), as the grade is reported to the platform."""
        return round(self.earned / self.possible, PRECISION) if self.possible else 0.0

    @property
    def percent(self) -> float:
        """Share of the attempt's points earned, 0..100 (0 when there is nothing to earn)."""
        return round(100 * self.earned / self.possible, PRECISION) if self.possible else 0.0


def score_question(question: Question, answer) -> QuestionScore:
    """Score a cleaned answer (see ``answers.clean_answers``); None means unanswered."""
    if answer is None:
        return QuestionScore(question.id, 0.0, question.points, 'unanswered')
    fraction = min(1.0, max(0.0, _FRACTION_OF_CREDIT[question.type](question, answer)))
    # Rounding must never lift a partial score above the question's points.
    earned = question.points if fraction == 1 else min(question.points, round(question.points * fraction, PRECISION))
    if fraction == 1:
        status = 'correct'
    elif earned > 0:
        status = 'partial'
    else:
        status = 'incorrect'
    return QuestionScore(question.id, earned, question.points, status)


def score_attempt(questions: Sequence[Question], answers: dict) -> AttemptScore:
    """Score the questions of one attempt (draw may have selected part of the pool)."""
    return AttemptScore(tuple(score_question(question, answers.get(question.id)) for question in questions))


def correct_answer(question: Question):
    """The right answer in the shape of a learner payload (numeric: the accepted value and tolerance;
    text: the accepted non-regex answers)."""
    if question.type == 'single':
        return next(choice.id for choice in question.choices if choice.correct)
    if question.type == 'multiple':
        return [choice.id for choice in question.choices if choice.correct]
    if question.type == 'numeric':
        numeric = question.numeric
        return {'value': numeric.value, 'tolerance': numeric.tolerance, 'relative': numeric.relative}
    if question.type == 'text':
        return [answer.text for answer in question.text_answers if not answer.regex]
    if question.type == 'ordering':
        return [item.id for item in question.items]
    if question.type == 'matching':
        return {pair.id: pair.id for pair in question.pairs}
    raise ValueError(f'unknown question type {question.type!r}')


def _single_credit(question, answer):
    return 1.0 if any(choice.correct and choice.id == answer for choice in question.choices) else 0.0


def _multiple_credit(question, answer):
    chosen = set(answer)
    correct = [choice for choice in question.choices if choice.correct]
    incorrect = [choice for choice in question.choices if not choice.correct]
    correct_chosen = sum(choice.id in chosen for choice in correct)
    incorrect_chosen = sum(choice.id in chosen for choice in incorrect)
    if question.scoring == 'partial':
        well_classified = correct_chosen + len(incorrect) - incorrect_chosen
        return well_classified / len(question.choices)
    if question.scoring == 'right_minus_wrong':
        penalty = incorrect_chosen / len(incorrect) if incorrect else 0.0
        return max(0.0, correct_chosen / len(correct) - penalty)
    return 1.0 if correct_chosen == len(correct) and not incorrect_chosen else 0.0


def _numeric_credit(question, answer):
    numeric = question.numeric
    allowed = numeric.absolute_tolerance + _FLOAT_SLACK * max(1.0, abs(numeric.value))
    return 1.0 if abs(parse_number(answer) - numeric.value) <= allowed else 0.0


def _text_credit(question, answer):
    matches = any(text_matches(answer, accepted.text, accepted.regex) for accepted in question.text_answers)
    return 1.0 if matches else 0.0


def _ordering_credit(question, answer):
    in_place = sum(1 for item, answered in zip(question.items, answer, strict=False) if item.id == answered)
    return in_place / len(question.items)


def _matching_credit(question, answer):
    return sum(1 for pair in question.pairs if answer.get(pair.id) == pair.id) / len(question.pairs)


_FRACTION_OF_CREDIT = {
    'single': _single_credit,
    'multiple': _multiple_credit,
    'numeric': _numeric_credit,
    'text': _text_credit,
    'ordering': _ordering_credit,
    'matching': _matching_credit,
}
