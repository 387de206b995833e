"""The graph's promise: in every scenario the checks accept, a learner can reach an end from wherever they are,
whatever they chose before (hypothesis-generated graphs, with conditional choices and loops, walked by the real
run engine); and the run lengths shown to authors."""
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from cifal_core.scenario import graph
from cifal_core.scenario import run as runs
from cifal_core.scenario.models import Choice, Effect, Indicator, Node, Outcome, ScenarioContent
from cifal_core.scenario.parse import parse_scenario_string

NOW = datetime(2026, 12, 3, tzinfo=UTC)


@st.composite
def scenarios(draw):
    """2 to 9 decision or info nodes and 1 or 2 ends. Each node leads on to the next (the backbone, which is
    sometimes offered only under a condition, and then may trap), plus random choices to any node: loops back,
    jumps ahead, dead ends, some offered only above a threshold of the one indicator, which choices move."""
    count = draw(st.integers(2, 9))
    ends = [f'e{n}' for n in range(draw(st.integers(1, 2)))]
    ids = [f'n{n}' for n in range(count)]
    targets = st.sampled_from(ids + ends)
    condition = st.one_of(st.none(), st.integers(0, 100)).map(lambda t: '' if t is None else f'x >= {t}')
    nodes = []
    for index, node_id in enumerate(ids):
        onward = ids[index + 1] if index + 1 < count else draw(st.sampled_from(ends))
        backbone_condition = draw(condition) if draw(st.integers(0, 9)) == 0 else ''
        if not backbone_condition and draw(st.booleans()):
            nodes.append(Node(id=node_id, type='info', body_html='<p>x</p>', next=onward))
            continue
        choices = [Choice(id=f'c{index}_0', target=onward, html='on', show_if=backbone_condition,
                          effects=(Effect('x', draw(st.integers(-60, 60))),))]
        for number in range(1, draw(st.integers(1, 3))):
            choices.append(Choice(id=f'c{index}_{number}', target=draw(targets), html='go',
                                  effects=(Effect('x', draw(st.integers(-60, 60))),), show_if=draw(condition)))
        nodes.append(Node(id=node_id, type='decision', choices=tuple(draw(st.permutations(choices)))))
    nodes += [Node(id=end, type='end', outcomes=(Outcome('<p>end</p>'),)) for end in ends]
    return ScenarioContent(start='n0', indicators=(Indicator('x', 'X', 0, 100, 50),), nodes=tuple(nodes))


def finish(content, run, budget=60):
    """From where the run is, take the always-offered way to an end nearest the finish: it must get there."""
    finishing = graph.can_finish(content)
    distance = _distances_to_end(content)
    for _ in range(budget):
        node = content.node(run['node'])
        if node.type == 'end':
            return run
        assert node.id in finishing
        if node.type == 'info':
            run = runs.next_node(content, run, node.id, NOW).run
            continue
        offered = runs.offered_choices(content, run, node)
        choice = min((c for c in offered if not c.show_if), key=lambda c: distance.get(c.target, 999))
        run = runs.choose(content, run, node.id, choice.id, NOW).run
    raise AssertionError('no end reached')


def _distances_to_end(content):
    always = graph.edges(content, always_only=True)
    distance = {node.id: 0 for node in content.nodes if node.type == 'end'}
    changed = True
    while changed:
        changed = False
        for source, targets in always.items():
            best = min((distance[t] + 1 for t in targets if t in distance), default=None)
            if best is not None and best < distance.get(source, 999):
                distance[source] = best
                changed = True
    return distance


@settings(max_examples=300, deadline=None)
@given(content=scenarios(), walk=st.lists(st.integers(0, 2), max_size=15))
def test_every_validated_graph_lets_a_learner_reach_an_end_from_anywhere_they_get_to(content, walk):
    if graph.problems(content):
        return  # refused: an author fixes it before any learner comes
    run = runs.new_run(content, 1, NOW)
    for pick in walk:  # wander first, choosing among what is offered, conditions and all
        node = content.node(run['node'])
        if node.type == 'end':
            break
        if node.type == 'info':
            run = runs.next_node(content, run, node.id, NOW).run
            continue
        offered = runs.offered_choices(content, run, node)
        assert offered, f'nothing offered at {node.id}'
        run = runs.choose(content, run, node.id, offered[pick % len(offered)].id, NOW).run
    assert content.node(finish(content, run)['node']).type == 'end'


def test_a_trap_is_found_and_named():
    trap = ScenarioContent(start='a', nodes=(
        Node(id='a', type='decision', choices=(Choice('c1', 'b', 'go'), Choice('c2', 'e', 'end', show_if='x > 1'))),
        Node(id='b', type='info', body_html='x', next='a'),
        Node(id='e', type='end', outcomes=(Outcome('<p>e</p>'),))), indicators=(Indicator('x', 'X', 0, 9, 0),))
    assert [problem.node for problem in graph.problems(trap)] == ['a', 'b']


def test_the_run_lengths_authors_see():
    olx = '''<cifal_scenario start="a">
      <node id="a" type="decision"><choice id="c1" target="b">1</choice><choice id="c2" target="e">2</choice></node>
      <node id="b" type="info"><body><p>x</p></body><next target="c"/></node>
      <node id="c" type="decision"><choice id="c3" target="a">back</choice><choice id="c4" target="e">on</choice></node>
      <node id="e" type="end"><outcome><p>e</p></outcome></node></cifal_scenario>'''
    lengths = graph.path_lengths(parse_scenario_string(olx).content)
    assert (lengths.shortest, lengths.longest, lengths.has_loops) == (1, 3, True)
