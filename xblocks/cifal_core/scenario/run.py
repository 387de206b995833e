"""
A learner's run through a scenario: the server moves the learner, one step at a time, and nothing else does.

A run is a JSON document (``RUN_SCHEMA``, kept in the learner's state and, once over, in the results store):

    {"number": 1, "started_at": iso, "node": "n2", "indicators": {"cohesion": 50, ...},
     "steps": [{"node": "n1", "action": "choose", "choice": "c1", "before": {...}, "changes": {...}, "at": iso}],
     "checks": {"n2": {"question": "k1", "answer": "a", "earned": 1, "possible": 1, "status": "correct"}},
     "reflections": {"n4": {"text": "...", "saved_at": iso}}, "finished_at": "", "ending": null, "last": {...}}

``steps`` is the path as it stands (``back`` takes the last one off and puts the indicators back as they were);
``checks`` keeps each self-check's one answer for the whole run, even when the learner goes back past it; ``last``
is the last move applied, so that the same request sent again (a retry over a bad network) is answered as it was the
first time and applied once. Every move checks that ``node`` is the learner's current node and that the choice is
offered there; anything else raises ``MoveError`` and leaves the run as it was (functions return a new document).
"""
import copy
from dataclasses import dataclass, field

from cifal_core.messages import TranslatableMessage, gettext_noop
from cifal_core.quiz.scoring import score_question
from cifal_core.scenario.graph import depth_first, edges
from cifal_core.scenario.models import LEAVES_BY_NEXT, MAX_REFLECTION_LENGTH
from cifal_core.schema import Schema

RUN_SCHEMA = Schema('scenario run', 1)


class MoveError(TranslatableMessage, ValueError):
    """A move the run does not allow: ``status`` 400 (a request that cannot mean anything here) or 409 (one that
    does not fit where the learner is now, such as a stale page)."""

    def __init__(self, template, status=409, **params):
        TranslatableMessage.__init__(self, template, params)
        ValueError.__init__(self, self.english())
        self.status = status


@dataclass(frozen=True)
class Move:
    """What a move did: the new run, the indicator changes (id -> (before, after)), whether it is a replay of the
    move before (nothing applied), whether the run has just ended, and what the learner may now see about the
    step just taken (the choice made, the self-check's result)."""

    run: dict
    changes: dict = field(default_factory=dict)
    replayed: bool = False
    ended: bool = False
    revealed: dict = field(default_factory=dict)


def new_run(content, number, now) -> dict:
    return RUN_SCHEMA.stamp({'number': number, 'started_at': now.isoformat(), 'node': content.start_node,
                             'indicators': content.starting_indicators(), 'steps': [], 'checks': {},
                             'reflections': {}, 'finished_at': '', 'ending': None, 'last': {}})


def read_run(data) -> dict | None:
    """A stored run, upgraded; None when there is none yet (or it cannot be read: the learner starts afresh)."""
    if not isinstance(data, dict) or not data:
        return None
    try:
        return RUN_SCHEMA.upgrade(data)
    except ValueError:
        return None


def is_finished(run) -> bool:
    return bool(run.get('finished_at'))


def names_lookup(content, run):
    """``lookup(name)`` for conditions: an indicator's value, whether a choice was made on the path, whether a
    self-check was answered right (None while unanswered)."""
    chosen = {step.get('choice') for step in run['steps'] if step.get('action') == 'choose'}
    checked = {node.question.id: None for node in content.nodes if node.type == 'check'}  # unanswered: no value
    checked.update({check['question']: check['status'] == 'correct' for check in run['checks'].values()})
    indicators = run['indicators']

    def lookup(name):
        if name in indicators:
            return indicators[name]
        if name in checked:
            return checked[name]
        return name in chosen
    return lookup


def offered_choices(content, run, node):
    """The choices of a decision that are offered now (a choice with ``show_if`` only when it holds)."""
    lookup = names_lookup(content, run)
    return tuple(choice for choice in node.choices if not choice.show_if or choice.condition().holds(lookup))


def ending(content, run, node):
    """The index of the end node's first outcome whose condition holds (the last unconditional one at worst)."""
    lookup = names_lookup(content, run)
    for index, outcome in enumerate(node.outcomes):
        if not outcome.condition or outcome.parsed().holds(lookup):
            return index
    return len(node.outcomes) - 1


def current_node(content, run):
    """The node the learner is at; None when the content no longer has it (edited since: the learner starts over)."""
    return content.node(run['node']) if content.has_node(run['node']) else None


# ---- moves ------------------------------------------------------------------------------------------------------

def choose(content, run, node_id, choice_id, now) -> Move:
    """Take ``choice_id`` (an authored id, or None when the learner's code named none) at decision ``node_id``."""
    last = run['last']
    if last.get('action') == 'choose' and last.get('node') == node_id and last.get('choice') == choice_id \
            and run['node'] == last.get('to'):
        return Move(run, changes=_changes(last.get('before', {}), run['indicators']), replayed=True,
                    ended=is_finished(run), revealed={'choice': choice_id})
    node = _at(content, run, node_id, 'decision')
    offered = {choice.id: choice for choice in offered_choices(content, run, node)}
    if choice_id not in offered:
        raise MoveError(gettext_noop('That choice is not offered here.'), status=400)
    choice = offered[choice_id]
    before = dict(run['indicators'])
    after = dict(before)
    for effect in choice.effects:
        after[effect.indicator] = content.indicator(effect.indicator).clamp(after[effect.indicator] + effect.delta)
    moved = _advance(run, {'node': node_id, 'action': 'choose', 'choice': choice_id, 'before': before,
                           'at': now.isoformat()}, choice.target)
    moved['indicators'] = after
    moved['last'] = {'action': 'choose', 'node': node_id, 'choice': choice_id, 'to': choice.target,
                     'before': before}
    return _finish_if_end(content, moved, now, changes=_changes(before, after), revealed={'choice': choice_id})


def check(content, run, node_id, answer, now) -> Move:
    """Answer the self-check at ``node_id`` (``answer`` cleaned by the quiz's rules); once per run: the same answer
    again is a replay, another one is refused."""
    node = _at(content, run, node_id, 'check')
    earlier = run['checks'].get(node_id)
    if earlier is not None:
        if earlier['answer'] == answer:
            return Move(run, replayed=True, revealed={'check': earlier})
        raise MoveError(gettext_noop('You have already answered this question.'))
    score = score_question(node.question, answer)
    result = {'question': node.question.id, 'answer': answer, 'earned': score.earned, 'possible': score.possible,
              'status': score.status, 'at': now.isoformat()}
    moved = copy.deepcopy(run)
    moved['checks'][node_id] = result
    moved['last'] = {'action': 'check', 'node': node_id}
    return Move(moved, revealed={'check': result})


def reflect(content, run, node_id, text, now) -> Move:
    """Save the learner's words at reflection ``node_id`` (again to edit them); saving the same text is harmless."""
    _at(content, run, node_id, 'reflection', allow_finished=True, anywhere_on_path=True)
    if not isinstance(text, str):
        raise MoveError(gettext_noop('The reflection must be text.'), status=400)
    if len(text) > MAX_REFLECTION_LENGTH:
        raise MoveError(gettext_noop('A reflection is at most {limit} characters.'), status=400,
                        limit=MAX_REFLECTION_LENGTH)
    moved = copy.deepcopy(run)
    moved['reflections'][node_id] = {'text': text, 'saved_at': now.isoformat()}
    return Move(moved)


def next_node(content, run, node_id, now) -> Move:
    """Leave an info, check or reflection node for its ``next``; a check must be answered first."""
    last = run['last']
    if last.get('action') == 'next' and last.get('node') == node_id and run['node'] == last.get('to'):
        return Move(run, replayed=True, ended=is_finished(run))
    node = _at(content, run, node_id, LEAVES_BY_NEXT)
    if node.type == 'check' and node_id not in run['checks']:
        raise MoveError(gettext_noop('Answer the question before you go on.'))
    moved = _advance(run, {'node': node_id, 'action': 'next', 'at': now.isoformat()}, node.next)
    moved['last'] = {'action': 'next', 'node': node_id, 'to': node.next}
    return _finish_if_end(content, moved, now)


def back(run, allow_back, node_id=None) -> Move:
    """Undo the last step: back to the node before, with the indicators as they were there. ``node_id`` (optional)
    names the node the learner is leaving, so that a retried ``back`` is not applied twice."""
    if not allow_back:
        raise MoveError(gettext_noop('This scenario does not let you go back.'), status=400)
    last = run['last']
    if node_id is not None and node_id != run['node']:
        if last.get('action') == 'back' and last.get('node') == node_id and run['node'] == last.get('to'):
            return Move(run, replayed=True)
        raise MoveError(gettext_noop('This page is out of date: reload it to see where you are.'))
    if is_finished(run):
        raise MoveError(gettext_noop('The scenario is over: start again to take another path.'))
    if not run['steps']:
        raise MoveError(gettext_noop('You are at the start already.'))
    moved = copy.deepcopy(run)
    step = moved['steps'].pop()
    before = dict(run['indicators'])
    if step['action'] == 'choose':
        moved['indicators'] = dict(step['before'])
    moved['node'] = step['node']
    moved['last'] = {'action': 'back', 'node': run['node'], 'to': step['node']}
    return Move(moved, changes=_changes(before, moved['indicators']))


# ---- scores -----------------------------------------------------------------------------------------------------

def run_points(content, run) -> float:
    """Points of a run with the current content: each choice on the path once, each self-check's answer rescored."""
    earned, counted = 0.0, set()
    for step in run['steps']:
        if step.get('action') != 'choose' or (step['node'], step['choice']) in counted:
            continue
        counted.add((step['node'], step['choice']))
        if content.has_node(step['node']):
            node = content.node(step['node'])
            earned += next((choice.points for choice in node.choices if choice.id == step['choice']), 0.0)
    for node_id, result in run['checks'].items():
        if content.has_node(node_id) and content.node(node_id).question is not None:
            earned += score_question(content.node(node_id).question, result['answer']).earned
    return earned


def max_points(content) -> float:
    """The most a run can earn: the best path from the start to an end (loops left out, as in ``graph``), each
    decision's best choice on it and each self-check's points."""
    graph, nodes = edges(content), {node.id: node for node in content.nodes}

    def worth(node_id, target):
        node = nodes[node_id]
        if node.type == 'decision':
            return max((choice.points for choice in node.choices if choice.target == target), default=0.0)
        return node.question.points if node.type == 'check' and node.question else 0.0

    start = content.start_node
    if start not in graph:
        return 0.0
    order, _ = depth_first(graph, start)
    best: dict[str, float | None] = {}
    for node_id in order:  # post-order: targets first; a loop's target is not set yet and is left out
        value = 0.0 if nodes[node_id].type == 'end' else None
        for target in graph[node_id]:
            if best.get(target) is not None:
                value = max(-1.0 if value is None else value, best[target] + worth(node_id, target))
        best[node_id] = value
    return round(best.get(start) or 0.0, 6)


# ---- helpers ----------------------------------------------------------------------------------------------------

def _at(content, run, node_id, types, allow_finished=False, anywhere_on_path=False):
    """The node ``node_id``, if the learner is there (or, with ``anywhere_on_path``, has passed it) and it is of one
    of ``types``; else a ``MoveError``."""
    if not isinstance(node_id, str) or not content.has_node(node_id):
        raise MoveError(gettext_noop('There is no such step in this scenario.'), status=400)
    types = (types,) if isinstance(types, str) else types
    node = content.node(node_id)
    if node.type not in types:
        raise MoveError(gettext_noop('That cannot be done at this step.'), status=400)
    if is_finished(run) and not allow_finished:
        raise MoveError(gettext_noop('The scenario is over: start again to take another path.'))
    here = run['node'] == node_id
    passed = any(step['node'] == node_id for step in run['steps'])
    if not (here or (anywhere_on_path and passed)):
        raise MoveError(gettext_noop('This page is out of date: reload it to see where you are.'))
    return node


def _advance(run, step, target):
    moved = copy.deepcopy(run)
    moved['steps'].append(step)
    moved['node'] = target
    return moved


def _finish_if_end(content, run, now, changes=None, revealed=None) -> Move:
    node = content.node(run['node'])
    if node.type != 'end':
        return Move(run, changes=changes or {}, revealed=revealed or {})
    run['finished_at'] = now.isoformat()
    run['ending'] = ending(content, run, node)
    return Move(run, changes=changes or {}, ended=True, revealed=revealed or {})


def _changes(before, after):
    return {name: (before.get(name), value) for name, value in after.items() if before.get(name) != value}
