"""``python -m benchmarks [--attempts N] [--responses N] [--runs N] [--only quiz|questionnaire|scenario]
[--tracemalloc]``: generate a course, then time every report; the figures are printed and written to
``var/bench/results.json``.

Defaults to 100,000 attempts of a 20-question quiz (2,000,000 ``responses`` rows), 20,000 anonymous responses
to a 15-item questionnaire and 20,000 runs of a 30-node scenario, with the scenario's ``choose`` handler timed
beside the quiz's ``submit``. Each measurement runs in its
own process (see ``measure``) against the same SQLite database, in a temporary directory removed at the end; the
XLSX export, the longest, runs beside the others when the machine has a second core (``--serial`` to isolate it).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.environment import configure
from benchmarks.questionnaire_tasks import TASKS as QUESTIONNAIRE_TASKS
from benchmarks.scenario_tasks import HANDLER_TASKS
from benchmarks.scenario_tasks import TASKS as SCENARIO_TASKS

RESULTS = Path(__file__).resolve().parents[1] / 'var' / 'bench' / 'results.json'

TASKS = (
    ('responses-csv', 'responses → CSV'),
    ('responses-xlsx', 'responses → XLSX'),
    ('responses-json', 'responses → JSON'),
    ('plain-csv', 'plain csv.writer, same rows (pre-built)'),
    ('item-analysis', 'item-analysis (3 tables → JSON)'),
    ('knowledge-gain', 'knowledge-gain (3 tables → JSON)'),
)

PARALLEL = 'responses-xlsx'


def start(var_dir: Path, task: str, block: str, traced: bool) -> subprocess.Popen:
    command = [sys.executable, '-m', 'benchmarks.measure', str(var_dir), task, block]
    if traced:
        command.append('--tracemalloc')
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def result_of(task: str, process: subprocess.Popen) -> dict:
    stdout, stderr = process.communicate()
    if process.returncode:
        raise SystemExit(f'{task} failed:\n{stderr}')
    return json.loads(stdout.strip().splitlines()[-1])


def line(label: str, result: dict) -> str:
    parts = [f'{label:<42}', f'{result["seconds"]:8.2f} s', f'{result.get("rows", 0):>10,} rows']
    parts.append(f'peak RSS +{result["rss_growth_mb"]:7.1f} MB')
    if 'tracemalloc_peak_mb' in result:
        parts.append(f'tracemalloc peak {result["tracemalloc_peak_mb"]:7.1f} MB')
    if result.get('bytes'):
        parts.append(f'{result["bytes"] / 2 ** 20:8.1f} MB written')
    return '  '.join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(prog='python -m benchmarks', description=__doc__)
    parser.add_argument('--attempts', type=int, default=100_000, help='attempts of the pre-test (default 100000)')
    parser.add_argument('--responses', type=int, default=20_000,
                        help='anonymous responses to the questionnaire (default 20000)')
    parser.add_argument('--runs', type=int, default=20_000, help='recorded runs of the scenario (default 20000)')
    parser.add_argument('--only', choices=('quiz', 'questionnaire', 'scenario'), help='one block\'s reports only')
    parser.add_argument('--output', type=Path, default=RESULTS,
                        help='where to write the figures as JSON (default var/bench/results.json)')
    parser.add_argument('--tracemalloc', action='store_true', help="also report Python's allocation peak (slower)")
    parser.add_argument('--serial', action='store_true', default=(os.cpu_count() or 1) < 2,
                        help='one measurement at a time (default on a single core; else XLSX runs beside the rest)')
    args = parser.parse_args()
    total = time.perf_counter()
    document = {'arguments': {**vars(args), 'output': str(args.output)}, 'quiz': None, 'questionnaire': None,
                'scenario': None}
    with tempfile.TemporaryDirectory(prefix='cifal-bench-') as var_dir:
        configure(var_dir)
        from django.core.management import call_command  # pylint: disable=import-outside-toplevel

        call_command('migrate', verbosity=0)
        if args.only in (None, 'quiz'):
            document['quiz'] = quiz_reports(Path(var_dir), args)
        if args.only in (None, 'questionnaire'):
            document['questionnaire'] = questionnaire_reports(Path(var_dir), args)
        if args.only in (None, 'scenario'):
            document['scenario'] = scenario_reports(Path(var_dir), args)
    document['total_seconds'] = time.perf_counter() - total
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(document, indent=2) + '\n', encoding='utf-8')
    print(f'Total {document["total_seconds"]:.1f} s; figures written to {args.output}')


def quiz_reports(var_dir: Path, args) -> dict:
    from benchmarks.data import generate  # pylint: disable=import-outside-toplevel

    started = time.perf_counter()
    course = generate(args.attempts)
    print(f'Generated {course["pre_rows"]:,} pre-test attempts (20 questions) and {course["post_rows"]:,} '
          f'post-test attempts of {course["learners"]:,} learners in {time.perf_counter() - started:.1f} s '
          f'(SQLite, {Path(var_dir, "workbench.db").stat().st_size / 2 ** 20:.0f} MB)')
    results, labels = {}, dict(TASKS)
    # XLSX takes as long as all the others together (XlsxWriter serialises every cell's XML in Python):
    # on a machine with a spare core it runs beside them, so that the whole run stays within minutes.
    beside = None if args.serial else start(var_dir, PARALLEL, course['pre'], args.tracemalloc)
    for task, label in TASKS:
        if task == PARALLEL and beside is not None:
            continue
        results[task] = result_of(task, start(var_dir, task, course['pre'], args.tracemalloc))
        print(line(label, results[task]), flush=True)
    if beside is not None:
        results[PARALLEL] = result_of(PARALLEL, beside)
        print(line(labels[PARALLEL] + ' (beside the others)', results[PARALLEL]), flush=True)
    plain, ours = results['plain-csv'], results['responses-csv']
    ratio = ours['seconds'] / max(plain['seconds'], 1e-9)
    print(f'  building the same rows from the database took {plain["build_rows_seconds"]:.2f} s; the CSV export '
          f'is {ratio:.1f}× the plain writer alone')
    return {'attempts': course['pre_rows'], 'post_attempts': course['post_rows'], 'tasks': results,
            'ratios': {'responses_csv_over_plain_writer': ratio}}


def questionnaire_reports(var_dir: Path, args) -> dict:
    from benchmarks.questionnaire_data import generate  # pylint: disable=import-outside-toplevel

    started = time.perf_counter()
    data = generate(args.responses)
    print(f'Generated {data["rows"]:,} anonymous responses to a {data["items"]}-item questionnaire in '
          f'{time.perf_counter() - started:.1f} s')
    results = {}
    for task, label in QUESTIONNAIRE_TASKS:
        results[task] = result_of(task, start(var_dir, task, data['block'], args.tracemalloc))
        print(line(label, results[task]), flush=True)
    plain = max(results['questionnaire-plain']['seconds'], 1e-9)
    ratios = {'summary_over_plain_pass': results['questionnaire-summary']['seconds'] / plain,
              'responses_over_plain_pass': results['questionnaire-responses']['seconds'] / plain}
    print(f'  the summary takes {ratios["summary_over_plain_pass"]:.1f}× the plain pass over the same rows; '
          f'the responses export {ratios["responses_over_plain_pass"]:.1f}×')
    return {'responses': data['rows'], 'items': data['items'], 'tasks': results, 'ratios': ratios}


def scenario_reports(var_dir: Path, args) -> dict:
    from benchmarks.scenario_data import generate  # pylint: disable=import-outside-toplevel

    started = time.perf_counter()
    data = generate(args.runs)
    print(f'Generated {data["runs"]:,} runs of a {data["nodes"]}-node scenario (by the run engine) in '
          f'{time.perf_counter() - started:.1f} s')
    results = {}
    for task, label in SCENARIO_TASKS:
        results[task] = result_of(task, start(var_dir, task, data['block'], args.tracemalloc))
        print(line(label, results[task]), flush=True)
    for task, label in HANDLER_TASKS:
        results[task] = result_of(task, start(var_dir, task, data['block'], args.tracemalloc))
        timing = results[task]
        print(f'{label:<42}  median {timing["median_ms"]:6.1f} ms  95th centile {timing["p95_ms"]:6.1f} ms  '
              f'({timing["rows"]} learners)', flush=True)
    plain = max(results['scenario-plain']['seconds'], 1e-9)
    ratios = {'summary_over_plain_pass': results['scenario-summary']['seconds'] / plain,
              'choose_over_submit': results['handler-choose']['median_ms'] / results['handler-submit']['median_ms']}
    print(f'  the summary takes {ratios["summary_over_plain_pass"]:.1f}× the plain pass over the same runs; a choose '
          f'takes {ratios["choose_over_submit"]:.2f}× a quiz submit')
    return {'runs': data['runs'], 'nodes': data['nodes'], 'tasks': results, 'ratios': ratios}


if __name__ == '__main__':
    main()
