"""The ``item-analysis`` report: Moodle's quiz statistics for each quiz (block) the filters cover.

The numbers come from ``cifal_core.statistics`` (item statistics, whole-test statistics); this module only
gathers the counted attempts of each quiz into its frequency tables (``ItemTables``), in one pass over the store
whose memory does not grow with the number of attempts, and lays the results out as three tables.
Marks are the recorded ``Submission.scores`` (what the learner was awarded at the time); chosen choices come from
``Submission.answers``. Question texts come from the newest content version that contains the question. Values
are rounded to 4 decimals; a statistic with too few attempts is "n/a", and the ``note`` column of the test table
says why.
"""
import math
from collections import Counter
from dataclasses import replace
from operator import attrgetter

from cifal_core.exports.tables import LazyRows, Problems, Report, Table
from cifal_core.statistics.items import ItemTables
from cifal_core.statistics.values import Stat
from cifal_core.statistics.whole_test import cic_band, common_questions, is_drawn, whole_test_statistics_of
from cifal_quiz.reports.content import AVERAGE_NOTE, KEPT_NOTE, ContentCache, kept_attempt, quiz_filters
from cifal_quiz.reports.marks import Layout, MarkReader, recorded_marks
from cifal_results.api import MALFORMED, blocks, records, unless_malformed

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


# Attempts buffered per layout before ItemTables counts them: a few MB, reached by the smallest cohort the benchmark
# measures, so that the peak memory stays the same whatever the number of attempts.
FLUSH_EVERY = 5000


class _Buffer:
    """Attempts of one layout (``marks.Layout``: every attempt of a quiz without a random draw), buffered by total
    until ``ItemTables`` counts them (``add_same_total``)."""

    def __init__(self, layout: Layout, choice_ids: tuple[str, ...]):
        self.question_ids, self.choice_ids = layout.question_ids, choice_ids
        self.by_total: dict[tuple, tuple[list, list]] = {}  # (total, possible) -> (mark rows, pick rows)
        self.buffered = 0

    def flush_into(self, tables: ItemTables, scores: Counter) -> None:
        for (total, possible), (marks, picks) in self.by_total.items():
            percent = 100 * total / possible if possible else None
            tables.add_same_total(self.question_ids, self.choice_ids, total, marks, picks, (percent,) * len(marks))
            scores[percent or 0.0] += len(marks)
        self.by_total, self.buffered = {}, 0


class QuizData:
    """The counted attempts of one quiz as ``ItemTables``, and where each question's texts and maximum mark come
    from: the newest content version that contains the question."""

    def __init__(self):
        self._tables = ItemTables()
        self._scores: Counter = Counter()  # the attempts' scores (% of their maximum, 0 without one) -> attempts
        self._reader = MarkReader()
        self._buffers: dict[Layout, _Buffer] = {}

    def add(self, record, contents: ContentCache) -> None:
        """Count one attempt; a malformed record raises before anything is kept (every check comes first)."""
        layout, marks = self._reader.read(record)
        buffer = self._buffers.get(layout)
        if buffer is None:
            choice_questions = contents.choice_question_ids(layout.version)
            buffer = self._buffers[layout] = _Buffer(
                layout, tuple(qid for qid in layout.question_ids if qid in choice_questions))
        picks = [answer if answer.__class__ is str or answer is None
                 else tuple(answer) if answer.__class__ is list else (answer,)
                 for answer in map((record.answers or {}).get, buffer.choice_ids)]
        hash(tuple(picks))  # a stored pick that is not an id (a dict...) is malformed: raise now, before it is kept
        key = (float(record.earned or 0.0), record.possible)
        group = buffer.by_total.get(key)
        if group is None:
            group = buffer.by_total[key] = ([], [])
        group[0].append(marks)
        group[1].append(picks)
        buffer.buffered += 1
        if buffer.buffered >= FLUSH_EVERY:
            buffer.flush_into(self._tables, self._scores)

    @property
    def tables(self) -> ItemTables:
        """The tables of every attempt added so far."""
        for buffer in self._buffers.values():
            buffer.flush_into(self._tables, self._scores)
        return self._tables

    @property
    def scores(self) -> Counter:
        """{score in % of the attempt's maximum (0 without one): attempts} of every attempt added so far."""
        self.tables  # noqa: B018  (flushes the buffers)
        return self._scores

    def max_marks(self) -> dict[str, tuple[int, float]]:
        """question id -> (the newest content version containing it, its points possible there)."""
        newest = {}
        for layout in sorted(self._buffers, key=attrgetter('version')):
            for question_id, points in zip(layout.question_ids, layout.possible, strict=True):
                if question_id not in newest or newest[question_id][0] < layout.version:
                    newest[question_id] = (layout.version, points)
        return newest


def compute(filters, attempts: str, problems: Problems | None = None) -> dict:
    """The three tables, each quiz read once (twice for a quiz that draws its questions at random: alpha then
    needs the totals over the questions every attempt contained, known only once every attempt has been read), and
    ``scores``: {score %: attempts} of the counted attempts of every quiz covered (the dashboard's distribution)."""
    problems = Problems() if problems is None else problems
    contents = ContentCache()
    tables = {'questions': [], 'distractors': [], 'test': [], 'scores': Counter()}
    for block in blocks(filters):
        block_filters = replace(filters, block=block)
        data = QuizData()
        for record in records(block_filters, attempts, keep=kept_attempt):
            unless_malformed(problems, data.add, record, contents)
        common_totals = None
        if is_drawn(data.tables):
            common_totals = totals_over(common_questions(data.tables), block_filters, attempts)
        _lay_out(block, data, contents, tables, common_totals)
        tables['scores'].update(data.scores)
    return tables


def totals_over(question_ids, filters, attempts: str) -> Counter:
    """{total over ``question_ids``: attempts}, reading the counted attempts again (malformed ones were reported
    by the first pass and are left out here too)."""
    wanted, totals = frozenset(question_ids), Counter()
    for record in records(filters, attempts, keep=kept_attempt):
        try:
            _, marks = recorded_marks(record)
        except MALFORMED:
            continue
        totals[math.fsum(earned for question_id, earned, _ in marks if question_id in wanted)] += 1
    return totals


def _lay_out(block, data: QuizData, contents: ContentCache, tables, common_totals) -> None:
    newest = data.max_marks()
    item_tables = data.tables
    max_marks = {qid: possible for qid, (_, possible) in newest.items()}
    texts = {qid: contents.texts(version, qid) for qid, (version, _) in newest.items()}
    choice_ids = {qid: [choice[0] for choice in text.choices] for qid, text in texts.items() if text.choices}
    for item in item_tables.statistics(max_marks, choice_ids):
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
    whole = whole_test_statistics_of(item_tables, common_totals)
    band = cic_band(whole.cic)
    for name, stat in (('mean', whole.mean), ('median', whole.median), ('standard_deviation', whole.sd),
                       ('skewness', whole.skewness), ('kurtosis', whole.kurtosis), ('cronbach_alpha', whole.cic),
                       ('error_ratio', whole.error_ratio), ('standard_error', whole.standard_error),
                       ('mean_percent', whole.mean_percent), ('median_percent', whole.median_percent)):
        note = '; '.join(part for part in (stat.note, band if name == 'cronbach_alpha' else None) if part)
        tables['test'].append((block, name, number(stat), stat.n, note))
