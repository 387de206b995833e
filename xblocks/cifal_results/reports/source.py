"""Where reports read submissions: filtered, one kind of block at a time, in constant memory.

Rows are read in keyset-paginated chunks (``id > last`` per block; by learner, ``learner_id > last``, for the kept
attempts) rather than through one big cursor: MySQL's drivers buffer a whole result set client-side, so
``.iterator()`` alone is not constant memory on the LMS's database. Each chunk is the SQL of a ``values_list`` run
by a plain cursor (``_fetch``): its JSON is decoded by orjson only for the records a report keeps, and not at all
for the answers of a report of scores (ADR 17). The authored content a row refers to is loaded once per content
version (``ContentVersions``); no ``select_related``: joining the definition JSON onto every row would read it
thousands of times. ``paired_records`` walks two sets of records (a pre-test and its post-test) side by side, in
windows of learners the database delimits.

Which submissions count (``attempts='kept'``): one per learner and block, chosen among the learner's latest series
(an instructor's reset starts a new one) by the kind's own rule (``keep``: the quiz's grading method, the latest
response of a questionnaire); anonymous submissions (no learner id) each count once. ``attempts='all'`` counts every
submission. What a kind reports lives beside its block (``cifal_quiz.reports``...), registered in ``registry``.
"""
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import NamedTuple

import orjson
from django.db import connections

from cifal_results.models import AnonymousResponse, ContentVersion, Submission
from cifal_results.reports.progress import advance

ATTEMPTS = ('kept', 'all')
CHUNK_SIZE = 2000  # submissions per query: each holds ~20 answers and scores (a few kB)
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
SCORE_FIELDS = tuple(name for name in FIELDS if name != 'answers')  # what a report of scores only reads


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
    """The (course, pair key) pairs with submissions under ``filters``, sorted, submissions without a pair left out.
    For one block, its pair keys are read off the (block, pair) index alone, then each is checked against the other
    filters (a query that stops at its first row): a DISTINCT over the records would read every row of the block."""
    if not filters.block:
        return sorted(filters.queryset().exclude(pair='').order_by().values_list('course_key', 'pair').distinct())
    keys = (Submission.objects.filter(usage_key=filters.block).exclude(pair='').order_by()
            .values_list('pair', flat=True).distinct())
    found = set()
    for key in keys:  # a block is in one course (its usage key says which): the first matching record tells
        course = replace(filters, pair=key).queryset().order_by().values_list('course_key', flat=True).first()
        if course is not None:
            found.add((course, key))
    return sorted(found)


def blocks(filters: Filters) -> list[str]:
    """The usage keys with submissions under ``filters``, sorted (a short list: one per block). The blocks of a pair
    are read off the (pair, block) index, each then checked against the other filters, for the same reason."""
    if filters.block:  # one block: whether it has any (a DISTINCT would read every row of the block)
        return [filters.block] if filters.queryset().exists() else []
    if filters.pair:
        return [key for key in pair_blocks(filters) if replace(filters, block=key).queryset().exists()]
    return sorted(filters.queryset().order_by().values_list('usage_key', flat=True).distinct())


def pair_blocks(filters: Filters) -> list[str]:
    """The usage keys with a record of the filters' pair key (in any course, of any role: to be checked against the
    other filters), sorted, read off the (pair, block) index alone."""
    return sorted(Submission.objects.filter(pair=filters.pair).order_by().values_list('usage_key', flat=True)
                  .distinct())


def records(filters: Filters, attempts: str = 'all', keep: Callable[[list], Record] | None = None,
            chunk_size: int | None = None, answers: bool = True) -> Iterator[Record]:
    """The submissions under ``filters``, block by block, in submission order (``all``) or by learner (``kept``:
    ``keep`` picks one of a learner's latest series, the latest by default); lazy: nothing is read before the
    first row is asked for. ``answers=False``: a report that needs only the scores does not read the answers
    (the largest column): its records' ``answers`` are None."""
    if attempts not in ATTEMPTS:
        raise ValueError(f'attempts must be one of {", ".join(ATTEMPTS)}, not {attempts!r}')
    chunk_size = chunk_size or CHUNK_SIZE
    for usage_key in blocks(filters):
        queryset = filters.queryset().filter(usage_key=usage_key)
        if attempts == 'all':
            yield from _by_id(queryset, chunk_size, answers)
        else:
            yield from _kept(queryset, chunk_size, keep or latest, answers)


def _by_id(queryset, chunk_size, answers=True) -> Iterator[Record]:
    last = 0
    fields, decode = _reading(answers)
    while True:
        rows = _fetch(queryset.filter(id__gt=last).order_by('id').values_list(*fields)[:chunk_size])
        advance(len(rows))
        yield from map(decode, rows)
        if len(rows) < chunk_size:
            return
        last = rows[-1][0]


def _kept(queryset, chunk_size, keep, answers=True) -> Iterator[Record]:
    """One record per learner; anonymous responses (no learner id) each count once."""
    yield from _by_id(queryset.filter(learner_id__isnull=True), chunk_size, answers)
    decode = _reading(answers)[1]
    for page, _ in _kept_pages(queryset, chunk_size, keep, answers):
        yield from map(decode, page)


def _kept_pages(queryset, chunk_size, keep, answers=True, until=None) -> Iterator[tuple[list[tuple], str | None]]:
    """The kept row of each learner (with a learner id) under ``queryset``, a page at a time, each page with the last
    learner id it covers (None for the last page, which covers the rest; ``until``: stop after that learner, in the
    database's order). A learner's records are read together, in the order of the unique index (learner, series,
    sequence), ``chunk_size`` rows per query. Rows stay undecoded (``_reading(answers)`` decodes them) until they are
    used: a page of decoded JSON would outlive the collector's young generations and make it scan the whole heap
    again and again; ``keep`` chooses by the columns and the small context. A learner with records in several
    blocks of the queryset keeps the last block's (in the order of usage keys)."""
    ordered = queryset.filter(learner_id__isnull=False).order_by('learner_id', 'series', 'sequence')
    if until is not None:
        ordered = ordered.filter(learner_id__lte=until)
    fields = _reading(answers)[0]
    after = None
    while True:
        page = ordered if after is None else ordered.filter(learner_id__gt=after)
        rows = _fetch(page.values_list(*fields)[:chunk_size])
        more = len(rows) == chunk_size
        if more:  # the last learner's records may go on in the next chunk: read them there
            last = rows[-1][_LEARNER]
            cut = len(rows)
            while cut and rows[cut - 1][_LEARNER] == last:
                cut -= 1
            if cut:
                rows, after = rows[:cut], rows[cut - 1][_LEARNER]
            else:  # one learner with a whole chunk of records (or more)
                rows, after = _fetch(ordered.filter(learner_id=last).values_list(*fields)), last
        advance(len(rows))
        kept = []
        for _, group in groupby(rows, key=itemgetter(_LEARNER)):
            group = list(group)
            if len(group) == 1:  # most learners: the one record is the kept one, whatever ``keep`` says
                kept.append(group[0])
                continue
            by_block = {}
            for row in group:
                by_block.setdefault(row[_USAGE], []).append(row)
            rows_kept = by_block[max(by_block)]
            kept.append(rows_kept[0] if len(rows_kept) == 1 else
                        keep(latest_series([_with_context(row) for row in rows_kept])).row)
        yield kept, after if more else None
        if not more:
            return


def paired_records(left: Filters, right: Filters, keep: Callable[[list], Record] | None = None,
                   answers: bool = True, chunk_size: int | None = None
                   ) -> Iterator[tuple[str, Record | None, Record | None]]:
    """(learner id, kept record under ``left`` or None, kept record under ``right`` or None) for every learner with
    a record on either side (a pre-test and its post-test): one pass over both, in windows of learners that the
    database itself delimits (a page of ``left``, then ``right``'s records up to the page's last learner), so that
    no order of learner ids is assumed in Python and the database's collation does not matter. Anonymous records
    are left out (nothing pairs them). Memory: one window."""
    keep, decode, chunk_size = keep or latest, _reading(answers)[1], chunk_size or CHUNK_SIZE
    right_queryset = right.queryset()
    since = None
    for page, until in _kept_pages(left.queryset(), chunk_size, keep, answers):
        window = right_queryset if since is None else right_queryset.filter(learner_id__gt=since)
        matches = {}
        for right_page, _ in _kept_pages(window, chunk_size, keep, answers, until=until):
            matches.update((row[_LEARNER], row) for row in right_page)
        for row in page:
            match = matches.pop(row[_LEARNER], None)
            yield row[_LEARNER], decode(row), None if match is None else decode(match)
        for learner, row in matches.items():
            yield learner, None, decode(row)
        since = until
        if until is None:
            return
    for right_page, _ in _kept_pages(right_queryset, chunk_size, keep, answers):  # nothing on the left at all
        for row in right_page:
            yield row[_LEARNER], None, decode(row)


def _fetch(queryset) -> list[tuple]:
    """The rows of a ``values_list`` queryset read by a plain cursor: JSON columns come back as their text (decoded
    by ``_decoded``, with orjson, only for the records a report keeps) and times as the driver gives them. Django's
    own conversions (a ``json.loads`` per JSON column and row, a parse per time) took most of a report's time."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_USAGE, _LEARNER = FIELDS.index('usage_key'), FIELDS.index('learner_id')  # the same in SCORE_FIELDS


class UnreadableJSON:
    """A stored JSON text that does not parse (written by hand into the database...): any use raises ValueError,
    so that the report leaves the record out and says so (``unless_malformed``) instead of failing."""

    def __init__(self, error: Exception):
        self.error = error

    def _refuse(self, *args, **kwargs):
        raise ValueError(f'stored JSON does not parse: {self.error}')

    __iter__ = __getitem__ = __len__ = get = items = keys = values = _refuse


def _loads(value):
    """A stored JSON text (str or bytes, as the driver gives it) as Python; a value already decoded as it is."""
    if value.__class__ is not str and not isinstance(value, bytes | bytearray | memoryview):
        return value
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError:
        pass
    try:  # the standard library reads what orjson refuses: text stored with a lone surrogate, repaired on export
        return json.loads(value)
    except (ValueError, TypeError) as error:
        return UnreadableJSON(error)


class Candidate:
    """One of a learner's records as ``keep`` sees it while choosing: the columns it may look at (id, series,
    sequence, context, earned, possible, fraction), its answers and scores still undecoded in ``row``."""

    __slots__ = ('context', 'row')

    def __init__(self, row: tuple, context):
        self.row, self.context = row, context

    id = property(lambda self: self.row[0])
    learner_id = property(lambda self: self.row[4])
    series = property(lambda self: self.row[5])
    sequence = property(lambda self: self.row[6])
    earned = property(lambda self: self.row[-3])
    possible = property(lambda self: self.row[-2])
    fraction = Record.fraction


def _with_context(row: tuple) -> Candidate:
    """A row whose context (what ``keep`` may look at) is decoded, the rest not yet (``_decoded`` does it for the
    row ``keep`` chooses: ``Candidate.row``)."""
    return Candidate(row, _loads(row[-4]))  # context, earned, possible, submitted_at close both field lists


def _decoded(row) -> Record:
    """A record with every column as reports use it: JSON decoded, the time an aware UTC datetime."""
    (id_, course_key, usage_key, version, learner_id, series, sequence, role, pair, answers, scores, context,
     earned, possible, submitted_at) = row
    return Record(id_, course_key, usage_key, version, learner_id, series, sequence, role, pair, _loads(answers),
                  _loads(scores), _loads(context), earned, possible, utc_datetime(submitted_at))


def _decoded_without_answers(row) -> Record:
    """``_decoded`` for a row of ``SCORE_FIELDS``: its answers are None (not read)."""
    (id_, course_key, usage_key, version, learner_id, series, sequence, role, pair, scores, context,
     earned, possible, submitted_at) = row
    return Record(id_, course_key, usage_key, version, learner_id, series, sequence, role, pair, None,
                  _loads(scores), _loads(context), earned, possible, utc_datetime(submitted_at))


def _reading(answers: bool):
    """The columns to read and how to decode them, with or without the answers."""
    return (FIELDS, _decoded) if answers else (SCORE_FIELDS, _decoded_without_answers)


def utc_datetime(value):
    """A stored time as an aware UTC datetime: SQLite gives text, MySQL's drivers a naive datetime (the store keeps
    UTC, USE_TZ)."""
    if value.__class__ is str:
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


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
