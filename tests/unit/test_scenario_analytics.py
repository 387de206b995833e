"""Path analytics over recorded runs: visits, drop-off, choices, edges, endings, indicators, self-checks."""
from types import SimpleNamespace

from cifal_core.scenario.analytics import tally
from tests.unit.test_scenario_run import CONTENT


def finished(path, ending_node='end', ending=1, indicators=None, checks=None):
    return {'status': 'finished', 'path': path, 'ending_node': ending_node, 'ending': ending,
            'indicators': indicators or {'services': 60, 'budget': 200}, 'checks': checks or {}}


def step(node, choice=None):
    return {'node': node, 'action': 'choose' if choice else 'next', **({'choice': choice} if choice else {})}


RECORDS = [
    ('ana', finished([step('n1', 'c1'), step('k'), step('n3', 'c4'), step('r')], ending=0,
                     indicators={'services': 100, 'budget': 280},
                     checks={'k': {'question': 'k1', 'earned': 2, 'possible': 2, 'status': 'correct'}})),
    ('ana', {'status': 'reset', 'path': [step('n1', 'c2')], 'stopped_at': 'n3', 'checks': {}}),
    ('ben', finished([step('n1', 'c2'), step('n3', 'c3'), step('r')], indicators={'services': 20, 'budget': 120})),
]
PROGRESS = [SimpleNamespace(learner_id='ana', node='n1', steps=0, finished=False),
            SimpleNamespace(learner_id='cleo', node='k', steps=1, finished=False),
            SimpleNamespace(learner_id='ben', node='end', steps=3, finished=True)]


def test_the_dashboard_figures_count_runs_and_learners_as_the_readme_defines_them():
    result = tally(CONTENT, RECORDS, PROGRESS)
    assert (result.learners_started, result.learners_finished) == (3, 2)
    assert (result.runs_finished, result.runs_reset) == (2, 1)
    assert result.visits['n1'] == 3 and result.visits['k'] == 1 and result.visits['n3'] == 3
    assert result.stopped['n3'] == 1 and result.stopped['k'] == 1  # ana gave up at n3; cleo is at k now
    assert result.choices['n1', 'c2'] == 2 and result.choice_share('n1', 'c1') == 100 / 3
    assert result.edges['n1', 'k'] == 1 and result.edges['r', 'end'] == 2
    assert result.endings['end', 0] == 1 and result.endings['end', 1] == 1
    assert result.mean_at_end('services') == 60 and result.mean_at_end('budget') == 200
    assert result.checks['k'].facility() == 1.0 and result.checks['k'].n == 1
    assert result.drop_off_percent('k') == 50.0  # reached by ana's first run and by cleo, who is there now


def test_no_runs_give_no_figures_rather_than_zeros_that_mean_nothing():
    result = tally(CONTENT, [], [])
    assert result.learners_started == 0 and result.mean_at_end('services') is None
    assert result.choice_share('n1', 'c1') is None and result.drop_off_percent('n1') is None
