"""Per-question statistics (Moodle's quiz report): facility, SD, discrimination, efficiency, distractors.

Each question is analysed over the attempts that contained it: with a random draw, an attempt that never showed a
question says nothing about it, so it is left out rather than counted as a zero. Discrimination compares a question
with the rest of the test (Y = X - x), not with the total, so that a question is not correlated with itself. A
question is flagged for review when its discriminative efficiency is below 15% or its discrimination is negative; a
statistic that is n/a (too few attempts, a question everybody got right) never flags, and its note says why.

The attempts are gathered question by question into exact frequency tables (``ItemTables``: how many of the attempts
containing the question had mark x and total X; per choice, how many who picked it had total X), which hold all
that these formulas use of the attempts: a report reads 300,000 attempts once, in memory that does not grow with
their number (marks and totals take few distinct values), and the figures are those of the per-attempt lists.
"""
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cifal_core.statistics.descriptive import (
    Frequencies,
    sd,
    size,
    sorted_pairs,
    table_covariance,
    table_mean,
    table_variance,
)
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


class ItemTables:
    """The counted attempts of one quiz as frequency tables, question by question (see the module's docstring).
    ``joint[qid]`` is ``{(mark, total): attempts}`` over the attempts containing the question; ``picked[qid]`` is
    ``{(choices picked, total): attempts}``, from which ``choice_totals`` gives each choice's ``{total: attempts}``.

    Attempts come one at a time (``add``) or in groups that contained the same questions and had the same total
    (``add_same_total``), which is how a report feeds hundreds of thousands of them: each question's marks are then
    counted by ``Counter`` in C, rather than with a few dict operations per mark in Python."""

    def __init__(self):
        self.attempts = 0
        self.joint: dict[str, Counter] = {}
        self.picked: dict[str, Counter] = {}
        self.totals: Counter = Counter()  # X -> attempts (the whole test's statistics)
        self.percents: Counter = Counter()  # X as % of the attempt's own maximum -> attempts
        self.percent_unknown = False  # an attempt whose maximum is unknown: no percentages at all

    def add(self, total: float, marks: Iterable[tuple[str, float]], picks: Mapping[str, Iterable[str]] = None,
            percent: float | None = None):
        """One attempt: its total X, (question id, mark) for each question it contained, for choice questions the
        choice ids picked (a choice picked twice counts once), and X as % of the attempt's maximum (None: unknown)."""
        marks = list(marks)
        picks = picks or {}
        self.add_same_total([qid for qid, _ in marks], list(picks), float(total), [[mark for _, mark in marks]],
                            [[tuple(chosen) for chosen in picks.values()]], [percent])

    def add_same_total(self, question_ids: Sequence[str], choice_ids: Sequence[str], total: float,
                       marks: Sequence[Sequence[float]], picks: Sequence[Sequence[tuple[str, ...] | None]],
                       percents: Sequence[float | None]):
        """Attempts with the same total that all contained ``question_ids``: a row of marks each (in the order of
        ``question_ids``), a row of the choices picked in each of ``choice_ids`` (a choice id, a tuple of them, or
        None: nothing picked), and each attempt's percentage. The marks of each question are counted with
        ``Counter`` (in C) over the column."""
        self.attempts += len(marks)
        self.totals[total] += len(marks)
        known = [percent for percent in percents if percent is not None]
        self.percent_unknown = self.percent_unknown or len(known) < len(percents)
        self.percents.update(known)
        for tables, ids, rows in ((self.joint, question_ids, marks), (self.picked, choice_ids, picks)):
            if not ids:
                continue
            for question_id, column in zip(ids, zip(*rows, strict=True), strict=True):
                table = tables.get(question_id)
                if table is None:
                    table = tables[question_id] = Counter()
                for value, count in Counter(column).items():
                    table[value, total] += count

    def choice_totals(self, question_id: str) -> dict[str, Counter]:
        """{choice id: {total: attempts that picked it}} of a choice question."""
        choices: dict[str, Counter] = {}
        for (chosen, total), count in self.picked.get(question_id, {}).items():
            if not chosen:
                continue
            for choice_id in (chosen,) if isinstance(chosen, str) else dict.fromkeys(chosen):
                choices.setdefault(choice_id, Counter())[total] += count
        return choices

    def question_ids(self, max_marks: Mapping[str, float]) -> list[str]:
        """Those of ``max_marks`` in its order, then any other question found in the attempts."""
        return [*max_marks, *(qid for qid in self.joint if qid not in max_marks)]

    def statistics(self, max_marks: Mapping[str, float],
                   choice_ids: Mapping[str, Sequence[str]] | None = None) -> tuple['ItemStatistics', ...]:
        choice_ids = choice_ids or {}
        return tuple(question_statistics_of(qid, self.joint.get(qid, {}), max_marks.get(qid),
                                            self.choice_totals(qid), choice_ids.get(qid, ()))
                     for qid in self.question_ids(max_marks))

    def question_marks(self) -> dict[str, Counter]:
        """{question id: {mark: attempts}} over the attempts containing each question."""
        marks = {}
        for question_id, joint in self.joint.items():
            table = marks[question_id] = Counter()
            for (mark, _), count in joint.items():
                table[mark] += count
        return marks


def item_tables(attempts: Iterable[AttemptMarks], percents: Iterable[float | None] | None = None) -> ItemTables:
    """The tables of a list of attempts (and of their percentages, when known)."""
    tables = ItemTables()
    percents = iter(percents) if percents is not None else None
    for attempt in attempts:
        tables.add(float(attempt.total), ((qid, float(mark or 0.0)) for qid, mark in attempt.marks.items()),
                   attempt.choices, next(percents) if percents is not None else None)
    return tables


def item_statistics(attempts: Sequence[AttemptMarks], max_marks: Mapping[str, float],
                    choice_ids: Mapping[str, Sequence[str]] | None = None) -> tuple[ItemStatistics, ...]:
    """Statistics of every question: those of ``max_marks`` in its order, then any other question found in the
    attempts. ``choice_ids`` (optional) lists each choice question's choices in authored order, so that a
    distractor nobody picked is reported with a count of 0."""
    return item_tables(attempts).statistics(max_marks, choice_ids)


def question_statistics(question_id: str, attempts: Sequence[AttemptMarks], max_mark: float | None,
                        choice_ids: Sequence[str] = ()) -> ItemStatistics:
    """Statistics of one question over the attempts that contained it."""
    tables = item_tables(attempts)
    return question_statistics_of(question_id, tables.joint.get(question_id, {}), max_mark,
                                  tables.choice_totals(question_id), choice_ids)


def question_statistics_of(question_id: str, joint: Mapping[tuple[float, float], int], max_mark: float | None,
                           picks: Mapping[str, Frequencies], choice_ids: Sequence[str] = ()) -> ItemStatistics:
    """Statistics of one question from its tables: ``joint`` {(mark, total): attempts}, ``picks`` {choice: {total:
    attempts}}."""
    marks: Counter = Counter()
    rest: Counter = Counter()
    paired: Counter = Counter()  # (x, Y = X - x)
    for (mark, total), count in joint.items():
        remainder = total - mark
        marks[mark] += count
        rest[remainder] += count
        paired[mark, remainder] += count
    discrimination = discrimination_index(marks, rest, paired)
    efficiency = discriminative_efficiency(marks, rest, paired)
    reasons = review_reasons(discrimination, efficiency)
    n = size(marks)
    return ItemStatistics(
        question_id=question_id,
        n=n,
        facility=facility(marks, max_mark),
        sd=sd(marks),
        discrimination_index=discrimination,
        discriminative_efficiency=efficiency,
        needs_review=bool(reasons),
        review_reasons=reasons,
        distractors=distractor_statistics_of(picks, n, choice_ids),
    )


def facility(marks: Sequence[float] | Frequencies, max_mark: float | None) -> Stat:
    """Facility index F = mean(x) / max mark, 0..1: the share of the marks the learners obtained."""
    table = marks if isinstance(marks, Mapping) else Counter(marks)
    count = size(table)
    if not count:
        return too_few(0, 1, 'facility')
    if max_mark is None or max_mark <= 0:
        return not_available(count, 'the maximum mark of the question is unknown or zero')
    return Stat(table_mean(table) / max_mark, count)


def _correlation_precondition(marks: Frequencies, rest: Frequencies, what: str) -> Stat | None:
    """The n/a Stat explaining why ``what`` cannot be computed, or None when it can."""
    count = size(marks)
    if count < MIN_N_CORRELATION:
        stat = too_few(count, MIN_N_CORRELATION, what)
        return Stat(None, count, stat.note + NOT_FLAGGED)
    if len(marks) <= 1:
        return not_available(count, 'every attempt had the same mark on this question' + NOT_FLAGGED)
    if len(rest) <= 1:
        return not_available(count, 'every attempt had the same mark on the rest of the test' + NOT_FLAGGED)
    return None


def discrimination_index(marks: Frequencies, rest: Frequencies, paired: Mapping[tuple[float, float], int]) -> Stat:
    """100 * Cov(x, Y) / sqrt(Var(x) Var(Y)): the Pearson correlation (%) of the question with the rest."""
    blocked = _correlation_precondition(marks, rest, 'discrimination index')
    if blocked:
        return blocked
    count = size(marks)
    spread = math.sqrt(table_variance(marks) * table_variance(rest))
    if spread <= 0:  # distinct marks so close that their squared deviations underflow
        return not_available(count, 'the variance is numerically zero' + NOT_FLAGGED)
    return Stat(100 * table_covariance(paired) / spread, count)


def discriminative_efficiency(marks: Frequencies, rest: Frequencies,
                              paired: Mapping[tuple[float, float], int]) -> Stat:
    """100 * Cov(x, Y) / Cmax, Cmax being the covariance of x and Y each sorted ascending: how close the question
    comes to the best discrimination its own mark distribution allows (a hard question cannot correlate
    fully with a spread-out total, so the index alone would undersell it)."""
    blocked = _correlation_precondition(marks, rest, 'discriminative efficiency')
    if blocked:
        return blocked
    count = size(marks)
    largest = table_covariance(sorted_pairs(marks, rest))
    if largest <= 0:  # cannot happen for two non-constant samples (Chebyshev's sum inequality); a guard
        return not_available(count, 'the largest possible covariance is zero' + NOT_FLAGGED)
    return Stat(100 * table_covariance(paired) / largest, count)


def review_reasons(discrimination: Stat, efficiency: Stat) -> tuple[str, ...]:
    """Machine codes of the reasons to review a question; n/a statistics never flag."""
    reasons = []
    if efficiency.available and efficiency.value < LOW_EFFICIENCY:
        reasons.append(REASON_LOW_EFFICIENCY)
    if discrimination.available and discrimination.value < 0:
        reasons.append(REASON_NEGATIVE_DISCRIMINATION)
    return tuple(reasons)


def distractor_statistics_of(picks: Mapping[str, Frequencies], attempts: int,
                             choice_ids: Sequence[str] = ()) -> tuple[ChoiceStatistics, ...]:
    """Per choice: count, share of the ``attempts`` containing the question, mean total of those who picked it
    (``picks``: {choice id: {total: attempts}}). Choices come in ``choice_ids`` order, then any other picked
    choice in sorted order. A multiple-choice question's shares may add up to more than 1. Empty for a question no
    attempt recorded choices for."""
    ordered = list(dict.fromkeys(choice_ids))
    ordered += sorted(choice_id for choice_id in picks if choice_id not in ordered)
    result = []
    for choice_id in ordered:
        totals = picks.get(choice_id) or {}
        count = size(totals)
        mean_total = (Stat(table_mean(totals), count) if count
                      else not_available(0, 'no attempt picked this choice'))
        share = count / attempts if attempts else 0.0
        result.append(ChoiceStatistics(choice_id, count, share, mean_total))
    return tuple(result)
