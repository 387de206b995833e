"""Knowledge gain between a pre-test and a post-test: raw gain and Hake's normalized gain.

The normalized gain g = (post - pre) / (100 - pre) is the share of what a learner could still learn
that they did learn, so a learner who starts at 80% and one who starts at 20% can be compared. The
cohort's gain is computed from the cohort means, <g> = (mean post - mean pre) / (100 - mean pre), as
in Hake's study, not as the mean of individual gains: individual gains explode for learners who
start near 100% and are undefined at 100%. Only learners with both tests enter the cohort means;
those with one test are counted, because a post-test taken by the keenest half flatters the course.
"""
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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


def learner_gains(pre: Mapping[str, float | None], post: Mapping[str, float | None]) -> tuple[LearnerGain, ...]:
    """Pair each learner's tests by their id (pre-test learners first, in order); None or absent = not taken."""
    rows = []
    for learner in dict.fromkeys([*pre, *post]):
        before, after = pre.get(learner), post.get(learner)
        both = before is not None and after is not None
        rows.append(LearnerGain(
            learner=learner,
            pre=before,
            post=after,
            raw_gain=after - before if both else None,
            normalized_gain=normalized_gain(before, after) if both else None,
        ))
    return tuple(rows)


def cohort_gain(learners: Sequence[LearnerGain]) -> CohortGain:
    """Cohort means over the learners with both tests, and <g> from those means."""
    pairs = [row for row in learners if row.pre is not None and row.post is not None]
    count = len(pairs)
    only_pre = sum(1 for row in learners if row.pre is not None and row.post is None)
    only_post = sum(1 for row in learners if row.pre is None and row.post is not None)
    if not count:
        missing = not_available(0, 'no learner took both tests')
        return CohortGain(0, only_pre, only_post, missing, missing, missing, missing, None)
    mean_pre = math.fsum(row.pre for row in pairs) / count
    mean_post = math.fsum(row.post for row in pairs) / count
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
    post_max_marks = pre_max_marks if post_max_marks is None else post_max_marks
    before_ids = dict.fromkeys([*pre_max_marks, *(qid for row in pre_marks for qid in row)])
    after_ids = set(post_max_marks) | {qid for row in post_marks for qid in row}
    rows = []
    for qid in before_ids:
        if qid not in after_ids:
            continue
        before = facility(_column(pre_marks, qid), pre_max_marks.get(qid))
        after = facility(_column(post_marks, qid), post_max_marks.get(qid))
        if before.available and after.available:
            change = Stat(after.value - before.value, min(before.n, after.n))
        else:
            change = not_available(min(before.n, after.n), 'the facility before or after is n/a')
        rows.append(QuestionGain(qid, before, after, change))
    return tuple(rows)


def _column(rows: Sequence[Mapping[str, float]], question_id: str) -> list[float]:
    return [float(row[question_id] or 0.0) for row in rows if question_id in row]


def knowledge_gain(pre: Mapping[str, float | None], post: Mapping[str, float | None],
                   pre_marks: Sequence[Mapping[str, float]] = (), post_marks: Sequence[Mapping[str, float]] = (),
                   pre_max_marks: Mapping[str, float] | None = None,
                   post_max_marks: Mapping[str, float] | None = None) -> GainReport:
    """The whole gain report: per learner, cohort, and per question (empty without mark rows)."""
    learners = learner_gains(pre, post)
    questions = question_gains(pre_marks, post_marks, pre_max_marks or {}, post_max_marks)
    return GainReport(learners, cohort_gain(learners), questions)
