"""OLX import: ``<cifal_scenario>`` markup written by trainers -> settings and ``ScenarioContent``.

Everything that would make a scenario unusable is an ``OlxError`` naming the file and line, the node and the field
(for Studio's editor): an unknown node type or element, a duplicate id, a target no node has, a decision without
choices, an effect on an undeclared indicator, an indicator that starts outside its range, a condition that does not
parse or reads a name that does not exist, an end without an unconditional outcome, a self-check question the quiz
would refuse, and the graph's rules (``cifal_core.scenario.graph``): every node reachable, and an end reachable from
every node. Advice that does not break a run is left to ``authoring``.
"""
import re
from dataclasses import dataclass, field

from cifal_core.conditions import ConditionError
from cifal_core.conditions import parse as parse_condition
from cifal_core.html import has_content
from cifal_core.messages import gettext_noop
from cifal_core.olx import child_elements, parse_xml
from cifal_core.quiz.numbers import parse_number
from cifal_core.quiz.parse import MAX_POINTS, QuizReader
from cifal_core.scenario import graph
from cifal_core.scenario.models import (
    CHECK_TYPES,
    NODE_TYPES,
    Choice,
    Effect,
    Indicator,
    Node,
    Outcome,
    ScenarioContent,
)
from cifal_core.scenario.settings import SCENARIO_SETTINGS

IDENTIFIER = re.compile(r'[A-Za-z_][\w-]*\Z')  # usable as a name in conditions
MAX_INDICATOR_VALUE = 1e9
CONTENT_ATTRIBUTES = ('start',)  # root attributes that are content, not settings
NODE_ATTRIBUTES = ('id', 'type', 'title')
CHOICE_ATTRIBUTES = ('id', 'target', 'points', 'show_if')
# The child elements each node type takes.
NODE_CHILDREN = {
    'info': ('body', 'next'), 'decision': ('body', 'choice'), 'check': ('body', 'question', 'next'),
    'reflection': ('body', 'prompt', 'next'), 'end': ('body', 'outcome'),
}
CHOICE_PARTS = ('consequence', 'effect', 'key_points')


@dataclass(frozen=True)
class ParsedScenario:
    settings: dict = field(default_factory=dict)
    other_attributes: dict = field(default_factory=dict)
    content: ScenarioContent = ScenarioContent()


def parse_scenario_string(xml_text, source=None, tag='cifal_scenario') -> ParsedScenario:
    return parse_scenario_element(parse_xml(xml_text, source), source=source, tag=tag)


def parse_scenario_element(element, source=None, tag='cifal_scenario') -> ParsedScenario:
    reader = ScenarioReader(source or element.getroottree().docinfo.URL or None)
    if tag and element.tag != tag:
        raise reader.error(element, gettext_noop('expected <{expected}>, found <{found}>'), expected=tag,
                           found=element.tag)
    attributes = {name: value for name, value in element.attrib.items() if name not in CONTENT_ATTRIBUTES}
    settings, other_attributes = reader.settings(_with_attributes(element, attributes), SCENARIO_SETTINGS)
    indicators, nodes = [], []
    for child in child_elements(element):
        if child.tag == 'indicator':
            indicators.append(reader.indicator(child))
        elif child.tag == 'node':
            nodes.append(reader.node(child, indicators))
        else:
            raise reader.error(child, gettext_noop('unknown element <{tag}> in <{parent}>'), tag=child.tag,
                               parent=element.tag)
    content = ScenarioContent(start=(element.get('start') or '').strip(), indicators=tuple(indicators),
                              nodes=tuple(nodes))
    reader.check_whole(element, content)
    return ParsedScenario(settings=settings, other_attributes=other_attributes, content=content)


def _with_attributes(element, attributes):
    """A bare copy of ``element`` with only ``attributes`` (for the shared settings reader), at the same line."""
    copy = element.makeelement(element.tag, attributes)
    copy.sourceline = element.sourceline
    return copy


class ScenarioReader(QuizReader):
    """Reads one scenario's OLX; ``question`` in errors is the node id. Remembers each id's line for later errors."""

    def __init__(self, source):
        super().__init__(source)
        self.lines = {}       # node id -> line
        self.names = {}       # condition name (indicator, choice or question id) -> line
        self.conditions = []  # (element, node id, field, condition) checked once every name is known

    # ---- indicators -------------------------------------------------------------------------------------------

    def indicator(self, element):
        indicator_id = self.identifier(element, 'indicator', None)
        self.only(element, ('id', 'label', 'min', 'max', 'start'), None, 'indicators')
        if child_elements(element):
            raise self.error(element, gettext_noop("indicator '{id}': an <indicator> has no child elements"),
                             field='indicators', id=indicator_id)
        label = (element.get('label') or '').strip()
        if not label:
            raise self.error(element, gettext_noop("indicator '{id}' needs a label"), field='indicators',
                             id=indicator_id)
        minimum, maximum, start = (self.number(element, indicator_id, name, default)
                                   for name, default in (('min', '0'), ('max', '100'), ('start', None)))
        if minimum >= maximum:
            raise self.error(element, gettext_noop("indicator '{id}': min must be below max"), field='indicators',
                             id=indicator_id)
        if not minimum <= start <= maximum:
            raise self.error(element, gettext_noop("indicator '{id}': start {start} is outside {min} to {max}"),
                             field='indicators', id=indicator_id, start=element.get('start'),
                             min=element.get('min', '0'), max=element.get('max', '100'))
        self.claim_name(element, indicator_id, None)
        return Indicator(indicator_id, label[:200], minimum, maximum, start)

    def number(self, element, indicator_id, name, default):
        raw = element.get(name, default)
        if raw is None:
            raise self.error(element, gettext_noop("indicator '{id}' needs a {name} value"), field='indicators',
                             id=indicator_id, name=name)
        try:
            value = parse_number(raw)
        except ValueError:
            value = None
        if value is None or abs(value) > MAX_INDICATOR_VALUE:
            raise self.error(element, gettext_noop("indicator '{id}': {name} must be a number, not '{value}'"),
                             field='indicators', id=indicator_id, name=name, value=raw)
        return value

    # ---- nodes ------------------------------------------------------------------------------------------------

    def node(self, element, indicators):
        node_id = self.identifier(element, 'node', None)
        if node_id in self.lines:
            raise self.error(element, gettext_noop("duplicate node id '{id}' (first used on line {first})"),
                             field='id', question_id=node_id, id=node_id, first=self.lines[node_id])
        self.lines[node_id] = element.sourceline
        node_type = (element.get('type') or '').strip()
        if node_type not in NODE_TYPES:
            raise self.error(element, gettext_noop(
                "node '{question}': unknown node type '{type}' (expected one of {expected})"),
                question=node_id, field='type', type=node_type, expected=', '.join(NODE_TYPES))
        values = {'id': node_id, 'type': node_type, 'title': (element.get('title') or '').strip()[:200],
                  'extra_attributes': tuple((name, value) for name, value in element.attrib.items()
                                            if name not in NODE_ATTRIBUTES)}
        choices, outcomes = [], []
        for child in child_elements(element):
            if child.tag not in NODE_CHILDREN[node_type]:
                raise self.error(child, gettext_noop("node '{question}': <{tag}> does not belong in a {type} node"),
                                 question=node_id, field='type', tag=child.tag, type=node_type)
            if child.tag in ('body', 'prompt', 'question', 'next') and self.seen(values, child.tag):
                raise self.error(child, gettext_noop("node '{question}': a node has at most one <{tag}>"),
                                 question=node_id, field=child.tag, tag=child.tag)
            if child.tag == 'body':
                values['body_html'] = self.html(child)
            elif child.tag == 'prompt':
                values['prompt_html'] = self.html(child)
            elif child.tag == 'next':
                values['next'] = self.next_target(child, node_id)
            elif child.tag == 'question':
                values['question'] = self.check_question(child, node_id)
            elif child.tag == 'choice':
                choices.append(self.choice(child, node_id, indicators))
            else:
                outcomes.append(self.outcome(child, node_id))
        values['choices'], values['outcomes'] = tuple(choices), tuple(outcomes)
        self.check_node(element, node_id, node_type, values)
        return Node(**values)

    @staticmethod
    def seen(values, tag):
        key = {'body': 'body_html', 'prompt': 'prompt_html'}.get(tag, tag)
        return key in values

    def check_node(self, element, node_id, node_type, values):
        if node_type == 'decision' and not values['choices']:
            raise self.error(element, gettext_noop("node '{question}': a decision needs at least one <choice>"),
                             question=node_id, field='choices')
        if node_type == 'check' and 'question' not in values:
            raise self.error(element, gettext_noop("node '{question}': a check needs one <question>"),
                             question=node_id, field='question')
        if node_type == 'reflection' and not has_content(values.get('prompt_html', '')):
            raise self.error(element, gettext_noop("node '{question}': a reflection needs a non-empty <prompt>"),
                             question=node_id, field='prompt')
        if node_type in ('info', 'check', 'reflection') and not values.get('next'):
            raise self.error(element, gettext_noop("node '{question}': a {type} node needs <next target=\"...\"/>"),
                             question=node_id, field='next', type=node_type)
        if node_type == 'end' and not any(not outcome.condition for outcome in values['outcomes']):
            raise self.error(element, gettext_noop(
                "node '{question}': an end needs an <outcome> without a condition, shown when no other applies"),
                question=node_id, field='outcomes')
        if node_type == 'info' and not has_content(values.get('body_html', '')):
            raise self.error(element, gettext_noop("node '{question}': an info node needs a non-empty <body>"),
                             question=node_id, field='body')

    def next_target(self, element, node_id):
        self.only(element, ('target',), node_id, 'next')
        target = (element.get('target') or '').strip()
        if not target:
            raise self.error(element, gettext_noop("node '{question}': <next> needs a target"), question=node_id,
                             field='next')
        return target

    def check_question(self, element, node_id):
        question = self.question(element)  # the quiz's own rules, its own messages
        if question.type not in CHECK_TYPES:
            raise self.error(element, gettext_noop(
                "node '{question}': a self-check asks a single or multiple question, not {type}"),
                question=node_id, field='question', type=question.type)
        self.claim_name(element, question.id, node_id)
        return question

    def choice(self, element, node_id, indicators):
        choice_id = self.identifier(element, 'choice', node_id)
        attributes = dict(element.attrib)
        target = (attributes.get('target') or '').strip()
        if not target:
            raise self.error(element, gettext_noop("node '{question}': choice '{id}' needs a target"),
                             question=node_id, field='target', part=choice_id, id=choice_id)
        points = attributes.get('points')
        values = {'id': choice_id, 'target': target, 'html': self.html(element, skip_tags=CHOICE_PARTS),
                  'points': 0.0 if points is None else self.choice_points(element, node_id, points),
                  'extra_attributes': tuple((name, value) for name, value in attributes.items()
                                            if name not in CHOICE_ATTRIBUTES)}
        if not has_content(values['html']):
            raise self.error(element, gettext_noop("node '{question}': choice '{id}' has no text"),
                             question=node_id, field='choices', part=choice_id, id=choice_id)
        if 'show_if' in attributes:
            values['show_if'] = self.condition(element, node_id, 'choices', attributes['show_if'])
        effects = []
        declared = {indicator.id for indicator in indicators}
        for child in child_elements(element):
            if child.tag not in CHOICE_PARTS:
                raise self.error(child, gettext_noop("node '{question}': unknown element <{tag}> in <choice>"),
                                 question=node_id, part=choice_id, tag=child.tag)
            if child.tag == 'effect':
                effects.append(self.effect(child, node_id, choice_id, declared))
            elif f'{child.tag}_html' in values:
                raise self.error(child, gettext_noop("node '{question}': a choice has at most one <{tag}>"),
                                 question=node_id, part=choice_id, tag=child.tag)
            else:
                values[f'{child.tag}_html'] = self.html(child)
        self.claim_name(element, choice_id, node_id)
        return Choice(effects=tuple(effects), **values)

    def effect(self, element, node_id, choice_id, declared):
        self.only(element, ('indicator', 'delta'), node_id, 'choices')
        indicator = (element.get('indicator') or '').strip()
        if indicator not in declared:
            raise self.error(element, gettext_noop(
                "node '{question}': choice '{id}' changes '{indicator}', which no <indicator> declares (before the "
                "nodes)"), question=node_id, field='choices', part=choice_id, id=choice_id, indicator=indicator)
        raw = element.get('delta', '')
        try:
            delta = parse_number(raw)
        except ValueError:
            delta = None
        if delta is None or abs(delta) > MAX_INDICATOR_VALUE:
            raise self.error(element, gettext_noop(
                "node '{question}': choice '{id}': delta must be a number such as +10 or -5, not '{value}'"),
                question=node_id, field='choices', part=choice_id, id=choice_id, value=raw)
        return Effect(indicator, delta)

    def outcome(self, element, node_id):
        self.only(element, ('if',), node_id, 'outcomes')
        html = self.html(element)
        if not has_content(html):
            raise self.error(element, gettext_noop("node '{question}': an <outcome> is empty"), question=node_id,
                             field='outcomes')
        condition = self.condition(element, node_id, 'outcomes', element.get('if')) if 'if' in element.attrib else ''
        return Outcome(html=html, condition=condition)

    # ---- shared checks ----------------------------------------------------------------------------------------

    def identifier(self, element, tag, node_id):
        value = (element.get('id') or '').strip()
        if not IDENTIFIER.match(value):
            raise self.error(element, gettext_noop(
                'a <{tag}> needs an id of letters, digits, - and _, starting with a letter (found \'{id}\')'),
                field='id' if tag == 'node' else f'{tag}s', tag=tag, id=value, question_id=node_id)
        return value

    def only(self, element, allowed, node_id, field_name):
        for name in element.attrib:
            if name not in allowed:
                raise self.error(element, gettext_noop("<{tag}> does not take the attribute {name}"),
                                 question_id=node_id, field=field_name, tag=element.tag, name=name)

    def claim_name(self, element, name, node_id):
        """Indicators, choices and self-check questions share one namespace: conditions name them."""
        if name in self.names and self.names[name] is None:  # the editor's elements have no lines
            raise self.error(element, gettext_noop(
                "the id '{id}' is already used (indicators, choices and self-check questions need different ids: "
                'conditions name them)'), question_id=node_id, field='id', id=name)
        if name in self.names:
            raise self.error(element, gettext_noop(
                "the id '{id}' is already used on line {first} (indicators, choices and self-check questions need "
                "different ids: conditions name them)"), question_id=node_id, field='id', id=name,
                first=self.names[name])
        self.names[name] = element.sourceline

    def condition(self, element, node_id, field_name, text):
        text = (text or '').strip()
        try:
            condition = parse_condition(text)
        except ConditionError as error:
            raise self.error(element, gettext_noop("node '{question}': the condition '{condition}' does not parse: "
                                                   '{reason}'), question=node_id, field=field_name,
                             condition=text[:80], reason=error.english()) from None
        self.conditions.append((element, node_id, field_name, condition))
        return text

    def check_whole(self, root, content):
        """Raise the first of ``whole_problems``."""
        for problem in self.whole_problems(root, content):
            raise problem

    def whole_problems(self, root, content):
        """What needs every node and name, as ``OlxError``s: the conditions' names, then the graph's rules."""
        found = []
        for element, node_id, field_name, condition in self.conditions:
            unknown = sorted(condition.names() - set(self.names))
            if unknown:
                found.append(self.error(element, gettext_noop(
                    "node '{question}': the condition '{condition}' names '{name}', which is no indicator, choice or "
                    'self-check question'), question=node_id, field=field_name, condition=condition.text[:80],
                    name=unknown[0]))
        if found:
            return found
        for problem in graph.problems(content):
            at = root if not problem.node else _line_holder(root, self.lines.get(problem.node))
            found.append(self.error(at, problem.template, question_id=problem.node or None, field=problem.field,
                                    part=problem.part, **problem.params))
        return found

    def choice_points(self, element, qid, raw):
        """A choice's points: zero or more (a decision may have choices worth nothing)."""
        try:
            points = parse_number(raw)
        except ValueError:
            points = -1
        if not 0 <= points <= MAX_POINTS:
            raise self.error(element, gettext_noop(
                "node '{question}': points must be a number from 0 to {limit}, not '{value}'"),
                question=qid, field='choices', value=raw, limit=MAX_POINTS)
        return points


def _line_holder(root, line):
    """Something with a ``sourceline`` for an error located at ``line``."""
    holder = root.makeelement('node', {})
    if line or root.sourceline:  # the editor's elements have no line
        holder.sourceline = line or root.sourceline
    return holder
