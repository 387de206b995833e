"""
Block settings as one table per block: name, type, default, allowed values and bounds (ADR 9).

Trainers write settings as OLX attributes (strings); Studio's editor sends them as JSON; the XBlock stores typed
values. Each block declares its settings once as ``SettingSpec`` rows; OLX import, OLX export, the editor's checks
and the XBlock fields (``cifal_core.blocks.fields``) all read that table, so a default lives in one place.
"""
import math
from dataclasses import dataclass

from cifal_core.errors import SettingError
from cifal_core.messages import gettext_noop

_TRUE_WORDS = ('true', '1', 'yes')
_FALSE_WORDS = ('false', '0', 'no')


@dataclass(frozen=True)
class SettingSpec:
    """How one attribute is typed: ``kind`` is 'str', 'choice', 'bool', 'int' or 'float'."""

    name: str
    kind: str
    default: object
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None  # for 'str': what the results store's columns hold


def spec_table(*specs: SettingSpec) -> dict[str, SettingSpec]:
    """A block's settings by name, in the order they are declared (the editor shows them in that order)."""
    return {spec.name: spec for spec in specs}


def defaults(table: dict[str, SettingSpec]) -> dict:
    """Every setting of a table with its default value."""
    return {name: spec.default for name, spec in table.items()}


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


def coerce(spec: SettingSpec, raw):
    """Turn an attribute value (usually a string) into the setting's Python value.

    Raises ``SettingError`` (a ValueError), with the reason and the setting's name as ``field``, for a value the
    setting does not allow.
    """
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
        error.field = spec.name
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


def format_value(spec: SettingSpec, value) -> str:
    """The OLX attribute text of a setting value (the inverse of ``coerce``)."""
    if spec.kind == 'bool':
        return 'true' if value else 'false'
    if spec.kind in ('int', 'float'):
        return format_number(value)
    return str(value)


def editor_settings(table, data, problems, unknown_template, not_object_template):
    """Every setting of ``table``, typed from the Studio editor's ``data``; a value its spec refuses, or a name the
    table does not have, is reported in ``problems`` (``cifal_core.problems.Problem``) and left at its default.
    The templates (marked with ``gettext_noop``) name the block: "{name} is not a quiz setting"."""
    from cifal_core.problems import Problem  # noqa: PLC0415  (problems is built on messages, as this module is)
    settings = defaults(table)
    if not isinstance(data, dict):
        problems.append(Problem(not_object_template))
        return settings
    for name, raw in data.items():
        if name not in table:
            problems.append(Problem(unknown_template, {'name': str(name)[:40]}))
            continue
        try:
            settings[name] = coerce(table[name], raw)
        except SettingError as error:
            problems.append(Problem(error.template, dict(error.params), field=name))
    return settings
