"""``python -m benchmarks``: every report at three sizes beside its floor, the handlers beside their peers; the figures
are printed and written to ``var/bench/results.json``.

``--sizes`` (default 10,000, 50,000 and 200,000 attempts of a 20-question pre-test, with a post-test taken by about
half its learners): every quiz report and its floors at each size, printed as seconds and seconds per 10,000
attempts, so that growth shows. ``--memory-sizes`` (default 10,000, 100,000 and 300,000): the reports' peak memory,
which must stay flat (within 10%). The database grows from one size to the next (each a superset of the one before);
each measurement runs in a process of its own (``measure``). Then the questionnaire's reports (``--responses``
anonymous responses), the scenario's (``--runs`` runs) and the handlers (``--requests`` learners per handler, in
one workbench runtime: ``benchmarks.handlers``). ``--database mysql`` runs it all on the MariaDB/MySQL server, in a
database of its own (``environment.MYSQL_DATABASE``, dropped at the end). ``--quick``: sizes 2,000/10,000/40,000
and memory sizes 2,000/20,000/60,000, for a look in a few minutes. The whole default run takes about an hour on a
two-core machine (XLSX is most of it).

The JSON document's keys name the report, its format and the size: ``quiz.reports["responses.csv"]["50000"]``
holds that measurement (seconds, rows, bytes, queries, peak RSS...), ``quiz.ratios["responses.csv /
floor.read-csv"]["50000"]`` its ratio to the floor, ``quiz.per_10k_seconds``, ``quiz.memory_flatness``, and
``targets`` lists every target with its figure and whether it is met, so that a regression shows as a diff.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.environment import configure, create_mysql_database, drop_mysql_database
from benchmarks.questionnaire_tasks import TASKS as QUESTIONNAIRE_TASKS
from benchmarks.quiz_tasks import (
    LABELS,
    MARK_FLOORS,
    REPORT_TASKS,
    SECONDS_TARGETS,
    TARGET_SIZES,
    TARGETS,
    WRITER_FLOORS,
)
from benchmarks.scenario_tasks import TASKS as SCENARIO_TASKS

RESULTS = Path(__file__).resolve().parents[1] / 'var' / 'bench' / 'results.json'
SIZES, MEMORY_SIZES = (10_000, 50_000, 200_000), (10_000, 100_000, 300_000)
QUICK_SIZES, QUICK_MEMORY_SIZES = (2_000, 10_000, 40_000), (2_000, 20_000, 60_000)
MEMORY_TOLERANCE = 1.10


def sizes_argument(text: str) -> tuple[int, ...]:
    values = tuple(sorted({int(part.replace('_', '')) for part in text.split(',') if part.strip()}))
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError('sizes are positive numbers of attempts, separated by commas')
    return values


class Runner:
    """Starts each measurement in a process of its own, on the benchmark's database."""

    def __init__(self, var_dir: Path, database: str, traced: bool):
        self.var_dir, self.database, self.traced = var_dir, database, traced

    def measure(self, task: str, blocks: dict) -> dict:
        command = [sys.executable, '-m', 'benchmarks.measure', str(self.var_dir), self.database, task,
                   json.dumps(blocks)]
        if self.traced:
            command.append('--tracemalloc')
        process = subprocess.run(command, capture_output=True, text=True, check=False)
        if process.returncode:
            raise SystemExit(f'{task} failed:\n{process.stderr[-4000:]}')
        return json.loads(process.stdout.strip().splitlines()[-1])


def line(label: str, result: dict, attempts: int | None = None) -> str:
    parts = [f'{label:<46}', f'{result["seconds"]:8.2f} s']
    if attempts:
        parts.append(f'{result["seconds"] * 10_000 / attempts:6.2f} s/10k')
    parts += [f'{result.get("rows", 0):>10,} rows', f'{result.get("queries", 0):>6,} queries',
              f'peak RSS {result["peak_rss_mb"]:6.0f} MB (+{result["rss_growth_mb"]:5.1f})']
    if 'tracemalloc_peak_mb' in result:
        parts.append(f'tracemalloc peak {result["tracemalloc_peak_mb"]:7.1f} MB')
    return '  '.join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(prog='python -m benchmarks', description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--sizes', type=sizes_argument, help='attempts of the pre-test at which every quiz report '
                        'and floor is timed (default 10000,50000,200000)')
    parser.add_argument('--memory-sizes', type=sizes_argument, help='attempts at which the quiz reports\' peak '
                        'memory is compared (default 10000,100000,300000)')
    parser.add_argument('--quick', action='store_true', help='smaller sizes, for a look in a few minutes')
    parser.add_argument('--without-xlsx', action='store_true',
                        help='leave out the XLSX export and its floor (most of a full run\'s time)')
    parser.add_argument('--responses', type=int, default=20_000, help='anonymous questionnaire responses (20000)')
    parser.add_argument('--runs', type=int, default=20_000, help='recorded scenario runs (default 20000)')
    parser.add_argument('--requests', type=int, default=200, help='learners per handler timed (default 200)')
    parser.add_argument('--only', choices=('quiz', 'questionnaire', 'scenario', 'handlers'), help='one part only')
    parser.add_argument('--database', choices=('sqlite', 'mysql'), default='sqlite',
                        help='sqlite (a temporary file, default) or mysql (the MariaDB/MySQL server the tests use)')
    parser.add_argument('--output', type=Path, default=RESULTS,
                        help='where to write the figures as JSON (default var/bench/results.json)')
    parser.add_argument('--tracemalloc', action='store_true', help="also report Python's allocation peak (slower)")
    args = parser.parse_args()
    args.sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    args.memory_sizes = args.memory_sizes or (QUICK_MEMORY_SIZES if args.quick else MEMORY_SIZES)
    total = time.perf_counter()
    document = {'arguments': {**vars(args), 'output': str(args.output)}, 'database': args.database,
                'machine': {'cpus': os.cpu_count(), 'python': sys.version.split()[0]},
                'quiz': None, 'questionnaire': None, 'scenario': None, 'handlers': None, 'targets': []}
    with tempfile.TemporaryDirectory(prefix='cifal-bench-') as var_dir:
        if args.database == 'mysql':
            create_mysql_database()
        try:
            configure(var_dir, args.database)
            from django.core.management import call_command  # pylint: disable=import-outside-toplevel

            call_command('migrate', verbosity=0)
            runner = Runner(Path(var_dir), args.database, args.tracemalloc)
            if args.only in (None, 'quiz'):
                document['quiz'] = quiz_reports(runner, args, document['targets'])
            if args.only in (None, 'questionnaire'):
                document['questionnaire'] = questionnaire_reports(runner, args)
            if args.only in (None, 'scenario'):
                document['scenario'] = scenario_reports(runner, args)
        finally:
            if args.database == 'mysql':
                drop_mysql_database()
    if args.only in (None, 'handlers'):
        document['handlers'] = handlers(args, document['targets'])
    document['total_seconds'] = time.perf_counter() - total
    print_targets(document['targets'])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(document, indent=2) + '\n', encoding='utf-8')
    print(f'Total {document["total_seconds"]:.0f} s; figures written to {args.output}')


def quiz_reports(runner: Runner, args, targets: list) -> dict:
    from benchmarks.data import Cohort  # pylint: disable=import-outside-toplevel

    cohort = Cohort()
    blocks = cohort.blocks
    reports: dict[str, dict[str, dict]] = {}
    for size in sorted(set(args.sizes) | set(args.memory_sizes)):
        started = time.perf_counter()
        cohort.grow_to(size)
        summary = cohort.summary()
        print(f'\n{size:,} pre-test attempts (20 questions), {summary["post_rows"]:,} post-test attempts, '
              f'{summary["learners"]:,} learners ({args.database}; generated in {time.perf_counter() - started:.0f} '
              's)', flush=True)
        tasks = list(REPORT_TASKS) + list(MARK_FLOORS)
        if size in args.sizes:
            tasks += list(WRITER_FLOORS)
        if args.without_xlsx:
            tasks = [task for task in tasks if 'xlsx' not in task]
        for task in tasks:
            result = runner.measure(task, blocks)
            reports.setdefault(task, {})[str(size)] = {**result, 'attempts': size}
            print(line(LABELS[task], result, size), flush=True)
    ratios = {f'{report} / {floor}': {size: reports[report][size]['seconds'] / max(reports[floor][size]['seconds'],
                                                                                   1e-9)
                                      for size in reports[report] if size in reports.get(floor, {})}
              for report, pairs in TARGETS.items() for floor, _ in pairs if report in reports and floor in reports}
    per_10k = {task: {size: result['seconds'] * 10_000 / result['attempts'] for size, result in by_size.items()
                      if int(size) in args.sizes} for task, by_size in reports.items()}
    flatness = {task: _flatness([by_size[str(size)]['peak_rss_mb'] for size in args.memory_sizes])
                for task, by_size in reports.items() if task in REPORT_TASKS}
    ratio_pairs = [(report, floor, limit) for report, pairs in TARGETS.items() for floor, limit in pairs
                   if report in reports and floor in reports]
    print('\nRatios to the floors (target in brackets):')
    for report, floor, limit in ratio_pairs:
        figures = ratios[f'{report} / {floor}']
        shown = ', '.join(f'{float(value):.2f}× at {int(size):,}' for size, value in figures.items())
        print(f'  {report} / {floor} (≤ {limit}×): {shown}')
        for size, value in figures.items():
            if report in TARGET_SIZES and int(size) != TARGET_SIZES[report]:
                continue
            targets.append({'target': f'{report} at most {limit}× {floor}', 'size': int(size), 'value': value,
                            'limit': limit, 'met': value <= limit})
    for report, (size, limit) in SECONDS_TARGETS.items():
        if str(size) in reports.get(report, {}):
            seconds = reports[report][str(size)]['seconds']
            targets.append({'target': f'{report} under {limit} s', 'size': size, 'value': seconds, 'limit': limit,
                            'met': seconds < limit})
    print('Peak memory at ' + ', '.join(f'{size:,}' for size in args.memory_sizes) + ' attempts (largest / smallest):')
    for task, value in flatness.items():
        print(f'  {task:<24} {value:.3f}')
        targets.append({'target': f'{task} peak memory flat (within 10%)', 'size': max(args.memory_sizes),
                        'value': value, 'limit': MEMORY_TOLERANCE, 'met': value <= MEMORY_TOLERANCE})
    return {**cohort.summary(), 'sizes': list(args.sizes), 'memory_sizes': list(args.memory_sizes),
            'reports': reports, 'ratios': ratios, 'per_10k_seconds': per_10k, 'memory_flatness': flatness}


def _flatness(peaks: list[float]) -> float:
    return max(peaks) / max(min(peaks), 1e-9)


def questionnaire_reports(runner: Runner, args) -> dict:
    from benchmarks.questionnaire_data import generate  # pylint: disable=import-outside-toplevel

    started = time.perf_counter()
    data = generate(args.responses)
    print(f'\nGenerated {data["rows"]:,} anonymous responses to a {data["items"]}-item questionnaire in '
          f'{time.perf_counter() - started:.1f} s')
    results = {}
    for task, label in QUESTIONNAIRE_TASKS:
        results[task] = runner.measure(task, {'block': data['block']})
        print(line(label, results[task]), flush=True)
    plain = max(results['questionnaire-plain']['seconds'], 1e-9)
    ratios = {'summary_over_plain_pass': results['questionnaire-summary']['seconds'] / plain,
              'responses_over_plain_pass': results['questionnaire-responses']['seconds'] / plain}
    print(f'  the summary takes {ratios["summary_over_plain_pass"]:.1f}× the plain pass over the same rows; '
          f'the responses export {ratios["responses_over_plain_pass"]:.1f}×')
    return {'responses': data['rows'], 'items': data['items'], 'tasks': results, 'ratios': ratios}


def scenario_reports(runner: Runner, args) -> dict:
    from benchmarks.scenario_data import generate  # pylint: disable=import-outside-toplevel

    started = time.perf_counter()
    data = generate(args.runs)
    print(f'\nGenerated {data["runs"]:,} runs of a {data["nodes"]}-node scenario (by the run engine) in '
          f'{time.perf_counter() - started:.1f} s')
    results = {}
    for task, label in SCENARIO_TASKS:
        results[task] = runner.measure(task, {'block': data['block']})
        print(line(label, results[task]), flush=True)
    plain = max(results['scenario-plain']['seconds'], 1e-9)
    ratios = {'summary_over_plain_pass': results['scenario-summary']['seconds'] / plain}
    print(f'  the summary takes {ratios["summary_over_plain_pass"]:.1f}× the plain pass over the same runs')
    return {'runs': data['runs'], 'nodes': data['nodes'], 'tasks': results, 'ratios': ratios}


def handlers(args, targets: list) -> dict:
    from benchmarks.handlers import measure_handlers, table  # pylint: disable=import-outside-toplevel

    print(f'\nHandlers and pages, {args.requests} learners each, in one workbench runtime:')
    result = measure_handlers(args.requests)
    print(table(result))
    for key, target in (result.get('targets') or {}).items():
        value = result['ratios'][key]
        targets.append({'target': f'handlers {key}', 'value': value, 'limit': target, 'met': value <= target})
    return result


def print_targets(targets: list) -> None:
    if not targets:
        return
    print('\nTargets:')
    for target in targets:
        size = f' at {target["size"]:,}' if target.get('size') else ''
        print(f'  {"met " if target["met"] else "MISSED"}  {target["target"]}{size}: {target["value"]:.2f} '
              f'(limit {target["limit"]})')


if __name__ == '__main__':
    main()
