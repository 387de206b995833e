"""A compact store of counted attempts' marks, handed to ``cifal_core.statistics`` as ``AttemptMarks``.

The statistics take one ``AttemptMarks`` per attempt with a dict of marks and a dict of chosen choices. For
100,000 attempts of a 20-question quiz, those dicts (with the JSON-decoded floats and strings in them) would take
a few hundred megabytes. Here marks are stored by question in ``array('d')`` columns (NaN = the attempt did not
contain the question) and choices as small integer codes into a table of distinct picks; each attempt is a
read-only ``Mapping`` view of its row, so the statistics run unchanged on a tenth of the memory.
"""
import math
from array import array
from collections.abc import Iterable, Iterator, Mapping

from cifal_core.statistics.items import AttemptMarks

_ABSENT = math.nan
_NO_PICK = -1


def recorded_marks(record) -> tuple[float, list[tuple[str, float, float]]]:
    """A record's total and (question id, earned, possible) per question, checked before any store takes them, so
    that a record whose stored JSON is malformed raises here (and is left out) rather than half-way in a store."""
    total = float(record.earned or 0.0)
    marks = []
    for score in record.scores or ():
        question_id = score['id']
        if not isinstance(question_id, str):
            raise TypeError(f'question id {question_id!r} is not text')
        marks.append((question_id, float(score.get('earned') or 0.0), float(score.get('possible') or 0.0)))
    return total, marks


class MarkColumns:
    """Marks, totals and picks of a growing list of attempts, column by question."""

    def __init__(self):
        self.question_ids: list[str] = []
        self._column_of: dict[str, int] = {}
        self._marks: list[array] = []
        self._picks: dict[str, array] = {}
        self._pick_values: list[tuple] = []
        self._pick_codes: dict[tuple, int] = {}
        self.totals = array('d')

    def __len__(self) -> int:
        return len(self.totals)

    def add(self, total: float, marks: Iterable[tuple[str, float]], picks: Mapping[str, tuple] = None) -> int:
        """Append an attempt: its total, (question id, mark) pairs, {question id: chosen choice ids}; its row."""
        row = len(self.totals)
        self.totals.append(float(total or 0.0))
        for column in self._marks:
            column.append(_ABSENT)
        for question_id, mark in marks:
            self._marks[self._column(question_id)][row] = float(mark or 0.0)
        for codes in self._picks.values():
            codes.append(_NO_PICK)
        for question_id, chosen in (picks or {}).items():
            codes = self._picks.get(question_id)
            if codes is None:
                codes = self._picks[question_id] = array('i', [_NO_PICK]) * (row + 1)
            codes[row] = self._pick_code(tuple(chosen))
        return row

    def _column(self, question_id: str) -> int:
        column = self._column_of.get(question_id)
        if column is None:
            column = self._column_of[question_id] = len(self._marks)
            self.question_ids.append(question_id)
            self._marks.append(array('d', [_ABSENT]) * len(self.totals))
        return column

    def _pick_code(self, chosen: tuple) -> int:
        code = self._pick_codes.get(chosen)
        if code is None:
            code = self._pick_codes[chosen] = len(self._pick_values)
            self._pick_values.append(chosen)
        return code

    def mark(self, row: int, question_id: str) -> float | None:
        column = self._column_of.get(question_id)
        if column is None:
            return None
        value = self._marks[column][row]
        return None if value != value else value  # NaN: not in this attempt

    def picks(self, row: int, question_id: str) -> tuple | None:
        codes = self._picks.get(question_id)
        if codes is None or codes[row] == _NO_PICK:
            return None
        return self._pick_values[codes[row]]

    def row_marks(self, row: int) -> 'RowMarks':
        return RowMarks(self, row)

    def attempts(self, rows: Iterable[int] | None = None) -> list[AttemptMarks]:
        """``AttemptMarks`` for the given rows (default all), backed by this store."""
        rows = range(len(self)) if rows is None else rows
        return [AttemptMarks(self.totals[row], RowMarks(self, row), RowPicks(self, row)) for row in rows]


class RowMarks(Mapping):
    """{question id: mark} of one attempt, over the questions it contained."""

    __slots__ = ('_row', '_store')

    def __init__(self, store: MarkColumns, row: int):
        self._store, self._row = store, row

    def __getitem__(self, question_id):
        value = self._store.mark(self._row, question_id)
        if value is None:
            raise KeyError(question_id)
        return value

    def __contains__(self, question_id):
        return self._store.mark(self._row, question_id) is not None

    def __iter__(self) -> Iterator[str]:
        store, row = self._store, self._row
        return (question_id for question_id in store.question_ids if store.mark(row, question_id) is not None)

    def __len__(self):
        return sum(1 for _ in self)


class RowPicks(Mapping):
    """{question id: chosen choice ids} of one attempt, for its choice questions."""

    __slots__ = ('_row', '_store')

    def __init__(self, store: MarkColumns, row: int):
        self._store, self._row = store, row

    def __getitem__(self, question_id):
        value = self._store.picks(self._row, question_id)
        if value is None:
            raise KeyError(question_id)
        return value

    def __iter__(self) -> Iterator[str]:
        return (qid for qid in self._store._picks if self._store.picks(self._row, qid) is not None)

    def __len__(self):
        return sum(1 for _ in self)
