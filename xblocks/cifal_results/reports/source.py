"""Where reports read submissions: filtered, one kind of block at a time, in constant memory.

Rows are read in keyset-paginated chunks (``id > last`` per block) rather than through one big cursor: MySQL's
drivers buffer a whole result set client-side, so ``.iterator()`` alone is not constant memory on the LMS's
database. Each chunk is a ``values_list`` (no model instances) and the authored content a row refers to is
loaded once per content version (``ContentVersions``); no ``select_related``: joining the definition JSON onto
every row would read it thousands of times.

Which submissions count (``attempts='kept'``): one per learner and block, chosen among the learner's latest series
(an instructor's reset starts a new one) by the kind's own rule (``keep``: the quiz's grading method, the latest
response of a questionnaire); anonymous submissions (no learner id) each count once. ``attempts='all'`` counts every
submission. What a kind reports lives beside its block (``cifal_quiz.reports``...), registered in ``registry``.
"""
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from cifal_results.models import AnonymousResponse, ContentVersion, Submission
from cifal_results.reports.progress import advance

ATTEMPTS = ('kept', 'all')
CHUNK_SIZE = 500  # submissions per query: each holds ~20 answers and scores, decoded from JSON
LEARNER_BATCH = 500
MALFORMED = (TypeError, ValueError, KeyError, AttributeError)  # what a record whose stored JSON is broken raises


class Record(NamedTuple):
    """The columns of a ``Submission`` that reports use."""

    id: int
    course_key: str
    usage_key: str
    content_version_id: int
    learner_id: str | None
    series: str
    sequence: int | None
    role: str
    pair: str
    answers: dict
    scores: list
    context: dict
    earned: float | None
    possible: float | None
    submitted_at: object

    @property
    def fraction(self) -> float:
        return (self.earned or 0.0) / self.possible if self.possible else 0.0


FIELDS = Record._fields


@dataclass(frozen=True)
class Filters:
    """What a report covers: a kind of submission, a course, a block (usage key), a pre/post pair, roles;
    None or empty = no restriction."""

    kind: str | None = None
    course: str | None = None
    block: str | None = None
    pair: str | None = None
    roles: tuple[str, ...] = ()

    def queryset(self):
        queryset = Submission.objects.all()
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.course:
            queryset = queryset.filter(course_key=self.course)
        if self.block:
            queryset = queryset.filter(usage_key=self.block)
        if self.pair:
            queryset = queryset.filter(pair=self.pair)
        if self.roles:
            queryset = queryset.filter(role__in=self.roles)
        return queryset

    def anonymous_queryset(self):
        """The anonymous responses under these filters: only questionnaires have any, and they have no pair or
        role (nothing about their respondent is kept)."""
        if (self.kind and self.kind != Submission.QUESTIONNAIRE_RESPONSE) or self.pair or self.roles:
            return AnonymousResponse.objects.none()
        queryset = AnonymousResponse.objects.all()
        if self.course:
            queryset = queryset.filter(course_key=self.course)
        if self.block:
            queryset = queryset.filter(usage_key=self.block)
        return queryset

    def describe(self) -> str:
        named = (('course', self.course), ('block', self.block), ('pair', self.pair))
        parts = [f'{name} {value}' for name, value in named if value]
        return ', '.join(parts) or 'any course'

    def as_meta(self) -> dict:
        return {'course': self.course, 'block': self.block, 'pair': self.pair}


def has_submissions(filters: Filters) -> bool:
    """Whether anything is recorded under ``filters``: submissions or anonymous responses."""
    return filters.queryset().exists() or filters.anonymous_queryset().exists()


def count_submissions(filters: Filters) -> int:
    return filters.queryset().count()


def count_learners(filters: Filters) -> int:
    """Distinct learners with a submission (anonymous submissions name no learner and are not counted here)."""
    return filters.queryset().exclude(learner_id=None).values('learner_id').distinct().count()


def pairs(filters: Filters) -> list[tuple[str, str]]:
    """The (course, pair key) pairs with submissions under ``filters``, sorted, submissions without a pair left out."""
    return sorted(filters.queryset().exclude(pair='').order_by().values_list('course_key', 'pair').distinct())


def blocks(filters: Filters) -> list[str]:
    """The usage keys with submissions under ``filters``, sorted (a short list: one per block)."""
    return sorted(filters.queryset().order_by().values_list('usage_key', flat=True).distinct())


def records(filters: Filters, attempts: str = 'all', keep: Callable[[list], Record] | None = None,
            chunk_size: int = CHUNK_SIZE) -> Iterator[Record]:
    """The submissions under ``filters``, block by block, in submission order (``all``) or by learner (``kept``:
    ``keep`` picks one of a learner's latest series, the latest by default); lazy: nothing is read before the
    first row is asked for."""
    if attempts not in ATTEMPTS:
        raise ValueError(f'attempts must be one of {", ".join(ATTEMPTS)}, not {attempts!r}')
    for usage_key in blocks(filters):
        queryset = filters.queryset().filter(usage_key=usage_key)
        if attempts == 'all':
            yield from _by_id(queryset, chunk_size)
        else:
            yield from _kept(queryset, chunk_size, keep or latest)


def _by_id(queryset, chunk_size) -> Iterator[Record]:
    last = 0
    while True:
        rows = list(queryset.filter(id__gt=last).order_by('id').values_list(*FIELDS)[:chunk_size])
        advance(len(rows))
        yield from map(Record._make, rows)
        if len(rows) < chunk_size:
            return
        last = rows[-1][0]


def _kept(queryset, chunk_size, keep) -> Iterator[Record]:
    """One record per learner; anonymous responses (no learner id) each count once."""
    yield from _by_id(queryset.filter(learner_id__isnull=True), chunk_size)
    learners = queryset.filter(learner_id__isnull=False)
    last = None
    while True:
        page = learners if last is None else learners.filter(learner_id__gt=last)
        batch = list(page.order_by('learner_id').values_list('learner_id', flat=True).distinct()[:LEARNER_BATCH])
        if not batch:
            return
        rows = learners.filter(learner_id__in=batch).order_by('learner_id', 'id').values_list(*FIELDS)
        for _, group in groupby(map(Record._make, rows.iterator(chunk_size=chunk_size)),
                                key=attrgetter('learner_id')):
            series = list(group)
            advance(len(series))
            yield keep(latest_series(series))
        if len(batch) < LEARNER_BATCH:
            return
        last = batch[-1]


def latest_series(submissions: list[Record]) -> list[Record]:
    """A learner's submissions of their latest series (the one of their last submission), in submission order."""
    series = max(submissions, key=attrgetter('id')).series
    return sorted((row for row in submissions if row.series == series), key=attrgetter('id'))


def latest(series: list[Record]) -> Record:
    return series[-1]


ANONYMOUS_FIELDS = ('id', 'course_key', 'usage_key', 'content_version_id', 'answers', 'submitted_on')


def anonymous_records(filters: Filters, chunk_size: int = CHUNK_SIZE) -> Iterator[Record]:
    """The anonymous responses under ``filters`` (course, block), as records with no learner, block by block, in the
    order of their random ids (which says nothing of when anybody answered); lazy, in constant memory."""
    queryset = filters.anonymous_queryset()
    for usage_key in sorted(queryset.order_by().values_list('usage_key', flat=True).distinct()):
        last = None
        while True:
            page = queryset.filter(usage_key=usage_key)
            page = page if last is None else page.filter(id__gt=last)
            rows = list(page.order_by('id').values_list(*ANONYMOUS_FIELDS)[:chunk_size])
            advance(len(rows))
            for id_, course_key, block, version, answers, day in rows:
                yield Record(str(id_), course_key, block, version, None, '', None, '', '', answers, [], {}, None,
                             None, day)
            if len(rows) < chunk_size:
                break
            last = rows[-1][0]


def count_anonymous(filters: Filters) -> int:
    return filters.anonymous_queryset().count()


def blocks_with_responses(filters: Filters) -> list[str]:
    """The usage keys with submissions or anonymous responses under ``filters``, sorted."""
    named = set(filters.queryset().order_by().values_list('usage_key', flat=True).distinct())
    anonymous = filters.anonymous_queryset()
    return sorted(named | set(anonymous.order_by().values_list('usage_key', flat=True).distinct()))


def newest_version(usage_key: str) -> tuple[str, dict] | None:
    """(display name, definition) of the newest content version stored for a block, or None."""
    return ContentVersion.objects.filter(usage_key=usage_key).order_by('-id').values_list(
        'display_name', 'definition').first()


class ContentVersions:
    """The content versions submissions refer to, each loaded once and turned into what a kind reads from it
    (``parse(definition)``: the quiz's ``QuizContent``...)."""

    def __init__(self, parse: Callable[[dict], object] = dict):
        self._parse = parse
        self._versions: dict[int, tuple[str, object]] = {}

    def _version(self, version_id: int):
        if version_id not in self._versions:
            display_name, definition = ContentVersion.objects.values_list('display_name', 'definition').get(
                id=version_id)
            self._versions[version_id] = (display_name, self._parse(definition))
        return self._versions[version_id]

    def display_name(self, version_id: int) -> str:
        return self._version(version_id)[0]

    def content(self, version_id: int):
        return self._version(version_id)[1]


def unless_malformed(problems, use, record: Record, *args):
    """``use(record, *args)``, or None when the record's stored data is malformed: it is then left out of the
    report and counted in ``problems``, and the report goes on (ADR 7). ``use`` must check before it changes
    anything."""
    try:
        return use(record, *args)
    except MALFORMED as error:
        problems.add(f'submission {record.id} (block {record.usage_key}, attempt {record.sequence}) left out: its '
                     f'stored data is malformed ({error.__class__.__name__}: {str(error)[:80]})')
        return None
