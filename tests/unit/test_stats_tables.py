"""The statistics computed from frequency tables (what the reports do at scale) are the statistics of the
per-attempt lists, as ``../shared/docs/assessment-statistics.md`` defines them: checked against a direct, list-based
computation of each formula on random cohorts, with and without a random draw."""
import math
import statistics
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from cifal_core.statistics.gain import GainTables, cohort_gain_of, question_gains_of
from cifal_core.statistics.items import AttemptMarks, ItemTables, item_statistics
from cifal_core.statistics.whole_test import common_questions, is_drawn, whole_test_statistics, whole_test_statistics_of

QUESTIONS = ('q1', 'q2', 'q3', 'q4')
MARKS = st.sampled_from((0.0, 0.5, 1.0, 2.0))


@st.composite
def cohorts(draw, drawn=False):
    count = draw(st.integers(min_value=4, max_value=40))
    attempts = []
    for _ in range(count):
        present = [qid for qid in QUESTIONS if not drawn or draw(st.booleans()) or qid == 'q1']
        marks = {qid: draw(MARKS) for qid in present}
        picks = {'q1': (draw(st.sampled_from('abc')),)}
        attempts.append(AttemptMarks(math.fsum(marks.values()), marks, picks))
    return attempts


def cov(xs, ys):
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (len(xs) - 1)


def close(value, expected):
    return (value is None and expected is None) or math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=60, deadline=None)
@given(cohorts())
def test_item_statistics_from_tables_are_those_of_the_lists(attempts):
    max_marks = dict.fromkeys(QUESTIONS, 2.0)
    for item in item_statistics(attempts, max_marks, {'q1': ['a', 'b', 'c']}):
        marks = [attempt.marks[item.question_id] for attempt in attempts if item.question_id in attempt.marks]
        rest = [attempt.total - attempt.marks[item.question_id] for attempt in attempts
                if item.question_id in attempt.marks]
        assert item.n == len(marks)
        assert close(item.facility.value, statistics.fmean(marks) / 2.0)
        assert close(item.sd.value, statistics.stdev(marks))
        if len(set(marks)) > 1 and len(set(rest)) > 1:
            assert close(item.discrimination_index.value, 100 * cov(marks, rest) / math.sqrt(
                statistics.variance(marks) * statistics.variance(rest)))
            largest = cov(sorted(marks), sorted(rest))
            assert close(item.discriminative_efficiency.value, 100 * cov(marks, rest) / largest)
        else:
            assert item.discrimination_index.value is None and item.discriminative_efficiency.value is None
    distractors = {choice.choice_id: choice for choice in item_statistics(attempts, max_marks)[0].distractors}
    for choice_id in 'abc':
        totals = [attempt.total for attempt in attempts if attempt.choices['q1'] == (choice_id,)]
        if totals:
            assert distractors[choice_id].count == len(totals)
            assert close(distractors[choice_id].mean_total.value, statistics.fmean(totals))


@settings(max_examples=60, deadline=None)
@given(cohorts(drawn=True))
def test_whole_test_statistics_from_tables_are_those_of_the_lists(attempts):
    totals = [attempt.total for attempt in attempts]
    whole = whole_test_statistics(attempts, max_total=8.0)
    assert close(whole.mean.value, statistics.fmean(totals))
    assert close(whole.median.value, float(statistics.median(totals)))
    assert close(whole.median_percent.value, float(statistics.median(total * 100 / 8.0 for total in totals)))
    if len(set(totals)) > 1:
        assert close(whole.sd.value, statistics.stdev(totals))
        s, centre = len(totals), statistics.fmean(totals)
        m2, m3 = (math.fsum((total - centre) ** k for total in totals) / s for k in (2, 3))
        k2, k3 = s * m2 / (s - 1), s ** 2 * m3 / ((s - 1) * (s - 2))
        assert close(whole.skewness.value, k3 / k2 ** 1.5)
    common = [qid for qid in QUESTIONS if all(qid in attempt.marks for attempt in attempts)]
    common_totals = [math.fsum(attempt.marks[qid] for qid in common) for attempt in attempts]
    if len(common) >= 2 and len(set(common_totals)) > 1:
        p = len(common)
        item_variance = math.fsum(statistics.variance([attempt.marks[qid] for attempt in attempts])
                                  for qid in common)
        assert close(whole.cic.value, 100 * p / (p - 1) * (1 - item_variance / statistics.variance(common_totals)))


def test_a_report_fed_in_groups_gets_what_a_list_gets():
    """``add_same_total`` (how a report feeds its buffered attempts) and ``add`` (one at a time) make one table."""
    attempts = [AttemptMarks(2.0, {'q1': 1.0, 'q2': 1.0}, {'q1': ('a',)}),
                AttemptMarks(1.0, {'q1': 0.0, 'q2': 1.0}, {'q1': ('b',)}),
                AttemptMarks(2.0, {'q1': 2.0, 'q2': 0.0}, {'q1': ('a',)}),
                AttemptMarks(0.0, {'q1': 0.0, 'q2': 0.0}, {'q1': None})]
    one_by_one, grouped = ItemTables(), ItemTables()
    for attempt in attempts:
        one_by_one.add(attempt.total, attempt.marks.items(), {'q1': attempt.choices['q1'] or ()}, 50.0)
    for total in (2.0, 1.0, 0.0):
        group = [attempt for attempt in attempts if attempt.total == total]
        grouped.add_same_total(['q1', 'q2'], ['q1'], total, [[a.marks['q1'], a.marks['q2']] for a in group],
                               [[a.choices['q1'] and a.choices['q1'][0]] for a in group], [50.0] * len(group))
    assert one_by_one.joint == grouped.joint and one_by_one.totals == grouped.totals
    picked = {'a': Counter({2.0: 2}), 'b': Counter({1.0: 1})}
    assert one_by_one.choice_totals('q1') == grouped.choice_totals('q1') == picked
    assert one_by_one.statistics({'q1': 2.0, 'q2': 1.0}) == grouped.statistics({'q1': 2.0, 'q2': 1.0})
    assert not is_drawn(grouped) and common_questions(grouped) == ('q1', 'q2')
    assert whole_test_statistics_of(grouped).mean_percent.value == 50.0


def test_gain_tables_give_the_cohort_and_question_figures_of_the_lists():
    tables = GainTables()
    tables.FLUSH_EVERY = 2  # several flushes on the way
    pre = {'a': (50.0, {'q1': 1.0, 'q2': 0.0}), 'b': (0.0, {'q1': 0.0, 'q2': 0.0}),
           'c': (100.0, {'q1': 1.0, 'q2': 1.0})}
    post = {'a': (100.0, {'q1': 1.0, 'q2': 1.0}), 'b': (50.0, {'q1': 1.0, 'q2': 0.0}),
            'd': (50.0, {'q1': 0.0, 'q2': 1.0})}
    for learner in 'abcd':
        before, after = pre.get(learner, (None, {})), post.get(learner, (None, {}))
        tables.add(learner, before[0], after[0], before[1].items(), after[1].items())
    cohort = cohort_gain_of(tables)
    assert (cohort.paired, cohort.only_pre, cohort.only_post) == (2, 1, 1)
    assert cohort.mean_pre.value == 25.0 and cohort.mean_post.value == 75.0
    assert math.isclose(cohort.normalized_gain.value, (75 - 25) / (100 - 25))
    questions = {question.question_id: question for question in
                 question_gains_of(tables.before, tables.after, {'q1': 1.0, 'q2': 1.0})}
    assert questions['q1'].facility_before.value == 0.5 and questions['q1'].facility_after.value == 1.0
    assert questions['q2'].facility_before.value == 0.0 and questions['q2'].facility_after.value == 0.5
