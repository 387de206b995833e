"""Statistics of the test as a whole (Moodle's quiz report): spread of the totals and their reliability.

The coefficient of internal consistency (Cronbach alpha) needs the same questions in every attempt.
With a random draw, it is computed on the questions every attempt contained, and on the total of
those questions only (a total over different questions would not be the sum whose variance alpha
decomposes); the note says so. The module is named ``whole_test`` so that pytest does not collect it,
and ``TestStatistics`` opts out of collection for the same reason.
"""
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cifal_core.statistics import descriptive
from cifal_core.statistics.descriptive import variance_value
from cifal_core.statistics.items import AttemptMarks
from cifal_core.statistics.values import MIN_N_ALPHA, MIN_QUESTIONS_ALPHA, Stat, not_available, too_few

CIC_SATISFACTORY = 75.0  # %, above which internal consistency is satisfactory
CIC_UNSATISFACTORY = 64.0  # %, below which it is unsatisfactory
# 1 - CIC/100 may come out a hair below zero when CIC is 100 up to rounding; treat that as zero.
_SQRT_SLACK = 1e-9


@dataclass(frozen=True)
class TestStatistics:
    """The whole-test statistics; ``cic``, ``error_ratio``, ``mean_percent`` and ``median_percent`` are %,
    ``standard_error`` is in marks. ``alpha_questions`` lists the questions alpha was computed on."""

    __test__ = False  # not a pytest test class, despite its name

    n: int
    mean: Stat
    median: Stat
    sd: Stat
    skewness: Stat
    kurtosis: Stat
    cic: Stat
    error_ratio: Stat
    standard_error: Stat
    mean_percent: Stat
    median_percent: Stat
    alpha_questions: tuple[str, ...]


def whole_test_statistics(attempts: Sequence[AttemptMarks], max_marks: Mapping[str, float] | None = None,
                          max_total: float | None = None) -> TestStatistics:
    """Statistics of the attempts' totals. Percentages use ``max_total`` when given, else each attempt's own
    maximum (the sum of ``max_marks`` over the questions it contained, which differs between attempts with a
    random draw); they are n/a when neither is known."""
    totals = [float(attempt.total) for attempt in attempts]
    standard_deviation = descriptive.sd(totals)
    cic, alpha_questions = cronbach_alpha(attempts)
    ratio = error_ratio(cic)
    percents = _percents(attempts, totals, max_marks, max_total)
    return TestStatistics(
        n=len(totals),
        mean=descriptive.mean(totals),
        median=descriptive.median(totals),
        sd=standard_deviation,
        skewness=descriptive.skewness(totals),
        kurtosis=descriptive.kurtosis(totals),
        cic=cic,
        error_ratio=ratio,
        standard_error=standard_error(ratio, standard_deviation),
        mean_percent=descriptive.mean(percents) if percents is not None else _no_maximum(len(totals)),
        median_percent=descriptive.median(percents) if percents is not None else _no_maximum(len(totals)),
        alpha_questions=alpha_questions,
    )


def _no_maximum(count: int) -> Stat:
    return not_available(count, 'the maximum mark is unknown')


def _percents(attempts, totals, max_marks, max_total) -> list[float] | None:
    """Each attempt's total as % of its maximum, or None when a maximum is unknown or zero."""
    if max_total is not None:
        return [100 * total / max_total for total in totals] if max_total > 0 else None
    if max_marks is None:
        return None
    percents = []
    for attempt, total in zip(attempts, totals, strict=True):
        if any(qid not in max_marks for qid in attempt.marks):
            return None
        maximum = math.fsum(max_marks[qid] for qid in attempt.marks)
        if maximum <= 0:
            return None
        percents.append(100 * total / maximum)
    return percents


def cronbach_alpha(attempts: Sequence[AttemptMarks]) -> tuple[Stat, tuple[str, ...]]:
    """CIC (%) = 100 * p / (p - 1) * (1 - sum Var(x_i) / k2), with the questions in every attempt, and those
    questions. k2 is the variance of the total X; with a random draw, of the total over the common questions."""
    count = len(attempts)
    if count < MIN_N_ALPHA:
        return too_few(count, MIN_N_ALPHA, 'coefficient of internal consistency'), ()
    seen = list(dict.fromkeys(qid for attempt in attempts for qid in attempt.marks))
    common = tuple(qid for qid in seen if all(qid in attempt.marks for attempt in attempts))
    drawn = len(common) < len(seen)
    note = (f'computed on the {len(common)} questions present in every attempt (random draw)' if drawn else '')
    if len(common) < MIN_QUESTIONS_ALPHA:
        return not_available(count, f'needs at least {MIN_QUESTIONS_ALPHA} questions present in every attempt, '
                                    f'got {len(common)}'), common
    columns = [[float(attempt.marks[qid] or 0.0) for attempt in attempts] for qid in common]
    if drawn:
        totals = [math.fsum(row) for row in zip(*columns, strict=True)]
    else:
        totals = [float(attempt.total) for attempt in attempts]
    k2 = variance_value(totals)  # k2 = s m2 / (s - 1) is the sample variance
    if k2 <= 0:
        return not_available(count, 'every attempt had the same total (zero variance)'), common
    p = len(common)
    item_variance = math.fsum(variance_value(column) for column in columns)
    return Stat(100 * p / (p - 1) * (1 - item_variance / k2), count, note), common


def error_ratio(cic: Stat) -> Stat:
    """ER (%) = 100 * sqrt(1 - CIC / 100): the share of the SD due to measurement error."""
    if not cic.available:
        return not_available(cic.n, 'the coefficient of internal consistency is n/a')
    remainder = 1 - cic.value / 100
    if remainder < 0:
        if remainder < -_SQRT_SLACK:
            return not_available(cic.n, 'the coefficient of internal consistency exceeds 100%')
        remainder = 0.0
    return Stat(100 * math.sqrt(remainder), cic.n, cic.note)


def standard_error(ratio: Stat, standard_deviation: Stat) -> Stat:
    """SE = ER * SD / 100, in marks: how far a learner's total may be from their true score."""
    if not ratio.available or not standard_deviation.available:
        return not_available(ratio.n, 'the error ratio or the standard deviation is n/a')
    return Stat(ratio.value * standard_deviation.value / 100, ratio.n, ratio.note)


def cic_band(cic: Stat) -> str | None:
    """'satisfactory' above 75%, 'unsatisfactory' below 64%, 'intermediate' between, None when n/a."""
    if not cic.available:
        return None
    if cic.value > CIC_SATISFACTORY:
        return 'satisfactory'
    if cic.value < CIC_UNSATISFACTORY:
        return 'unsatisfactory'
    return 'intermediate'
