"""
The scenario's graph: what can be reached, what can finish, and how long a run is.

The promise to learners is that no run can trap them: from every node a learner can reach, an end stays reachable
whatever they chose before. Choices offered under a condition (``show_if``) may be withheld, so only the edges that
are always there count towards "can finish": the ``next`` of info, check and reflection nodes and the unconditional
choices of decisions. Every edge, conditional or not, counts towards "can be reached". A cycle is therefore allowed
exactly when an always-offered exit leads out of it to an end.

Pure functions over ``ScenarioContent``; ``problems`` gives each broken rule with the node it is about (the OLX
reader turns them into located errors, Studio's editor shows them next to the node).
"""
from collections import deque
from dataclasses import dataclass

from cifal_core.messages import gettext_noop


@dataclass(frozen=True)
class GraphProblem:
    """A broken rule: ``template`` (marked with ``gettext_noop``) filled by ``params``; ``node`` is where to fix it."""

    node: str
    template: str
    params: dict
    field: str = 'next'   # 'target' for a decision's choice (``part`` says which), 'next' otherwise, 'start'
    part: str | None = None


@dataclass(frozen=True)
class PathLengths:
    """Steps from the start to an end (a step is one node left): the shortest run, the longest run that visits no
    node twice, and whether some run can go round a loop (and be longer)."""

    shortest: int | None
    longest: int | None
    has_loops: bool


def edges(content, always_only=False) -> dict[str, tuple[str, ...]]:
    """Each node's targets; with ``always_only``, only the edges no condition can withhold."""
    found = {}
    for node in content.nodes:
        if node.type == 'decision':
            found[node.id] = tuple(choice.target for choice in node.choices
                                   if not (always_only and choice.show_if))
        else:
            found[node.id] = node.targets()
    return found


def reachable(content) -> set[str]:
    """Nodes some run can reach from the start."""
    graph = edges(content)
    start = content.start_node
    if start not in graph:
        return set()
    seen, queue = {start}, deque([start])
    while queue:
        for target in graph[queue.popleft()]:
            if target in graph and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def can_finish(content) -> set[str]:
    """Nodes from which an end can be reached through edges that are always offered."""
    incoming = {node.id: [] for node in content.nodes}
    for source, targets in edges(content, always_only=True).items():
        for target in targets:
            if target in incoming:
                incoming[target].append(source)
    finished = {node.id for node in content.nodes if node.type == 'end'}
    queue = deque(finished)
    while queue:
        for source in incoming[queue.popleft()]:
            if source not in finished:
                finished.add(source)
                queue.append(source)
    return finished


def problems(content) -> list[GraphProblem]:
    """Unknown targets, an unknown start, unreachable nodes and reachable nodes no end can be reached from."""
    found = []
    ids = {node.id for node in content.nodes}
    if not content.nodes:
        return []  # a new, empty scenario: nothing to check yet (authoring advice says what to add)
    if content.start and content.start not in ids:
        found.append(GraphProblem('', gettext_noop("start: there is no node '{target}'"), {'target': content.start},
                                  field='start'))
        return found
    for node in content.nodes:
        ways = ([(choice.target, choice.id) for choice in node.choices] if node.type == 'decision'
                else [(target, None) for target in node.targets()])
        for target, choice_id in ways:
            if target not in ids:
                found.append(GraphProblem(node.id, gettext_noop("node '{node}': there is no node '{target}' to go to"),
                                          {'node': node.id, 'target': target},
                                          field='target' if choice_id else 'next', part=choice_id))
    if found:
        return found
    reached, finishing = reachable(content), can_finish(content)
    for node in content.nodes:
        if node.id not in reached:
            found.append(GraphProblem(node.id, gettext_noop("node '{node}' cannot be reached from the start"),
                                      {'node': node.id}))
        elif node.id not in finishing:
            found.append(GraphProblem(node.id, gettext_noop(
                "node '{node}': no end can be reached from here (a loop or a dead end traps the learner; a choice "
                "offered only under a condition does not count as a way out)"), {'node': node.id}))
    return found


def path_lengths(content) -> PathLengths:
    """Shortest and longest (without repeating a node) runs from the start to an end, counted in steps. The longest
    is searched over the graph without its back edges, which is exact when the scenario has no loop."""
    graph = edges(content)
    start = content.start_node
    ends = {node.id for node in content.nodes if node.type == 'end'}
    if start not in graph:
        return PathLengths(None, None, False)
    distance, queue = {start: 0}, deque([start])
    while queue:
        current = queue.popleft()
        for target in graph[current]:
            if target in graph and target not in distance:
                distance[target] = distance[current] + 1
                queue.append(target)
    reached_ends = [distance[end] for end in ends if end in distance]
    shortest = min(reached_ends) if reached_ends else None
    longest, has_loops = _longest_without_back_edges(graph, start, ends)
    return PathLengths(shortest, longest, has_loops)


def layers(content) -> dict[str, int]:
    """Each reachable node's column for a drawing: the longest way to it from the start, loops left out, so that
    every edge but a loop's points to a later column."""
    graph = edges(content)
    start = content.start_node
    if start not in graph:
        return {}
    order, back_edges = depth_first(graph, start)
    column = {start: 0}
    for node in reversed(order):  # a topological order of the graph without its back edges
        for target in graph[node]:
            if target in graph and (node, target) not in back_edges:
                column[target] = max(column.get(target, 0), column.get(node, 0) + 1)
    return column


def depth_first(graph, start):
    """Post-order of the nodes reached from ``start`` and the back edges (those into a node on the current path)."""
    state, order, back_edges = {start: 'open'}, [], set()
    stack = [(start, iter(graph[start]))]
    while stack:
        node, targets = stack[-1]
        target = next(targets, None)
        if target is None:
            stack.pop()
            state[node] = 'done'
            order.append(node)
        elif target in graph:
            if state.get(target) == 'open':
                back_edges.add((node, target))
            elif target not in state:
                state[target] = 'open'
                stack.append((target, iter(graph[target])))
    return order, back_edges


def _longest_without_back_edges(graph, start, ends):
    """Depth-first from the start (iteratively: a scenario may be long); an edge into a node on the current path is a
    back edge (a loop) and is left out; the rest is a DAG whose longest path to an end is computed bottom-up."""
    order, back_edges = depth_first(graph, start)
    has_loops = bool(back_edges)
    longest = {}
    for node in order:  # post-order: every target is done before its source, except a back edge's (not yet set)
        best = 0 if node in ends else None
        for target in graph[node]:
            if longest.get(target) is not None:
                best = max(-1 if best is None else best, longest[target] + 1)
        longest[node] = best
    return longest.get(start), has_loops
