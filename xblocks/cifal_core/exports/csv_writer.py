"""CSV: one table per file, UTF-8 with a byte order mark, RFC 4180 quoting, written as it streams.

CSV holds a single table, so a multi-table report is written one table at a time (the caller picks which).
The byte order mark is on by default because evaluators open these files in Excel, which reads a CSV without it
in the machine's legacy code page and garbles accents ("Côte d'Ivoire"); Python reads it with
``encoding='utf-8-sig'``, pandas and LibreOffice skip it. ``bom=False`` leaves it out for tools that do not.
Rows are formatted into a small text buffer and handed over in chunks of encoded bytes, so the memory used is
that of one chunk whatever the number of rows.
"""
import csv
import io
from collections.abc import Iterator

from cifal_core.exports.cells import csv_row, neutralise
from cifal_core.exports.tables import Table

BOM = '\ufeff'
ROWS_PER_CHUNK = 2000


def iter_csv(table: Table, bom: bool = True) -> Iterator[bytes]:
    """The CSV file of ``table`` as chunks of UTF-8 bytes (for a streaming HTTP response)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator='\r\n')
    if bom:
        buffer.write(BOM)
    writer.writerow([neutralise(column) for column in table.columns])
    pending = 0
    for row in table.rows:
        writer.writerow(csv_row(row))
        pending += 1
        if pending == ROWS_PER_CHUNK:
            yield buffer.getvalue().encode('utf-8')
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    tail = buffer.getvalue()
    if tail:
        yield tail.encode('utf-8')


def write_csv(table: Table, stream, bom: bool = True) -> None:
    """Write ``table`` as CSV to a binary stream (a file opened 'wb', ``sys.stdout.buffer``, a response)."""
    for chunk in iter_csv(table, bom=bom):
        stream.write(chunk)
