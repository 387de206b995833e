"""Per-question statistics (Moodle's quiz report): facility, SD, discrimination, efficiency, distractors.

Each question is analysed over the attempts that contained it: with a random draw, an attempt that
never showed a question says nothing about it, so it is left out rather than counted as a zero.
Discrimination compares a question with the rest of the test (Y = X - x), not with the total, so
that a question is not correlated with itself. A question is flagged for review when its
discriminative efficiency is below 15% or its discrimination is negative; a statistic that is n/a
(too few attempts, a question everybody got right) never flags, and its note says why.
"""
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cifal_core.statistics.descriptive import covariance_value, is_constant, mean_value, sd, variance_value
from cifal_core.statistics.values import MIN_N_CORRELATION, Stat, not_available, too_few

LOW_EFFICIENCY = 15.0  # %, below which a question is flagged
REASON_LOW_EFFICIENCY = 'low_efficiency'
REASON_NEGATIVE_DISCRIMINATION = 'negative_discrimination'
NOT_FLAGGED = '; cannot be flagged for review'


@dataclass(frozen=True)
class AttemptMarks:
    """One counted attempt: its total mark X, the mark of each question it contained, and for choice questions
    the choice ids the learner picked. A question the attempt contained but left unanswered has mark 0; a
    question the attempt did not contain (random draw) is absent from ``marks``."""

    total: float
    marks: Mapping[str, float]
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ChoiceStatistics:
    """How many of the attempts containing the question picked this choice, their share (0..1) and the mean
    total of those attempts: a distractor picked by strong learners points at an ambiguous question."""

    choice_id: str
    count: int
    share: float
    mean_total: Stat


@dataclass(frozen=True)
class ItemStatistics:
    """The statistics of one question; ``facility`` is 0..1, ``discrimination_index`` and
    ``discriminative_efficiency`` are percentages."""

    question_id: str
    n: int
    facility: Stat
    sd: Stat
    discrimination_index: Stat
    discriminative_efficiency: Stat
    needs_review: bool
    review_reasons: tuple[str, ...]
    distractors: tuple[ChoiceStatistics, ...]


def item_statistics(attempts: Sequence[AttemptMarks], max_marks: Mapping[str, float],
                    choice_ids: Mapping[str, Sequence[str]] | None = None) -> tuple[ItemStatistics, ...]:
    """Statistics of every question: those of ``max_marks`` in its order, then any other question found in the
    attempts. ``choice_ids`` (optional) lists each choice question's choices in authored order, so that a
    distractor nobody picked is reported with a count of 0."""
    question_ids = list(max_marks)
    for attempt in attempts:
        question_ids.extend(qid for qid in attempt.marks if qid not in question_ids)
    choice_ids = choice_ids or {}
    return tuple(question_statistics(qid, attempts, max_marks.get(qid), choice_ids.get(qid, ()))
                 for qid in question_ids)


def question_statistics(question_id: str, attempts: Sequence[AttemptMarks], max_mark: float | None,
                        choice_ids: Sequence[str] = ()) -> ItemStatistics:
    """Statistics of one question over the attempts that contained it."""
    rows = [attempt for attempt in attempts if question_id in attempt.marks]
    marks = [float(attempt.marks[question_id] or 0.0) for attempt in rows]
    rest = [float(attempt.total) - mark for attempt, mark in zip(rows, marks, strict=True)]
    discrimination = discrimination_index(marks, rest)
    efficiency = discriminative_efficiency(marks, rest)
    reasons = review_reasons(discrimination, efficiency)
    return ItemStatistics(
        question_id=question_id,
        n=len(rows),
        facility=facility(marks, max_mark),
        sd=sd(marks),
        discrimination_index=discrimination,
        discriminative_efficiency=efficiency,
        needs_review=bool(reasons),
        review_reasons=reasons,
        distractors=distractor_statistics(question_id, rows, choice_ids),
    )


def facility(marks: Sequence[float], max_mark: float | None) -> Stat:
    """Facility index F = mean(x) / max mark, 0..1: the share of the marks the learners obtained."""
    if not marks:
        return too_few(0, 1, 'facility')
    if max_mark is None or max_mark <= 0:
        return not_available(len(marks), 'the maximum mark of the question is unknown or zero')
    return Stat(mean_value(marks) / max_mark, len(marks))


def _correlation_precondition(marks: Sequence[float], rest: Sequence[float], what: str) -> Stat | None:
    """The n/a Stat explaining why ``what`` cannot be computed, or None when it can."""
    count = len(marks)
    if count < MIN_N_CORRELATION:
        stat = too_few(count, MIN_N_CORRELATION, what)
        return Stat(None, count, stat.note + NOT_FLAGGED)
    if is_constant(marks):
        return not_available(count, 'every attempt had the same mark on this question' + NOT_FLAGGED)
    if is_constant(rest):
        return not_available(count, 'every attempt had the same mark on the rest of the test' + NOT_FLAGGED)
    return None


def discrimination_index(marks: Sequence[float], rest: Sequence[float]) -> Stat:
    """100 * Cov(x, Y) / sqrt(Var(x) Var(Y)): the Pearson correlation (%) of the question with the rest."""
    blocked = _correlation_precondition(marks, rest, 'discrimination index')
    if blocked:
        return blocked
    spread = math.sqrt(variance_value(marks) * variance_value(rest))
    if spread <= 0:  # distinct marks so close that their squared deviations underflow
        return not_available(len(marks), 'the variance is numerically zero' + NOT_FLAGGED)
    return Stat(100 * covariance_value(marks, rest) / spread, len(marks))


def discriminative_efficiency(marks: Sequence[float], rest: Sequence[float]) -> Stat:
    """100 * Cov(x, Y) / Cmax, Cmax being the covariance of x and Y each sorted ascending: how close the question
    comes to the best discrimination its own mark distribution allows (a hard question cannot correlate
    fully with a spread-out total, so the index alone would undersell it)."""
    blocked = _correlation_precondition(marks, rest, 'discriminative efficiency')
    if blocked:
        return blocked
    largest = covariance_value(sorted(marks), sorted(rest))
    if largest <= 0:  # cannot happen for two non-constant samples (Chebyshev's sum inequality); a guard
        return not_available(len(marks), 'the largest possible covariance is zero' + NOT_FLAGGED)
    return Stat(100 * covariance_value(marks, rest) / largest, len(marks))


def review_reasons(discrimination: Stat, efficiency: Stat) -> tuple[str, ...]:
    """Machine codes of the reasons to review a question; n/a statistics never flag."""
    reasons = []
    if efficiency.available and efficiency.value < LOW_EFFICIENCY:
        reasons.append(REASON_LOW_EFFICIENCY)
    if discrimination.available and discrimination.value < 0:
        reasons.append(REASON_NEGATIVE_DISCRIMINATION)
    return tuple(reasons)


def distractor_statistics(question_id: str, rows: Sequence[AttemptMarks],
                          choice_ids: Sequence[str] = ()) -> tuple[ChoiceStatistics, ...]:
    """Per choice: count, share of the attempts containing the question, mean total of those who picked it.
    Choices come in ``choice_ids`` order, then any other picked choice in sorted order. A multiple-choice
    question's shares may add up to more than 1. Empty for a question no attempt recorded choices for."""
    picks: dict[str, list[float]] = {choice_id: [] for choice_id in choice_ids}
    for attempt in rows:
        for choice_id in dict.fromkeys(attempt.choices.get(question_id, ())):
            picks.setdefault(choice_id, []).append(float(attempt.total))
    ordered = list(dict.fromkeys(choice_ids))
    ordered += sorted(choice_id for choice_id in picks if choice_id not in ordered)
    result = []
    for choice_id in ordered:
        totals = picks[choice_id]
        mean_total = (Stat(mean_value(totals), len(totals)) if totals
                      else not_available(0, 'no attempt picked this choice'))
        share = len(totals) / len(rows) if rows else 0.0
        result.append(ChoiceStatistics(choice_id, len(totals), share, mean_total))
    return tuple(result)
