"""Reaction questionnaire (Kirkpatrick level 1): Likert items, Net Promoter Score, suppressed breakdowns.

Top-2-box ("% favourable") is what sponsors quote, and it is robust to how respondents use the middle
of a scale, so it is reported beside the mean. Breakdowns by a profile item (stakeholder group,
country) hide any group with fewer than k respondents, counts included: a group of two government
officials who both rated the trainer 1 would otherwise be identified. When exactly one group is hidden,
the next smallest is hidden too (``protect_by_difference``), since the overall result minus the shown
groups would reveal it.
"""
import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cifal_core.statistics.values import Stat, not_available

MIN_CELL = 5  # default k: smallest group shown in a breakdown
NPS_MAX = 10
PROMOTERS = range(9, 11)
DETRACTORS = range(7)  # 0..6
_NO_ANSWERS = 'no answers'


@dataclass(frozen=True)
class LikertSummary:
    """One Likert item on a 1..points scale (points = most positive): ``counts[i]`` answers gave point i + 1;
    ``top2_box`` is the % of answers on the two most positive points."""

    points: int
    n: int
    counts: tuple[int, ...]
    mean: Stat
    top2_box: Stat


@dataclass(frozen=True)
class NpsSummary:
    """A 0-10 "would recommend" item: % promoters (9-10), passives (7-8), detractors (0-6), and the Net
    Promoter Score = % promoters - % detractors, from -100 to 100."""

    n: int
    promoters: Stat
    passives: Stat
    detractors: Stat
    score: Stat


@dataclass(frozen=True)
class GroupSummary:
    """One group of a breakdown; a suppressed group carries neither its count nor its summary."""

    group: Any
    suppressed: bool
    n: int | None
    summary: Any


def _answers(responses: Iterable, low: int, high: int) -> list[int]:
    """The given answers (None = unanswered, dropped) as ints, checked to be on the scale."""
    answers = []
    for response in responses:
        if response is None:
            continue
        if isinstance(response, bool) or float(response) != int(response) or not low <= int(response) <= high:
            raise ValueError(f'answer {response!r} is not a point of the {low}..{high} scale')
        answers.append(int(response))
    return answers


def _percent(count: int, total: int) -> Stat:
    return Stat(100 * count / total, total) if total else not_available(0, _NO_ANSWERS)


def likert_summary(responses: Iterable[int | None], points: int = 5) -> LikertSummary:
    """Counts per point, mean and top-2-box of a Likert item; None responses are unanswered."""
    if points < 3:
        raise ValueError('a Likert item needs at least 3 points')
    answers = _answers(responses, 1, points)
    count = len(answers)
    counts = tuple(answers.count(point) for point in range(1, points + 1))
    mean = Stat(math.fsum(answers) / count, count) if count else not_available(0, _NO_ANSWERS)
    return LikertSummary(points, count, counts, mean, _percent(counts[-1] + counts[-2], count))


def net_promoter_score(responses: Iterable[int | None]) -> NpsSummary:
    """NPS of a 0-10 item; None responses are unanswered."""
    answers = _answers(responses, 0, NPS_MAX)
    count = len(answers)
    promoters = sum(1 for answer in answers if answer in PROMOTERS)
    detractors = sum(1 for answer in answers if answer in DETRACTORS)
    score = Stat(100 * (promoters - detractors) / count, count) if count else not_available(0, _NO_ANSWERS)
    return NpsSummary(count, _percent(promoters, count), _percent(count - promoters - detractors, count),
                      _percent(detractors, count), score)


def breakdown(responses: Iterable[tuple[Hashable, Any]], summarise: Callable[[Sequence], Any],
              min_cell: int = MIN_CELL, protect_by_difference: bool = True) -> tuple[GroupSummary, ...]:
    """Summarise the answers of each group, from (group, answer) pairs, groups in order of first appearance.
    A group's size is its number of answers (None answers do not count); groups under ``min_cell`` are
    suppressed, and with ``protect_by_difference`` a lone suppressed group drags the smallest shown group
    with it."""
    groups: dict[Hashable, list] = {}
    for group, answer in responses:
        groups.setdefault(group, [])
        if answer is not None:
            groups[group].append(answer)
    hidden = {group for group, answers in groups.items() if len(answers) < min_cell}
    shown = [group for group in groups if group not in hidden]
    if protect_by_difference and len(hidden) == 1 and shown:
        hidden.add(min(shown, key=lambda group: len(groups[group])))
    return tuple(
        GroupSummary(group, True, None, None) if group in hidden
        else GroupSummary(group, False, len(answers), summarise(answers))
        for group, answers in groups.items()
    )


def likert_breakdown(responses: Iterable[tuple[Hashable, int | None]], points: int = 5,
                     min_cell: int = MIN_CELL, protect_by_difference: bool = True) -> tuple[GroupSummary, ...]:
    """``likert_summary`` per group of a profile item, with small groups suppressed."""
    return breakdown(responses, lambda answers: likert_summary(answers, points), min_cell, protect_by_difference)


def nps_breakdown(responses: Iterable[tuple[Hashable, int | None]], min_cell: int = MIN_CELL,
                  protect_by_difference: bool = True) -> tuple[GroupSummary, ...]:
    """``net_promoter_score`` per group of a profile item, with small groups suppressed."""
    return breakdown(responses, net_promoter_score, min_cell, protect_by_difference)


Z_95 = 1.959963984540054  # the standard normal's 97.5th percentile


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval (95% by default) of a proportion, as (low, high) in 0..1; None when n is 0.

    Sponsors quote proportions of small cohorts ("84% of 19 respondents"); the Wilson interval stays inside 0..1
    and keeps its coverage for small n and for proportions near 0 or 1, where the normal approximation fails
    (Brown, Cai & DasGupta, 2001)."""
    if n <= 0:
        return None
    if not 0 <= successes <= n:
        raise ValueError(f'{successes} successes out of {n} is not a proportion')
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)
