"""OLX export: settings and ``ScenarioContent`` -> ``<cifal_scenario>`` markup, the inverse of ``parse``.

Structure is indented for trainers to read; the inside of HTML elements is left exactly as it is.
"""
from lxml import etree

from cifal_core.olx import html_child, indent, to_text
from cifal_core.quiz.serialize import question_element
from cifal_core.scenario.models import Node, ScenarioContent
from cifal_core.scenario.settings import SCENARIO_SETTINGS, format_setting
from cifal_core.settings import format_number

# A choice is not indented inside: its text and its parts share the element (mixed content).
_STRUCTURAL_TAGS = ('node', 'question', 'pair')


def scenario_to_element(content: ScenarioContent, settings: dict, tag='cifal_scenario', other_attributes=None):
    unknown = sorted(set(settings) - set(SCENARIO_SETTINGS))
    if unknown:
        raise ValueError(f'unknown scenario setting(s): {", ".join(unknown)}')
    root = etree.Element(tag)
    for name in SCENARIO_SETTINGS:
        if settings.get(name) is not None:
            root.set(name, format_setting(name, settings[name]))
    if content.start:
        root.set('start', content.start)
    for name, value in (other_attributes or {}).items():
        root.set(name, str(value))
    for indicator in content.indicators:
        etree.SubElement(root, 'indicator', {
            'id': indicator.id, 'label': indicator.label, 'min': format_number(indicator.minimum),
            'max': format_number(indicator.maximum), 'start': format_number(indicator.start)})
    for node in content.nodes:
        _node_element(root, node)
    indent(root, 0, _STRUCTURAL_TAGS)
    return root


def scenario_to_string(content: ScenarioContent, settings: dict, tag='cifal_scenario', other_attributes=None) -> str:
    return to_text(scenario_to_element(content, settings, tag=tag, other_attributes=other_attributes))


def _node_element(parent, node: Node):
    element = etree.SubElement(parent, 'node', {'id': node.id, 'type': node.type})
    if node.title:
        element.set('title', node.title)
    for name, value in node.extra_attributes:
        element.set(name, value)
    if node.body_html:
        html_child(element, 'body', node.body_html)
    if node.prompt_html:
        html_child(element, 'prompt', node.prompt_html)
    if node.question is not None:
        question_element(element, node.question)
    for choice in node.choices:
        choice_element = html_child(element, 'choice', choice.html, id=choice.id, target=choice.target)
        if choice.points:
            choice_element.set('points', format_number(choice.points))
        if choice.show_if:
            choice_element.set('show_if', choice.show_if)
        for name, value in choice.extra_attributes:
            choice_element.set(name, value)
        if choice.consequence_html:
            html_child(choice_element, 'consequence', choice.consequence_html)
        if choice.key_points_html:
            html_child(choice_element, 'key_points', choice.key_points_html)
        for effect in choice.effects:
            delta = format_number(effect.delta)
            etree.SubElement(choice_element, 'effect', {'indicator': effect.indicator,
                                                        'delta': delta if effect.delta < 0 else f'+{delta}'})
    for outcome in node.outcomes:
        outcome_element = html_child(element, 'outcome', outcome.html)
        if outcome.condition:
            outcome_element.set('if', outcome.condition)
    if node.next:
        etree.SubElement(element, 'next', {'target': node.next})
    return element
