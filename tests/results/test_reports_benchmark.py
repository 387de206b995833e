"""``make bench`` on tiny sizes: it runs through, prints every report beside its floors, and writes the figures as JSON
with the keys evaluators' regressions are diffed on (the figures themselves are never asserted: see the README's
Benchmarks section)."""
import json
import subprocess
import sys
from pathlib import Path

from benchmarks.quiz_tasks import MARK_FLOORS, REPORT_TASKS, TARGETS, WRITER_FLOORS

ROOT = Path(__file__).resolve().parents[2]


def test_the_quiz_benchmark_prints_and_writes_every_report_floor_ratio_and_target(tmp_path):
    output = tmp_path / 'results.json'
    completed = subprocess.run([sys.executable, '-m', 'benchmarks', '--only', 'quiz', '--sizes', '20,40,80',
                                '--memory-sizes', '20,60,80', '--output', str(output)], cwd=ROOT,
                               capture_output=True, text=True, timeout=600, check=False)
    assert completed.returncode == 0, completed.stderr
    printed = completed.stdout
    for label in ('responses → CSV', 'responses → XLSX', 'responses → JSON', 'floor: bare read → csv writer',
                  'floor: csv writer, pre-built rows', 'floor: XlsxWriter constant_memory', 'item-analysis',
                  'knowledge-gain', 'Ratios to the floors', 'Peak memory at 20, 60, 80 attempts', 'Targets:'):
        assert label in printed
    assert '1,600 rows' in printed and 's/10k' in printed  # 80 attempts x 20 questions; seconds per 10,000

    quiz = json.loads(output.read_text(encoding='utf-8'))['quiz']
    assert quiz['sizes'] == [20, 40, 80] and quiz['memory_sizes'] == [20, 60, 80]
    assert set(quiz['reports']) == {*REPORT_TASKS, *MARK_FLOORS, *WRITER_FLOORS}
    for task in REPORT_TASKS:  # every report at every size, timing and memory ones alike
        assert set(quiz['reports'][task]) == {'20', '40', '60', '80'}
        assert all(result['seconds'] > 0 and result['peak_rss_mb'] > 0 and result['queries'] > 0
                   for result in quiz['reports'][task].values())
    assert set(quiz['reports']['floor.writer-csv']) == {'20', '40', '80'}  # the writers' floors at timing sizes
    assert quiz['reports']['responses.csv']['80']['rows'] == 1600 == quiz['reports']['floor.read-csv']['80']['rows']
    for report, pairs in TARGETS.items():
        for floor, _ in pairs:
            assert set(quiz['ratios'][f'{report} / {floor}']) >= {'20', '40', '80'}
    assert set(quiz['per_10k_seconds']['responses.csv']) == {'20', '40', '80'}
    assert set(quiz['memory_flatness']) == set(REPORT_TASKS)
    targets = json.loads(output.read_text(encoding='utf-8'))['targets']
    assert {target['target'] for target in targets} >= {'responses.xlsx at most 1.3× floor.writer-xlsx',
                                                        'knowledge-gain.json peak memory flat (within 10%)'}
    assert not any('under 3.0 s' in target['target'] for target in targets)  # measured at 100,000 attempts only
    assert all(isinstance(target['met'], bool) and target['value'] > 0 for target in targets)
