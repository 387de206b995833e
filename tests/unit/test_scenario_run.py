"""A learner's run, move by move: effects and clamping, conditions, back, once-only self-checks, replays, scores."""
from datetime import UTC, datetime

import pytest

from cifal_core.scenario import run as runs
from cifal_core.scenario.parse import parse_scenario_string

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
OLX = '''<cifal_scenario start="n1">
  <indicator id="services" label="Services" min="0" max="100" start="40"/>
  <indicator id="budget" label="Budget" min="0" max="500" start="300"/>
  <node id="n1" type="decision" title="Day 1">
    <choice id="c1" target="k" points="2">Count<consequence><p>C1</p></consequence>
      <effect indicator="services" delta="+90"/><effect indicator="budget" delta="-20"/></choice>
    <choice id="c2" target="n3">Police<effect indicator="services" delta="-90"/></choice>
  </node>
  <node id="k" type="check"><question id="k1" type="multiple" points="2"><prompt><p>?</p></prompt>
    <choice id="a" correct="true">A</choice><choice id="b" correct="true">B</choice><choice id="c">C</choice>
    </question><next target="n3"/></node>
  <node id="n3" type="decision" title="Clinic">
    <choice id="c3" target="r" points="1">Firewall</choice>
    <choice id="c4" target="r" points="5" show_if="services &gt;= 50 and c1">Extra</choice>
  </node>
  <node id="r" type="reflection"><prompt><p>Plan?</p></prompt><next target="end"/></node>
  <node id="end" type="end">
    <outcome if="services &gt;= 100 and k1"><p>BEST</p></outcome>
    <outcome if="services &gt;= 50"><p>GOOD</p></outcome>
    <outcome><p>OTHER</p></outcome>
  </node>
</cifal_scenario>'''
CONTENT = parse_scenario_string(OLX).content


def start():
    return runs.new_run(CONTENT, 1, NOW)


def test_effects_move_the_indicators_and_clamp_them_to_their_range():
    move = runs.choose(CONTENT, start(), 'n1', 'c1', NOW)
    assert move.run['indicators'] == {'services': 100, 'budget': 280}
    assert move.changes == {'services': (40, 100), 'budget': (300, 280)}
    low = runs.choose(CONTENT, start(), 'n1', 'c2', NOW)
    assert low.run['indicators']['services'] == 0


def test_a_move_never_changes_the_run_it_was_given():
    run = start()
    runs.choose(CONTENT, run, 'n1', 'c1', NOW)
    assert run == start() | {'started_at': run['started_at']}


def test_a_choice_under_a_condition_is_offered_only_when_it_holds():
    rich = runs.next_node(CONTENT, runs.check(CONTENT, runs.choose(CONTENT, start(), 'n1', 'c1', NOW).run, 'k',
                                              ['a', 'b'], NOW).run, 'k', NOW).run
    poor = runs.choose(CONTENT, start(), 'n1', 'c2', NOW).run
    assert [c.id for c in runs.offered_choices(CONTENT, rich, CONTENT.node('n3'))] == ['c3', 'c4']
    assert [c.id for c in runs.offered_choices(CONTENT, poor, CONTENT.node('n3'))] == ['c3']
    with pytest.raises(runs.MoveError) as refused:
        runs.choose(CONTENT, poor, 'n3', 'c4', NOW)
    assert refused.value.status == 400


def test_the_first_outcome_that_holds_is_the_ending():
    best = walk(['c1', ('k', ['a', 'b']), 'c4'])
    wrong = walk(['c1', ('k', ['c']), 'c3'])
    poor = walk(['c2', 'c3'])
    assert (best['ending'], wrong['ending'], poor['ending']) == (0, 1, 2)
    assert best['finished_at'] and runs.is_finished(best)


def walk(moves):
    run = start()
    for move in moves:
        node = CONTENT.node(run['node'])
        if isinstance(move, tuple):
            run = runs.check(CONTENT, run, move[0], move[1], NOW).run
            run = runs.next_node(CONTENT, run, move[0], NOW).run
        else:
            run = runs.choose(CONTENT, run, node.id, move, NOW).run
    run = runs.reflect(CONTENT, run, 'r', 'my plan', NOW).run
    return runs.next_node(CONTENT, run, 'r', NOW).run


def test_back_undoes_the_last_step_and_puts_the_indicators_back():
    moved = runs.choose(CONTENT, start(), 'n1', 'c1', NOW).run
    back = runs.back(moved, True, 'k')
    assert back.run['node'] == 'n1' and back.run['indicators'] == {'services': 40, 'budget': 300}
    assert back.run['steps'] == []
    assert runs.back(back.run, True, 'k').replayed  # the same back sent again
    with pytest.raises(runs.MoveError):
        runs.back(back.run, True)  # at the start
    with pytest.raises(runs.MoveError):
        runs.back(moved, False)


def test_a_self_check_is_answered_once_per_run_even_after_going_back():
    at_check = runs.choose(CONTENT, start(), 'n1', 'c1', NOW).run
    checked = runs.check(CONTENT, at_check, 'k', ['a'], NOW)
    assert checked.revealed['check']['status'] == 'incorrect' and checked.revealed['check']['earned'] == 0  # half
    assert runs.check(CONTENT, checked.run, 'k', ['a'], NOW).replayed
    with pytest.raises(runs.MoveError):
        runs.check(CONTENT, checked.run, 'k', ['a', 'b'], NOW)
    again = runs.choose(CONTENT, runs.back(checked.run, True).run, 'n1', 'c1', NOW).run
    assert again['checks']['k']['answer'] == ['a']


def test_leaving_a_self_check_needs_its_answer():
    at_check = runs.choose(CONTENT, start(), 'n1', 'c1', NOW).run
    with pytest.raises(runs.MoveError, match='Answer the question'):
        runs.next_node(CONTENT, at_check, 'k', NOW)


def test_a_repeated_choice_is_applied_once():
    first = runs.choose(CONTENT, start(), 'n1', 'c1', NOW)
    again = runs.choose(CONTENT, first.run, 'n1', 'c1', NOW)
    assert again.replayed and again.run is first.run and again.changes == first.changes


@pytest.mark.parametrize('node, choice', [('n3', 'c3'), ('nope', 'c1'), ('n1', 'c9'), ('k', 'a'), (None, 'c1')])
def test_a_move_that_does_not_fit_is_refused(node, choice):
    with pytest.raises(runs.MoveError):
        runs.choose(CONTENT, start(), node, choice, NOW)


def test_a_reflection_is_saved_and_edited_on_the_path_and_refused_before():
    with pytest.raises(runs.MoveError):
        runs.reflect(CONTENT, start(), 'r', 'too early', NOW)
    at_r = runs.choose(CONTENT, runs.choose(CONTENT, start(), 'n1', 'c2', NOW).run, 'n3', 'c3', NOW).run
    saved = runs.reflect(CONTENT, at_r, 'r', 'first', NOW).run
    edited = runs.reflect(CONTENT, saved, 'r', 'second', NOW).run
    assert edited['reflections']['r']['text'] == 'second'
    with pytest.raises(runs.MoveError):
        runs.reflect(CONTENT, at_r, 'r', 'x' * 5001, NOW)


def test_points_count_each_choice_once_and_rescore_self_checks_with_the_current_key():
    best = walk(['c1', ('k', ['a', 'b']), 'c4'])
    assert runs.run_points(CONTENT, best) == 2 + 2 + 5
    assert runs.max_points(CONTENT) == 9
    corrected = parse_scenario_string(OLX.replace('<choice id="b" correct="true">', '<choice id="b">')).content
    assert runs.run_points(corrected, best) == 2 + 0 + 5  # b is now wrong: all or nothing, as the quiz scores it


def test_a_stored_run_from_a_newer_release_is_not_misread():
    assert runs.read_run({**start(), 'schema_version': 99}) is None
    assert runs.read_run({}) is None
