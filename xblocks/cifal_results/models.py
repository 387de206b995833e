"""
The results store: append-only records of what learners submitted, with the content they saw.

One table of submissions serves every block: a quiz attempt today, a questionnaire response (which may carry no
learner id at all) and an interactive module's path next. ``kind`` says which; the kind-specific data sit in JSON.
Answers are reported in the words of the content version the learner actually saw (``ContentVersion``), so exports
need neither the modulestore nor the current version of the block.
"""
import uuid

from django.db import models


class AppendOnlyError(Exception):
    """Raised on an attempt to change or delete a recorded submission through the model."""


class ContentVersion(models.Model):
    """One version of a block's authored content, stored once, referenced by every submission made on it."""

    usage_key = models.CharField(max_length=255)
    block_type = models.CharField(max_length=64)
    digest = models.CharField(max_length=64, help_text='SHA-256 of the canonical JSON of the definition.')
    display_name = models.CharField(max_length=255, blank=True, default='')
    definition = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=['usage_key', 'digest'], name='cifal_one_row_per_version')]

    def __str__(self):
        return f'{self.usage_key} @ {self.digest[:8]}'


class Submission(models.Model):
    """
    One submission, recorded once and never changed.

    ``series`` and ``sequence`` make the database refuse a second record of the same attempt: ``sequence`` is the
    attempt number (one more than the attempts already recorded in the series), ``series`` the learner's current
    ``LearnerSeries`` (an instructor who deletes a learner's state starts a new one). Two simultaneous requests
    compute the same sequence and collide on the unique constraint, so a retried or doubled request is recorded
    once; ``attempt_limit`` (the quiz's ``max_attempts`` then, 0 = unlimited) makes the database refuse a sequence
    beyond it (ADR 8). Anonymous responses have no learner id; NULLs never collide.
    """

    QUIZ_ATTEMPT = 'quiz_attempt'
    QUESTIONNAIRE_RESPONSE = 'questionnaire_response'  # a named (not anonymous) questionnaire's response
    SCENARIO_RUN = 'scenario_run'  # a scenario run, finished or given up by starting again
    KINDS = [(QUIZ_ATTEMPT, 'Quiz attempt'), (QUESTIONNAIRE_RESPONSE, 'Questionnaire response'),
             (SCENARIO_RUN, 'Scenario run')]
    KIND_NAMES = frozenset(kind for kind, _ in KINDS)

    kind = models.CharField(max_length=32, choices=KINDS)
    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    block_type = models.CharField(max_length=64)
    content_version = models.ForeignKey(ContentVersion, on_delete=models.PROTECT, related_name='submissions')
    # NULL, not '', for anonymous responses: NULLs never collide in the unique constraint below.
    learner_id = models.CharField(max_length=64, null=True, blank=True,  # noqa: DJ001
                                  help_text='The anonymous user id; empty for anonymous responses.')
    series = models.CharField(max_length=32, default='', blank=True)
    sequence = models.PositiveIntegerField(null=True, blank=True, help_text='The attempt number.')
    role = models.CharField(max_length=32, blank=True, default='')
    pair = models.CharField(max_length=255, blank=True, default='', help_text='Ties a pre-test to its post-test.')
    answers = models.JSONField(default=dict)
    scores = models.JSONField(default=list, help_text='Per question: id, earned, possible, status.')
    context = models.JSONField(default=dict, help_text='Settings in force: grading method, attempts allowed, ...')
    earned = models.FloatField(null=True, blank=True)
    possible = models.FloatField(null=True, blank=True)
    submitted_at = models.DateTimeField()
    attempt_limit = models.PositiveIntegerField(default=0, help_text='Attempts allowed when recorded; 0 = unlimited.')

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=['usage_key', 'learner_id', 'series', 'sequence'],
                                    name='cifal_one_record_per_attempt'),
            models.CheckConstraint(
                condition=models.Q(attempt_limit=0) | models.Q(sequence__lte=models.F('attempt_limit')),
                name='cifal_attempts_within_limit'),
        ]
        indexes = [
            models.Index(fields=['course_key', 'usage_key'], name='cifal_sub_course_usage'),
            models.Index(fields=['course_key', 'pair'], name='cifal_sub_course_pair'),
            # Reports read a block's records in id order, a chunk at a time (id > last): without this index the
            # database sorts every record of the block again for each chunk.
            models.Index(fields=['usage_key', 'id'], name='cifal_sub_usage_id'),
            # Which pairs a block is in, and which blocks a pair has, read off these indexes alone (ADR 17).
            models.Index(fields=['usage_key', 'pair'], name='cifal_sub_usage_pair'),
            models.Index(fields=['pair', 'usage_key'], name='cifal_sub_pair_usage'),
        ]
        ordering = ['id']

    def __str__(self):
        return f'{self.kind} {self.usage_key} #{self.sequence}'

    def save(self, *args, **kwargs):
        """Insert only: a record an evaluator may already have exported is never rewritten."""
        if self.pk is not None:
            raise AppendOnlyError('submissions are append-only: a recorded submission cannot be changed')
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError('submissions are append-only: a recorded submission cannot be deleted one by one')


class LearnerSeries(models.Model):
    """
    Which series of records is a learner's current one for a block, when it is not the first (``s1``).

    A row exists only once an instructor has deleted the learner's state (the LMS then calls the block's
    ``clear_student_state``): the learner starts afresh, and their old records stay, in an earlier series. Every
    request reads the series from here, never from the learner's state, so requests racing on a learner's very first
    contact all agree on it and collide on ``Submission``'s unique key (ADR 8).
    """

    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=64)
    number = models.PositiveIntegerField(default=1)
    started_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=['usage_key', 'learner_id'], name='cifal_one_series_row')]
        verbose_name_plural = 'learner series'

    def __str__(self):
        return f'{self.usage_key} {self.learner_id}: {self.series}'

    @property
    def series(self):
        return series_name(self.number)


def series_name(number):
    return f's{number}'


class AnonymousResponse(models.Model):
    """
    One response to an anonymous questionnaire, which nothing links to its respondent (ADR 10).

    No learner id, username or IP; no time but the day; a random id (UUID4) as primary key, so that the order of
    the rows (InnoDB clusters them by primary key; on SQLite the table has no rowid) does not follow the order in
    which learners answered, which their receipts and their own state record. Whether a learner has answered is
    kept apart, in ``ResponseReceipt``, with nothing that points here.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    block_type = models.CharField(max_length=64)
    content_version = models.ForeignKey(ContentVersion, on_delete=models.PROTECT, related_name='anonymous_responses')
    answers = models.JSONField(default=dict, help_text='{"answers": {...}, "other": {...}} as the respondent sent.')
    submitted_on = models.DateField(help_text='The day only (UTC): an exact time could be matched to a receipt.')

    class Meta:
        indexes = [models.Index(fields=['course_key', 'usage_key'], name='cifal_anon_course_usage')]
        ordering = ['id']

    def __str__(self):
        return f'anonymous response {self.id} to {self.usage_key}'

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError('responses are append-only: a recorded response cannot be changed')
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError('responses are append-only: a recorded response cannot be deleted one by one')


class ResponseReceipt(models.Model):
    """That a learner has answered an anonymous questionnaire: who and where, and nothing else (no answers, no
    time, no response id). Its unique key makes a second response impossible, whatever the order of requests."""

    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=['usage_key', 'learner_id'], name='cifal_one_receipt')]

    def __str__(self):
        return f'{self.learner_id} answered {self.usage_key}'


class ScenarioProgress(models.Model):
    """
    Where each learner is in a scenario now: the one mutable row per learner and block, rewritten at each move.

    Runs are recorded (``Submission``) only once they are over; the trainer's dashboard also needs the learners who
    started and where the ones who have not finished are (drop-off per node). This row says only that: the run's
    number, its current node and how many steps it has, never an answer or a reflection.
    """

    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=64)
    run = models.PositiveIntegerField(default=1)
    node = models.CharField(max_length=255)
    steps = models.PositiveIntegerField(default=0)
    finished = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=['usage_key', 'learner_id'], name='cifal_one_progress_row')]
        indexes = [models.Index(fields=['course_key', 'usage_key'], name='cifal_progress_course_usage')]
        verbose_name_plural = 'scenario progress'

    def __str__(self):
        return f'{self.usage_key} {self.learner_id}: run {self.run} at {self.node}'


class ReportTask(models.Model):
    """
    A report that a block's staff dashboard asked the platform's workers to prepare (ADR 16), and what became of it.

    Created ``queued`` when staff ask; the Celery task (``cifal_results.tasks.generate_report``) moves it to
    ``running``, counts ``records_read`` against ``records_total`` as the report reads the store (written at most
    about once a second), and ends it ``succeeded`` with the stored file (``storage_path``, ``size``), or ``failed``
    with a ``message`` meant for the person who asked and no file at all. ``requested_by`` is the anonymous user id
    of that person; the row holds no answer and no name. ``failure`` says which kind of failure ``message`` is, so
    that a block can show its own translation of the generic ones.
    """

    QUEUED, RUNNING, SUCCEEDED, FAILED = 'queued', 'running', 'succeeded', 'failed'
    STATES = [(QUEUED, 'Queued'), (RUNNING, 'Running'), (SUCCEEDED, 'Succeeded'), (FAILED, 'Failed')]
    ACTIVE = (QUEUED, RUNNING)
    # Why a task failed: the report refused its arguments (ReportError, message as is), an unexpected error (logged
    # with its traceback), the broker did not take the task, or the task showed no sign of life for too long.
    REPORT_ERROR, UNEXPECTED, NOT_QUEUED, STOPPED = 'report', 'unexpected', 'not_queued', 'stopped'
    FAILURES = [(REPORT_ERROR, 'Report error'), (UNEXPECTED, 'Unexpected error'), (NOT_QUEUED, 'Not queued'),
                (STOPPED, 'Stopped')]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255, help_text='The block whose dashboard asked for the report.')
    report = models.CharField(max_length=64)
    format = models.CharField(max_length=8)
    table = models.CharField(max_length=64, blank=True, default='', help_text='CSV only: the table written.')
    filters = models.JSONField(default=dict, help_text='course, block, pair, attempts, as build_report takes them.')
    identified = models.BooleanField(default=False)
    requested_by = models.CharField(max_length=64, blank=True, default='', help_text='The anonymous user id.')
    state = models.CharField(max_length=16, choices=STATES, default=QUEUED)
    records_read = models.PositiveBigIntegerField(default=0)
    records_total = models.PositiveBigIntegerField(default=0)
    failure = models.CharField(max_length=16, choices=FAILURES, blank=True, default='')
    message = models.TextField(blank=True, default='', help_text='Why it failed, for the person who asked.')
    file_name = models.CharField(max_length=255, blank=True, default='')
    storage = models.CharField(max_length=32, blank=True, default='',
                               help_text="'report_store' (the LMS's GRADES_DOWNLOAD) or 'report_storage'.")
    storage_path = models.CharField(max_length=512, blank=True, default='')
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text='Bytes.')
    problems = models.PositiveIntegerField(default=0, help_text='Stored rows repaired or left out.')
    created = models.DateTimeField()
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True, help_text='The last sign of life of a running task.')

    class Meta:
        indexes = [models.Index(fields=['usage_key', 'created'], name='cifal_task_usage_created')]
        ordering = ['-created']

    def __str__(self):
        return f'{self.report}.{self.format} for {self.usage_key}: {self.state}'
