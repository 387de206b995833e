"""The quiz settings: one spec that OLX import, OLX export and the XBlock fields all agree on.

Trainers write settings as OLX attributes (strings); the XBlock stores typed values. Keeping names,
types, defaults and allowed values in one table stops the three from drifting apart.
"""
import math
from dataclasses import dataclass

from cifal_core.errors import SettingError
from cifal_core.messages import gettext_noop

ROLES = ('knowledge_check', 'pre', 'post')
GRADING_METHODS = ('best', 'last', 'first', 'average')
SHOW_ANSWERS = ('after_attempt', 'after_final_attempt', 'after_pass', 'never')
SHOW_CORRECTNESS = ('always', 'never')

_TRUE_WORDS = ('true', '1', 'yes')
_FALSE_WORDS = ('false', '0', 'no')


@dataclass(frozen=True)
class SettingSpec:
    """How one quiz attribute is typed: ``kind`` is 'str', 'choice', 'bool', 'int' or 'float'."""

    name: str
    kind: str
    default: object
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None  # for 'str': what the results store's columns hold


QUIZ_SETTINGS = {spec.name: spec for spec in (
    SettingSpec('display_name', 'str', 'Quiz', max_length=255),
    SettingSpec('role', 'choice', 'knowledge_check', choices=ROLES),
    SettingSpec('pair', 'str', '', max_length=100),
    SettingSpec('weight', 'float', 1.0, minimum=0, maximum=1000),
    SettingSpec('max_attempts', 'int', 0, minimum=0, maximum=1000),  # 0 = unlimited
    SettingSpec('grading', 'choice', 'best', choices=GRADING_METHODS),
    # Percent of the points needed to pass. 50 rather than 0 so that "after_pass" and pass/fail
    # reports mean something out of the box; 0 means "no pass mark": any finished attempt passes.
    SettingSpec('pass_mark', 'float', 50.0, minimum=0, maximum=100),
    SettingSpec('show_answers', 'choice', 'after_attempt', choices=SHOW_ANSWERS),
    SettingSpec('show_correctness', 'choice', 'always', choices=SHOW_CORRECTNESS),
    SettingSpec('shuffle_questions', 'bool', False),
    SettingSpec('shuffle_choices', 'bool', False),
    SettingSpec('draw', 'int', 0, minimum=0, maximum=1000),  # 0 = every question of the pool
)}


def default_settings() -> dict:
    """Every setting with its default value."""
    return {name: spec.default for name, spec in QUIZ_SETTINGS.items()}


def parse_bool(raw) -> bool:
    """Read true/false, 1/0 or yes/no (any case) as OLX authors write them."""
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise SettingError(gettext_noop('{value} is not true or false'), value=_shown(raw))


def coerce_setting(name, raw):
    """Turn an attribute value (usually a string) into the setting's Python value.

    Raises KeyError for a name that is not a quiz setting and ``SettingError`` (a ValueError), with the reason
    and the setting's name as ``field``, for a value the setting does not allow.
    """
    spec = QUIZ_SETTINGS[name]
    try:
        if spec.kind == 'str':
            text = str(raw)
            if spec.max_length is not None and len(text) > spec.max_length:
                raise SettingError(gettext_noop('the text is longer than {limit} characters'), limit=spec.max_length)
            return text
        if spec.kind == 'bool':
            return parse_bool(raw)
        if spec.kind == 'choice':
            value = str(raw).strip()
            if value not in spec.choices:
                raise SettingError(gettext_noop('{value} is not one of {choices}'), value=_shown(raw),
                                   choices=', '.join(spec.choices))
            return value
        return _coerce_number(spec, raw)
    except SettingError as error:
        error.field = name
        raise


def _coerce_number(spec, raw):
    if isinstance(raw, bool):
        raise SettingError(gettext_noop('{value} is not a number'), value=_shown(raw))
    try:
        number = float(str(raw).strip()) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        raise SettingError(gettext_noop('{value} is not a number'), value=_shown(raw)) from None
    except OverflowError:  # an integer beyond a float's range
        raise SettingError(gettext_noop('{value} is not a finite number'), value=_shown(raw)) from None
    if not math.isfinite(number):
        raise SettingError(gettext_noop('{value} is not a finite number'), value=_shown(raw))
    if spec.kind == 'int':
        if not number.is_integer():
            raise SettingError(gettext_noop('{value} is not a whole number'), value=_shown(raw))
        number = int(number)
    if spec.minimum is not None and number < spec.minimum:
        raise SettingError(gettext_noop('{value} is below the minimum of {minimum}'), value=_shown(raw),
                           minimum=format_number(spec.minimum))
    if spec.maximum is not None and number > spec.maximum:
        raise SettingError(gettext_noop('{value} is above the maximum of {maximum}'), value=_shown(raw),
                           maximum=format_number(spec.maximum))
    return number


def _shown(raw, limit=40) -> str:
    text = repr(raw)
    return text if len(text) <= limit else text[:limit] + '…'


def format_number(number) -> str:
    """Write a number the way a trainer would: "1" rather than "1.0", "0.5" rather than "5e-01"."""
    number = float(number)
    if number.is_integer():
        return str(int(number))
    return repr(number)


def format_setting(name, value) -> str:
    """The OLX attribute text of a setting value (the inverse of ``coerce_setting``)."""
    spec = QUIZ_SETTINGS[name]
    if spec.kind == 'bool':
        return 'true' if value else 'false'
    if spec.kind in ('int', 'float'):
        return format_number(value)
    return str(value)
