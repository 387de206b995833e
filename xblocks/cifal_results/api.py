"""
What the blocks call: to record submissions, to read a learner's own back, and to report. The only module of this
app that blocks (and their report modules) import; it needs Django's apps to be ready (``cifal_core.blocks.store``
imports it when the app is installed).

Recording takes the submission's ``kind`` (``quiz_attempt``...) and is one atomic insert: the content version is
stored once (per digest), found by the insert itself (a subquery: no query of its own) and created only when the
insert finds none, and the submission row is inserted under the constraints that make a duplicate attempt, or one
beyond the block's limit, impossible. The store is the truth about a learner's attempts
(ADR 8): ``learner_attempts`` reads them, with the series they belong to, and the block's user state only mirrors
them. Reports are registered per kind by the blocks (``cifal_results.reports.registry``) and read records through
``Filters``, ``records`` and ``ContentVersions``. Reports too large to build inside a request are prepared by the
platform's Celery workers (``start_report_task``, ``report_tasks``, ``open_report_file``: ``report_tasks``).
"""
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, FloatField, JSONField, Subquery, Value
from django.utils import timezone

from cifal_results.conf import results_setting
from cifal_results.exceptions import AlreadyAnswered, AttemptLimitReached, DuplicateAttempt
from cifal_results.identities import UNKNOWN, IdentityResolver
from cifal_results.models import (
    AnonymousResponse,
    ContentVersion,
    LearnerSeries,
    ResponseReceipt,
    ScenarioProgress,
    Submission,
    series_name,
)
from cifal_results.report_tasks import (
    ReportFileMissing,
    ReportFileNotReady,
    ReportTaskNotFound,
    TaskStatus,
    open_report_file,
    report_task,
    report_tasks,
    start_report_task,
)
from cifal_results.reports.progress import metered
from cifal_results.reports.registry import (
    ReportError,
    ReportSpec,
    build_report,
    filename,
    log_problems,
    records_to_read,
    reports,
    write_report,
)
from cifal_results.reports.source import (
    MALFORMED,
    ContentVersions,
    Filters,
    Record,
    anonymous_records,
    blocks,
    blocks_with_responses,
    count_anonymous,
    count_learners,
    count_submissions,
    latest,
    newest_version,
    pair_blocks,
    paired_records,
    pairs,
    records,
    unless_malformed,
)

__all__ = [
    # recording and reading back
    'AlreadyAnswered', 'AttemptLimitReached', 'DuplicateAttempt', 'LearnerRecords', 'NewSubmission', 'StoredAttempt',
    'has_receipt', 'is_installed', 'learner_attempts', 'note_progress', 'progress', 'record',
    'record_anonymous_response', 'start_new_series',
    # reporting
    'MALFORMED', 'Progress', 'UNKNOWN', 'ContentVersions', 'Filters', 'IdentityResolver', 'Record', 'ReportError',
    'ReportSpec', 'anonymous_records', 'blocks', 'blocks_with_responses', 'build_report', 'count_anonymous',
    'count_learners', 'count_submissions', 'filename', 'latest', 'log_problems', 'metered',
    'newest_version', 'pair_blocks', 'paired_records', 'pairs', 'records', 'records_to_read', 'reports',
    'results_setting', 'unless_malformed', 'write_report',
    # reports prepared by the platform's workers (ADR 16)
    'ReportFileMissing', 'ReportFileNotReady', 'ReportTaskNotFound', 'TaskStatus', 'open_report_file',
    'report_task', 'report_tasks', 'start_report_task',
]


@dataclass(frozen=True)
class NewSubmission:
    """Everything a submission record holds (see ``Submission``); ``kind`` says which block's it is."""

    kind: str
    course_key: str
    usage_key: str
    block_type: str
    display_name: str | Callable[[], str]  # or what gives it: read only for content not stored yet
    definition: dict
    learner_id: str | None
    series: str
    sequence: int
    role: str
    pair: str
    answers: dict
    scores: list
    context: dict
    earned: float
    possible: float
    submitted_at: datetime
    attempt_limit: int = 0


@dataclass(frozen=True)
class StoredAttempt:
    """One recorded attempt as the block needs it back."""

    sequence: int
    answers: dict
    scores: list
    context: dict
    earned: float
    possible: float
    submitted_at: datetime


@dataclass(frozen=True)
class LearnerRecords:
    """A learner's current series of records for one block, oldest attempt first."""

    series: str
    attempts: tuple[StoredAttempt, ...]


def is_installed():
    """The blocks still work (on user state alone) in a runtime where this app is not installed."""
    return apps.is_installed('cifal_results')


def content_digest(definition):
    canonical = json.dumps(definition, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
    return hashlib.sha256(canonical.encode('utf-8')).hexdigest()


def content_version(usage_key, block_type, display_name, definition):
    """The stored version of this content, created on first use. ``display_name``: the text, or what gives it."""
    version, _ = ContentVersion.objects.get_or_create(
        usage_key=usage_key, digest=content_digest(definition),
        defaults={'block_type': block_type, 'display_name': _text(display_name)[:255], 'definition': definition},
    )
    return version


def _text(value):
    return value() if callable(value) else value


def _inserted(insert, refused, usage_key, block_type, display_name, definition):
    """``insert(version)`` in a transaction, ``version`` naming the stored version of ``definition``: a subquery of
    the insert itself, which finds it with no query of its own. When the insert is refused for another reason than
    those ``refused()`` raises (a duplicate, a limit: it returns otherwise), the version may be missing (NULL, which
    the insert refuses: the content's first record, or a simultaneous one that stored it since): it is found or
    stored, and the insert made again with its id (refused again, it raises)."""
    stored = ContentVersion.objects.filter(usage_key=usage_key, digest=content_digest(definition))
    try:
        with transaction.atomic():
            return insert(Subquery(stored.values('pk')[:1]))
    except IntegrityError:
        refused()
    version = content_version(usage_key, block_type, display_name, definition)
    try:
        with transaction.atomic():
            return insert(version.pk)
    except IntegrityError:
        refused()
        raise


_SERIES_ROW = '#series'  # marks the row of the union below that carries the learner's series, not a submission


def learner_attempts(kind, usage_key, learner_id) -> LearnerRecords:
    """The learner's current series and its submissions of ``kind``, in one query: the submissions, and with them
    (``UNION ALL``) the learner's ``LearnerSeries`` row if there is one (none: the first series)."""
    records = (Submission.objects.filter(usage_key=usage_key, learner_id=learner_id, kind=kind)
               .values_list('series', 'sequence', 'answers', 'scores', 'context', 'earned', 'possible',
                            'submitted_at').order_by())
    nothing = {name: Value(None, output_field=field) for name, field in (
        ('answers', JSONField()), ('scores', JSONField()), ('context', JSONField()), ('earned', FloatField()),
        ('possible', FloatField()), ('submitted_at', DateTimeField()))}
    series_row = (LearnerSeries.objects.filter(usage_key=usage_key, learner_id=learner_id)
                  .annotate(marker=Value(_SERIES_ROW), **{f'no_{name}': value for name, value in nothing.items()})
                  .values_list('marker', 'number', *(f'no_{name}' for name in nothing)).order_by())
    number, rows = 1, []
    for row_series, sequence, *fields in records.union(series_row, all=True):
        if row_series == _SERIES_ROW:
            number = sequence
        else:
            rows.append((row_series, sequence, fields))
    series = series_name(number)
    attempts = [StoredAttempt(sequence, *fields) for row_series, sequence, fields in sorted(rows, key=_by_sequence)
                if row_series == series]
    return LearnerRecords(series=series, attempts=tuple(attempts))


def _by_sequence(row):
    return row[1] or 0


def start_new_series(usage_key, learner_id) -> str:
    """Start afresh for a learner whose state an instructor deleted; their earlier records stay as they are."""
    with transaction.atomic():
        row, created = LearnerSeries.objects.select_for_update().get_or_create(
            usage_key=usage_key, learner_id=learner_id, defaults={'number': 2})
        if not created:
            row.number += 1
            row.save(update_fields=['number', 'started_at'])
    return row.series


def record(attempt: NewSubmission) -> None:
    """Insert the submission once; raise DuplicateAttempt if this attempt of this series is already there, and
    AttemptLimitReached if its sequence is beyond the block's limit."""
    if attempt.kind not in Submission.KIND_NAMES:
        raise ValueError(f'unknown kind of submission {attempt.kind!r}')

    def insert(version):
        Submission.objects.create(
            kind=attempt.kind, course_key=attempt.course_key, usage_key=attempt.usage_key,
            block_type=attempt.block_type, content_version_id=version, learner_id=attempt.learner_id,
            series=attempt.series, sequence=attempt.sequence, role=attempt.role, pair=attempt.pair,
            answers=attempt.answers, scores=attempt.scores, context=attempt.context, earned=attempt.earned,
            possible=attempt.possible, submitted_at=attempt.submitted_at, attempt_limit=attempt.attempt_limit,
        )

    def refused():
        existing = Submission.objects.filter(
            usage_key=attempt.usage_key, learner_id=attempt.learner_id, series=attempt.series,
            sequence=attempt.sequence,
        ).first()
        if existing is not None:
            raise DuplicateAttempt(existing) from None
        if attempt.attempt_limit and attempt.sequence > attempt.attempt_limit:
            raise AttemptLimitReached(f'attempt {attempt.sequence} is beyond the limit of {attempt.attempt_limit}') \
                from None

    _inserted(insert, refused, attempt.usage_key, attempt.block_type, attempt.display_name, attempt.definition)


def record_anonymous_response(*, course_key, usage_key, block_type, display_name, definition, learner_id, response,
                              day):
    """Record an anonymous questionnaire's response and, apart, the learner's receipt, in one transaction (ADR 10):
    the response carries no learner and only the ``day``; the receipt carries no answers and nothing that points to
    the response. Raises ``AlreadyAnswered`` if the learner has a receipt (the database's unique key decides,
    whatever the order of simultaneous requests). Returns nothing: not even the caller may find the response.
    ``display_name``: the text, or what gives it (read only for content not stored yet)."""
    def insert(version):
        ResponseReceipt.objects.create(usage_key=usage_key, learner_id=learner_id)
        AnonymousResponse.objects.create(course_key=course_key, usage_key=usage_key, block_type=block_type,
                                         content_version_id=version, answers=response, submitted_on=day)

    def refused():
        if has_receipt(usage_key, learner_id):
            raise AlreadyAnswered(f'{learner_id} has already answered {usage_key}') from None

    _inserted(insert, refused, usage_key, block_type, display_name, definition)


def has_receipt(usage_key, learner_id) -> bool:
    """Whether the learner has answered this anonymous questionnaire."""
    return ResponseReceipt.objects.filter(usage_key=usage_key, learner_id=learner_id).exists()


@dataclass(frozen=True)
class Progress:
    """Where one learner is in a scenario (``ScenarioProgress``)."""

    learner_id: str
    run: int
    node: str
    steps: int
    finished: bool


def note_progress(*, course_key, usage_key, learner_id, run, node, steps, finished):
    """Keep where the learner is in a scenario now (one row per learner and block, rewritten at each move): one
    ``UPDATE`` once the row exists; the learner's first move inserts it (a simultaneous one that inserted it first
    is then updated over, the last move applied winning as with any other move)."""
    values = {'course_key': course_key, 'run': run, 'node': node[:255], 'steps': steps, 'finished': finished}
    rows = ScenarioProgress.objects.filter(usage_key=usage_key, learner_id=learner_id)
    if rows.update(**values, updated_at=timezone.now()):
        return
    try:
        with transaction.atomic():
            ScenarioProgress.objects.create(usage_key=usage_key, learner_id=learner_id, **values)
    except IntegrityError:
        rows.update(**values, updated_at=timezone.now())


def progress(usage_key) -> list[Progress]:
    """Where every learner who started a scenario is now, in no particular order of learners."""
    return [Progress(*row) for row in ScenarioProgress.objects.filter(usage_key=usage_key).order_by('id')
            .values_list('learner_id', 'run', 'node', 'steps', 'finished')]
