"""JSON: the whole report in one document, written incrementally.

``{"report": name, "meta": {...}, "tables": {name: {"columns": [...], "rows": [[...], ...]}}}``: the shape a
script loads with one ``json.load``. The document is produced piece by piece (one chunk per few thousand rows), so
a large export never exists as one Python object. Values are data, not spreadsheet cells: text is not prefixed,
numbers stay numbers, and both an empty value and an n/a statistic are ``null`` (the report's note columns say
why a statistic is n/a).
"""
import json
from collections.abc import Iterator

import orjson

from cifal_core.exports.cells import REPAIRED, plain_value, repaired_row
from cifal_core.exports.tables import Report

ROWS_PER_CHUNK = 2000
_AS_IS = frozenset({str, int, float, bool, type(None)})  # orjson writes them as plain_value would (NaN as null)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=plain_value)


def _row(row) -> bytes | None:
    """A row as JSON (orjson: ten times the standard library's speed), or None when it cannot be written as it is
    (text holding a lone surrogate, an integer beyond 64 bits)."""
    try:
        return orjson.dumps([value if value.__class__ in _AS_IS else plain_value(value) for value in row])
    except (orjson.JSONEncodeError, TypeError):
        return None


def iter_json(report: Report) -> Iterator[bytes]:
    """The JSON document of ``report`` as chunks of UTF-8 bytes."""
    yield (f'{{"report": {_dumps(report.name)}, "meta": {_dumps(report.meta)}, "tables": {{').encode()
    for index, table in enumerate(report.tables):
        head = ', ' if index else ''
        yield f'{head}{_dumps(table.name)}: {{"columns": {_dumps(list(table.columns))}, "rows": ['.encode()
        parts, separator = [], b'\n'
        for number, row in enumerate(table.rows, start=1):
            encoded = _row(row)
            if encoded is None:  # stored text no file can hold: repaired and reported (a big integer: as text)
                repaired = [plain_value(value) for value in repaired_row(row)]
                if repaired != [plain_value(value) for value in row]:
                    report.problems.add(REPAIRED.format(row=number, table=table.name))
                encoded = _dumps(repaired).encode('utf-8')
            parts.append(separator)
            parts.append(encoded)
            separator = b',\n'
            if len(parts) >= 2 * ROWS_PER_CHUNK:
                yield b''.join(parts)
                parts = []
        parts.append(b']}')
        yield b''.join(parts)
    yield b'}}\n'


def write_json(report: Report, stream) -> None:
    """Write ``report`` as JSON to a binary stream."""
    for chunk in iter_json(report):
        stream.write(chunk)
