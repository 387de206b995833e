"""Numbers typed the way learners in different locales write them."""
import pytest

from cifal_core.quiz.numbers import parse_number


@pytest.mark.parametrize(('typed', 'expected'), [
    ('1,5', 1.5),
    ('1.5', 1.5),
    ('1 500', 1500.0),
    ('1\u00a0500', 1500.0),
    ('1\u202f500', 1500.0),
    ('1 500,25', 1500.25),
    ('1\u00a0500,25', 1500.25),
    ('1.500,25', 1500.25),
    ('1,500.25', 1500.25),
    ('1,500,000', 1500000.0),
    ('1.500.000', 1500000.0),
    ('1 234 567,8', 1234567.8),
    ('-3', -3.0),
    ('\u22123,5', -3.5),
    ('+2', 2.0),
    ('1e3', 1000.0),
    ('2,5E-1', 0.25),
    ('  304  ', 304.0),
    (',5', 0.5),
    ('0', 0.0),
    (7, 7.0),
    (2.5, 2.5),
])
def test_locale_formats_are_understood(typed, expected):
    assert parse_number(typed) == expected


def test_a_single_comma_is_a_decimal_mark_even_before_three_digits():
    # The documented rule; a trainer who means fifteen hundred writes "1 500" or "1500".
    assert parse_number('1,500') == 1.5


@pytest.mark.parametrize('typed', [
    '', '   ', 'abc', '12abc', 'nan', 'NaN', 'inf', '-inf', '1e999', '12 %', '1.5.2,3,4', '1,2.3,4', '1 50',
    '1,5,3', '--1', '.', 'e5', '1e', '0x10', True, None, [1],
])
def test_anything_else_is_refused_with_a_reason(typed):
    with pytest.raises(ValueError, match='number'):
        parse_number(typed)


def test_non_finite_floats_are_refused():
    with pytest.raises(ValueError, match='finite'):
        parse_number(float('nan'))
