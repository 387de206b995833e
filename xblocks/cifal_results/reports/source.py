"""Where reports read submissions: filtered, counted as the statistics doc says, in constant memory.

Rows are read in keyset-paginated chunks (``id > last`` per block) rather than through one big cursor: MySQL's
drivers buffer a whole result set client-side, so ``.iterator()`` alone is not constant memory on the LMS's
database. Each chunk is a ``values_list`` (no model instances) and the authored content a row refers to is
loaded once per content version (``ContentCache``); no ``select_related``: joining the definition JSON onto
every row would read it thousands of times.

Which attempts count (``attempts='kept'``): one per learner and quiz, the attempt the quiz's grading method keeps
(``context['grading']``): best = the highest share of its points (ties: the earliest), first, last; average keeps
no single attempt, so the last one stands for it (the report's meta says so). A learner whose state an instructor
reset has several series of attempts: only the latest series counts. ``attempts='all'`` counts every attempt.
"""
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from cifal_core.html import html_to_text
from cifal_core.questions.models import QuizContent
from cifal_core.questions.words import answer_in_words, correct_answer_in_words
from cifal_results.models import ContentVersion, Submission

ATTEMPTS = ('kept', 'all')
CHUNK_SIZE = 500  # submissions per query: each holds ~20 answers and scores, decoded from JSON
LEARNER_BATCH = 500
AVERAGE_NOTE = ('quizzes graded on the average of attempts count their last attempt (an average is not an '
                'attempt whose answers can be analysed)')
KEPT_NOTE = ('one attempt per learner and quiz: the one its grading method keeps (best: highest score, ties to '
             'the earliest; first; last), from the learner\'s latest series of attempts')


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
    """What a report covers: a course, a block (usage key), a pre/post pair; None = no restriction."""

    course: str | None = None
    block: str | None = None
    pair: str | None = None
    roles: tuple[str, ...] = ()

    def queryset(self):
        queryset = Submission.objects.filter(kind=Submission.QUIZ_ATTEMPT)
        if self.course:
            queryset = queryset.filter(course_key=self.course)
        if self.block:
            queryset = queryset.filter(usage_key=self.block)
        if self.pair:
            queryset = queryset.filter(pair=self.pair)
        if self.roles:
            queryset = queryset.filter(role__in=self.roles)
        return queryset

    def describe(self) -> str:
        named = (('course', self.course), ('block', self.block), ('pair', self.pair))
        parts = [f'{name} {value}' for name, value in named if value]
        return ', '.join(parts) or 'any course'

    def as_meta(self) -> dict:
        return {'course': self.course, 'block': self.block, 'pair': self.pair}


def has_submissions(filters: Filters) -> bool:
    return filters.queryset().exists()


def blocks(filters: Filters) -> list[str]:
    """The usage keys with submissions under ``filters``, sorted (a short list: one per quiz)."""
    return sorted(filters.queryset().order_by().values_list('usage_key', flat=True).distinct())


def records(filters: Filters, attempts: str = 'all', chunk_size: int = CHUNK_SIZE) -> Iterator[Record]:
    """The submissions under ``filters``, block by block, in submission order (``all``) or by learner
    (``kept``); lazy: nothing is read before the first row is asked for."""
    if attempts not in ATTEMPTS:
        raise ValueError(f'attempts must be one of {", ".join(ATTEMPTS)}, not {attempts!r}')
    for usage_key in blocks(filters):
        queryset = filters.queryset().filter(usage_key=usage_key)
        if attempts == 'all':
            yield from _by_id(queryset, chunk_size)
        else:
            yield from _kept(queryset, chunk_size)


def _by_id(queryset, chunk_size) -> Iterator[Record]:
    last = 0
    while True:
        rows = list(queryset.filter(id__gt=last).order_by('id').values_list(*FIELDS)[:chunk_size])
        yield from map(Record._make, rows)
        if len(rows) < chunk_size:
            return
        last = rows[-1][0]


def _kept(queryset, chunk_size) -> Iterator[Record]:
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
            yield kept_attempt(list(group))
        if len(batch) < LEARNER_BATCH:
            return
        last = batch[-1]


def kept_attempt(attempts: list[Record]) -> Record:
    """The attempt the grading method keeps among one learner's attempts at one quiz (in submission order)."""
    latest_series = max(attempts, key=attrgetter('id')).series
    series = sorted((row for row in attempts if row.series == latest_series), key=attrgetter('id'))
    context = series[-1].context
    method = context.get('grading', 'best') if isinstance(context, dict) else 'best'
    if method == 'first':
        return series[0]
    if method == 'best':
        return max(series, key=lambda row: (row.fraction, -row.id))
    return series[-1]  # last, and average (see AVERAGE_NOTE)


class QuestionText(NamedTuple):
    """A question as reports print it: plain-text prompt and answer key, choices as (id, text, correct)."""

    type: str
    prompt: str
    correct_answer: str
    choices: tuple[tuple[str, str, bool], ...]


MISSING_QUESTION = QuestionText('', '', '', ())
ANSWER_MEMO_SIZE = 50_000  # cached answers in words; cleared when full, so memory stays bounded


class ContentCache:
    """The content versions submissions refer to, each loaded and parsed once, and what reports derive from
    them (texts, answers in words), computed once: turning choice HTML into text for each of two million
    answers would dominate an export's time."""

    def __init__(self):
        self._versions: dict[int, tuple[str, QuizContent, dict]] = {}
        self._texts: dict[tuple[int, str], QuestionText] = {}
        self._answers: dict[tuple, str] = {}

    def _version(self, version_id: int):
        if version_id not in self._versions:
            display_name, definition = ContentVersion.objects.values_list('display_name', 'definition').get(
                id=version_id)
            content = QuizContent.from_dict(definition)
            self._versions[version_id] = (display_name, content, {q.id: q for q in content.questions})
        return self._versions[version_id]

    def display_name(self, version_id: int) -> str:
        return self._version(version_id)[0]

    def content(self, version_id: int) -> QuizContent:
        return self._version(version_id)[1]

    def question(self, version_id: int, question_id: str):
        """The question as that version defined it, or None (a record may outlive an unknown id)."""
        return self._version(version_id)[2].get(question_id)

    def texts(self, version_id: int, question_id: str) -> QuestionText:
        key = (version_id, question_id)
        if key not in self._texts:
            question = self.question(version_id, question_id)
            self._texts[key] = MISSING_QUESTION if question is None else QuestionText(
                question.type, html_to_text(question.prompt_html), correct_answer_in_words(question),
                tuple((c.id, html_to_text(c.html), c.correct) for c in question.choices))
        return self._texts[key]

    def answer(self, version_id: int, question_id: str, answer) -> str:
        """The learner's answer in the words of the version they saw ('' when unanswered)."""
        question = self.question(version_id, question_id)
        if question is None:
            return '' if answer is None else str(answer)
        if question.type in ('text', 'numeric'):  # cheap, and too varied to be worth caching
            return answer_in_words(question, answer)
        key = (version_id, question_id, _hashable(answer))
        words = self._answers.get(key)
        if words is None:
            if len(self._answers) >= ANSWER_MEMO_SIZE:
                self._answers.clear()
            words = self._answers[key] = answer_in_words(question, answer)
        return words


def _hashable(value):
    if value.__class__ is str:
        return value
    if isinstance(value, dict):
        return ('dict', *((key, _hashable(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ('list', *(_hashable(item) for item in value))
    return value


MALFORMED = (TypeError, ValueError, KeyError, AttributeError)  # what a record whose stored JSON is broken raises


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
