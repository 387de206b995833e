"""What a value becomes in each format, and the neutralisation of spreadsheet formulas."""
from datetime import UTC, datetime, timedelta, timezone

import pytest

from cifal_core.exports.cells import csv_row, iso_utc, neutralise, plain_value, xlsx_cell
from cifal_core.statistics.values import Stat, not_available

HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3', '\t=1+1', '\r=1+1', '=']


@pytest.mark.parametrize('text', HOSTILE)
def test_text_a_spreadsheet_would_run_is_prefixed_with_a_quote(text):
    assert neutralise(text) == "'" + text
    assert csv_row([text]) == ["'" + text]
    assert xlsx_cell(text) == ('string', "'" + text)


@pytest.mark.parametrize('text', ['mainstreaming', '', "'quoted", ' =1+1', 'a=b', '-5', '-2.5', '304'])
def test_ordinary_text_and_plain_numbers_in_text_are_left_alone(text):
    assert neutralise(text) == text


def test_numbers_stay_numbers_even_negative():
    assert csv_row([-2, -2.5, 0, 1.0]) == [-2, -2.5, 0, 1.0]
    assert xlsx_cell(-2.5) == ('number', -2.5)
    assert plain_value(-3) == -3


def test_empty_values_n_a_statistics_and_booleans():
    missing = not_available(1, 'too few')
    # None is left for the csv module, which writes it as an empty field (see test_exports_writers).
    assert csv_row([None, missing, Stat(0.5, 3), True, False]) == [None, 'n/a', 0.5, 'TRUE', 'FALSE']
    assert xlsx_cell(None) == ('blank', None)
    assert xlsx_cell(missing) == ('string', 'n/a')
    assert xlsx_cell(Stat(0.5, 3)) == ('number', 0.5)
    assert xlsx_cell(True) == ('bool', True)
    assert plain_value(missing) is None and plain_value(Stat(2.0, 4)) == 2.0


def test_non_finite_floats_never_reach_a_file():
    assert csv_row([float('nan'), float('inf')]) == ['', '']
    assert xlsx_cell(float('-inf')) == ('blank', None)
    assert plain_value(float('nan')) is None


def test_datetimes_are_iso_8601_utc():
    paris = timezone(timedelta(hours=1))
    assert iso_utc(datetime(2025, 3, 1, 10, 30, tzinfo=paris)) == '2025-03-01T09:30:00Z'
    assert iso_utc(datetime(2025, 3, 1, 9, 30, 5, 123, tzinfo=UTC)) == '2025-03-01T09:30:05Z'
    assert csv_row([datetime(2025, 3, 1, 9, 30)]) == ['2025-03-01T09:30:00Z']


def test_lists_are_joined_and_still_neutralised():
    assert csv_row([('low_efficiency', 'negative_discrimination')]) == ['low_efficiency; negative_discrimination']
    assert csv_row([['=1', 'x']]) == ["'=1; x"]
