"""The ``responses`` report: one row per learner, attempt and question, in words.

Evaluators re-analyse answers in their own tools, so every row stands alone: the question's prompt, the answer
and the answer key are plain text in the words of the content version the learner actually saw (a later edit of
the quiz does not rewrite history). The table is a generator over the database: nothing is read until a writer
asks for the first row, and memory stays that of one chunk of submissions whatever the number of rows.
"""
from collections.abc import Iterator
from itertools import batched

from cifal_core.exports.cells import iso_utc
from cifal_core.exports.tables import LazyRows, Problems, Report, Table
from cifal_quiz.reports.content import AVERAGE_NOTE, KEPT_NOTE, ContentCache, kept_attempt, quiz_filters
from cifal_results.api import UNKNOWN, IdentityResolver, records, unless_malformed

NAME = 'responses'
IDENTITY_COLUMNS = ('username', 'name', 'email')
COLUMNS = ('anonymous_id', 'course', 'block', 'quiz', 'role', 'attempt', 'question_id', 'prompt', 'answer',
           'correct_answer', 'points', 'max_points', 'status', 'submitted_at')
DEFAULT_ATTEMPTS = 'all'
IDENTITY_BATCH = 500


def columns(identified: bool) -> tuple[str, ...]:
    return (COLUMNS[0], *IDENTITY_COLUMNS, *COLUMNS[1:]) if identified else COLUMNS


def build(course=None, block=None, pair=None, attempts: str | None = None, identified: bool = False) -> Report:
    """The report, lazily: its rows are read when written."""
    filters = quiz_filters(course=course, block=block, pair=pair)
    attempts = attempts or DEFAULT_ATTEMPTS
    notes = [KEPT_NOTE, AVERAGE_NOTE] if attempts == 'kept' else []
    problems = Problems()
    table = Table(NAME, columns(identified), LazyRows(lambda: rows(filters, attempts, identified, problems)))
    meta = {'filters': filters.as_meta(), 'attempts': attempts, 'identified': identified, 'notes': notes}
    return Report(NAME, (table,), meta, problems)


def rows(filters, attempts: str, identified: bool, problems: Problems | None = None) -> Iterator[tuple]:
    """The table's rows; a record whose stored data is malformed is left out and reported in ``problems``."""
    problems = Problems() if problems is None else problems
    contents = ContentCache()
    resolver = IdentityResolver() if identified else None
    for chunk in batched(records(filters, attempts, keep=kept_attempt), IDENTITY_BATCH):
        identities = resolver.resolve(record.learner_id for record in chunk) if resolver else None
        for record in chunk:
            identity = identities.get(record.learner_id, UNKNOWN) if identities is not None else None
            yield from unless_malformed(problems, _record_rows, record, contents, identity) or ()


def _record_rows(record, contents: ContentCache, identity) -> list[tuple]:
    """The rows of one record, built whole (so that a malformed record yields none of them)."""
    return list(_each_row(record, contents, identity))


def _each_row(record, contents: ContentCache, identity) -> Iterator[tuple]:
    """The rows of one record: one per question it scored. Millions of rows: the answers in words come from the
    cache's memo directly when a single choice (a plain text) has been worded before."""
    version = record.content_version_id
    head = (record.learner_id or '',) if identity is None else (record.learner_id or '', *identity)
    shared = (*head, record.course_key, record.usage_key, contents.display_name(version), record.role,
              record.sequence)
    submitted_at = iso_utc(record.submitted_at)
    answer_of = (record.answers or {}).get
    texts, words, memo = contents.texts, contents.answer, contents.answers_memo
    for score in record.scores or ():
        question_id = score['id']
        text = texts(version, question_id)
        answer = answer_of(question_id)
        worded = memo.get((version, question_id, answer)) if answer.__class__ is str else None
        yield (*shared, question_id, text.prompt, words(version, question_id, answer) if worded is None else worded,
               text.correct_answer, score.get('earned'), score.get('possible'), score.get('status', ''), submitted_at)
