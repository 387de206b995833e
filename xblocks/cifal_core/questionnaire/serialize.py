"""OLX export: settings and ``QuestionnaireContent`` -> ``<cifal_questionnaire>`` markup, the inverse of ``parse``
(import, export, import gives the same questionnaire)."""
from lxml import etree

from cifal_core.olx import html_child, indent, to_text
from cifal_core.questionnaire.models import Item, QuestionnaireContent
from cifal_core.questionnaire.settings import QUESTIONNAIRE_SETTINGS, format_setting

_STRUCTURAL_TAGS = ('item', 'scale')


def questionnaire_to_element(content: QuestionnaireContent, settings: dict, tag='cifal_questionnaire',
                             other_attributes=None):
    """The OLX element; a setting whose value is None is left out, ``other_attributes`` are written as given."""
    unknown = sorted(set(settings) - set(QUESTIONNAIRE_SETTINGS))
    if unknown:
        raise ValueError(f'unknown questionnaire setting(s): {", ".join(unknown)}')
    root = etree.Element(tag)
    for name in QUESTIONNAIRE_SETTINGS:
        if settings.get(name) is not None:
            root.set(name, format_setting(name, settings[name]))
    for name, value in (other_attributes or {}).items():
        root.set(name, str(value))
    if content.intro_html:
        html_child(root, 'intro', content.intro_html)
    for scale in content.scales:
        element = etree.SubElement(root, 'scale', {'id': scale.id})
        for point in scale.points:
            etree.SubElement(element, 'point').text = point
    for item in content.items:
        _item_element(root, item)
    if content.thanks_html:
        html_child(root, 'thanks', content.thanks_html)
    indent(root, 0, _STRUCTURAL_TAGS)
    return root


def questionnaire_to_string(content, settings, tag='cifal_questionnaire', other_attributes=None) -> str:
    return to_text(questionnaire_to_element(content, settings, tag=tag, other_attributes=other_attributes))


def _item_element(parent, item: Item):
    attributes = {'id': item.id, 'type': item.type}
    flags = (('required', item.required), ('allow_na', item.allow_na), ('other', item.other), ('long', item.long))
    attributes.update((name, 'true') for name, value in flags if value)
    for name in ('scale', 'indicator', 'show_if'):
        if getattr(item, name):
            attributes[name] = getattr(item, name)
    if item.max_length:
        attributes['max_length'] = str(item.max_length)
    element = etree.SubElement(parent, 'item', attributes)
    for name, value in item.extra_attributes:
        element.set(name, value)
    html_child(element, 'prompt', item.prompt_html)
    for option in item.options:
        html_child(element, 'option', option.html, id=option.id)
    for row in item.rows:
        html_child(element, 'row', row.html, id=row.id, **({'indicator': row.indicator} if row.indicator else {}))
    return element
