"""
The questionnaire's content model: immutable values that the block, its handlers and its reports pass around.

``to_dict``/``from_dict`` give the JSON form the block stores (``definition``, versioned by ``CONTENT_SCHEMA``) and
the results store keeps with each response, so reports read the words of the version a respondent saw.
"""
from dataclasses import dataclass, field

from cifal_core.conditions import parse as parse_condition
from cifal_core.questionnaire.scales import NAMED_SCALES, Scale
from cifal_core.schema import Schema

CONTENT_SCHEMA = Schema('questionnaire content', 1)
ITEM_TYPES = ('likert', 'matrix', 'nps', 'single', 'multiple', 'text', 'profile')
SCALED_TYPES = ('likert', 'matrix')
OPTION_TYPES = ('single', 'multiple', 'profile')
TEXT_LIMITS = {False: 500, True: 2000}  # default max_length of a short and a long text item
MAX_TEXT_LENGTH = 5000


@dataclass(frozen=True)
class Option:
    id: str
    html: str


@dataclass(frozen=True)
class Row:
    """A statement of a matrix item, rated on the item's scale."""

    id: str
    html: str
    indicator: str = ''


@dataclass(frozen=True)
class Item:
    """One item. ``scale`` names a scale (named or the questionnaire's own) for likert and matrix items;
    ``options`` for single, multiple and profile; ``rows`` for matrix; ``long``/``max_length`` for text;
    ``other`` adds "Other, please say" to a multiple-choice item; ``allow_na`` adds "Not applicable" to a scale;
    ``show_if`` is a condition on earlier items (``cifal_core.conditions``); ``indicator`` tags a headline figure."""

    id: str
    type: str
    prompt_html: str
    required: bool = False
    indicator: str = ''
    scale: str = ''
    allow_na: bool = False
    options: tuple[Option, ...] = ()
    rows: tuple[Row, ...] = ()
    other: bool = False
    long: bool = False
    max_length: int = 0
    show_if: str = ''
    extra_attributes: tuple[tuple[str, str], ...] = ()

    @property
    def text_limit(self) -> int:
        return self.max_length or TEXT_LIMITS[self.long]

    def condition(self):
        """The parsed ``show_if``, or None when the item is always shown."""
        return parse_condition(self.show_if) if self.show_if else None

    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    def to_dict(self) -> dict:
        return {
            'id': self.id, 'type': self.type, 'prompt_html': self.prompt_html, 'required': self.required,
            'indicator': self.indicator, 'scale': self.scale, 'allow_na': self.allow_na,
            'options': [{'id': option.id, 'html': option.html} for option in self.options],
            'rows': [{'id': row.id, 'html': row.html, 'indicator': row.indicator} for row in self.rows],
            'other': self.other, 'long': self.long, 'max_length': self.max_length, 'show_if': self.show_if,
            'extra_attributes': [list(pair) for pair in self.extra_attributes],
        }

    @classmethod
    def from_dict(cls, data) -> 'Item':
        return cls(
            id=data['id'], type=data['type'], prompt_html=data.get('prompt_html', ''),
            required=bool(data.get('required', False)), indicator=data.get('indicator', ''),
            scale=data.get('scale', ''), allow_na=bool(data.get('allow_na', False)),
            options=tuple(Option(**option) for option in data.get('options', ())),
            rows=tuple(Row(**row) for row in data.get('rows', ())),
            other=bool(data.get('other', False)), long=bool(data.get('long', False)),
            max_length=int(data.get('max_length', 0) or 0), show_if=data.get('show_if', ''),
            extra_attributes=tuple(tuple(pair) for pair in data.get('extra_attributes', ())),
        )


@dataclass(frozen=True)
class QuestionnaireContent:
    """What an author wrote: an introduction, a thank-you text, custom scales and the items, in order."""

    intro_html: str = ''
    thanks_html: str = ''
    scales: tuple[Scale, ...] = ()
    items: tuple[Item, ...] = field(default=())

    def item(self, item_id) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def scale_of(self, item: Item) -> Scale:
        """The scale an item is rated on: the questionnaire's own of that id, else a named one."""
        for scale in self.scales:
            if scale.id == item.scale:
                return scale
        return NAMED_SCALES[item.scale]

    def profile_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.type == 'profile')

    def to_dict(self) -> dict:
        return CONTENT_SCHEMA.stamp({
            'intro_html': self.intro_html, 'thanks_html': self.thanks_html,
            'scales': [scale.to_dict() for scale in self.scales],
            'items': [item.to_dict() for item in self.items],
        })

    @classmethod
    def from_dict(cls, data) -> 'QuestionnaireContent':
        data = CONTENT_SCHEMA.upgrade(data or {})
        return cls(
            intro_html=data.get('intro_html', ''), thanks_html=data.get('thanks_html', ''),
            scales=tuple(Scale.from_dict(scale) for scale in data.get('scales', ())),
            items=tuple(Item.from_dict(item) for item in data.get('items', ())),
        )
