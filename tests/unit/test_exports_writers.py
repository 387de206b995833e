"""CSV, XLSX and JSON written from generators, then parsed back with csv, openpyxl and json."""
import csv
import io
import json

import openpyxl
import pytest

from cifal_core.exports import LazyRows, Report, Table, iter_csv, write_csv, write_json, write_xlsx
from cifal_core.exports.tables import Problems
from cifal_core.exports.xlsx_writer import sheet_name
from cifal_core.statistics.values import Stat, not_available

HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3', '\t=1+1']
COLUMNS = ('learner', 'answer', 'points', 'flag', 'stat', 'empty')
ROWS = [
    ('côte-d’ivoire', 'Réponse « juste »', 1.5, True, Stat(0.25, 4), None),
    ('b', 'line\nbreak, "quoted"', -2, False, not_available(1, 'too few'), None),
    *[(f'h{index}', text, 0, False, None, None) for index, text in enumerate(HOSTILE)],
]


def table(rows=None, name='responses'):
    consumed = []

    def generate():
        for row in ROWS if rows is None else rows:
            consumed.append(row)
            yield row

    return Table(name, COLUMNS, generate()), consumed


def csv_back(data: bytes):
    return list(csv.reader(io.StringIO(data.decode('utf-8-sig'), newline='')))


def test_csv_round_trip_with_bom_accents_quoting_and_neutralised_formulas():
    stream = io.BytesIO()
    write_csv(table()[0], stream)
    data = stream.getvalue()
    assert data.startswith(b'\xef\xbb\xbf')
    header, first, second, *hostile = csv_back(data)
    assert tuple(header) == COLUMNS
    assert first == ['côte-d’ivoire', 'Réponse « juste »', '1.5', 'TRUE', '0.25', '']
    assert second == ['b', 'line\nbreak, "quoted"', '-2', 'FALSE', 'n/a', '']
    assert [row[1] for row in hostile] == ["'" + text for text in HOSTILE]


def test_csv_without_bom_and_in_chunks():
    chunks = list(iter_csv(Table('t', ('n',), ((number,) for number in range(5000))), bom=False))
    assert len(chunks) > 1 and not chunks[0].startswith(b'\xef\xbb\xbf')
    assert csv_back(b''.join(chunks))[-1] == ['4999']


def test_csv_rows_are_consumed_as_they_are_written():
    seen = []
    rows = Table('t', ('n',), ((seen.append(number), (number,))[1] for number in range(10_000)))
    chunks = iter_csv(rows)
    next(chunks)
    assert len(seen) < 10_000  # the first chunk went out before the generator was exhausted


def test_xlsx_round_trip_one_sheet_per_table_bold_frozen_header_typed_cells():
    responses, _ = table()
    other = Table('a very long table name that Excel would refuse [x]', ('k', 'v'), iter([('k', 1)]))
    stream = io.BytesIO()
    write_xlsx(Report('responses', (responses, other)), stream)
    book = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))
    assert book.sheetnames == ['responses', 'a very long table name that Exc']
    sheet = book['responses']
    assert sheet.freeze_panes == 'A2'
    assert all(cell.font.b for cell in sheet[1])
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert tuple(rows[0]) == COLUMNS
    assert rows[1] == ['côte-d’ivoire', 'Réponse « juste »', 1.5, True, 0.25, None]
    assert rows[2] == ['b', 'line\nbreak, "quoted"', -2, False, 'n/a', None]
    assert sheet.cell(3, 3).data_type == 'n'
    for index, text in enumerate(HOSTILE):
        cell = sheet.cell(4 + index, 2)
        assert (cell.value, cell.data_type) == ("'" + text, 's')


def test_xlsx_continues_a_table_longer_than_a_sheet_on_another_sheet():
    stream = io.BytesIO()
    rows = Table('long', ('n',), ((number,) for number in range(7)))
    write_xlsx(Report('r', (rows,)), stream, max_rows=4)
    book = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))
    assert book.sheetnames == ['long', 'long (2)', 'long (3)']
    values = [[cell.value for cell in row] for name in book.sheetnames for row in book[name].iter_rows()]
    assert values == [['n'], [0], [1], [2], ['n'], [3], [4], [5], ['n'], [6]]


def test_sheet_names_are_valid_and_unique():
    taken = set()
    assert sheet_name('a/b:c', taken) == 'a_b_c'
    assert sheet_name('A/B:C', taken) == 'A_B_C (2)'
    assert len(sheet_name('x' * 40, taken)) == 31
    assert sheet_name("'", taken) == 'Sheet'


def test_json_round_trip_of_every_table_with_meta():
    responses, _ = table()
    report = Report('responses', (responses, Table('empty', ('a',), iter(()))), {'attempts': 'all'})
    stream = io.BytesIO()
    write_json(report, stream)
    document = json.loads(stream.getvalue())
    assert document['report'] == 'responses' and document['meta'] == {'attempts': 'all'}
    assert document['tables']['empty'] == {'columns': ['a'], 'rows': []}
    rows = document['tables']['responses']['rows']
    assert document['tables']['responses']['columns'] == list(COLUMNS)
    assert rows[0] == ['côte-d’ivoire', 'Réponse « juste »', 1.5, True, 0.25, None]
    assert rows[1][4] is None  # n/a is null in JSON
    assert [row[1] for row in rows[2:]] == HOSTILE  # data, not a spreadsheet: kept as typed


def test_json_of_many_rows_is_valid():
    stream = io.BytesIO()
    write_json(Report('r', (Table('t', ('n',), ((n,) for n in range(5001))),)), stream)
    assert len(json.loads(stream.getvalue())['tables']['t']['rows']) == 5001


def test_lazy_rows_run_nothing_until_iterated():
    calls = []
    rows = LazyRows(lambda: calls.append(1) or [(1,)])
    report = Report('r', (Table('t', ('n',), rows),))
    assert calls == []
    assert list(report.table('t').rows) == [(1,)] and calls == [1]
    with pytest.raises(KeyError, match='tables: t'):
        report.table('nope')


# --- one stored row that no file can hold never stops an export ------------------------------------------------

UNENCODABLE = [(f'l{index}', 'fine', index, False, None, None) for index in range(4999)]
UNENCODABLE.insert(2345, ('bad', 'caf\ud800 au lait', 7, False, None, None))  # stored before input was checked


def test_csv_repairs_a_row_with_a_lone_surrogate_reports_it_and_writes_every_other_row():
    problems = Problems()
    stream = io.BytesIO()
    write_csv(table(UNENCODABLE)[0], stream, problems=problems)

    rows = csv_back(stream.getvalue())
    assert len(rows) == 1 + 5000
    assert rows[2346] == ['bad', 'caf\ufffd au lait', '7', 'FALSE', '', '']
    assert rows[1][0] == 'l0' and rows[-1][0] == 'l4998'
    assert problems.count == 1 and 'row 2346 of table responses' in problems.messages[0]


def test_json_repairs_the_row_and_reports_it():
    report = Report('responses', (table(UNENCODABLE)[0],))
    stream = io.BytesIO()
    write_json(report, stream)

    rows = json.loads(stream.getvalue())['tables']['responses']['rows']
    assert len(rows) == 5000 and rows[2345][1] == 'caf\ufffd au lait'
    assert report.problems.count == 1


def test_xlsx_repairs_the_row_and_reports_it(tmp_path):
    report = Report('responses', (table(UNENCODABLE[:3000])[0],))
    write_xlsx(report, tmp_path / 'out.xlsx')

    sheet = openpyxl.load_workbook(tmp_path / 'out.xlsx', read_only=True).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert len(values) == 3001 and values[2346][1] == 'caf\ufffd au lait'
    assert report.problems.count == 1
