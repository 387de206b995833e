"""
The figures a sponsor quotes, computed from the responses at report time (never from counters kept on the way).

``tally(content, responses)`` reads each response once (a dict of answers, with its "other" texts) and keeps counts
only, so 20,000 responses cost the memory of the counts. From the tally:

- per scaled statement (a Likert item, each row of a matrix): n (answers on the scale; "not applicable" is counted
  apart), counts per point, mean and SD of the points, % favourable (the top two points) with its 95% Wilson
  interval;
- per NPS item: counts 0-10, % promoters (9-10), passives (7-8), detractors (0-6), the NPS, and the promoters' share
  with its interval (a "recommend" indicator quotes it);
- per choice item (single, multiple, profile): counts per option and the share of respondents;
- free-text answers and "other" texts, as comments;
- each figure broken down by each profile item's groups, small groups hidden (``cifal_core.statistics.reaction``),
  respondents who did not answer the profile item forming a group of their own, so that the overall figure minus
  the groups shown never reveals a hidden one;
- headline indicators: the first statement tagged with each ``indicator``.
"""
import math
from collections import Counter
from dataclasses import dataclass, field

from cifal_core.questionnaire.scales import NOT_APPLICABLE
from cifal_core.statistics.reaction import DETRACTORS, MIN_CELL, PROMOTERS, wilson_interval

NO_GROUP = ''  # the group of respondents who did not answer a profile item


@dataclass
class Statement:
    """Counts of one statement: a scaled item or matrix row (``row_id`` set for rows), an NPS item, or a choice
    item (``options``)."""

    item_id: str
    row_id: str
    kind: str  # 'scale', 'nps' or 'choice'
    size: int = 0  # points of the scale (scale), 11 (nps), options (choice)
    counts: Counter = field(default_factory=Counter)
    not_applicable: int = 0
    respondents: int = 0  # choice items: respondents who answered

    @property
    def n(self) -> int:
        return self.respondents if self.kind == 'choice' else sum(self.counts.values())

    def add(self, value):
        if self.kind == 'choice':
            self.respondents += 1
            self.counts.update(value if isinstance(value, list) else [value])
        elif value == NOT_APPLICABLE:
            self.not_applicable += 1
        else:
            self.counts[value] += 1

    @property
    def favourable(self) -> int | None:
        """Answers on the two top points (scale) or promoters (nps); None for choice items."""
        if self.kind == 'scale':
            return sum(count for point, count in self.counts.items() if point > self.size - 2)
        if self.kind == 'nps':
            return sum(self.counts[point] for point in PROMOTERS)
        return None

    def favourable_percent(self) -> float | None:
        favourable = self.favourable
        return None if favourable is None or not self.n else 100 * favourable / self.n

    def interval(self) -> tuple[float, float] | None:
        """The 95% Wilson interval of the favourable share, in percent."""
        favourable = self.favourable
        bounds = None if favourable is None else wilson_interval(favourable, self.n)
        return None if bounds is None else (100 * bounds[0], 100 * bounds[1])

    def mean(self) -> float | None:
        if self.kind == 'choice' or not self.n:
            return None
        return math.fsum(point * count for point, count in self.counts.items()) / self.n

    def sd(self) -> float | None:
        if self.kind == 'choice' or self.n < 2:
            return None
        mean = self.mean()
        squares = math.fsum(count * (point - mean) ** 2 for point, count in self.counts.items())
        return math.sqrt(squares / (self.n - 1))

    def nps(self) -> float | None:
        if self.kind != 'nps' or not self.n:
            return None
        promoters = sum(self.counts[point] for point in PROMOTERS)
        detractors = sum(self.counts[point] for point in DETRACTORS)
        return 100 * (promoters - detractors) / self.n

    def shares(self) -> dict:
        """NPS item: % promoters, passives, detractors."""
        if self.kind != 'nps' or not self.n:
            return {'promoters': None, 'passives': None, 'detractors': None}
        promoters = sum(self.counts[point] for point in PROMOTERS)
        detractors = sum(self.counts[point] for point in DETRACTORS)
        return {'promoters': 100 * promoters / self.n, 'detractors': 100 * detractors / self.n,
                'passives': 100 * (self.n - promoters - detractors) / self.n}


@dataclass
class Tally:
    """Everything counted from the responses, in the questionnaire's order."""

    responses: int = 0
    statements: dict = field(default_factory=dict)  # (item id, row id) -> Statement
    comments: list = field(default_factory=list)  # (item id, text), in the order the responses were read
    groups: dict = field(default_factory=dict)  # profile item id -> {group -> {(item id, row id): Statement}}
    group_sizes: dict = field(default_factory=dict)  # profile item id -> Counter of respondents per group


def statements_of(content):
    """The statements of a questionnaire in order: (item id, row id, kind, size)."""
    for item in content.items:
        if item.type == 'likert':
            yield item.id, '', 'scale', content.scale_of(item).size
        elif item.type == 'matrix':
            size = content.scale_of(item).size
            for row in item.rows:
                yield item.id, row.id, 'scale', size
        elif item.type == 'nps':
            yield item.id, '', 'nps', 11
        elif item.type in ('single', 'multiple', 'profile'):
            yield item.id, '', 'choice', len(item.options) + (1 if item.other else 0)


def tally(content, responses) -> Tally:
    """Count ``responses`` (dicts ``{"answers": {...}, "other": {...}}``) of a questionnaire."""
    result = Tally()
    shape = list(statements_of(content))
    result.statements = {(item_id, row_id): Statement(item_id, row_id, kind, size)
                         for item_id, row_id, kind, size in shape}
    profiles = [item.id for item in content.profile_items()]
    result.group_sizes = {profile: Counter() for profile in profiles}
    result.groups = {profile: {} for profile in profiles}
    texts = [item.id for item in content.items if item.type == 'text']
    for response in responses:
        answers, other = response.get('answers') or {}, response.get('other') or {}
        result.responses += 1
        values = list(_values(shape, answers))
        for key, value in values:
            result.statements[key].add(value)
        for profile in profiles:
            group = answers.get(profile, NO_GROUP)
            group = group if isinstance(group, str) else NO_GROUP
            result.group_sizes[profile][group] += 1
            cells = result.groups[profile].setdefault(group, {})
            for key, value in values:
                statement = result.statements[key]
                cell = cells.get(key)
                if cell is None:
                    cell = cells[key] = Statement(statement.item_id, statement.row_id, statement.kind,
                                                  statement.size)
                cell.add(value)
        result.comments.extend((item_id, answers[item_id]) for item_id in texts
                               if isinstance(answers.get(item_id), str))
        result.comments.extend((item_id, text) for item_id, text in other.items() if isinstance(text, str))
    return result


def _values(shape, answers):
    for item_id, row_id, _, _ in shape:
        value = answers.get(item_id)
        if value is None:
            continue
        if row_id:
            value = value.get(row_id) if isinstance(value, dict) else None
            if value is None:
                continue
        yield (item_id, row_id), value


@dataclass(frozen=True)
class GroupCell:
    """One statement in one group of a breakdown; a suppressed cell carries no count and no figure."""

    group: str
    suppressed: bool
    statement: Statement | None


def breakdown(result: Tally, profile: str, key, min_group_size: int = MIN_CELL) -> list[GroupCell]:
    """The statement ``key`` per group of ``profile``. A group with fewer than ``min_group_size`` respondents is
    hidden; when exactly one is hidden, the next smallest is hidden too, so that the total minus the groups shown
    does not give it away. Groups are decided on respondents (the same groups hidden for every statement)."""
    sizes = result.group_sizes[profile]
    hidden = {group for group, size in sizes.items() if size < min_group_size}
    shown = [group for group in sizes if group not in hidden]
    if len(hidden) == 1 and shown:
        hidden.add(min(shown, key=lambda group: (sizes[group], group)))
    cells = []
    for group in sizes:
        statement = result.groups[profile][group].get(key)
        empty = Statement(*key, result.statements[key].kind, result.statements[key].size)
        cells.append(GroupCell(group, group in hidden, None if group in hidden else statement or empty))
    return cells


def indicators(content, result: Tally) -> list[tuple[str, Statement]]:
    """(indicator, statement) for the first statement tagged with each indicator, in the questionnaire's order."""
    found = {}
    for item in content.items:
        if item.indicator and item.indicator not in found:
            found[item.indicator] = result.statements.get((item.id, ''))
        for row in item.rows:
            if row.indicator and row.indicator not in found:
                found[row.indicator] = result.statements.get((item.id, row.id))
    return [(indicator, statement) for indicator, statement in found.items() if statement is not None]
