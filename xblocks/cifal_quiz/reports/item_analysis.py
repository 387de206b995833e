"""The ``item-analysis`` report: Moodle's quiz statistics for each quiz (block) the filters cover.

The numbers come from ``cifal_core.statistics`` (item statistics, whole-test statistics); this module only
gathers the counted attempts of each quiz into a ``MarkColumns`` store and lays the results out as three tables.
Marks are the recorded ``Submission.scores`` (what the learner was awarded at the time); chosen choices come from
``Submission.answers``. Question texts come from the newest content version that contains the question. Values
are rounded to 4 decimals; a statistic with too few attempts is "n/a", and the ``note`` column of the test table
says why.
"""
from itertools import groupby
from operator import attrgetter

from cifal_core.exports.tables import LazyRows, Problems, Report, Table
from cifal_core.quiz.models import CHOICE_TYPES
from cifal_core.statistics.items import item_statistics
from cifal_core.statistics.values import Stat
from cifal_core.statistics.whole_test import cic_band, whole_test_statistics
from cifal_quiz.reports.content import AVERAGE_NOTE, KEPT_NOTE, ContentCache, kept_attempt, quiz_filters
from cifal_quiz.reports.marks import MarkColumns, recorded_marks
from cifal_results.api import records, unless_malformed

NAME = 'item-analysis'
DEFAULT_ATTEMPTS = 'kept'
DIGITS = 4
QUESTION_COLUMNS = ('block', 'question_id', 'prompt', 'type', 'n', 'facility_percent', 'sd', 'discrimination_index',
                    'discriminative_efficiency', 'needs_review', 'review_reasons')
DISTRACTOR_COLUMNS = ('block', 'question_id', 'choice_id', 'choice_text', 'correct', 'count', 'share_percent',
                      'mean_total')
TEST_COLUMNS = ('block', 'statistic', 'value', 'n', 'note')


def build(course=None, block=None, pair=None, attempts: str | None = None, identified: bool = False) -> Report:
    """The report, lazily: the statistics run when a writer asks for the first row (once for all tables)."""
    filters = quiz_filters(course=course, block=block, pair=pair)
    attempts = attempts or DEFAULT_ATTEMPTS
    problems = Problems()
    computed = Once(lambda: compute(filters, attempts, problems))
    tables = (
        Table('questions', QUESTION_COLUMNS, LazyRows(lambda: computed()['questions'])),
        Table('distractors', DISTRACTOR_COLUMNS, LazyRows(lambda: computed()['distractors'])),
        Table('test', TEST_COLUMNS, LazyRows(lambda: computed()['test'])),
    )
    notes = [KEPT_NOTE, AVERAGE_NOTE] if attempts == 'kept' else []
    meta = {'filters': filters.as_meta(), 'attempts': attempts, 'notes': notes,
            'units': 'facility_percent, share_percent, discrimination_index, discriminative_efficiency, '
                     'cronbach_alpha, error_ratio and *_percent in %; sd, mean, median, standard_error in marks'}
    return Report(NAME, tables, meta, problems)


class Once:
    """The value of ``produce()``, computed on the first call only (the three tables share one computation)."""

    def __init__(self, produce):
        self._produce, self._value = produce, None

    def __call__(self):
        if self._value is None:
            self._value = self._produce()
        return self._value


def number(value, scale: float = 1.0):
    """A Stat or float rounded for the report (a Stat that is n/a stays a Stat: the writers print "n/a")."""
    if isinstance(value, Stat):
        return value if value.value is None else round(value.value * scale, DIGITS)
    return None if value is None else round(value * scale, DIGITS)


class QuizData:
    """The counted attempts of one quiz, and where each question's texts and maximum mark come from."""

    def __init__(self):
        self.marks = MarkColumns()
        self.max_marks: dict[str, tuple[int, float]] = {}  # question id -> (content version, possible)

    def add(self, record, contents: ContentCache) -> None:
        """Count one attempt; a malformed record raises before anything is counted (``recorded_marks``)."""
        version = record.content_version_id
        total, marks = recorded_marks(record)
        answers = record.answers or {}
        picks = {}
        for question_id, _, _ in marks:
            question = contents.question(version, question_id)
            answer = answers.get(question_id)
            if question is not None and question.type in CHOICE_TYPES and answer not in (None, '', []):
                picks[question_id] = tuple(answer) if isinstance(answer, list) else (answer,)
                hash(picks[question_id])  # a stored pick that is not an id (a dict...) is malformed: raise now
        for question_id, _, possible in marks:
            seen = self.max_marks.get(question_id)
            if seen is None or version >= seen[0]:
                self.max_marks[question_id] = (version, possible)
        self.marks.add(total, [(question_id, earned) for question_id, earned, _ in marks], picks)


def compute(filters, attempts: str, problems: Problems | None = None) -> dict[str, list[tuple]]:
    problems = Problems() if problems is None else problems
    contents = ContentCache()
    tables = {'questions': [], 'distractors': [], 'test': []}
    for block, block_records in groupby(records(filters, attempts, keep=kept_attempt), key=attrgetter('usage_key')):
        data = QuizData()
        for record in block_records:
            unless_malformed(problems, data.add, record, contents)
        _lay_out(block, data, contents, tables)
    return tables


def _lay_out(block, data: QuizData, contents: ContentCache, tables) -> None:
    max_marks = {qid: possible for qid, (_, possible) in data.max_marks.items()}
    texts = {qid: contents.texts(version, qid) for qid, (version, _) in data.max_marks.items()}
    choice_ids = {qid: [choice[0] for choice in text.choices] for qid, text in texts.items() if text.choices}
    attempts = data.marks.attempts()
    for item in item_statistics(attempts, max_marks, choice_ids):
        text = texts[item.question_id]
        tables['questions'].append((
            block, item.question_id, text.prompt, text.type, item.n, number(item.facility, 100), number(item.sd),
            number(item.discrimination_index), number(item.discriminative_efficiency), item.needs_review,
            '; '.join(item.review_reasons)))
        choices = {choice_id: (label, correct) for choice_id, label, correct in text.choices}
        for choice in item.distractors:
            label, correct = choices.get(choice.choice_id, ('', False))
            tables['distractors'].append((
                block, item.question_id, choice.choice_id, label, correct, choice.count,
                number(choice.share, 100), number(choice.mean_total)))
    whole = whole_test_statistics(attempts, max_marks)
    band = cic_band(whole.cic)
    for name, stat in (('mean', whole.mean), ('median', whole.median), ('standard_deviation', whole.sd),
                       ('skewness', whole.skewness), ('kurtosis', whole.kurtosis), ('cronbach_alpha', whole.cic),
                       ('error_ratio', whole.error_ratio), ('standard_error', whole.standard_error),
                       ('mean_percent', whole.mean_percent), ('median_percent', whole.median_percent)):
        note = '; '.join(part for part in (stat.note, band if name == 'cronbach_alpha' else None) if part)
        tables['test'].append((block, name, number(stat), stat.n, note))
