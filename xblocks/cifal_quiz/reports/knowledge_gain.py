"""The ``knowledge-gain`` report: pre-test against post-test, for each pair of quizzes in a course.

Quizzes are paired by their ``pair`` setting within a course, one with role ``pre`` and one with role ``post``;
each learner's counted attempt on each (see ``source``) is scored as % of its maximum. The gain formulas are
``cifal_core.statistics.gain``'s (Hake's normalized gain, cohort gain from the cohort means). Per-question
facility before and after is computed over the learners who took both tests, so that the comparison is
like-for-like (a post-test taken only by the keenest would flatter the course). Filtering by ``block`` reports
on the pair(s) that block belongs to, both tests included.
"""
from cifal_core.exports.tables import LazyRows, Problems, Report, Table
from cifal_core.statistics.gain import knowledge_gain
from cifal_quiz.reports.content import AVERAGE_NOTE, KEPT_NOTE, ContentCache, kept_attempt, quiz_filters
from cifal_quiz.reports.item_analysis import Once, number
from cifal_quiz.reports.marks import MarkColumns, recorded_marks
from cifal_results.api import count_submissions, pairs, records, unless_malformed

NAME = 'knowledge-gain'
DEFAULT_ATTEMPTS = 'kept'
ROLES = ('pre', 'post')
LEARNER_COLUMNS = ('pair', 'anonymous_id', 'pre_percent', 'post_percent', 'raw_gain', 'normalized_gain')
COHORT_COLUMNS = ('pair', 'with_both', 'only_pre', 'only_post', 'mean_pre', 'mean_post', 'mean_raw_gain',
                  'normalized_gain', 'band')
QUESTION_COLUMNS = ('pair', 'question_id', 'prompt', 'facility_before', 'facility_after', 'change')


def build(course=None, block=None, pair=None, attempts: str | None = None, identified: bool = False) -> Report:
    """The report, lazily: computed when a writer asks for the first row (once for all tables)."""
    filters = quiz_filters(course=course, block=block, pair=pair)
    attempts = attempts or DEFAULT_ATTEMPTS
    problems = Problems()
    computed = Once(lambda: compute(filters, attempts, problems))
    tables = (
        Table('learners', LEARNER_COLUMNS, LazyRows(lambda: computed()['learners'])),
        Table('cohort', COHORT_COLUMNS, LazyRows(lambda: computed()['cohort'])),
        Table('questions', QUESTION_COLUMNS, LazyRows(lambda: computed()['questions'])),
    )
    notes = [KEPT_NOTE, AVERAGE_NOTE] if attempts == 'kept' else [
        'every attempt counts: a learner\'s later attempt replaces an earlier one of the same test']
    meta = {'filters': filters.as_meta(), 'attempts': attempts, 'notes': notes,
            'units': 'scores, means and facilities in % (0..100); raw gain in percentage points; normalized gain '
                     '0..1 (Hake): low < 0.3 <= medium <= 0.7 < high',
            'question_facility': 'over the learners who took both tests'}
    return Report(NAME, tables, meta, problems)


class Side:
    """The counted attempts of one side (pre or post) of a pair: score % and mark row per learner."""

    def __init__(self):
        self.percent: dict[str, float | None] = {}
        self.row: dict[str, int] = {}
        self.marks = MarkColumns()
        self.max_marks: dict[str, float] = {}
        self.texts: dict[str, tuple[int, str]] = {}  # question id -> (content version, prompt)

    def add(self, record, contents: ContentCache) -> None:
        learner = record.learner_id
        if not learner:
            return  # an anonymous response cannot be paired
        total, marks = recorded_marks(record)  # a malformed record raises before anything is counted
        self.percent[learner] = 100 * total / record.possible if record.possible else None
        self.row[learner] = self.marks.add(total, [(question_id, earned) for question_id, earned, _ in marks])
        for question_id, _, possible in marks:
            self.max_marks[question_id] = possible
            seen = self.texts.get(question_id)
            if seen is None or record.content_version_id > seen[0]:
                prompt = contents.texts(record.content_version_id, question_id).prompt
                self.texts[question_id] = (record.content_version_id, prompt)

    def rows_of(self, learners) -> list:
        return [self.marks.row_marks(self.row[learner]) for learner in learners]


def count(course=None, block=None, pair=None) -> int:
    """The records the report reads: both tests of every pair the filters cover."""
    return sum(count_submissions(scope) for scope in _scope(quiz_filters(course=course, block=block, pair=pair)))


def _scope(filters) -> list:
    """One filter per (course, pair) the report covers: a block stands for its pair(s), both roles."""
    base = quiz_filters(course=filters.course, block=filters.block, pair=filters.pair, roles=ROLES)
    return [quiz_filters(course=course, pair=pair, roles=ROLES) for course, pair in pairs(base)]


def compute(filters, attempts: str, problems: Problems | None = None) -> dict[str, list[tuple]]:
    problems = Problems() if problems is None else problems
    contents = ContentCache()
    tables = {'learners': [], 'cohort': [], 'questions': []}
    for scope in _scope(filters):
        tests = {role: Side() for role in ROLES}
        for record in records(scope, attempts, keep=kept_attempt):
            unless_malformed(problems, tests[record.role].add, record, contents)
        _lay_out(scope.pair, tests['pre'], tests['post'], tables)
    return tables


def _lay_out(pair, pre: Side, post: Side, tables) -> None:
    paired = [learner for learner in pre.row if learner in post.row
              and pre.percent[learner] is not None and post.percent[learner] is not None]
    report = knowledge_gain(pre.percent, post.percent, pre.rows_of(paired), post.rows_of(paired),
                            pre.max_marks, post.max_marks)
    for row in report.learners:
        tables['learners'].append((pair, row.learner, number(row.pre), number(row.post), number(row.raw_gain),
                                   number(row.normalized_gain)))
    cohort = report.cohort
    tables['cohort'].append((pair, cohort.paired, cohort.only_pre, cohort.only_post, number(cohort.mean_pre),
                             number(cohort.mean_post), number(cohort.mean_raw_gain), number(cohort.normalized_gain),
                             cohort.band))
    for question in report.questions:
        prompt = pre.texts.get(question.question_id, (0, ''))[1]
        tables['questions'].append((pair, question.question_id, prompt, number(question.facility_before, 100),
                                    number(question.facility_after, 100), number(question.change, 100)))
