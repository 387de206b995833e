"""``benchmarks.handlers`` on a tiny size: it runs through the workbench and gives its figures under stable keys (the
figures themselves are for people to read, never asserted: see the README's Benchmarks section)."""
import math

from benchmarks.handlers import RATIOS, TASKS, measure_handlers

FIGURES = {'label', 'requests', 'median_ms', 'p95_ms', 'queries', 'field_reads', 'field_writes', 'field_store_ms',
           'results_store_ms'}


def test_the_handler_benchmark_gives_every_figure_under_its_key():
    result = measure_handlers(requests=3)

    tasks = [task for task, _ in TASKS]
    assert set(result) == {*tasks, 'ratios', 'targets'}
    assert {'submit', 'vote', 'thumbs_vote', 'choose', 'quiz_page', 'survey_page', 'questionnaire_page'} <= set(tasks)
    for task in tasks:
        figures = result[task]
        assert set(figures) == FIGURES, task
        assert figures['requests'] == 3 and figures['median_ms'] > 0 and figures['p95_ms'] >= figures['median_ms']
        assert figures['queries'] > 0 and figures['field_reads'] > 0, task
    assert set(result['ratios']) == {key for key, *_ in RATIOS}
    assert all(isinstance(ratio, float) and math.isfinite(ratio) and ratio > 0 for ratio in result['ratios'].values())
    assert result['targets'] == {'submit_over_poll_vote': 1.5, 'quiz_page_over_survey_page': 1.2}
