"""The Studio editor's data checked by the OLX rules: one set of rules for the editor, the OLX tab and import.

The editor sends the content as ``ScenarioContent.to_dict`` gives it. It is written back as the elements an author
would write and read by the OLX reader, node by node, so that whatever import refuses the editor refuses too, with
the same message, located by node position and field instead of by line, every node's problems at once; then the
rules that need the whole scenario (conditions' names, the graph). Authoring advice (``authoring``) comes on top.
"""
from lxml import etree

from cifal_core.errors import OlxError
from cifal_core.messages import gettext_noop
from cifal_core.olx import html_child
from cifal_core.problems import Problem
from cifal_core.scenario.authoring import authoring_problems
from cifal_core.scenario.models import ScenarioContent
from cifal_core.scenario.parse import ScenarioReader, parse_scenario_string
from cifal_core.scenario.settings import SCENARIO_SETTINGS
from cifal_core.settings import defaults, editor_settings, format_number


def validate_olx(text, tag='cifal_scenario', ignored_attributes=()):
    """``(settings, content, problems)`` for OLX typed in the editor's OLX tab; problems carry line numbers."""
    settings = defaults(SCENARIO_SETTINGS)
    try:
        parsed = parse_scenario_string(text, tag=tag)
    except OlxError as error:
        return settings, ScenarioContent(), [Problem.from_olx_error(error, question_index=None)]
    settings.update(parsed.settings)
    problems = [Problem(gettext_noop('attribute {name} is not a scenario setting (the editor only keeps settings)'),
                        {'name': name}) for name in parsed.other_attributes if name not in ignored_attributes]
    return settings, parsed.content, problems + authoring_problems(settings, parsed.content)


def validate_editor(settings_data, content_data):
    """``(settings, content, problems)`` for the editor's ``{"settings", "content"}``."""
    problems = []
    settings = editor_settings(SCENARIO_SETTINGS, settings_data, problems,
                               gettext_noop('{name} is not a scenario setting'),
                               gettext_noop('The settings must be an object.'))
    if (not isinstance(content_data, dict) or not isinstance(content_data.get('nodes', []), list)
            or not isinstance(content_data.get('indicators') or [], list)):
        problems.append(Problem(gettext_noop('The scenario content must be an object with a list of nodes.')))
        return settings, ScenarioContent(), problems
    reader = ScenarioReader(None)
    indicators, nodes, positions = [], [], {}
    for data in content_data.get('indicators') or []:
        try:
            indicators.append(reader.indicator(_indicator_element(data)))
        except OlxError as error:
            problems.append(Problem.from_olx_error(error, line=None, field='indicators'))
        except (ValueError, TypeError, AttributeError):
            problems.append(Problem(gettext_noop('an indicator is not one the editor can read'), field='indicators'))
    root = etree.Element('cifal_scenario')
    for index, data in enumerate(content_data.get('nodes', [])):
        node_id = _text(data.get('id')).strip() if isinstance(data, dict) else ''
        if node_id in positions:
            problems.append(Problem(gettext_noop("duplicate node id '{id}' (also node {first})"),
                                    {'id': node_id, 'first': positions[node_id] + 1}, field='id',
                                    question_id=node_id, question_index=index))
            continue
        positions[node_id] = index
        try:
            element = _node_element(root, data)
            node = reader.node(element, indicators)
        except OlxError as error:
            problems.append(Problem.from_olx_error(error, line=None, question_index=index))
            continue
        except (ValueError, TypeError, AttributeError, KeyError):
            problems.append(Problem(gettext_noop('node {number} is not a node the editor can read'),
                                    {'number': index + 1}, question_index=index))
            continue
        nodes.append(node)
    start = _text(content_data.get('start')).strip()
    content = ScenarioContent(start=start, indicators=tuple(indicators), nodes=tuple(nodes))
    if any(problem.is_error for problem in problems):
        return settings, content, problems
    for error in reader.whole_problems(root, content):
        index = positions.get(error.question_id)
        problems.append(Problem.from_olx_error(error, line=None, question_index=index))
    if not any(problem.is_error for problem in problems):
        problems += authoring_problems(settings, content)
    return settings, content, problems


def _text(value):
    return value if isinstance(value, str) else ('' if value is None else str(value))


def _number(value):
    return format_number(value) if isinstance(value, int | float) and not isinstance(value, bool) else _text(value)


def _indicator_element(data):
    return etree.Element('indicator', {name: _number(data.get(key)) if key != 'label' else _text(data.get(key))
                                       for name, key in (('id', 'id'), ('label', 'label'), ('min', 'min'),
                                                         ('max', 'max'), ('start', 'start'))
                                       if data.get(key) is not None})


def _node_element(root, data):
    """The editor's node as the ``<node>`` element the reader takes (values written as an author would)."""
    element = etree.SubElement(root, 'node', {'id': _text(data.get('id')).strip(), 'type': _text(data.get('type'))})
    if _text(data.get('title')).strip():
        element.set('title', _text(data.get('title')).strip())
    node_type = element.get('type')
    if _text(data.get('body_html')).strip():
        html_child(element, 'body', _text(data.get('body_html')))
    if node_type == 'reflection':
        html_child(element, 'prompt', _text(data.get('prompt_html')))
    if node_type == 'check':
        _question_element(element, data.get('question') or {})
    if node_type == 'decision':
        for choice in data.get('choices') or []:
            _choice_element(element, choice)
    if node_type == 'end':
        for outcome in data.get('outcomes') or []:
            outcome_element = html_child(element, 'outcome', _text(outcome.get('html')))
            if _text(outcome.get('condition')).strip():
                outcome_element.set('if', _text(outcome.get('condition')).strip())
    if node_type in ('info', 'check', 'reflection') and _text(data.get('next')).strip():
        etree.SubElement(element, 'next', {'target': _text(data.get('next')).strip()})
    return element


def _choice_element(parent, data):
    attributes = {'id': _text(data.get('id')).strip(), 'target': _text(data.get('target')).strip()}
    points = data.get('points')
    if points not in (None, '', 0, '0'):
        attributes['points'] = _number(points)
    if _text(data.get('show_if')).strip():
        attributes['show_if'] = _text(data.get('show_if')).strip()
    element = html_child(parent, 'choice', _text(data.get('html')), **attributes)
    for key in ('consequence', 'key_points'):
        if _text(data.get(f'{key}_html')).strip():
            html_child(element, key, _text(data.get(f'{key}_html')))
    for effect in data.get('effects') or []:
        etree.SubElement(element, 'effect', {'indicator': _text(effect.get('indicator')).strip(),
                                             'delta': _number(effect.get('delta'))})
    return element


def _question_element(parent, data):
    attributes = {'id': _text(data.get('id')).strip(), 'type': _text(data.get('type') or 'single'),
                  'points': _number(data.get('points') if data.get('points') not in (None, '') else 1)}
    element = etree.SubElement(parent, 'question', attributes)
    html_child(element, 'prompt', _text(data.get('prompt_html')))
    for choice in data.get('choices') or []:
        choice_element = html_child(element, 'choice', _text(choice.get('html')), id=_text(choice.get('id')).strip())
        if choice.get('correct') is True:
            choice_element.set('correct', 'true')
        if _text(choice.get('feedback_html')).strip():
            html_child(choice_element, 'feedback', _text(choice.get('feedback_html')))
    if _text(data.get('explanation_html')).strip():
        html_child(element, 'explanation', _text(data.get('explanation_html')))
    return element
