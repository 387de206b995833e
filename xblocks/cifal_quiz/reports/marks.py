"""A recorded attempt's marks as the statistics take them, read fast and checked once per layout.

A quiz's attempts nearly all contain the same questions in the same order (a random draw makes a few layouts):
``MarkReader`` checks a layout (question ids are text, none twice) the first time it meets it, then reads each
attempt's marks with one list comprehension. A record whose stored scores are malformed raises here, before any
table has counted it, so that the report leaves it out and says so (``unless_malformed``).
"""
from dataclasses import dataclass


@dataclass(frozen=True, eq=False)
class Layout:
    """The questions an attempt of a content version contained, in its order, and the points each was worth. One
    object per (version, questions): ``MarkReader`` hands the same one back, so it is compared (and hashed) by
    identity, which costs nothing per record."""

    version: int
    question_ids: tuple[str, ...]
    possible: tuple[float, ...]


class MarkReader:
    """Reads records' marks; remembers the layouts it has checked."""

    def __init__(self):
        self._layouts: dict[tuple, Layout] = {}

    def read(self, record) -> tuple[Layout, list[float]]:
        """The record's layout and its mark on each question of it (0 when unanswered)."""
        scores = record.scores
        question_ids = tuple([score['id'] for score in scores])
        key = (record.content_version_id, question_ids)
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = _checked_layout(record.content_version_id, question_ids, scores)
        return layout, [float(score.get('earned') or 0.0) for score in scores]


def _checked_layout(version, question_ids, scores) -> Layout:
    if not all(isinstance(question_id, str) for question_id in question_ids):
        raise TypeError(f'a question id of {question_ids!r} is not text')
    if len(set(question_ids)) < len(question_ids):
        raise ValueError(f'a question is scored twice in {question_ids!r}')
    return Layout(version, question_ids, tuple(float(score.get('possible') or 0.0) for score in scores))


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
