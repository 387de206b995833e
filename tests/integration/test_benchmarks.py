"""``make bench`` on a tiny questionnaire and scenario: it runs through, prints its figures and writes them as JSON
(the figures themselves are for people to read, never asserted: see the README's Benchmarks section)."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_questionnaire_benchmark_prints_and_writes_its_figures(tmp_path):
    output = tmp_path / 'results.json'

    finished = subprocess.run([sys.executable, '-m', 'benchmarks', '--only', 'questionnaire', '--responses', '300',
                               '--output', str(output)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                              check=False)

    assert finished.returncode == 0, finished.stderr
    assert 'questionnaire-summary (5 tables → JSON)' in finished.stdout and '× the plain pass' in finished.stdout
    document = json.loads(output.read_text(encoding='utf-8'))
    questionnaire = document['questionnaire']
    assert questionnaire['responses'] == 300 and questionnaire['items'] == 15 and document['quiz'] is None
    assert set(questionnaire['tasks']) == {'questionnaire-summary', 'questionnaire-responses', 'questionnaire-plain'}
    assert questionnaire['tasks']['questionnaire-plain']['rows'] == 300
    assert questionnaire['tasks']['questionnaire-responses']['rows'] > 300  # one row per response and item
    assert all(task['seconds'] > 0 and 'rss_growth_mb' in task for task in questionnaire['tasks'].values())


def test_the_scenario_benchmark_prints_and_writes_its_figures(tmp_path):
    output = tmp_path / 'results.json'

    finished = subprocess.run([sys.executable, '-m', 'benchmarks', '--only', 'scenario', '--runs', '200',
                               '--output', str(output)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                              check=False)

    assert finished.returncode == 0, finished.stderr
    assert 'scenario-summary (path analytics → JSON)' in finished.stdout and '× the plain pass' in finished.stdout
    scenario = json.loads(output.read_text(encoding='utf-8'))['scenario']
    assert scenario['runs'] == 200 and scenario['nodes'] == 30
    assert scenario['tasks']['scenario-plain']['rows'] == 200
    assert scenario['tasks']['scenario-paths']['rows'] > 200 * 10  # a row per step, and the runs, the indicators
