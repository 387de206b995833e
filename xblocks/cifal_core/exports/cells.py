"""What a Python value becomes in a CSV, XLSX or JSON cell, and the neutralisation of spreadsheet formulas.

Learners type the answers we export, and evaluators open exports in Excel or LibreOffice: a text cell that begins
with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some spreadsheets skip before parsing) is
run as a formula there ("CSV injection", OWASP). Such text is prefixed with a single quote, which spreadsheets
show as text and never evaluate; in XLSX it is also written as a string cell, and keeps the quote so that it stays
inert if the sheet is saved again as CSV. Text that is exactly a plain decimal number ("-5", "-2.5") is left
alone: spreadsheets read it as that number and there is nothing to run. Numbers stay numbers (a negative mark is
not a formula). None is an empty cell; a statistic that is n/a is the text "n/a" (null in JSON).
"""
import math
import re
from datetime import UTC, date, datetime

from cifal_core.payloads import repair_text
from cifal_core.statistics.values import NOT_AVAILABLE, Stat

FORMULA_TRIGGERS = frozenset('=+-@\t\r')
INERT_PREFIX = "'"
LIST_SEPARATOR = '; '
_PLAIN_NUMBER = re.compile(r'-?\d+(?:\.\d+)?\Z')


def neutralise(text: str) -> str:
    """The text, prefixed with a single quote when a spreadsheet would run it as a formula."""
    if text and text[0] in FORMULA_TRIGGERS and not _PLAIN_NUMBER.match(text):
        return INERT_PREFIX + text
    return text


def iso_utc(moment: datetime | date) -> str:
    """ISO 8601 in UTC with a Z ('2025-03-01T09:30:00Z'); a naive datetime is taken to be UTC already."""
    if not isinstance(moment, datetime):
        return moment.isoformat()
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec='seconds') + 'Z'


def plain_value(value):
    """The JSON value of a cell: str, int, float, bool or None. Text is NOT neutralised (JSON is data, not a
    spreadsheet); n/a statistics and non-finite floats are None."""
    kind = type(value)
    if value is None or kind in (str, int, bool):
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if isinstance(value, Stat):
        return value.value
    if isinstance(value, datetime | date):
        return iso_utc(value)
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def _csv_str(value):
    return neutralise(value)


def _csv_number(value):
    return value


def _csv_float(value):
    return value if math.isfinite(value) else ''


def _csv_bool(value):
    return 'TRUE' if value else 'FALSE'


def _csv_none(value):
    return ''


def _csv_other(value):
    if value.__class__ is float:
        return value if math.isfinite(value) else ''
    if isinstance(value, Stat):
        return NOT_AVAILABLE if value.value is None else value.value
    plain = plain_value(value)
    return _CSV.get(type(plain), _csv_none)(plain)


_CSV = {str: _csv_str, int: _csv_number, float: _csv_float, bool: _csv_bool, type(None): _csv_none}
_CSV_AS_IS = frozenset({int, type(None)})  # the csv module writes them right (None as '')


def csv_row(row) -> list:
    """A row as the ``csv`` module should write it: text neutralised, numbers kept, None empty (the module
    writes None as ''). Called once per row of millions: the common cells take no function call."""
    triggers, passed, finite, other = FORMULA_TRIGGERS, _CSV_AS_IS, math.isfinite, _csv_other
    return [
        (value if not value or value[0] not in triggers else neutralise(value)) if value.__class__ is str
        else value if value.__class__ in passed or (value.__class__ is float and finite(value)) else other(value)
        for value in row
    ]


def xlsx_cell(value) -> tuple[str, object]:
    """('blank' | 'number' | 'bool' | 'string', value) for the XLSX writer; strings already neutralised."""
    kind = value.__class__
    if kind is str:
        return ('string', neutralise(value)) if value else ('blank', None)
    if kind is bool:
        return 'bool', value
    if kind is int or kind is float:
        return ('number', value) if math.isfinite(value) else ('blank', None)
    if value is None:
        return 'blank', None
    if isinstance(value, Stat):
        return ('string', NOT_AVAILABLE) if value.value is None else ('number', value.value)
    return xlsx_cell(plain_value(value))


def repaired_row(row) -> tuple:
    """A row whose text could not be encoded, with each unencodable character replaced by U+FFFD."""
    return tuple(repair_text(value) if value.__class__ is str else value for value in row)


def encodable(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (it holds no lone surrogate)."""
    try:
        text.encode('utf-8')
    except UnicodeEncodeError:
        return False
    return True


REPAIRED = 'row {row} of table {table}: text that cannot be written (an unpaired surrogate) was replaced by \ufffd'
