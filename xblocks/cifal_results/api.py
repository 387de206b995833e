"""
What the blocks call to record submissions. The only module of this app that blocks import.

Recording is one atomic insert: the content version is stored once (get-or-create on its digest) and the
submission row is inserted under the unique constraint that makes a duplicate attempt impossible.
"""
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import IntegrityError, transaction

from cifal_results.exceptions import DuplicateAttempt
from cifal_results.models import ContentVersion, Submission

__all__ = ['DuplicateAttempt', 'QuizAttempt', 'is_installed', 'new_series', 'record_quiz_attempt']


@dataclass(frozen=True)
class QuizAttempt:
    """Everything a quiz attempt record holds (see ``Submission``)."""

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


def new_series(usage_key, learner_id):
    """A series name for a learner whose state has none yet: the same for requests that raced on that state."""
    existing = Submission.objects.filter(usage_key=usage_key, learner_id=learner_id).values('series').distinct()
    return f's{existing.count() + 1}'


def record_quiz_attempt(attempt: QuizAttempt):
    """Insert the attempt once; raise DuplicateAttempt if this attempt of this series is already there."""
    version = content_version(attempt.usage_key, attempt.block_type, attempt.display_name, attempt.definition)
    try:
        with transaction.atomic():
            return Submission.objects.create(
                kind=Submission.QUIZ_ATTEMPT, course_key=attempt.course_key, usage_key=attempt.usage_key,
                block_type=attempt.block_type, content_version=version, learner_id=attempt.learner_id,
                series=attempt.series, sequence=attempt.sequence, role=attempt.role, pair=attempt.pair,
                answers=attempt.answers, scores=attempt.scores, context=attempt.context, earned=attempt.earned,
                possible=attempt.possible, submitted_at=attempt.submitted_at,
            )
    except IntegrityError:
        existing = Submission.objects.filter(
            usage_key=attempt.usage_key, learner_id=attempt.learner_id, series=attempt.series,
            sequence=attempt.sequence,
        ).first()
        if existing is None:
            raise
        raise DuplicateAttempt(existing) from None
