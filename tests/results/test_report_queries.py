"""How many queries each report costs per chunk of records: counts, not times, so that a report that starts querying
per row (or re-reading a block for each chunk) fails here, whatever the machine. The store's chunk size is set to 2
so that a handful of records make several chunks; each count is explained query by query."""
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cifal_results.reports import build_report, source, write_report
from tests.results.test_reports_data import gain_pair, item_quiz


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(source, 'CHUNK_SIZE', 2)


def queries_of(name, fmt='json', **filters) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        report = build_report(name, **filters)
        write_report(report, fmt, io.BytesIO())
    return [query['sql'].replace('"', '').replace('`', '') for query in captured.captured_queries]  # any backend


def test_responses_costs_one_query_per_chunk(client, workbench, small_chunks):
    quiz = item_quiz(client, workbench)  # 6 attempts of 4 learners, one content version
    sql = queries_of('responses', 'csv', block=quiz)
    # 1: the block has records (EXISTS); 4: the chunks of 2 (id > last), the last one empty; 1: the content version.
    assert len(sql) == 6, sql
    assert sum('cifal_results_submission.id >' in query for query in sql) == 4  # one per chunk (id > last)


def test_item_analysis_reads_each_learner_once_per_chunk(client, workbench, small_chunks):
    quiz = item_quiz(client, workbench)
    sql = queries_of('item-analysis', block=quiz)
    # 2: the block has records (the report's, then the reader's); 1: its anonymous records (none); 7: pages of 2
    # rows in learner order (learner > the last one read), 5 pages for 4 learners, the last one empty, and a learner
    # whose records fill a whole page read again whole (ana's and ben's two attempts each: 2); 1: the content
    # version. Nothing per record.
    assert len(sql) == 11, sql
    assert sum('learner_id >' in query or 'learner_id =' in query for query in sql) == 6


def test_item_analysis_with_default_chunks_reads_the_block_in_one_query(client, workbench):
    quiz = item_quiz(client, workbench)
    # 2 (the block has records) + 1 (no anonymous records) + 1 (every learner's attempts) + 1 (content version).
    assert len(queries_of('item-analysis', block=quiz)) == 5


def test_knowledge_gain_reads_both_tests_in_windows(client, workbench, small_chunks):
    quizzes = gain_pair(client, workbench)  # pre: ana, ben, cy; post: ana, ben, dot (one attempt each)
    sql = queries_of('knowledge-gain', block=quizzes['pre'])
    # 2: the pairs the block is in (its pair keys off the (block, pair) index, then the course of each); 1: the pair's
    # blocks (off the (pair, block) index); 4: which of them has records of each role (an EXISTS each); 3: the
    # pre-test's pages of 2 rows in learner order (3 learners: 2 pages and the last, short); 4: for each page, the
    # post-test's records up to its last learner (the last page: all the rest, two pages of it); 2: the content
    # versions, once each. Nothing per learner: a window is delimited by the database (<= the page's last learner),
    # never looked up learner by learner.
    assert len(sql) == 2 + 1 + 4 + 3 + 4 + 2, sql
    assert not any('learner_id IN (' in query for query in sql)  # no lookup learner by learner


def test_more_records_cost_more_chunks_not_more_queries_per_record(client, workbench, small_chunks):
    quiz = item_quiz(client, workbench)
    few = len(queries_of('responses', 'csv', block=quiz))
    item_quiz(client, workbench, name='items-quiz-2')  # six more attempts, in another block of the same course
    both = len(queries_of('responses', 'csv', course='workbench'))
    # The course: its blocks (1), then per block its chunks (4) and, once, each content version (2).
    assert few == 6 and both == 1 + 2 * 4 + 2
