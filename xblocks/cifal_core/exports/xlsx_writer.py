"""XLSX: one sheet per table, bold frozen header, numbers as numbers, text never a formula.

XlsxWriter's ``constant_memory`` mode flushes each row to a temporary file as soon as the next one starts, so a
sheet of a million rows costs the memory of one row. Every text cell goes through ``write_string`` (never the
generic ``write``, which would turn "=..." into a formula, "http://..." into a link or "12" into a number), after
``cells.neutralise``. A sheet holds at most 1,048,576 rows: a longer table continues on "name (2)", "name (3)"...
with the header repeated, rather than being cut silently.
"""
import math
import re

import xlsxwriter

from cifal_core.exports.cells import FORMULA_TRIGGERS, REPAIRED, encodable, neutralise, repaired_row, xlsx_cell
from cifal_core.exports.tables import Report

MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_NAME = 31
_BAD_SHEET_CHARACTERS = re.compile(r'[\[\]:*?/\\]')
WORKBOOK_OPTIONS = {
    'constant_memory': True,
    'strings_to_formulas': False,
    'strings_to_urls': False,
    'strings_to_numbers': False,
}
MIN_WIDTH, MAX_WIDTH = 10, 60


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique (case-insensitively) sheet name: no []:*?/\\, no edge apostrophe, at most 31 chars."""
    base = _BAD_SHEET_CHARACTERS.sub('_', name).strip("'") or 'Sheet'
    candidate, number = base[:MAX_SHEET_NAME], 1
    while candidate.lower() in taken:
        number += 1
        suffix = f' ({number})'
        candidate = base[:MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def write_xlsx(report: Report, target, max_rows: int = MAX_SHEET_ROWS) -> None:
    """Write every table of ``report`` to ``target``: a path, or a binary file object (seekable or not)."""
    workbook = xlsxwriter.Workbook(target, WORKBOOK_OPTIONS)
    try:
        header = workbook.add_format({'bold': True})
        taken: set[str] = set()
        for table in report.tables:
            _write_table(workbook, table, header, taken, max_rows, report.problems)
        if not report.tables:
            workbook.add_worksheet(sheet_name(report.name, taken))
    finally:
        workbook.close()


def _new_sheet(workbook, table, header, taken):
    sheet = workbook.add_worksheet(sheet_name(table.name, taken))
    for column, title in enumerate(table.columns):
        sheet.set_column(column, column, max(MIN_WIDTH, min(MAX_WIDTH, len(title) + 2)))
        sheet.write_string(0, column, neutralise(title), header)
    sheet.freeze_panes(1, 0)
    return sheet


def _write_table(workbook, table, header, taken, max_rows, problems):
    """Write each cell with XlsxWriter's typed method (never the generic ``write``): the common cells (text that is
    not a formula, finite numbers, empty cells) take no call beyond XlsxWriter's own."""
    sheet = _new_sheet(workbook, table, header, taken)
    write_string, write_number, write_boolean = sheet.write_string, sheet.write_number, sheet.write_boolean
    triggers, finite = FORMULA_TRIGGERS, math.isfinite
    row_number = 0
    for number, row in enumerate(table.rows, start=1):
        row_number += 1
        if row_number == max_rows:
            sheet = _new_sheet(workbook, table, header, taken)
            write_string, write_number, write_boolean = sheet.write_string, sheet.write_number, sheet.write_boolean
            row_number = 1
        # XlsxWriter encodes a row only when it flushes it, far from here: check its text now (ASCII is fast).
        if not all(encodable(value) for value in row if value.__class__ is str and not value.isascii()):
            row = repaired_row(row)
            problems.add(REPAIRED.format(row=number, table=table.name))
        for column, value in enumerate(row):
            kind = value.__class__
            if kind is str:
                if value:
                    write_string(row_number, column, neutralise(value) if value[0] in triggers else value)
            elif (kind is int or kind is float) and finite(value):
                write_number(row_number, column, value)
            elif value is None or kind is int or kind is float:  # empty, or a number no cell can hold
                continue
            elif kind is bool:
                write_boolean(row_number, column, value)
            else:
                cell_kind, cell = xlsx_cell(value)
                if cell_kind == 'string':
                    write_string(row_number, column, cell)
                elif cell_kind == 'number':
                    write_number(row_number, column, cell)
                elif cell_kind == 'bool':
                    write_boolean(row_number, column, cell)
