"""The quiz content model: immutable values that the rest of the core passes around.

Frozen dataclasses holding tuples can be shared between requests and cached without defensive
copies. ``to_dict``/``from_dict`` give a JSON-friendly form, so the XBlock can store the parsed
content in a field and the mobile API can ship it as is.
"""
from dataclasses import asdict, dataclass

from cifal_core.schema import Schema, unchanged

# Version 1: the shape of issue 2, from when content started to carry its version (ADR 9).
CONTENT_SCHEMA = Schema('quiz content', 1, {0: unchanged})

QUESTION_TYPES = ('single', 'multiple', 'numeric', 'text', 'ordering', 'matching')
MULTIPLE_SCORING = ('all_or_nothing', 'partial', 'right_minus_wrong')
CHOICE_TYPES = ('single', 'multiple')


@dataclass(frozen=True)
class Choice:
    """An option of a single- or multiple-choice question."""

    id: str
    html: str
    correct: bool = False
    feedback_html: str = ''


@dataclass(frozen=True)
class NumericAnswer:
    """The accepted range of a numeric question; ``relative`` means ``tolerance`` is a percentage of ``value``."""

    value: float
    tolerance: float = 0.0
    relative: bool = False

    @property
    def absolute_tolerance(self) -> float:
        """The tolerance in the unit of the answer, whatever way the trainer wrote it."""
        return abs(self.value) * self.tolerance / 100 if self.relative else self.tolerance


@dataclass(frozen=True)
class TextAnswer:
    """An accepted typed answer, or with ``regex`` a pattern the normalised answer must fully match."""

    text: str
    regex: bool = False


@dataclass(frozen=True)
class Item:
    """An element of an ordering question; a question lists its items in the correct order."""

    id: str
    html: str


@dataclass(frozen=True)
class Pair:
    """A premise and the response that matches it, in a matching question."""

    id: str
    premise_html: str
    response_html: str


@dataclass(frozen=True)
class Question:
    """One question; which of the type-specific fields are filled depends on ``type``."""

    id: str
    type: str
    prompt_html: str
    points: float = 1.0
    explanation_html: str = ''
    choices: tuple[Choice, ...] = ()
    scoring: str = 'all_or_nothing'
    numeric: NumericAnswer | None = None
    text_answers: tuple[TextAnswer, ...] = ()
    items: tuple[Item, ...] = ()
    pairs: tuple[Pair, ...] = ()
    # Question attributes the core does not know, kept in OLX order so that export loses nothing.
    extra_attributes: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict:
        """A JSON-serialisable dict (tuples become lists)."""
        data = asdict(self)
        data['extra_attributes'] = [list(pair) for pair in self.extra_attributes]
        for key in ('choices', 'text_answers', 'items', 'pairs'):
            data[key] = list(data[key])
        return data

    @classmethod
    def from_dict(cls, data) -> 'Question':
        """Rebuild a question from ``to_dict`` output."""
        numeric = data.get('numeric')
        return cls(
            id=data['id'],
            type=data['type'],
            prompt_html=data['prompt_html'],
            points=float(data.get('points', 1.0)),
            explanation_html=data.get('explanation_html', ''),
            choices=tuple(Choice(**choice) for choice in data.get('choices', ())),
            scoring=data.get('scoring', 'all_or_nothing'),
            numeric=NumericAnswer(**numeric) if numeric else None,
            text_answers=tuple(TextAnswer(**answer) for answer in data.get('text_answers', ())),
            items=tuple(Item(**item) for item in data.get('items', ())),
            pairs=tuple(Pair(**pair) for pair in data.get('pairs', ())),
            extra_attributes=tuple((name, value) for name, value in data.get('extra_attributes', ())),
        )


@dataclass(frozen=True)
class QuizContent:
    """What a quiz asks: its description and its question pool, in OLX order."""

    description_html: str = ''
    questions: tuple[Question, ...] = ()

    def to_dict(self) -> dict:
        """A JSON-serialisable dict, stamped with its schema version (``CONTENT_SCHEMA``)."""
        return CONTENT_SCHEMA.stamp({
            'description_html': self.description_html,
            'questions': [question.to_dict() for question in self.questions],
        })

    @classmethod
    def from_dict(cls, data) -> 'QuizContent':
        """Rebuild content from ``to_dict`` output, of this version or an earlier one; an empty or missing dict
        gives an empty quiz."""
        data = CONTENT_SCHEMA.upgrade(data or {})
        return cls(
            description_html=data.get('description_html', ''),
            questions=tuple(Question.from_dict(question) for question in data.get('questions', ())),
        )

    def question(self, question_id) -> Question:
        """The question with this id; KeyError if the quiz has none."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def question_ids(self) -> tuple[str, ...]:
        """Question ids in OLX order."""
        return tuple(question.id for question in self.questions)

    @property
    def max_points(self) -> float:
        """Points of the whole pool (an attempt that draws a subset has its own maximum)."""
        return round(sum(question.points for question in self.questions), 6)
