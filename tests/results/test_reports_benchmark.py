"""The benchmark runs (with a handful of attempts): it must keep working, but its timings are never asserted."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_and_prints_its_figures():
    completed = subprocess.run([sys.executable, '-m', 'benchmarks', '--attempts', '40'], cwd=ROOT,
                               capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stderr
    output = completed.stdout
    assert 'Generated 40 pre-test attempts' in output
    for label in ('responses → CSV', 'responses → XLSX', 'responses → JSON', 'plain csv.writer',
                  'item-analysis', 'knowledge-gain'):
        assert label in output
    assert '800 rows' in output  # 40 attempts x 20 questions
