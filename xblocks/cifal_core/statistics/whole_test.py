"""Statistics of the test as a whole (Moodle's quiz report): spread of the totals and their reliability.

The coefficient of internal consistency (Cronbach alpha) needs the same questions in every attempt.
With a random draw, it is computed on the questions every attempt contained, and on the total of
those questions only (a total over different questions would not be the sum whose variance alpha
decomposes); the note says so. The module is named ``whole_test`` so that pytest does not collect it,
and ``TestStatistics`` opts out of collection for the same reason.
"""
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cifal_core.statistics import descriptive
from cifal_core.statistics.descriptive import Frequencies, table_variance
from cifal_core.statistics.items import AttemptMarks, ItemTables, item_tables
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
    attempts = list(attempts)
    tables = item_tables(attempts, _percents(attempts, max_marks, max_total))
    common = common_questions(tables)
    return whole_test_statistics_of(tables, _common_totals(attempts, common) if is_drawn(tables) else None)


def whole_test_statistics_of(tables: ItemTables, common_totals: Frequencies | None = None) -> TestStatistics:
    """The statistics from the attempts' tables (``items.ItemTables``). With a random draw (``is_drawn``), alpha
    needs the frequency table of the attempts' totals over the ``common_questions``: ``common_totals``."""
    totals = tables.totals
    standard_deviation = descriptive.sd(totals)
    cic, alpha_questions = cronbach_alpha_of(tables, common_totals)
    ratio = error_ratio(cic)
    percents = None if tables.percent_unknown else tables.percents
    return TestStatistics(
        n=tables.attempts,
        mean=descriptive.mean(totals),
        median=descriptive.median(totals),
        sd=standard_deviation,
        skewness=descriptive.skewness(totals),
        kurtosis=descriptive.kurtosis(totals),
        cic=cic,
        error_ratio=ratio,
        standard_error=standard_error(ratio, standard_deviation),
        mean_percent=descriptive.mean(percents) if percents is not None else _no_maximum(tables.attempts),
        median_percent=descriptive.median(percents) if percents is not None else _no_maximum(tables.attempts),
        alpha_questions=alpha_questions,
    )


def _no_maximum(count: int) -> Stat:
    return not_available(count, 'the maximum mark is unknown')


def _percents(attempts, max_marks, max_total) -> list[float | None]:
    """Each attempt's total as % of its maximum (None where the maximum is unknown or zero)."""
    if max_total is not None:
        return [100 * float(attempt.total) / max_total if max_total > 0 else None for attempt in attempts]
    percents = []
    for attempt in attempts:
        if max_marks is None or any(qid not in max_marks for qid in attempt.marks):
            percents.append(None)
            continue
        maximum = math.fsum(max_marks[qid] for qid in attempt.marks)
        percents.append(100 * float(attempt.total) / maximum if maximum > 0 else None)
    return percents


def common_questions(tables: ItemTables) -> tuple[str, ...]:
    """The questions every attempt contained, in the order they were first seen."""
    return tuple(qid for qid, joint in tables.joint.items() if descriptive.size(joint) == tables.attempts)


def is_drawn(tables: ItemTables) -> bool:
    """Whether some attempt lacked a question another contained (a random draw)."""
    return len(common_questions(tables)) < len(tables.joint)


def _common_totals(attempts, common) -> Counter:
    return Counter(math.fsum(float(attempt.marks[qid] or 0.0) for qid in common) for attempt in attempts)


def cronbach_alpha(attempts: Sequence[AttemptMarks]) -> tuple[Stat, tuple[str, ...]]:
    """CIC (%) of a list of attempts (see ``cronbach_alpha_of``), and the questions it was computed on."""
    attempts = list(attempts)
    tables = item_tables(attempts)
    common = common_questions(tables)
    return cronbach_alpha_of(tables, _common_totals(attempts, common) if is_drawn(tables) else None)


def cronbach_alpha_of(tables: ItemTables, common_totals: Frequencies | None = None) -> tuple[Stat, tuple[str, ...]]:
    """CIC (%) = 100 * p / (p - 1) * (1 - sum Var(x_i) / k2), with the questions in every attempt, and those
    questions. k2 is the variance of the total X; with a random draw, of the total over the common questions
    (``common_totals``, its frequency table)."""
    count = tables.attempts
    if count < MIN_N_ALPHA:
        return too_few(count, MIN_N_ALPHA, 'coefficient of internal consistency'), ()
    common = common_questions(tables)
    drawn = len(common) < len(tables.joint)
    note = (f'computed on the {len(common)} questions present in every attempt (random draw)' if drawn else '')
    if len(common) < MIN_QUESTIONS_ALPHA:
        return not_available(count, f'needs at least {MIN_QUESTIONS_ALPHA} questions present in every attempt, '
                                    f'got {len(common)}'), common
    if drawn and common_totals is None:
        raise ValueError('a random draw needs the totals over the common questions (common_totals)')
    k2 = table_variance(common_totals if drawn else tables.totals)  # k2 = s m2 / (s - 1), the sample variance
    if k2 <= 0:
        return not_available(count, 'every attempt had the same total (zero variance)'), common
    p = len(common)
    marks = tables.question_marks()
    item_variance = math.fsum(table_variance(marks[qid]) for qid in common)
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
