"""OLX import: ``<cifal_questionnaire>`` markup written by trainers -> settings and ``QuestionnaireContent``.

Every mistake that would make the questionnaire unusable is an ``OlxError`` naming the file and line (and the item
and field, for Studio's editor): an unknown item type or scale, a duplicate id, a matrix without rows, a condition
that does not parse or that reads an item that comes later. Advice that does not break the questionnaire is left to
``authoring``.
"""
import re
from dataclasses import dataclass, field

from cifal_core.conditions import ConditionError
from cifal_core.conditions import parse as parse_condition
from cifal_core.html import has_content
from cifal_core.messages import gettext_noop
from cifal_core.olx import OlxReader, child_elements, parse_xml
from cifal_core.questionnaire.models import (
    ITEM_TYPES,
    MAX_TEXT_LENGTH,
    OPTION_TYPES,
    SCALED_TYPES,
    Item,
    Option,
    QuestionnaireContent,
    Row,
)
from cifal_core.questionnaire.scales import MAX_POINTS, MIN_POINTS, NAMED_SCALES, NOT_APPLICABLE, Scale
from cifal_core.questionnaire.settings import QUESTIONNAIRE_SETTINGS
from cifal_core.settings import parse_bool

IDENTIFIER = re.compile(r'[A-Za-z_][\w-]*\Z')  # usable as a name in conditions (``item`` or ``item.row``)
RESERVED_OPTION_IDS = ('other', NOT_APPLICABLE)
ITEM_ATTRIBUTES = ('id', 'type', 'required', 'indicator', 'scale', 'allow_na', 'other', 'long', 'max_length',
                   'show_if')
# Which attributes and children each type takes, beyond id, type, required, show_if and <prompt>.
TYPE_ATTRIBUTES = {
    'likert': ('indicator', 'scale', 'allow_na'), 'matrix': ('scale', 'allow_na'), 'nps': ('indicator',),
    'single': (), 'multiple': ('other',), 'profile': (), 'text': ('long', 'max_length'),
}
TYPE_CHILDREN = {'likert': (), 'matrix': ('row',), 'nps': (), 'single': ('option',), 'multiple': ('option',),
                 'profile': ('option',), 'text': ()}


@dataclass(frozen=True)
class ParsedQuestionnaire:
    settings: dict = field(default_factory=dict)
    other_attributes: dict = field(default_factory=dict)
    content: QuestionnaireContent = QuestionnaireContent()


def parse_questionnaire_string(xml_text, source=None, tag='cifal_questionnaire') -> ParsedQuestionnaire:
    return parse_questionnaire_element(parse_xml(xml_text, source), source=source, tag=tag)


def parse_questionnaire_element(element, source=None, tag='cifal_questionnaire') -> ParsedQuestionnaire:
    reader = _Reader(source or element.getroottree().docinfo.URL or None)
    if tag and element.tag != tag:
        raise reader.error(element, gettext_noop('expected <{expected}>, found <{found}>'), expected=tag,
                           found=element.tag)
    settings, other_attributes = reader.settings(element, QUESTIONNAIRE_SETTINGS)
    parts = {'intro_html': None, 'thanks_html': None}
    scales, items, lines = [], [], {}
    for child in child_elements(element):
        if child.tag in ('intro', 'thanks'):
            key = f'{child.tag}_html'
            if parts[key] is not None:
                raise reader.error(child, gettext_noop('a questionnaire has at most one <{tag}>'), field=child.tag,
                                   tag=child.tag)
            parts[key] = reader.html(child)
        elif child.tag == 'scale':
            scales.append(reader.scale(child, scales))
        elif child.tag == 'item':
            item = reader.item(child, scales, items)
            if item.id in lines:
                raise reader.error(child, gettext_noop("duplicate item id '{id}' (first used on line {first})"),
                                   field='id', question_id=item.id, id=item.id, first=lines[item.id])
            lines[item.id] = child.sourceline
            items.append(item)
        else:
            raise reader.error(child, gettext_noop('unknown element <{tag}> in <{parent}>'), tag=child.tag,
                               parent=element.tag)
    content = QuestionnaireContent(intro_html=parts['intro_html'] or '', thanks_html=parts['thanks_html'] or '',
                                   scales=tuple(scales), items=tuple(items))
    return ParsedQuestionnaire(settings=settings, other_attributes=other_attributes, content=content)


class _Reader(OlxReader):
    """Reads one questionnaire's OLX; ``question`` in errors is the item id."""

    def scale(self, element, earlier):
        scale_id = (element.get('id') or '').strip()
        if not IDENTIFIER.match(scale_id):
            raise self.error(element, gettext_noop('a <scale> needs an id of letters, digits, - and _'),
                             field='scales')
        if scale_id in NAMED_SCALES or any(scale.id == scale_id for scale in earlier):
            raise self.error(element, gettext_noop("scale id '{id}' is already taken"), field='scales', id=scale_id)
        points = []
        for child in child_elements(element):
            if child.tag != 'point' or child_elements(child) or not (child.text or '').strip():
                raise self.error(child, gettext_noop("scale '{id}': each <point> holds plain, non-empty text"),
                                 field='scales', id=scale_id)
            points.append(child.text.strip())
        if not MIN_POINTS <= len(points) <= MAX_POINTS:
            raise self.error(element, gettext_noop("scale '{id}' needs {low} to {high} points (found {count})"),
                             field='scales', id=scale_id, low=MIN_POINTS, high=MAX_POINTS, count=len(points))
        return Scale(scale_id, tuple(points))

    def item(self, element, scales, earlier):
        attributes = dict(element.attrib)
        item_id = attributes.get('id', '').strip()
        if not IDENTIFIER.match(item_id):
            raise self.error(element, gettext_noop('an <item> needs an id of letters, digits, - and _ (found '
                                                   "'{id}')"), field='id', id=item_id)
        item_type = attributes.get('type', '').strip()
        if item_type not in ITEM_TYPES:
            raise self.error(element, gettext_noop(
                "item '{question}': unknown item type '{type}' (expected one of {expected})"),
                question=item_id, field='type', type=item_type, expected=', '.join(ITEM_TYPES))
        for name in ITEM_ATTRIBUTES:
            if name in attributes and name not in ('id', 'type', 'required', 'show_if', *TYPE_ATTRIBUTES[item_type]):
                raise self.error(element, gettext_noop("item '{question}': {name} does not apply to a {type} item"),
                                 question=item_id, field=name, name=name, type=item_type)
        values = {'id': item_id, 'type': item_type,
                  'extra_attributes': tuple((name, value) for name, value in attributes.items()
                                            if name not in ITEM_ATTRIBUTES)}
        for name in ('required', 'allow_na', 'other', 'long'):
            if name in attributes:
                values[name] = self.flag(element, item_id, name, attributes[name])
        if 'indicator' in attributes:
            values['indicator'] = self.indicator(element, item_id, attributes['indicator'])
        if item_type in SCALED_TYPES:
            values['scale'] = self.scale_name(element, item_id, attributes.get('scale', ''), scales)
        if 'max_length' in attributes:
            values['max_length'] = self.max_length(element, item_id, attributes['max_length'])
        if 'show_if' in attributes:
            values['show_if'] = self.show_if(element, item_id, attributes['show_if'], earlier)
        values.update(self.children(element, item_id, item_type))
        return Item(**values)

    def flag(self, element, item_id, name, raw):
        try:
            return parse_bool(raw)
        except ValueError as error:
            raise self.error(element, gettext_noop("item '{question}': {name}: {reason}"), question=item_id,
                             field=name, name=name, reason=error) from None

    def indicator(self, element, item_id, raw):
        value = raw.strip()
        if not IDENTIFIER.match(value):
            raise self.error(element, gettext_noop(
                "item '{question}': an indicator is a word such as utility or applicability, not '{value}'"),
                question=item_id, field='indicator', value=raw)
        return value

    def scale_name(self, element, item_id, raw, scales):
        name = raw.strip()
        if name not in NAMED_SCALES and not any(scale.id == name for scale in scales):
            raise self.error(element, gettext_noop(
                "item '{question}': unknown scale '{scale}' (use one of {named}, or a <scale> defined before it)"),
                question=item_id, field='scale', scale=name, named=', '.join(NAMED_SCALES))
        return name

    def max_length(self, element, item_id, raw):
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if not 1 <= value <= MAX_TEXT_LENGTH:
            raise self.error(element, gettext_noop(
                "item '{question}': max_length must be a whole number from 1 to {limit}, not '{value}'"),
                question=item_id, field='max_length', limit=MAX_TEXT_LENGTH, value=raw)
        return value

    def show_if(self, element, item_id, raw, earlier):
        try:
            condition = parse_condition(raw)
        except ConditionError as error:
            raise self.error(element, gettext_noop("item '{question}': show_if: {reason}"), question=item_id,
                             field='show_if', reason=error) from None
        known = {item.id for item in earlier} | {f'{item.id}.{row.id}' for item in earlier for row in item.rows}
        for name in sorted(condition.names()):
            if name not in known:
                raise self.error(element, gettext_noop(
                    "item '{question}': show_if reads '{name}', which is not an item before this one"),
                    question=item_id, field='show_if', name=name)
        return raw.strip()

    def children(self, element, item_id, item_type):
        prompt, options, rows = None, [], []
        for child in child_elements(element):
            if child.tag == 'prompt':
                if prompt is not None:
                    raise self.error(child, gettext_noop("item '{question}': an item has at most one <prompt>"),
                                     question=item_id, field='prompt')
                prompt = self.html(child)
            elif child.tag in TYPE_CHILDREN[item_type]:
                (options if child.tag == 'option' else rows).append(self.part(child, item_id, item_type))
            else:
                raise self.error(child, gettext_noop("item '{question}': <{tag}> does not belong in a {type} item"),
                                 question=item_id, field='prompt', tag=child.tag, type=item_type)
        if not has_content(prompt or ''):
            raise self.error(element, gettext_noop("item '{question}': an item needs a non-empty <prompt>"),
                             question=item_id, field='prompt')
        if item_type in OPTION_TYPES and len(options) < 2:
            raise self.error(element, gettext_noop("item '{question}': a {type} item needs at least 2 <option>s"),
                             question=item_id, field='options', type=item_type)
        if item_type == 'matrix' and not rows:
            raise self.error(element, gettext_noop("item '{question}': a matrix item needs at least one <row>"),
                             question=item_id, field='rows')
        self.unique(element, item_id, options + rows)
        return {'prompt_html': prompt, 'options': tuple(options), 'rows': tuple(rows)}

    def part(self, element, item_id, item_type):
        part_id = (element.get('id') or '').strip()
        allowed = ('id', 'indicator') if element.tag == 'row' else ('id',)
        unknown = sorted(set(element.attrib) - set(allowed))
        if unknown:
            raise self.error(element, gettext_noop("item '{question}': <{tag}> has no attribute {name}"),
                             question=item_id, field=f'{element.tag}s', part=part_id, tag=element.tag,
                             name=unknown[0])
        if not IDENTIFIER.match(part_id) or part_id in RESERVED_OPTION_IDS:
            raise self.error(element, gettext_noop(
                "item '{question}': each <{tag}> needs an id of letters, digits, - and _ (not other or na)"),
                question=item_id, field=f'{element.tag}s', part=part_id, tag=element.tag)
        html = self.html(element)
        if not has_content(html):
            raise self.error(element, gettext_noop("item '{question}': {tag} '{id}' is empty"), question=item_id,
                             field=f'{element.tag}s', part=part_id, tag=element.tag, id=part_id)
        if element.tag == 'row':
            indicator = element.get('indicator', '')
            return Row(part_id, html, self.indicator(element, item_id, indicator) if indicator else '')
        return Option(part_id, html)

    def unique(self, element, item_id, parts):
        seen = set()
        for part in parts:
            if part.id in seen:
                raise self.error(element, gettext_noop("item '{question}': duplicate id '{id}'"), question=item_id,
                                 field='options', part=part.id, id=part.id)
            seen.add(part.id)
