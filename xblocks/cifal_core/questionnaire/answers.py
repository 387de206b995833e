"""Respondents' payloads: check the answers posted by the page or an app, decide which items are shown, and which
required ones are missing.

Anything in the payload is untrusted. A value that cannot answer its item (a point off the scale, an unknown option)
is an ``AnswerError`` (a 400). Which items are shown is decided here, on the server, with the same conditions as the
page: an item whose ``show_if`` does not hold is hidden, its answer is discarded, and a required hidden item is not
required. Empty values (None, blank text, [], {}) mean "not answered".

Values: ``likert`` a point 1..n or "na"; ``matrix`` {row id: point or "na"}; ``nps`` 0..10; ``single`` and
``profile`` an option id; ``multiple`` a list of option ids ("other" among them where the item offers it, its text
in ``other``); ``text`` a string of at most the item's limit.
"""
from dataclasses import dataclass, field

from cifal_core.errors import AnswerError
from cifal_core.messages import gettext_noop
from cifal_core.questionnaire.scales import NOT_APPLICABLE

NPS_POINTS = range(11)
MAX_OTHER_LENGTH = 500


@dataclass(frozen=True)
class Response:
    """Cleaned answers of the shown items, and the "other, please say" texts of multiple-choice items."""

    answers: dict = field(default_factory=dict)
    other: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {'answers': self.answers, 'other': self.other}


def clean_response(content, raw_answers, raw_other=None, draft=False) -> Response:
    """The answers a respondent may give now (hidden items' answers dropped); raises ``AnswerError``."""
    if not isinstance(raw_answers, dict):
        raise AnswerError(gettext_noop('answers must be an object mapping item ids to answers'))
    if raw_other is not None and not isinstance(raw_other, dict):
        raise AnswerError(gettext_noop('"other" must be an object mapping item ids to texts'))
    items = {item.id: item for item in content.items}
    cleaned = {}
    for item_id, raw in raw_answers.items():
        item = items.get(item_id)
        if item is None:
            raise AnswerError(gettext_noop('unknown item {question}'), question_id=item_id, question=_shown(item_id))
        if not _is_empty(raw):
            value = _CLEANERS[item.type](content, item, raw, draft)
            if not _is_empty(value):
                cleaned[item_id] = value
    other = _clean_other(items, raw_other or {}, cleaned, draft)
    shown = shown_items(content, cleaned)
    return Response(answers={key: value for key, value in cleaned.items() if key in shown},
                    other={key: value for key, value in other.items() if key in shown})


def shown_items(content, answers) -> set[str]:
    """The ids of the items shown for these answers, deciding each condition in order on the shown items before."""
    shown, values = set(), {}
    for item in content.items:
        condition = item.condition()
        if condition is None or condition.holds(values.get):
            shown.add(item.id)
            if item.id in answers:
                _expose(item, answers[item.id], values)
    return shown


def _expose(item, value, values):
    """What a condition reads of an answer: the value, and a matrix's rows as ``item.row``."""
    if item.type == 'matrix':
        for row_id, point in value.items():
            values[f'{item.id}.{row_id}'] = point
    else:
        values[item.id] = value


def missing_required(content, response: Response) -> list[str]:
    """The required items, among those shown, that the response leaves unanswered (a matrix: any row), in order."""
    shown = shown_items(content, response.answers)
    missing = []
    for item in content.items:
        if not item.required or item.id not in shown:
            continue
        if not _answered(item, response.answers.get(item.id), response.other.get(item.id, '')):
            missing.append(item.id)
    return missing


def _answered(item, value, other_text):
    """A matrix is answered when every row is; "Other" alone, when its text says something."""
    if value is None:
        return False
    if item.type == 'matrix':
        return set(value) == {row.id for row in item.rows}
    return not (item.type == 'multiple' and value == ['other'] and not other_text.strip())


def _is_empty(value):
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, list | dict) and not value)


def _shown(value, limit=40):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + '…'


def _fail(item, template, **params):
    return AnswerError(template, question_id=item.id, question=item.id, **params)


def _point(content, item, raw):
    if raw == NOT_APPLICABLE and item.allow_na:
        return NOT_APPLICABLE
    size = content.scale_of(item).size
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= size:
        raise _fail(item, gettext_noop("item '{question}': {value} is not a point from 1 to {size}"),
                    value=_shown(raw), size=size)
    return raw


def _clean_likert(content, item, raw, draft):
    return _point(content, item, raw)


def _clean_matrix(content, item, raw, draft):
    if not isinstance(raw, dict):
        raise _fail(item, gettext_noop("item '{question}': the answer must map rows to points"))
    rows = {row.id for row in item.rows}
    cleaned = {}
    for row_id, point in raw.items():
        if row_id not in rows:
            raise _fail(item, gettext_noop("item '{question}': {value} is not one of its rows"), value=_shown(row_id))
        if not _is_empty(point):
            cleaned[row_id] = _point(content, item, point)
    return {row.id: cleaned[row.id] for row in item.rows if row.id in cleaned}


def _clean_nps(content, item, raw, draft):
    if isinstance(raw, bool) or not isinstance(raw, int) or raw not in NPS_POINTS:
        raise _fail(item, gettext_noop("item '{question}': {value} is not a whole number from 0 to 10"),
                    value=_shown(raw))
    return raw


def _clean_single(content, item, raw, draft):
    if not isinstance(raw, str) or raw not in item.option_ids():
        raise _fail(item, gettext_noop("item '{question}': {value} is not one of its options"), value=_shown(raw))
    return raw


def _clean_multiple(content, item, raw, draft):
    allowed = (*item.option_ids(), *(('other',) if item.other else ()))
    if not isinstance(raw, list) or not all(isinstance(value, str) for value in raw):
        raise _fail(item, gettext_noop("item '{question}': the answer must be a list of option ids"))
    unknown = [value for value in raw if value not in allowed]
    if unknown:
        raise _fail(item, gettext_noop("item '{question}': {value} is not one of its options"),
                    value=_shown(unknown[0]))
    if len(set(raw)) != len(raw):
        raise _fail(item, gettext_noop("item '{question}': an option is selected twice"))
    return [option for option in allowed if option in raw]


def _clean_text(content, item, raw, draft):
    if not isinstance(raw, str):
        raise _fail(item, gettext_noop("item '{question}': the answer must be text"))
    if len(raw) > item.text_limit:
        raise _fail(item, gettext_noop("item '{question}': the answer is longer than {limit} characters"),
                    limit=item.text_limit)
    return raw if draft else raw.strip()


def _clean_other(items, raw_other, answers, draft):
    other = {}
    for item_id, text in raw_other.items():
        item = items.get(item_id)
        if item is None or item.type != 'multiple' or not item.other:
            raise AnswerError(gettext_noop('item {question} has no "other" answer'), question_id=str(item_id),
                              question=_shown(item_id))
        if not isinstance(text, str) or len(text) > MAX_OTHER_LENGTH:
            raise _fail(item, gettext_noop("item '{question}': the other answer must be text of at most {limit} "
                                           'characters'), limit=MAX_OTHER_LENGTH)
        if text.strip() and (draft or 'other' in answers.get(item_id, [])):
            other[item_id] = text if draft else text.strip()
    return other


_CLEANERS = {'likert': _clean_likert, 'matrix': _clean_matrix, 'nps': _clean_nps, 'single': _clean_single,
             'profile': _clean_single, 'multiple': _clean_multiple, 'text': _clean_text}
