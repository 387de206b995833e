"""
Reports prepared by the platform's Celery workers rather than inside a web request (ADR 16): start one, run it (the
task's body), read where it is, open its file. Plain logic; ``cifal_results.tasks`` is the Celery task around
``run_report_task`` and ``cifal_results.api`` exposes the rest to the blocks.

A task is a ``ReportTask`` row: ``start_report_task`` checks the arguments exactly as ``build_report`` and
``write_report`` would (building a report reads nothing), records the task ``queued`` with the number of records it
will read, and hands its id to Celery once the transaction commits, so that a worker never looks for a row that is
not there yet. The worker's ``run_report_task`` writes the report with the same functions as the dashboard's direct
download and ``cifal_export`` (``build_report``, ``write_report``, ``log_problems``, ``filename``) into a temporary
file, counting the records read with the reports' meter (``metered``) and saving that count at most about once a
second, then stores the file only once it is whole. A report that fails leaves the task ``failed`` with a message
for the person who asked (a ``ReportError``'s message as it is; a generic one for anything unexpected, whose
traceback goes to the log) and no stored file, not even part of one.

Where files go: in the LMS, the report store of the instructor dashboard's "Data Download"
(``ReportStore.from_config(config_name='GRADES_DOWNLOAD')``: under the course's folder, named like its reports, so
the files are listed there too); elsewhere (the workbench), the Django storage of ``CIFAL_RESULTS['REPORT_STORAGE']``
(by default ``var/reports/``).
"""
import logging
import os
import re
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from cifal_core.exports import FORMATS
from cifal_results.conf import results_setting
from cifal_results.models import ReportTask
from cifal_results.reports.progress import metered
from cifal_results.reports.registry import (
    ReportError,
    build_report,
    filename,
    log_problems,
    records_to_read,
    write_report,
)

log = logging.getLogger(__name__)

TASK_NAME = 'cifal_results.generate_report'  # stable: queued messages name it, operators route it
QUEUED, RUNNING, SUCCEEDED, FAILED = ReportTask.QUEUED, ReportTask.RUNNING, ReportTask.SUCCEEDED, ReportTask.FAILED
PROGRESS_INTERVAL = 1.0  # seconds between two writes of a running task's progress
FILTER_NAMES = ('course', 'block', 'pair', 'attempts')  # what build_report takes
COUNT_FILTER_NAMES = ('course', 'block', 'pair')  # what records_to_read takes
LIST_LIMIT = 20  # the newest tasks a dashboard lists

# For the person who asked, in English: blocks show their own translation of these (by ``failure``), a
# ReportError's message is shown as it is, as the dashboard's direct download shows it.
UNEXPECTED_MESSAGE = ('The file could not be prepared because of an unexpected error. Prepare it again; if it fails '
                      "again, the platform's operators will find the details in its logs.")
NOT_QUEUED_MESSAGE = "The file could not be handed to the platform's workers. Try again in a moment."
STOPPED_MESSAGE = ('The preparation stopped before the file was finished (a worker may have been restarted). '
                   'Prepare the file again.')


class ReportTaskNotFound(LookupError):
    """No task with this id was asked for by this block."""


class ReportFileNotReady(Exception):
    """The task has not (or not successfully) finished: there is no file to open."""


class ReportFileMissing(Exception):
    """The task finished, but its file is no longer where it was stored (deleted, or storage reconfigured)."""


@dataclass(frozen=True)
class TaskStatus:
    """Where a task is, as a dashboard shows it. ``records_read`` of ``records_total`` is its progress."""

    id: str
    course_key: str
    usage_key: str
    report: str
    format: str
    table: str
    identified: bool
    state: str
    records_read: int
    records_total: int
    failure: str
    message: str
    file_name: str
    size: int | None
    problems: int
    created: datetime
    started: datetime | None
    finished: datetime | None

    @property
    def active(self) -> bool:
        """Queued or running: a dashboard keeps asking about it."""
        return self.state in ReportTask.ACTIVE

    @property
    def percent(self) -> int:
        """0 to 100; 100 only once the file is stored (writing and storing come after the last record read)."""
        if self.state == SUCCEEDED:
            return 100
        if not self.records_total:
            return 0
        return min(99, self.records_read * 100 // self.records_total)


def _status(task: ReportTask) -> TaskStatus:
    return TaskStatus(
        id=str(task.pk), course_key=task.course_key, usage_key=task.usage_key, report=task.report,
        format=task.format, table=task.table, identified=task.identified, state=task.state,
        records_read=task.records_read, records_total=task.records_total, failure=task.failure, message=task.message,
        file_name=task.file_name, size=task.size, problems=task.problems, created=task.created, started=task.started,
        finished=task.finished)


def _clean_filters(filters) -> dict:
    return {name: value for name, value in (filters or {}).items() if name in FILTER_NAMES and value}


def _count_filters(filters) -> dict:
    return {name: value for name, value in filters.items() if name in COUNT_FILTER_NAMES}


# ---- starting -------------------------------------------------------------------------------------------------

def start_report_task(*, report: str, fmt: str, course_key: str, usage_key: str, filters: dict,
                      table: str | None = None, identified: bool = False, requested_by: str = '') -> TaskStatus:
    """
    Ask the workers for the report ``report`` in ``fmt`` over ``filters`` (as ``build_report`` takes them), for the
    block ``usage_key``'s dashboard; ``table`` is CSV's table (the first by default). Raises ``ReportError``, with
    nothing recorded, for arguments that no report could be written with. The same report of the same block already
    queued or running is not asked for twice: its status is returned.
    """
    filters = _clean_filters(filters)
    built = build_report(report, identified=identified, **filters)  # reads nothing: checks name, attempts, identity
    if fmt not in FORMATS:
        raise ReportError(f'unknown format {fmt!r}: choose one of {", ".join(FORMATS)}')
    table = (table or '') if fmt == 'csv' else ''
    if table:
        try:
            built.table(table)
        except KeyError as error:
            raise ReportError(error.args[0]) from None
    expire_stale_tasks(usage_key)
    same = ReportTask.objects.filter(usage_key=usage_key, report=report, format=fmt, table=table,
                                     identified=identified, state__in=ReportTask.ACTIVE).order_by('-created').first()
    if same is not None:
        return _status(same)
    now = timezone.now()
    with transaction.atomic():
        task = ReportTask.objects.create(
            course_key=course_key, usage_key=usage_key, report=report, format=fmt, table=table, filters=filters,
            identified=identified, requested_by=(requested_by or '')[:64], state=QUEUED,
            records_total=records_to_read(report, **_count_filters(filters)), created=now, heartbeat=now)
        transaction.on_commit(lambda: submit(task.pk))
    return _status(ReportTask.objects.get(pk=task.pk))  # in eager mode (the workbench) it has already run


def task_queue() -> str | None:
    """The Celery queue of report tasks: ``REPORT_TASK_QUEUE``, else the platform's queue for its own report
    downloads (``GRADES_DOWNLOAD_ROUTING_KEY``, the LMS's high-memory queue), else None (Celery's default)."""
    return results_setting('REPORT_TASK_QUEUE') or getattr(settings, 'GRADES_DOWNLOAD_ROUTING_KEY', None) or None


def submit(task_id) -> None:
    """Hand the task to Celery (the current app: the platform's in the LMS, the workbench's elsewhere). A broker
    that does not take it fails the task with a message rather than leaving it queued for ever."""
    from cifal_results.tasks import generate_report  # noqa: PLC0415  (the task module imports this one)
    queue = task_queue()
    try:
        generate_report.apply_async(args=[str(task_id)], **({'queue': queue} if queue else {}))
    except Exception:  # the broker unreachable, refused, misconfigured: the person must learn it did not start
        log.exception('The report task %s could not be handed to Celery', task_id)
        ReportTask.objects.filter(pk=task_id, state=QUEUED).update(
            state=FAILED, failure=ReportTask.NOT_QUEUED, message=NOT_QUEUED_MESSAGE, finished=timezone.now())


# ---- running (in the worker) ----------------------------------------------------------------------------------

class _Progress:
    """The meter's callback: counts the records read, and writes the count at most once per ``interval``."""

    def __init__(self, task_id, interval=None, clock=time.monotonic):
        self.task_id, self.clock = task_id, clock
        self.interval = PROGRESS_INTERVAL if interval is None else interval
        self.read = 0
        self.saved_at = clock()
        self.writes = 0

    def __call__(self, count):
        self.read += count
        now = self.clock()
        if now - self.saved_at >= self.interval:
            self.saved_at = now
            self.write()

    def write(self):
        self.writes += 1
        ReportTask.objects.filter(pk=self.task_id, state=RUNNING).update(
            records_read=self.read, heartbeat=timezone.now())


def run_report_task(task_id) -> str:
    """The task's body: prepare the file of a queued task and store it whole, or fail the task with a message and
    store nothing. Returns the task's final state. A task that is not queued (run already, failed as stale, or
    delivered twice by the broker) is left as it is, as is a message naming no task."""
    try:
        task_id = uuid.UUID(str(task_id))
    except ValueError:
        log.warning('A report task message names no task: %r', task_id)
        return ''
    now = timezone.now()
    if not ReportTask.objects.filter(pk=task_id, state=QUEUED).update(state=RUNNING, started=now, heartbeat=now):
        state = ReportTask.objects.filter(pk=task_id).values_list('state', flat=True).first()
        log.warning('Report task %s is %s, not queued: nothing to do', task_id, state or 'unknown')
        return state or ''
    task = ReportTask.objects.get(pk=task_id)
    progress = _Progress(task.pk)
    place, stored = None, None
    try:
        report = build_report(task.report, identified=task.identified, **task.filters)
        total = records_to_read(task.report, **_count_filters(task.filters))
        ReportTask.objects.filter(pk=task.pk).update(records_total=total)
        with tempfile.TemporaryFile() as output:
            with metered(progress):
                problems = write_report(report, task.format, output, table=task.table or None)
            log_problems(report, problems)
            output.seek(0, os.SEEK_END)
            size = output.tell()
            output.seek(0)
            place = report_place()
            stored = place.save(task.course_key, stored_file_name(task, report, timezone.now()), output)
        finished = ReportTask.objects.filter(pk=task.pk, state=RUNNING).update(
            state=SUCCEEDED, records_read=progress.read, records_total=max(total, progress.read),
            file_name=Path(stored).name, storage=place.kind, storage_path=stored, size=size,
            problems=problems.count if problems else 0, finished=timezone.now(), heartbeat=timezone.now())
        if not finished:  # shown as stopped meanwhile (REPORT_TASK_TIMEOUT): that task's file must not appear
            place.delete(stored)
            return FAILED
        return SUCCEEDED
    except ReportError as error:
        _fail(task.pk, ReportTask.REPORT_ERROR, str(error), place, stored)
    except Exception:  # anything else: the person gets a generic message, the operator the traceback
        log.exception('Report task %s (%s.%s for %s) failed', task.pk, task.report, task.format, task.usage_key)
        _fail(task.pk, ReportTask.UNEXPECTED, UNEXPECTED_MESSAGE, place, stored)
    return FAILED


def _fail(task_id, failure, message, place, stored):
    if stored:  # stored, then the task's own update failed: no file for a task that did not succeed
        place.delete(stored)
    ReportTask.objects.filter(pk=task_id).update(state=FAILED, failure=failure, message=message,
                                                 finished=timezone.now())


def expire_stale_tasks(usage_key: str) -> int:
    """Fail the block's tasks that have shown no sign of life for ``REPORT_TASK_TIMEOUT`` seconds (a worker killed
    mid-task, a message the broker lost), so that a dashboard stops waiting for them; returns how many."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=results_setting('REPORT_TASK_TIMEOUT'))
    return ReportTask.objects.filter(usage_key=usage_key, state__in=ReportTask.ACTIVE, heartbeat__lt=cutoff).update(
        state=FAILED, failure=ReportTask.STOPPED, message=STOPPED_MESSAGE, finished=now)


# ---- reading --------------------------------------------------------------------------------------------------

def report_tasks(usage_key: str, limit: int = LIST_LIMIT) -> list[TaskStatus]:
    """The block's tasks, newest first (at most ``limit``)."""
    expire_stale_tasks(usage_key)
    return [_status(task) for task in ReportTask.objects.filter(usage_key=usage_key).order_by('-created')[:limit]]


def report_task(task_id, usage_key: str) -> TaskStatus:
    """The block's task ``task_id``; ``ReportTaskNotFound`` for an id that is not one (malformed, unknown, or
    another block's)."""
    try:
        key = uuid.UUID(str(task_id))
    except ValueError:
        raise ReportTaskNotFound(task_id) from None
    task = ReportTask.objects.filter(pk=key, usage_key=usage_key).first()
    if task is None:
        raise ReportTaskNotFound(task_id)
    return _status(task)


def open_report_file(task_id, usage_key: str):
    """``(status, binary file)`` of the block's finished task, to be read in chunks and closed by the caller.
    Raises ``ReportTaskNotFound``, ``ReportFileNotReady`` or ``ReportFileMissing``."""
    status = report_task(task_id, usage_key)
    if status.state != SUCCEEDED:
        raise ReportFileNotReady(status.state)
    task = ReportTask.objects.get(pk=status.id)
    place = report_place(task.storage)
    if place is None:
        raise ReportFileMissing(task.storage_path)
    try:
        return status, place.storage.open(task.storage_path, 'rb')
    except (OSError, ValueError) as error:  # gone from the folder or the bucket
        raise ReportFileMissing(task.storage_path) from error


# ---- storage --------------------------------------------------------------------------------------------------

REPORT_STORE, REPORT_STORAGE = 'report_store', 'report_storage'


@dataclass(frozen=True)
class ReportPlace:
    """A Django storage and how files are laid out in it: ``folder(course_key)`` then the file name."""

    kind: str
    storage: object
    folder: object

    def save(self, course_key, name, handle) -> str:
        """Store the whole of ``handle`` (read in chunks, never all in memory) under a name no other file has; the
        path it was stored under. A save that fails midway (a full disk, a lost connection) leaves no part behind."""
        target = self.storage.get_available_name(self.folder(course_key, name))
        try:
            return self.storage.save(target, File(handle, name=name))
        except BaseException:
            self.delete(target)
            raise

    def delete(self, path):
        """Remove ``path`` if it is there."""
        try:
            if self.storage.exists(path):
                self.storage.delete(path)
        except Exception:  # nothing more can be done about it here; the file is at least not listed as a result
            log.exception('Could not delete the stored report file %s', path)


def platform_report_store():
    """The LMS's ``ReportStore`` for ``GRADES_DOWNLOAD`` (what the instructor dashboard's Data Download lists), or
    None outside the LMS."""
    if not apps.is_installed('lms.djangoapps.instructor_task'):
        return None
    try:
        from lms.djangoapps.instructor_task.models import ReportStore  # noqa: PLC0415  (the LMS only)
    except ImportError:
        return None
    return ReportStore.from_config(config_name='GRADES_DOWNLOAD')


def configured_storage():
    """``CIFAL_RESULTS['REPORT_STORAGE']`` (a Django ``STORAGES`` entry), or a FileSystemStorage under
    ``VAR_DIR/reports`` (the workbench's ``var/reports/``)."""
    config = results_setting('REPORT_STORAGE')
    if config:
        return import_string(config['BACKEND'])(**config.get('OPTIONS', {}))
    root = Path(getattr(settings, 'VAR_DIR', None) or Path.cwd() / 'var')
    return FileSystemStorage(location=str(root / 'reports'))


def report_place(kind: str | None = None) -> ReportPlace | None:
    """Where files go now (``kind`` None), or where the files of ``kind`` are (None if that is not available)."""
    if kind in (None, REPORT_STORE):
        store = platform_report_store()
        if store is not None:  # the instructor dashboard's own layout: a folder per course (its digest)
            return ReportPlace(REPORT_STORE, store.storage, lambda course, name: store.path_to(course, name))
        if kind == REPORT_STORE:
            return None
    return ReportPlace(REPORT_STORAGE, configured_storage(),
                       lambda course, name: f'{course_file_prefix(course)}/{name}')


# ---- file names -----------------------------------------------------------------------------------------------

_COURSE_KEY = re.compile(r'^(?:course-v1:)?(?P<org>[^+/]+)[+/](?P<course>[^+/]+)[+/](?P<run>[^+/]+)$')
_UNSAFE = re.compile(r'[^A-Za-z0-9._-]+')


def _safe(text, limit=60) -> str:
    return _UNSAFE.sub('-', str(text)).strip('-._')[:limit] or 'x'


def course_file_prefix(course_key) -> str:
    """``UNITAR_CIFAL101_2026`` for ``course-v1:UNITAR+CIFAL101+2026``, as the instructor dashboard names its
    reports; the key itself made file-safe otherwise (the workbench's 'workbench')."""
    match = _COURSE_KEY.match(str(course_key))
    if match:
        return '_'.join(_safe(match.group(part)) for part in ('org', 'course', 'run'))
    return _safe(course_key)


def block_file_part(usage_key) -> str:
    """The block's own id, the last part of its usage key (``block@<id>`` in the LMS), file-safe."""
    return _safe(re.split(r'[@:]', str(usage_key))[-1], 40)


def stored_file_name(task, report, when) -> str:
    """``UNITAR_CIFAL101_2026_item-analysis_<block>_2026-12-03-115501.xlsx``: the course, the direct download's
    name (``filename``), the block and the time, like the instructor dashboard's reports."""
    stem, extension = filename(report, task.format, task.table or None).rsplit('.', 1)
    return f'{course_file_prefix(task.course_key)}_{stem}_{block_file_part(task.usage_key)}_' \
           f'{when:%Y-%m-%d-%H%M%S}.{extension}'
