"""JSON: the whole report in one document, written incrementally.

``{"report": name, "meta": {...}, "tables": {name: {"columns": [...], "rows": [[...], ...]}}}``: the shape a
script loads with one ``json.load``. The document is produced piece by piece (one chunk per few thousand rows), so
a large export never exists as one Python object. Values are data, not spreadsheet cells: text is not prefixed,
numbers stay numbers, and both an empty value and an n/a statistic are ``null`` (the report's note columns say
why a statistic is n/a).
"""
import json
from collections.abc import Iterator

from cifal_core.exports.cells import REPAIRED, encodable, plain_value, repaired_row
from cifal_core.exports.tables import Report

ROWS_PER_CHUNK = 2000


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=plain_value)


def iter_json(report: Report) -> Iterator[bytes]:
    """The JSON document of ``report`` as chunks of UTF-8 bytes."""
    yield (f'{{"report": {_dumps(report.name)}, "meta": {_dumps(report.meta)}, "tables": {{').encode()
    for index, table in enumerate(report.tables):
        head = ', ' if index else ''
        yield f'{head}{_dumps(table.name)}: {{"columns": {_dumps(list(table.columns))}, "rows": ['.encode()
        parts, first = [], True
        for number, row in enumerate(table.rows, start=1):
            part = ('\n' if first else ',\n') + _dumps([plain_value(value) for value in row])
            if not part.isascii() and not encodable(part):  # a lone surrogate in stored text: repair, report
                part = ('\n' if first else ',\n') + _dumps([plain_value(value) for value in repaired_row(row)])
                report.problems.add(REPAIRED.format(row=number, table=table.name))
            parts.append(part)
            first = False
            if len(parts) == ROWS_PER_CHUNK:
                yield ''.join(parts).encode('utf-8')
                parts = []
        parts.append(']}')
        yield ''.join(parts).encode('utf-8')
    yield b'}}\n'


def write_json(report: Report, stream) -> None:
    """Write ``report`` as JSON to a binary stream."""
    for chunk in iter_json(report):
        stream.write(chunk)
