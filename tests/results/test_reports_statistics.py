"""``item-analysis`` and ``knowledge-gain`` on small data sets submitted through the handlers, checked against
values computed by hand (see the matrices in ``test_reports_data``), and which attempt counts."""
from datetime import UTC, datetime

import pytest

from cifal_quiz.reports.content import kept_attempt
from cifal_results.reports import build_report
from cifal_results.reports.source import Record, latest_series
from tests.results.test_reports_data import gain_pair, item_quiz


def table(report, name):
    chosen = report.table(name)
    return [dict(zip(chosen.columns, row, strict=True)) for row in chosen.rows]


@pytest.fixture
def items(client, workbench):
    quiz = item_quiz(client, workbench)
    return quiz, build_report('item-analysis', block=quiz)


def test_question_statistics_by_hand(items):
    # Kept marks (q1, q2, q3): (1,1,1) (1,0,1) (0,1,0) (0,0,0); totals 3, 2, 1, 0.
    # q1: x = 1,1,0,0, Y = X - x = 2,1,1,0: Cov = 1/3, Var x = 1/3, Var Y = 2/3 -> DI = 100/sqrt(2) = 70.7107;
    #     sorted x and Y give the same covariance -> DE = 100. q3 has the same marks. q2: Cov(x, Y) = 0.
    quiz, report = items
    rows = {row['question_id']: row for row in table(report, 'questions')}
    assert list(rows) == ['q1', 'q2', 'q3']
    q1, q2 = rows['q1'], rows['q2']
    assert (q1['block'], q1['prompt'], q1['type'], q1['n']) == (quiz, 'How many international migrants?', 'single', 4)
    assert (q1['facility_percent'], q1['sd']) == (50.0, pytest.approx(0.5774))
    assert (q1['discrimination_index'], q1['discriminative_efficiency']) == (pytest.approx(70.7107), 100.0)
    assert (q1['needs_review'], q1['review_reasons']) == (False, '')
    assert (q2['discrimination_index'], q2['discriminative_efficiency']) == (0.0, 0.0)
    assert (q2['needs_review'], q2['review_reasons']) == (True, 'low_efficiency')
    assert rows['q3']['type'] == 'text' and rows['q3']['discrimination_index'] == pytest.approx(70.7107)


def test_distractors_by_hand(items):
    _, report = items
    rows = [(row['question_id'], row['choice_id'], row['choice_text'], row['correct'], row['count'],
             row['share_percent'], row['mean_total']) for row in table(report, 'distractors')]
    assert rows == [
        ('q1', 'a', '154 million', False, 1, 25.0, 1.0),
        ('q1', 'b', '304 million', True, 2, 50.0, 2.5),
        ('q1', 'c', '1 billion', False, 1, 25.0, 0.0),
        ('q2', 'x', 'Low awareness', True, 3, 75.0, 2.0),
        ('q2', 'y', 'Pull effect', True, 2, 50.0, 2.0),
        ('q2', 'z', 'Citizenship duty', False, 1, 25.0, 0.0),
    ]


def test_whole_test_statistics_by_hand(items):
    # Totals 3, 2, 1, 0: mean = median = 1.5, SD = sqrt(5/3) = 1.2910, skewness 0; m2 = 1.25, m4 = 2.5625,
    # k4 = 16 (5 m4 - 9 m2^2) / 6 = -10/3, k2 = 5/3, kurtosis = -1.2. Alpha = 100 * 3/2 * (1 - 1 / (5/3)) = 60;
    # error ratio = 100 sqrt(0.4) = 63.2456; standard error = 63.2456 * 1.2910 / 100 = 0.8165.
    _, report = items
    stats = {row['statistic']: row for row in table(report, 'test')}
    expected = {'mean': 1.5, 'median': 1.5, 'standard_deviation': 1.291, 'skewness': 0.0, 'kurtosis': -1.2,
                'cronbach_alpha': 60.0, 'error_ratio': 63.2456, 'standard_error': 0.8165, 'mean_percent': 50.0}
    assert {name: stats[name]['value'] for name in expected} == pytest.approx(expected, abs=1e-4)
    assert {row['n'] for row in stats.values()} == {4}
    assert stats['cronbach_alpha']['note'] == 'unsatisfactory'


def test_statistics_that_need_more_attempts_say_n_a(client, workbench):
    quizzes = gain_pair(client, workbench)  # 3 learners took the pre-test: kurtosis needs 4
    stats = {row['statistic']: row for row in table(build_report('item-analysis', block=quizzes['pre']), 'test')}
    assert not stats['kurtosis']['value'].available
    assert stats['kurtosis']['note'] == 'kurtosis needs at least 4 values, got 3'
    assert stats['skewness']['value'] == 0.0


def test_no_quiz_no_rows(client, workbench):
    item_quiz(client, workbench)
    report = build_report('item-analysis', course='another-course')
    assert [list(table.rows) for table in report.tables] == [[], [], []]


def test_knowledge_gain_by_hand(client, workbench):
    # ana 50 -> 100 (raw 50, g = 50/50 = 1), ben 0 -> 50 (raw 50, g = 0.5), cy pre only, dot post only.
    # Cohort (ana, ben): mean pre 25, mean post 75, raw 50, <g> = 50 / 75 = 0.6667 (medium).
    # Facility over ana and ben: g1 50 -> 100, g2 0 -> 50.
    quizzes = gain_pair(client, workbench)
    report = build_report('knowledge-gain', course='workbench')
    learners = {(row['pair'], row['pre_percent'], row['post_percent'], row['raw_gain'], row['normalized_gain'])
                for row in table(report, 'learners')}
    assert learners == {('module-1', 50.0, 100.0, 50.0, 1.0), ('module-1', 0.0, 50.0, 50.0, 0.5),
                        ('module-1', 100.0, None, None, None), ('module-1', None, 50.0, None, None)}
    (cohort,) = table(report, 'cohort')
    assert cohort == {'pair': 'module-1', 'with_both': 2, 'only_pre': 1, 'only_post': 1, 'mean_pre': 25.0,
                      'mean_post': 75.0, 'mean_raw_gain': 50.0, 'normalized_gain': 0.6667, 'band': 'medium'}
    questions = [(row['question_id'], row['prompt'], row['facility_before'], row['facility_after'], row['change'])
                 for row in table(report, 'questions')]
    assert questions == [('g1', 'First', 50.0, 100.0, 50.0), ('g2', 'Second', 0.0, 50.0, 50.0)]
    by_block = build_report('knowledge-gain', block=quizzes['post'])
    assert table(by_block, 'cohort') == [cohort]  # a block stands for its pair, both tests included


def record(id_, series='s1', sequence=1, earned=0.0, grading='best'):
    return Record(id_, 'c', 'b', 1, 'learner', series, sequence, '', '', {}, [], {'grading': grading}, earned, 2.0,
                  datetime(2025, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(('grading', 'kept'), [('best', 2), ('first', 1), ('last', 4), ('average', 4)])
def test_the_attempt_the_grading_method_keeps(grading, kept):
    attempts = [record(1, earned=1.0, grading=grading), record(2, sequence=2, earned=2.0, grading=grading),
                record(3, sequence=3, earned=2.0, grading=grading), record(4, sequence=4, earned=0.0, grading=grading)]
    assert kept_attempt(latest_series(attempts)).id == kept  # best: ties go to the earliest


def test_only_the_latest_series_counts_after_an_instructor_reset():
    attempts = [record(1, earned=2.0), record(2, series='s2', earned=0.5), record(3, series='s2', sequence=2)]
    assert kept_attempt(latest_series(attempts)).id == 2
