"""CSV: one table per file, UTF-8 with a byte order mark, RFC 4180 quoting, written as it streams.

CSV holds a single table, so a multi-table report is written one table at a time (the caller picks which).
The byte order mark is on by default because evaluators open these files in Excel, which reads a CSV without it
in the machine's legacy code page and garbles accents ("Côte d'Ivoire"); Python reads it with
``encoding='utf-8-sig'``, pandas and LibreOffice skip it. ``bom=False`` leaves it out for tools that do not.
Rows are formatted into a small text buffer and handed over in chunks of encoded bytes, so the memory used is
that of one chunk whatever the number of rows. A chunk that cannot be encoded (a stored text holding a lone
surrogate) is written again row by row, the bad rows repaired and reported in ``problems``.
"""
import csv
import io
from collections.abc import Iterator
from itertools import batched

from cifal_core.exports.cells import REPAIRED, csv_row, encodable, neutralise, repaired_row
from cifal_core.exports.tables import Problems, Table

BOM = '\ufeff'
ROWS_PER_CHUNK = 2000


def iter_csv(table: Table, bom: bool = True, problems: Problems | None = None) -> Iterator[bytes]:
    """The CSV file of ``table`` as chunks of UTF-8 bytes (for a streaming HTTP response)."""
    problems = Problems() if problems is None else problems
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator='\r\n')
    if bom:
        buffer.write(BOM)
    writer.writerow([neutralise(column) for column in table.columns])
    first_row = 1
    for chunk in batched(table.rows, ROWS_PER_CHUNK):
        writer.writerows(map(csv_row, chunk))
        yield _encoded(buffer, chunk, first_row, table.name, problems, first_row == 1)
        first_row += len(chunk)
    if buffer.tell():  # the header of an empty table
        yield _encoded(buffer, (), first_row, table.name, problems, True)


def _encoded(buffer, rows, first_row, table_name, problems, with_header) -> bytes:
    """The buffer's text as UTF-8, emptied; rebuilt row by row (bad rows repaired) if it cannot be encoded."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    try:
        return text.encode('utf-8')
    except UnicodeEncodeError:
        pass
    header_end = text.index('\r\n') + 2 if with_header else 0  # the header and BOM came before the rows
    out = io.StringIO()
    out.write(text[:header_end])
    writer = csv.writer(out, lineterminator='\r\n')
    for number, row in enumerate(rows, start=first_row):
        line = io.StringIO()
        csv.writer(line, lineterminator='\r\n').writerow(csv_row(row))
        if encodable(line.getvalue()):
            out.write(line.getvalue())
        else:
            writer.writerow(csv_row(repaired_row(row)))
            problems.add(REPAIRED.format(row=number, table=table_name))
    return out.getvalue().encode('utf-8')


def write_csv(table: Table, stream, bom: bool = True, problems: Problems | None = None) -> None:
    """Write ``table`` as CSV to a binary stream (a file opened 'wb', ``sys.stdout.buffer``, a response)."""
    for chunk in iter_csv(table, bom=bom, problems=problems):
        stream.write(chunk)
