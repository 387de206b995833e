"""
What the blocks call: to record submissions, to read a learner's own back, and to report. The only module of this
app that blocks (and their report modules) import; it needs Django's apps to be ready (``cifal_core.blocks.store``
imports it when the app is installed).

Recording takes the submission's ``kind`` (``quiz_attempt``...) and is one atomic insert: the content version is
stored once (get-or-create on its digest) and the submission row is inserted under the constraints that make a
duplicate attempt, or one beyond the block's limit, impossible. The store is the truth about a learner's attempts
(ADR 8): ``learner_attempts`` reads them, with the series they belong to, and the block's user state only mirrors
them. Reports are registered per kind by the blocks (``cifal_results.reports.registry``) and read records through
``Filters``, ``records`` and ``ContentVersions``.
"""
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce

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
    ContentVersions,
    Filters,
    Record,
    anonymous_records,
    blocks_with_responses,
    count_anonymous,
    count_learners,
    count_submissions,
    latest,
    newest_version,
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
    'Progress', 'UNKNOWN', 'ContentVersions', 'Filters', 'IdentityResolver', 'Record', 'ReportError', 'ReportSpec',
    'anonymous_records', 'blocks_with_responses', 'build_report', 'count_anonymous', 'count_learners',
    'count_submissions', 'filename', 'latest', 'log_problems', 'metered', 'newest_version', 'pairs', 'records',
    'records_to_read', 'reports', 'results_setting', 'unless_malformed', 'write_report',
]


@dataclass(frozen=True)
class NewSubmission:
    """Everything a submission record holds (see ``Submission``); ``kind`` says which block's it is."""

    kind: str
    course_key: str
    usage_key: str
    block_type: str
    display_name: str
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
    """The stored version of this content, created on first use."""
    version, _ = ContentVersion.objects.get_or_create(
        usage_key=usage_key, digest=content_digest(definition),
        defaults={'block_type': block_type, 'display_name': display_name[:255], 'definition': definition},
    )
    return version


def learner_attempts(kind, usage_key, learner_id) -> LearnerRecords:
    """The learner's current series and its submissions of ``kind``, in one query (the series in a subquery)."""
    current = LearnerSeries.objects.filter(usage_key=usage_key, learner_id=learner_id)
    current_number = Coalesce(Subquery(current.values('number')[:1]), Value(1))
    rows = (Submission.objects.filter(usage_key=usage_key, learner_id=learner_id, kind=kind)
            .annotate(current_number=current_number)
            .values_list('current_number', 'series', 'sequence', 'answers', 'scores', 'context', 'earned',
                         'possible', 'submitted_at')
            .order_by('sequence'))
    series, attempts = None, []
    for number, row_series, *fields in rows:
        series = series_name(number)
        if row_series == series:
            attempts.append(StoredAttempt(*fields))
    if series is None:  # no records at all: the series still matters (a reset before any attempt)
        series = series_name(next(iter(current.values_list('number', flat=True)), 1))
    return LearnerRecords(series=series, attempts=tuple(attempts))


def start_new_series(usage_key, learner_id) -> str:
    """Start afresh for a learner whose state an instructor deleted; their earlier records stay as they are."""
    with transaction.atomic():
        row, created = LearnerSeries.objects.select_for_update().get_or_create(
            usage_key=usage_key, learner_id=learner_id, defaults={'number': 2})
        if not created:
            row.number += 1
            row.save(update_fields=['number', 'started_at'])
    return row.series


def record(attempt: NewSubmission):
    """Insert the submission once; raise DuplicateAttempt if this attempt of this series is already there, and
    AttemptLimitReached if its sequence is beyond the block's limit."""
    if attempt.kind not in Submission.KIND_NAMES:
        raise ValueError(f'unknown kind of submission {attempt.kind!r}')
    version = content_version(attempt.usage_key, attempt.block_type, attempt.display_name, attempt.definition)
    try:
        with transaction.atomic():
            return Submission.objects.create(
                kind=attempt.kind, course_key=attempt.course_key, usage_key=attempt.usage_key,
                block_type=attempt.block_type, content_version=version, learner_id=attempt.learner_id,
                series=attempt.series, sequence=attempt.sequence, role=attempt.role, pair=attempt.pair,
                answers=attempt.answers, scores=attempt.scores, context=attempt.context, earned=attempt.earned,
                possible=attempt.possible, submitted_at=attempt.submitted_at, attempt_limit=attempt.attempt_limit,
            )
    except IntegrityError:
        existing = Submission.objects.filter(
            usage_key=attempt.usage_key, learner_id=attempt.learner_id, series=attempt.series,
            sequence=attempt.sequence,
        ).first()
        if existing is not None:
            raise DuplicateAttempt(existing) from None
        if attempt.attempt_limit and attempt.sequence > attempt.attempt_limit:
            raise AttemptLimitReached(f'attempt {attempt.sequence} is beyond the limit of {attempt.attempt_limit}') \
                from None
        raise


def record_anonymous_response(*, course_key, usage_key, block_type, display_name, definition, learner_id, response,
                              day):
    """Record an anonymous questionnaire's response and, apart, the learner's receipt, in one transaction (ADR 10):
    the response carries no learner and only the ``day``; the receipt carries no answers and nothing that points to
    the response. Raises ``AlreadyAnswered`` if the learner has a receipt (the database's unique key decides,
    whatever the order of simultaneous requests). Returns nothing: not even the caller may find the response."""
    version = content_version(usage_key, block_type, display_name, definition)
    try:
        with transaction.atomic():
            ResponseReceipt.objects.create(usage_key=usage_key, learner_id=learner_id)
            AnonymousResponse.objects.create(course_key=course_key, usage_key=usage_key, block_type=block_type,
                                             content_version=version, answers=response, submitted_on=day)
    except IntegrityError:
        if has_receipt(usage_key, learner_id):
            raise AlreadyAnswered(f'{learner_id} has already answered {usage_key}') from None
        raise


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
    """Keep where the learner is in a scenario now (one row per learner and block, rewritten at each move)."""
    ScenarioProgress.objects.update_or_create(
        usage_key=usage_key, learner_id=learner_id,
        defaults={'course_key': course_key, 'run': run, 'node': node[:255], 'steps': steps, 'finished': finished})


def progress(usage_key) -> list[Progress]:
    """Where every learner who started a scenario is now, in no particular order of learners."""
    return [Progress(*row) for row in ScenarioProgress.objects.filter(usage_key=usage_key).order_by('id')
            .values_list('learner_id', 'run', 'node', 'steps', 'finished')]
