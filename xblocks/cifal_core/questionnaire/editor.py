"""The Studio editor's data checked by the OLX rules: one set of rules for the editor, the OLX tab and import.

As for the quiz (``cifal_core.quiz.editor``), the editor's data is written as OLX and read back by the parser, so
whatever import refuses, the editor refuses, with the same message, located by item position and field instead of
by line; every item's problems are reported at once. Authoring advice (``authoring``) is added on top.
"""
from lxml import etree

from cifal_core.errors import OlxError
from cifal_core.messages import gettext_noop
from cifal_core.olx import html_child
from cifal_core.problems import Problem
from cifal_core.questionnaire.authoring import authoring_problems, settings_problems
from cifal_core.questionnaire.models import QuestionnaireContent
from cifal_core.questionnaire.parse import _Reader, parse_questionnaire_string
from cifal_core.questionnaire.settings import QUESTIONNAIRE_SETTINGS
from cifal_core.settings import editor_settings

FLAGS = ('required', 'allow_na', 'other', 'long')
TEXTS = ('scale', 'indicator', 'show_if', 'max_length')


def validate_olx(text, tag='cifal_questionnaire', ignored_attributes=()):
    """``(settings, content, problems)`` for OLX typed in the editor's OLX tab; problems carry line numbers."""
    settings = {name: spec.default for name, spec in QUESTIONNAIRE_SETTINGS.items()}
    try:
        parsed = parse_questionnaire_string(text, tag=tag)
    except OlxError as error:
        return settings, QuestionnaireContent(), [Problem.from_olx_error(error)]
    settings.update(parsed.settings)
    problems = [Problem(gettext_noop('attribute {name} is not a questionnaire setting (the editor only keeps '
                                     'settings)'), {'name': name}) for name in parsed.other_attributes
                if name not in ignored_attributes]
    return settings, parsed.content, problems + authoring_problems(settings, parsed.content)


def validate_editor(settings_data, content_data):
    """``(settings, content, problems)`` for the editor's ``{"settings", "content"}`` (content as ``to_dict``)."""
    problems = []
    settings = _settings(settings_data, problems)
    if (not isinstance(content_data, dict) or not isinstance(content_data.get('items', []), list)
            or not isinstance(content_data.get('scales') or [], list)):
        problems.append(Problem(gettext_noop('The questionnaire content must be an object with a list of items.')))
        return settings, QuestionnaireContent(), problems
    reader = _Reader(None)
    scales = []
    for data in content_data.get('scales') or []:
        try:
            scales.append(reader.scale(_scale_element(data), scales))
        except (OlxError, ValueError, TypeError, AttributeError) as error:
            problems.append(_problem(error, field='scales'))
    items, ids = [], {}
    for index, data in enumerate(content_data.get('items', [])):
        try:
            item = reader.item(_item_element(data), scales, items)
        except OlxError as error:
            problems.append(_problem(error, question_index=index))
            continue
        except (ValueError, TypeError, AttributeError):
            problems.append(Problem(gettext_noop('item {number} is not an item the editor can read'),
                                    {'number': index + 1}, question_index=index))
            continue
        if item.id in ids:
            problems.append(Problem(gettext_noop("duplicate item id '{id}' (also item {first})"),
                                    {'id': item.id, 'first': ids[item.id] + 1}, field='id', question_id=item.id,
                                    question_index=index))
            continue
        ids[item.id] = index
        items.append(item)
    intro, thanks = (_html(content_data.get(key)) for key in ('intro_html', 'thanks_html'))
    content = QuestionnaireContent(intro_html=intro, thanks_html=thanks, scales=tuple(scales), items=tuple(items))
    if not any(problem.is_error for problem in problems):
        problems += authoring_problems(settings, content)
    else:  # the items' advice waits until they parse; conflicting settings are errors to show now
        problems += settings_problems(settings)
    return settings, content, problems


def _settings(data, problems):
    return editor_settings(QUESTIONNAIRE_SETTINGS, data, problems,
                           gettext_noop('{name} is not a questionnaire setting'),
                           gettext_noop('The settings must be an object.'))


def _problem(error, **where):
    if isinstance(error, OlxError):
        return Problem.from_olx_error(error, line=None, **where)
    return Problem(gettext_noop('a scale is not one the editor can read'), **where)


def _html(value):
    return value if isinstance(value, str) else ''


def _text(value):
    return value if isinstance(value, str) else ('' if value is None else str(value))


def _scale_element(data):
    element = etree.Element('scale', {'id': _text(data.get('id'))})
    for point in data.get('points') or []:
        etree.SubElement(element, 'point').text = _text(point)
    return element


def _item_element(data):
    """The editor's item as the ``<item>`` element the parser reads (values written as an author would)."""
    element = etree.Element('item', {'id': _text(data.get('id')).strip(), 'type': _text(data.get('type'))})
    item_type = element.get('type')
    defaults = {'scale': 'agree5'} if item_type in ('likert', 'matrix') else {}
    for name in FLAGS:
        if data.get(name) is True:
            element.set(name, 'true')
    for name in TEXTS:
        value = _text(data.get(name, defaults.get(name, ''))).strip()
        if value and value != '0':
            element.set(name, value)
    html_child(element, 'prompt', _html(data.get('prompt_html')))
    for option in data.get('options') or []:
        html_child(element, 'option', _html(option.get('html')), id=_text(option.get('id')).strip())
    for row in data.get('rows') or []:
        attributes = {'id': _text(row.get('id')).strip()}
        if _text(row.get('indicator')).strip():
            attributes['indicator'] = _text(row.get('indicator')).strip()
        html_child(element, 'row', _html(row.get('html')), **attributes)
    return element
