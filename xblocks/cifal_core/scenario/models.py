"""
The scenario module's content model: immutable values the block, its handlers and its reports pass around.

A scenario is a graph of nodes. ``info`` nodes tell, ``decision`` nodes offer choices (each with a consequence, the
indicator effects it has and where it leads), ``check`` nodes ask one question of the quiz's single or multiple
types (``cifal_core.quiz.models.Question``, scored by the quiz's own rules), ``reflection`` nodes ask the learner to
write, and ``end`` nodes show the first outcome whose condition holds. Conditions are ``cifal_core.conditions``
text over indicator ids (their current value), choice ids (true once chosen) and self-check question ids (true when
answered right, false when answered wrong).

``to_dict``/``from_dict`` give the JSON the block stores (``definition``, versioned by ``CONTENT_SCHEMA``) and the
results store keeps with each run, so reports read the words of the version a learner saw.
"""
from dataclasses import dataclass, field

from cifal_core.conditions import parse as parse_condition
from cifal_core.quiz.models import Question
from cifal_core.schema import Schema

CONTENT_SCHEMA = Schema('scenario content', 1)
NODE_TYPES = ('info', 'decision', 'check', 'reflection', 'end')
LEAVES_BY_NEXT = ('info', 'check', 'reflection')  # the node types a learner leaves with ``next``
CHECK_TYPES = ('single', 'multiple')
MAX_REFLECTION_LENGTH = 5000


@dataclass(frozen=True)
class Indicator:
    """A quantity a mayor cares about; effects move it, and it stays within ``[minimum, maximum]``."""

    id: str
    label: str
    minimum: float
    maximum: float
    start: float

    def clamp(self, value: float) -> float:
        return min(self.maximum, max(self.minimum, value))

    def to_dict(self) -> dict:
        return {'id': self.id, 'label': self.label, 'min': self.minimum, 'max': self.maximum, 'start': self.start}

    @classmethod
    def from_dict(cls, data) -> 'Indicator':
        return cls(id=data['id'], label=data.get('label', ''), minimum=float(data['min']),
                   maximum=float(data['max']), start=float(data['start']))


@dataclass(frozen=True)
class Effect:
    indicator: str
    delta: float


@dataclass(frozen=True)
class Choice:
    """One option of a decision. ``show_if`` (a condition) offers it only when it holds; ``key_points`` are what the
    learner's action plan keeps of the decision (the consequence's gist, written by the author)."""

    id: str
    target: str
    html: str
    consequence_html: str = ''
    effects: tuple[Effect, ...] = ()
    points: float = 0.0
    show_if: str = ''
    key_points_html: str = ''
    extra_attributes: tuple[tuple[str, str], ...] = ()

    def condition(self):
        return parse_condition(self.show_if) if self.show_if else None

    def to_dict(self) -> dict:
        return {'id': self.id, 'target': self.target, 'html': self.html, 'consequence_html': self.consequence_html,
                'effects': [{'indicator': effect.indicator, 'delta': effect.delta} for effect in self.effects],
                'points': self.points, 'show_if': self.show_if, 'key_points_html': self.key_points_html,
                'extra_attributes': [list(pair) for pair in self.extra_attributes]}

    @classmethod
    def from_dict(cls, data) -> 'Choice':
        return cls(id=data['id'], target=data['target'], html=data.get('html', ''),
                   consequence_html=data.get('consequence_html', ''),
                   effects=tuple(Effect(effect['indicator'], float(effect['delta']))
                                 for effect in data.get('effects', ())),
                   points=float(data.get('points', 0) or 0), show_if=data.get('show_if', ''),
                   key_points_html=data.get('key_points_html', ''),
                   extra_attributes=tuple(tuple(pair) for pair in data.get('extra_attributes', ())))


@dataclass(frozen=True)
class Outcome:
    """What an end node shows when ``condition`` holds (an empty condition always holds)."""

    html: str
    condition: str = ''

    def parsed(self):
        return parse_condition(self.condition) if self.condition else None


@dataclass(frozen=True)
class Node:
    """One step. ``body_html`` for every type; ``choices`` for a decision; ``question`` for a check; ``prompt_html``
    for a reflection; ``next`` (a node id) for info, check and reflection nodes; ``outcomes`` for an end."""

    id: str
    type: str
    title: str = ''
    body_html: str = ''
    choices: tuple[Choice, ...] = ()
    question: Question | None = None
    prompt_html: str = ''
    next: str = ''
    outcomes: tuple[Outcome, ...] = ()
    extra_attributes: tuple[tuple[str, str], ...] = ()

    def targets(self) -> tuple[str, ...]:
        """Every node this one can lead to."""
        if self.type == 'decision':
            return tuple(choice.target for choice in self.choices)
        return (self.next,) if self.next else ()

    def choice(self, choice_id) -> Choice:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        raise KeyError(choice_id)

    def to_dict(self) -> dict:
        return {'id': self.id, 'type': self.type, 'title': self.title, 'body_html': self.body_html,
                'choices': [choice.to_dict() for choice in self.choices],
                'question': self.question.to_dict() if self.question else None,
                'prompt_html': self.prompt_html, 'next': self.next,
                'outcomes': [{'html': outcome.html, 'condition': outcome.condition} for outcome in self.outcomes],
                'extra_attributes': [list(pair) for pair in self.extra_attributes]}

    @classmethod
    def from_dict(cls, data) -> 'Node':
        question = data.get('question')
        return cls(id=data['id'], type=data['type'], title=data.get('title', ''), body_html=data.get('body_html', ''),
                   choices=tuple(Choice.from_dict(choice) for choice in data.get('choices', ())),
                   question=Question.from_dict(question) if question else None,
                   prompt_html=data.get('prompt_html', ''), next=data.get('next', ''),
                   outcomes=tuple(Outcome(outcome.get('html', ''), outcome.get('condition', ''))
                                  for outcome in data.get('outcomes', ())),
                   extra_attributes=tuple(tuple(pair) for pair in data.get('extra_attributes', ())))


@dataclass(frozen=True)
class ScenarioContent:
    """What an author wrote: indicators, nodes in the author's order, and the node a run starts at."""

    start: str = ''
    indicators: tuple[Indicator, ...] = ()
    nodes: tuple[Node, ...] = field(default=())

    def node(self, node_id) -> Node:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def has_node(self, node_id) -> bool:
        return any(node.id == node_id for node in self.nodes)

    @property
    def start_node(self) -> str:
        """The ``start`` attribute, or the first node when the author left it out."""
        return self.start or (self.nodes[0].id if self.nodes else '')

    def indicator(self, indicator_id) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def starting_indicators(self) -> dict[str, float]:
        return {indicator.id: indicator.start for indicator in self.indicators}

    def to_dict(self) -> dict:
        return CONTENT_SCHEMA.stamp({'start': self.start,
                                     'indicators': [indicator.to_dict() for indicator in self.indicators],
                                     'nodes': [node.to_dict() for node in self.nodes]})

    @classmethod
    def from_dict(cls, data) -> 'ScenarioContent':
        data = CONTENT_SCHEMA.upgrade(data or {})
        return cls(start=data.get('start', ''),
                   indicators=tuple(Indicator.from_dict(indicator) for indicator in data.get('indicators', ())),
                   nodes=tuple(Node.from_dict(node) for node in data.get('nodes', ())))
