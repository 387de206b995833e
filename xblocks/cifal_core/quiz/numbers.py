"""Numbers as learners type them, in any of the locales CIFAL courses are taught in.

A learner in Geneva types "1'500" or "1 500,25", one in Manila "1,500.25", one in Buenos Aires
"1.500,25". Rejecting these as "not a number" would mark correct answers wrong, so the parser
accepts the usual group separators and decimal marks, and rejects anything ambiguous-looking
(e.g. "1.5.2") rather than guessing.

Rules for the marks: when both ',' and '.' appear, the last one is the decimal mark and the other
one groups digits; a single ',' or '.' alone is a decimal mark; several of the same alone group
digits. Spaces (including no-break and narrow no-break spaces) always group digits. Digit groups
after the first must have exactly three digits.
"""
import math
import re

GROUP_SPACES = ' \u00a0\u202f\u2009'
_MINUS_SIGNS = '-\u2212'
_SPLIT_EXPONENT = re.compile(r'^(?P<mantissa>.*?)(?:[eE](?P<exponent>[+-]?\d+))?$', re.DOTALL)
_GROUPED_INTEGER = re.compile(r'^\d{1,3}(?:\|\d{3})+$')
_DIGITS = re.compile(r'^\d+$')


def parse_number(value) -> float:
    """Return ``value`` as a finite float; raise ValueError saying why it is not a number."""
    if isinstance(value, bool):
        raise ValueError(f'{value!r} is not a number')
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond a float's range
            raise ValueError(f'{value!r} is too large a number') from None
    elif isinstance(value, str):
        number = _parse_number_text(value)
    else:
        raise ValueError(f'{value!r} is not a number')
    if not math.isfinite(number):
        raise ValueError(f'{value!r} is not a finite number')
    return number


def _parse_number_text(text):
    stripped = text.strip(' \t\r\n' + GROUP_SPACES)
    if not stripped:
        raise ValueError('an empty string is not a number')
    sign = ''
    if stripped[0] in _MINUS_SIGNS + '+':
        sign = '-' if stripped[0] in _MINUS_SIGNS else ''
        stripped = stripped[1:]
    match = _SPLIT_EXPONENT.match(stripped)
    mantissa, exponent = match.group('mantissa'), match.group('exponent') or '0'
    integer_part, fraction_part = _split_decimal(mantissa, text)
    if not integer_part and not fraction_part:
        raise ValueError(f'{text!r} is not a number')
    if fraction_part and not _DIGITS.match(fraction_part):
        raise ValueError(f'{text!r} is not a number')
    return float(f'{sign}{_ungroup(integer_part, text) or "0"}.{fraction_part or "0"}e{exponent}')


def _split_decimal(mantissa, original):
    """Split the mantissa at its decimal mark; the integer part keeps its group separators as '|'."""
    for space in GROUP_SPACES:
        mantissa = mantissa.replace(space, '|')
    commas, dots = mantissa.count(','), mantissa.count('.')
    decimal_mark = None
    if commas and dots:
        decimal_mark = ',' if mantissa.rfind(',') > mantissa.rfind('.') else '.'
        group_mark = '.' if decimal_mark == ',' else ','
        if mantissa.count(decimal_mark) > 1:
            raise ValueError(f'{original!r} is not a number: {decimal_mark!r} appears twice')
        mantissa = mantissa.replace(group_mark, '|')
    elif commas == 1 or dots == 1:
        decimal_mark = ',' if commas else '.'
    else:
        mantissa = mantissa.replace(',', '|').replace('.', '|')
    if decimal_mark is None:
        return mantissa, ''
    integer_part, _, fraction_part = mantissa.partition(decimal_mark)
    return integer_part, fraction_part


def _ungroup(integer_part, original):
    if not integer_part or _DIGITS.match(integer_part):
        return integer_part
    if _GROUPED_INTEGER.match(integer_part):
        return integer_part.replace('|', '')
    raise ValueError(f'{original!r} is not a number')
