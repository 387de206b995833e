"""
Path analytics for trainers: which paths learners took through a scenario, where they stopped, how it ended.

Input is what the results store keeps: one record per run that is over (``answers`` as
``cifal_scenario.mixins.records.run_record`` writes it: ``status`` finished or reset, the ``path`` of steps, the
``checks``, the final ``indicators``, the ``ending_node`` and ``ending``, or ``stopped_at`` for a run given up), and
where each learner is now (``Progress``-like rows: ``learner_id``, ``node``, ``finished``). One pass over the runs,
in constant memory per scenario (counters keyed by node and choice), whatever the number of runs.

Definitions (the README's, for the dashboard and ``scenario-summary``):
- a node's **visits**: runs over (finished or given up) that reached it, each run counted once per node;
- **stopped here**: runs given up at the node, plus learners whose current, unfinished run is there;
- a choice's **count**: runs over whose path took it (a step undone with Back is not on the path);
- **mean at the end**: an indicator's mean over finished runs;
- a self-check's **facility**: the mean share of its points earned, over the runs that answered it.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass, field


@dataclass
class CheckFigures:
    n: int = 0
    earned: float = 0.0
    possible: float = 0.0
    correct: int = 0

    def facility(self) -> float | None:
        return self.earned / self.possible if self.possible else None

    def correct_percent(self) -> float | None:
        return 100 * self.correct / self.n if self.n else None


@dataclass
class ScenarioTally:
    learners_started: int = 0
    learners_finished: int = 0
    runs_finished: int = 0
    runs_reset: int = 0
    visits: Counter = field(default_factory=Counter)
    stopped: Counter = field(default_factory=Counter)
    under_way: Counter = field(default_factory=Counter)   # node -> unfinished current runs there (with steps)
    choices: Counter = field(default_factory=Counter)     # (node, choice) -> runs
    edges: Counter = field(default_factory=Counter)       # (from node, to node) -> runs that went that way
    endings: Counter = field(default_factory=Counter)     # (end node, outcome index) -> finished runs
    indicator_sums: dict = field(default_factory=lambda: defaultdict(float))
    checks: dict = field(default_factory=lambda: defaultdict(CheckFigures))  # node -> figures

    def mean_at_end(self, indicator_id) -> float | None:
        return self.indicator_sums[indicator_id] / self.runs_finished if self.runs_finished else None

    def choice_share(self, node_id, choice_id) -> float | None:
        """The choice's share, in percent, of the runs that chose anything at ``node_id``."""
        total = sum(count for (node, _), count in self.choices.items() if node == node_id)
        return 100 * self.choices[node_id, choice_id] / total if total else None

    def drop_off_percent(self, node_id) -> float | None:
        """Of the runs that reached the node (over, or under way there), the share that stopped there."""
        reached = self.visits[node_id] + self.under_way.get(node_id, 0)
        return 100 * self.stopped[node_id] / reached if reached else None


def tally(content, records, progress=()) -> ScenarioTally:
    """``records``: (learner id, answers) of every run over; ``progress``: where each learner's current run is."""
    result = ScenarioTally()
    started, finished_learners = set(), set()
    indicator_ids = [indicator.id for indicator in content.indicators]
    for learner_id, answers in records:
        started.add(learner_id)
        visited = [step.get('node') for step in answers.get('path') or ()]
        finished = answers.get('status') == 'finished'
        last = answers.get('ending_node') if finished else answers.get('stopped_at')
        if last:
            visited.append(last)
        for node_id in set(visited):
            result.visits[node_id] += 1
        for source, target in zip(visited, visited[1:], strict=False):
            result.edges[source, target] += 1
        for step in answers.get('path') or ():
            if step.get('action') == 'choose':
                result.choices[step.get('node'), step.get('choice')] += 1
        for node_id, check in (answers.get('checks') or {}).items():
            figures = result.checks[node_id]
            figures.n += 1
            figures.earned += float(check.get('earned') or 0)
            figures.possible += float(check.get('possible') or 0)
            figures.correct += check.get('status') == 'correct'
        if finished:
            result.runs_finished += 1
            finished_learners.add(learner_id)
            result.endings[last, answers.get('ending')] += 1
            values = answers.get('indicators') or {}
            for indicator_id in indicator_ids:
                result.indicator_sums[indicator_id] += float(values.get(indicator_id, 0) or 0)
        else:
            result.runs_reset += 1
            if last:
                result.stopped[last] += 1
    for row in progress:
        started.add(row.learner_id)
        if not row.finished and row.steps:
            result.under_way[row.node] += 1
            result.stopped[row.node] += 1
    result.learners_started, result.learners_finished = len(started), len(finished_learners)
    return result
