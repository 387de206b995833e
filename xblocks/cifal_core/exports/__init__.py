"""Streaming exports of tabular reports: CSV, XLSX and JSON, with spreadsheet formulas neutralised.

Plain Python with no Django import, so the writers are unit-tested directly and any block or command can use
them. A report is a few named tables whose rows are iterables, typically generators fed by a database cursor:
the writers consume each row once and never hold a table in memory.

Modules: ``tables`` (``Table``, ``Report``), ``cells`` (what a value becomes in each format, formula
neutralisation), ``csv_writer``, ``xlsx_writer``, ``json_writer``.
"""
from cifal_core.exports.csv_writer import iter_csv, write_csv
from cifal_core.exports.json_writer import iter_json, write_json
from cifal_core.exports.tables import LazyRows, Report, Table
from cifal_core.exports.xlsx_writer import write_xlsx

FORMATS = ('csv', 'xlsx', 'json')
CONTENT_TYPES = {
    'csv': 'text/csv; charset=utf-8',
    'xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'json': 'application/json',
}

__all__ = ['CONTENT_TYPES', 'FORMATS', 'Report', 'Table', 'iter_csv', 'iter_json', 'LazyRows', 'write_csv',
           'write_json', 'write_xlsx']
