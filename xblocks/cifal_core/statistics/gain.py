"""Knowledge gain between a pre-test and a post-test: raw gain and Hake's normalized gain.

The normalized gain g = (post - pre) / (100 - pre) is the share of what a learner could still learn
that they did learn, so a learner who starts at 80% and one who starts at 20% can be compared. The
cohort's gain is computed from the cohort means, <g> = (mean post - mean pre) / (100 - mean pre), as
in Hake's study, not as the mean of individual gains: individual gains explode for learners who
start near 100% and are undefined at 100%. Only learners with both tests enter the cohort means;
those with one test are counted, because a post-test taken by the keenest half flatters the course.
"""
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cifal_core.statistics.descriptive import Frequencies, size, table_mean
from cifal_core.statistics.items import facility
from cifal_core.statistics.values import Stat, not_available

LOW_GAIN = 0.3  # g below: low
HIGH_GAIN = 0.7  # g above: high
FULL_MARKS = 100.0


@dataclass(frozen=True)
class LearnerGain:
    """One learner's scores (% of max, None when the test is missing), raw gain in percentage points and
    normalized gain (None when a test is missing or the pre-test was already 100%)."""

    learner: str
    pre: float | None
    post: float | None
    raw_gain: float | None
    normalized_gain: float | None


@dataclass(frozen=True)
class CohortGain:
    """The cohort: how many learners took both tests or only one, and the gains of those with both."""

    paired: int
    only_pre: int
    only_post: int
    mean_pre: Stat
    mean_post: Stat
    mean_raw_gain: Stat
    normalized_gain: Stat
    band: str | None


@dataclass(frozen=True)
class QuestionGain:
    """A question asked in both tests: facility (0..1) before, after, and the change (after - before)."""

    question_id: str
    facility_before: Stat
    facility_after: Stat
    change: Stat


@dataclass(frozen=True)
class GainReport:
    learners: tuple[LearnerGain, ...]
    cohort: CohortGain
    questions: tuple[QuestionGain, ...]


def normalized_gain(pre: float, post: float) -> float | None:
    """Hake's g = (post - pre) / (100 - pre); None when the pre-test left nothing to gain (pre >= 100)."""
    if pre >= FULL_MARKS:
        return None
    return (post - pre) / (FULL_MARKS - pre)


def gain_band(gain: float | None) -> str | None:
    """Hake's bands: 'low' below 0.3, 'medium' from 0.3 to 0.7, 'high' above 0.7; None when undefined."""
    if gain is None:
        return None
    if gain < LOW_GAIN:
        return 'low'
    if gain > HIGH_GAIN:
        return 'high'
    return 'medium'


def learner_gain(learner: str, before: float | None, after: float | None) -> LearnerGain:
    """One learner's row (None = test not taken)."""
    both = before is not None and after is not None
    return LearnerGain(learner=learner, pre=before, post=after, raw_gain=after - before if both else None,
                       normalized_gain=normalized_gain(before, after) if both else None)


def learner_gains(pre: Mapping[str, float | None], post: Mapping[str, float | None]) -> tuple[LearnerGain, ...]:
    """Pair each learner's tests by their id (pre-test learners first, in order); None or absent = not taken."""
    return tuple(learner_gain(learner, pre.get(learner), post.get(learner)) for learner in dict.fromkeys([*pre, *post]))


class GainTables:
    """A pair's learners met one at a time (``add``), gathered as exact frequency tables: the scores of the
    learners with both tests, and each question's marks before and after over those learners (``before``,
    ``after``: {question id: {mark: learners}}). A report streams its learners' rows and keeps only these, whose
    size does not grow with the number of learners. Marks are buffered by layout (the questions of a test, in
    order) and counted a column at a time by ``Counter``, in C."""

    FLUSH_EVERY = 2000

    def __init__(self):
        self.pre_scores: Counter = Counter()
        self.post_scores: Counter = Counter()
        self.only_pre = 0
        self.only_post = 0
        self._tables: tuple[dict[str, Counter], dict[str, Counter]] = ({}, {})
        self._buffers: tuple[dict[tuple, list], dict[tuple, list]] = ({}, {})
        self._buffered = 0

    def add(self, learner: str, before: float | None, after: float | None,
            before_marks: Iterable[tuple[str, float]] = (), after_marks: Iterable[tuple[str, float]] = ()):
        """Count one learner's scores (% of max, None = not taken) and, when they took both tests, their
        (question id, mark) pairs on each; returns their row."""
        before_marks, after_marks = list(before_marks), list(after_marks)
        return self.add_rows(learner, before, after,
                             (tuple(qid for qid, _ in before_marks), [mark for _, mark in before_marks]),
                             (tuple(qid for qid, _ in after_marks), [mark for _, mark in after_marks]))

    def add_rows(self, learner: str, before: float | None, after: float | None,
                 before_row: tuple[tuple[str, ...], list[float]] = ((), []),
                 after_row: tuple[tuple[str, ...], list[float]] = ((), [])):
        """``add`` with each test's marks as (question ids, marks in that order)."""
        row = learner_gain(learner, before, after)
        if before is not None and after is not None:
            self.pre_scores[before] += 1
            self.post_scores[after] += 1
            for buffers, (question_ids, marks) in zip(self._buffers, (before_row, after_row), strict=True):
                if question_ids:
                    buffers.setdefault(question_ids, []).append(marks)
            self._buffered += 1
            if self._buffered >= self.FLUSH_EVERY:
                self._flush()
        elif before is not None:
            self.only_pre += 1
        elif after is not None:
            self.only_post += 1
        return row

    def _flush(self) -> None:
        for tables, buffers in zip(self._tables, self._buffers, strict=True):
            for question_ids, rows in buffers.items():
                for question_id, column in zip(question_ids, zip(*rows, strict=True), strict=True):
                    tables.setdefault(question_id, Counter()).update(column)
            buffers.clear()
        self._buffered = 0

    @property
    def before(self) -> dict[str, Counter]:
        self._flush()
        return self._tables[0]

    @property
    def after(self) -> dict[str, Counter]:
        self._flush()
        return self._tables[1]


def cohort_gain(learners: Sequence[LearnerGain]) -> CohortGain:
    """Cohort means over the learners with both tests, and <g> from those means."""
    tables = GainTables()
    for row in learners:
        tables.add(row.learner, row.pre, row.post)
    return cohort_gain_of(tables)


def cohort_gain_of(tables: GainTables) -> CohortGain:
    """The cohort's figures from its tables."""
    count = size(tables.pre_scores)
    only_pre, only_post = tables.only_pre, tables.only_post
    if not count:
        missing = not_available(0, 'no learner took both tests')
        return CohortGain(0, only_pre, only_post, missing, missing, missing, missing, None)
    mean_pre, mean_post = table_mean(tables.pre_scores), table_mean(tables.post_scores)
    gain = normalized_gain(mean_pre, mean_post)
    return CohortGain(
        paired=count,
        only_pre=only_pre,
        only_post=only_post,
        mean_pre=Stat(mean_pre, count),
        mean_post=Stat(mean_post, count),
        mean_raw_gain=Stat(mean_post - mean_pre, count),
        normalized_gain=(Stat(gain, count) if gain is not None
                         else not_available(count, 'the mean pre-test score is 100%: nothing left to gain')),
        band=gain_band(gain),
    )


def question_gains(pre_marks: Sequence[Mapping[str, float]], post_marks: Sequence[Mapping[str, float]],
                   pre_max_marks: Mapping[str, float],
                   post_max_marks: Mapping[str, float] | None = None) -> tuple[QuestionGain, ...]:
    """Facility before and after of each question present in both tests by the same id (in pre-test order).
    Each mark row holds the questions one attempt contained; ``post_max_marks`` defaults to ``pre_max_marks``.
    Facility is computed over every attempt given, so pass the paired learners' attempts for a like-for-like
    comparison."""
    return question_gains_of(_mark_tables(pre_marks), _mark_tables(post_marks), pre_max_marks, post_max_marks)


def _mark_tables(rows: Sequence[Mapping[str, float]]) -> dict[str, Counter]:
    tables: dict[str, Counter] = {}
    for row in rows:
        for question_id, mark in row.items():
            tables.setdefault(question_id, Counter())[float(mark or 0.0)] += 1
    return tables


def question_gains_of(before: Mapping[str, Frequencies], after: Mapping[str, Frequencies],
                      pre_max_marks: Mapping[str, float],
                      post_max_marks: Mapping[str, float] | None = None) -> tuple[QuestionGain, ...]:
    """``question_gains`` from each question's marks before and after as frequency tables."""
    post_max_marks = pre_max_marks if post_max_marks is None else post_max_marks
    after_ids = set(post_max_marks) | set(after)
    rows = []
    for qid in dict.fromkeys([*pre_max_marks, *before]):
        if qid not in after_ids:
            continue
        facility_before = facility(before.get(qid, {}), pre_max_marks.get(qid))
        facility_after = facility(after.get(qid, {}), post_max_marks.get(qid))
        if facility_before.available and facility_after.available:
            change = Stat(facility_after.value - facility_before.value, min(facility_before.n, facility_after.n))
        else:
            change = not_available(min(facility_before.n, facility_after.n), 'the facility before or after is n/a')
        rows.append(QuestionGain(qid, facility_before, facility_after, change))
    return tuple(rows)


def knowledge_gain(pre: Mapping[str, float | None], post: Mapping[str, float | None],
                   pre_marks: Sequence[Mapping[str, float]] = (), post_marks: Sequence[Mapping[str, float]] = (),
                   pre_max_marks: Mapping[str, float] | None = None,
                   post_max_marks: Mapping[str, float] | None = None) -> GainReport:
    """The whole gain report: per learner, cohort, and per question (empty without mark rows)."""
    learners = learner_gains(pre, post)
    questions = question_gains(pre_marks, post_marks, pre_max_marks or {}, post_max_marks)
    return GainReport(learners, cohort_gain(learners), questions)
