"""The ``knowledge-gain`` report: pre-test against post-test, for each pair of quizzes in a course.

Quizzes are paired by their ``pair`` setting within a course, one with role ``pre`` and one with role ``post``;
each learner's counted attempt on each (see ``source``) is scored as % of its maximum. The gain formulas are
``cifal_core.statistics.gain``'s (Hake's normalized gain, cohort gain from the cohort means). Per-question
facility before and after is computed over the learners who took both tests, so that the comparison is
like-for-like (a post-test taken only by the keenest would flatter the course). Filtering by ``block`` reports
on the pair(s) that block belongs to, both tests included.
"""
from collections.abc import Iterator
from dataclasses import replace

from cifal_core.exports.tables import LazyRows, Problems, Report, Table
from cifal_core.statistics.gain import GainTables, cohort_gain_of, question_gains_of
from cifal_quiz.reports.content import AVERAGE_NOTE, KEPT_NOTE, ContentCache, kept_attempt, quiz_filters
from cifal_quiz.reports.item_analysis import number
from cifal_quiz.reports.marks import Layout, MarkReader
from cifal_results.api import (
    count_submissions,
    latest,
    pair_blocks,
    paired_records,
    pairs,
    unless_malformed,
)

NAME = 'knowledge-gain'
DEFAULT_ATTEMPTS = 'kept'
ROLES = ('pre', 'post')
LEARNER_COLUMNS = ('pair', 'anonymous_id', 'pre_percent', 'post_percent', 'raw_gain', 'normalized_gain')
COHORT_COLUMNS = ('pair', 'with_both', 'only_pre', 'only_post', 'mean_pre', 'mean_post', 'mean_raw_gain',
                  'normalized_gain', 'band')
QUESTION_COLUMNS = ('pair', 'question_id', 'prompt', 'facility_before', 'facility_after', 'change')


def build(course=None, block=None, pair=None, attempts: str | None = None, identified: bool = False) -> Report:
    """The report, lazily: the learners' rows stream as they are written; the cohort and questions tables come
    from the same pass (run on its own if they are asked for first)."""
    filters = quiz_filters(course=course, block=block, pair=pair)
    attempts = attempts or DEFAULT_ATTEMPTS
    problems = Problems()
    gain = GainPass(filters, attempts, problems)
    tables = (
        Table('learners', LEARNER_COLUMNS, LazyRows(gain.learner_rows)),
        Table('cohort', COHORT_COLUMNS, LazyRows(lambda: gain.summary()['cohort'])),
        Table('questions', QUESTION_COLUMNS, LazyRows(lambda: gain.summary()['questions'])),
    )
    notes = [KEPT_NOTE, AVERAGE_NOTE] if attempts == 'kept' else [
        'every attempt counts: a learner\'s later attempt replaces an earlier one of the same test']
    meta = {'filters': filters.as_meta(), 'attempts': attempts, 'notes': notes,
            'units': 'scores, means and facilities in % (0..100); raw gain in percentage points; normalized gain '
                     '0..1 (Hake): low < 0.3 <= medium <= 0.7 < high',
            'question_facility': 'over the learners who took both tests'}
    return Report(NAME, tables, meta, problems)


class Side:
    """What one side (pre or post) of a pair needs beyond each learner's row: each question's maximum mark and
    prompt, from the newest content version that has it."""

    def __init__(self):
        self.max_marks: dict[str, float] = {}
        self.texts: dict[str, tuple[int, str]] = {}  # question id -> (content version, prompt)
        self._reader = MarkReader()
        self._seen: set[Layout] = set()

    def score(self, record, contents: ContentCache) -> tuple[float | None, tuple[tuple[str, ...], list[float]]]:
        """The record's score (% of its maximum, None when it has none) and its marks (question ids, marks); a
        malformed record raises here, before anything is counted."""
        layout, marks = self._reader.read(record)
        version = layout.version
        if layout not in self._seen:
            self._seen.add(layout)
            for question_id, possible in zip(layout.question_ids, layout.possible, strict=True):
                self.max_marks[question_id] = possible
                seen = self.texts.get(question_id)
                if seen is None or version > seen[0]:
                    self.texts[question_id] = (version, contents.texts(version, question_id).prompt)
        total = float(record.earned or 0.0)
        return (100 * total / record.possible if record.possible else None), (layout.question_ids, marks)


def count(course=None, block=None, pair=None) -> int:
    """The records the report reads: both tests of every pair the filters cover."""
    return sum(count_submissions(scope) for scope in _scope(quiz_filters(course=course, block=block, pair=pair)))


def _scope(filters) -> list:
    """One filter per (course, pair) the report covers: a block stands for its pair(s), both roles."""
    base = quiz_filters(course=filters.course, block=filters.block, pair=filters.pair, roles=ROLES)
    return [quiz_filters(course=course, pair=pair, roles=ROLES) for course, pair in pairs(base)]


def _role_filters(scope) -> list:
    """The scope narrowed, for each role, to the role's quiz when there is one (a pair normally has one quiz per
    role), so that every query runs on the block's own indexes; the pair's blocks are read once for both roles."""
    candidates = pair_blocks(scope)
    narrowed = []
    for role in ROLES:
        role_filters = replace(scope, roles=(role,))
        found = [key for key in candidates if replace(role_filters, block=key).queryset().exists()]
        narrowed.append(replace(role_filters, block=found[0]) if len(found) == 1 else role_filters)
    return narrowed


class GainPass:
    """One pass over the pairs the filters cover. ``learner_rows`` streams the learners' rows (memory: one batch
    of learners) and, once through, leaves the cohort and questions tables in ``summary``; ``summary`` runs the
    pass itself when asked first."""

    def __init__(self, filters, attempts: str, problems: Problems | None = None):
        self.filters, self.attempts = filters, attempts
        self.problems = Problems() if problems is None else problems
        self._summary = None

    def learner_rows(self) -> Iterator[tuple]:
        contents = ContentCache()
        keep = kept_attempt if self.attempts == 'kept' else latest  # 'all': the learner's latest attempt counts
        summary = {'cohort': [], 'questions': []}
        for scope in _scope(self.filters):
            pre_filters, post_filters = _role_filters(scope)
            tables, sides = GainTables(), {'pre': Side(), 'post': Side()}
            for learner, before, after in _learners(pre_filters, post_filters, keep, contents, sides, self.problems):
                row = tables.add_rows(learner, before[0], after[0], before[1], after[1])
                yield (scope.pair, row.learner, number(row.pre), number(row.post), number(row.raw_gain),
                       number(row.normalized_gain))
            _summarise(scope.pair, tables, sides['pre'], sides['post'], summary)
        self._summary = summary

    def summary(self) -> dict[str, list[tuple]]:
        if self._summary is None:
            for _ in self.learner_rows():
                pass
        return self._summary


NOT_TAKEN = (None, ((), []))


def _learners(pre_filters, post_filters, keep, contents, sides, problems) -> Iterator[tuple]:
    """(learner, (pre %, marks), (post %, marks)) for every learner of the pair, a side they did not take (or whose
    record is malformed, and reported) as ``NOT_TAKEN``, in one pass over both tests (``paired_records``). Records
    are scored as soon as they are read, so that only the current window's records are in memory."""
    for learner, pre, post in paired_records(pre_filters, post_filters, keep, answers=False):
        before = NOT_TAKEN if pre is None else unless_malformed(problems, sides['pre'].score, pre, contents)
        after = NOT_TAKEN if post is None else unless_malformed(problems, sides['post'].score, post, contents)
        if before is None and after is None:
            continue  # both malformed: reported, nothing to show
        yield learner, before or NOT_TAKEN, after or NOT_TAKEN


def compute(filters, attempts: str, problems: Problems | None = None) -> dict[str, list[tuple]]:
    """The cohort and questions tables (what the dashboard shows), without keeping the learners' rows."""
    return GainPass(filters, attempts, problems).summary()


def _summarise(pair, tables: GainTables, pre: Side, post: Side, summary) -> None:
    cohort = cohort_gain_of(tables)
    summary['cohort'].append((pair, cohort.paired, cohort.only_pre, cohort.only_post, number(cohort.mean_pre),
                              number(cohort.mean_post), number(cohort.mean_raw_gain), number(cohort.normalized_gain),
                              cohort.band))
    for question in question_gains_of(tables.before, tables.after, pre.max_marks, post.max_marks):
        prompt = pre.texts.get(question.question_id, (0, ''))[1]
        summary['questions'].append((pair, question.question_id, prompt, number(question.facility_before, 100),
                                     number(question.facility_after, 100), number(question.change, 100)))
