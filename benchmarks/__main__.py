"""``python -m benchmarks [--attempts N] [--tracemalloc]``: generate a course, then time every report.

Defaults to 100,000 attempts of a 20-question quiz (2,000,000 ``responses`` rows). Each measurement runs in its
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
    parser.add_argument('--tracemalloc', action='store_true', help="also report Python's allocation peak (slower)")
    parser.add_argument('--serial', action='store_true', default=(os.cpu_count() or 1) < 2,
                        help='one measurement at a time (default on a single core; else XLSX runs beside the rest)')
    args = parser.parse_args()
    total = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix='cifal-bench-') as var_dir:
        configure(var_dir)
        from django.core.management import call_command  # pylint: disable=import-outside-toplevel

        from benchmarks.data import generate  # pylint: disable=import-outside-toplevel

        call_command('migrate', verbosity=0)
        started = time.perf_counter()
        course = generate(args.attempts)
        print(f'Generated {course["pre_rows"]:,} pre-test attempts (20 questions) and {course["post_rows"]:,} '
              f'post-test attempts of {course["learners"]:,} learners in {time.perf_counter() - started:.1f} s '
              f'(SQLite, {Path(var_dir, "workbench.db").stat().st_size / 2 ** 20:.0f} MB)')
        results, labels = {}, dict(TASKS)
        # XLSX takes as long as all the others together (XlsxWriter serialises every cell's XML in Python):
        # on a machine with a spare core it runs beside them, so that the whole run stays within minutes.
        beside = None if args.serial else start(Path(var_dir), PARALLEL, course['pre'], args.tracemalloc)
        for task, label in TASKS:
            if task == PARALLEL and beside is not None:
                continue
            results[task] = result_of(task, start(Path(var_dir), task, course['pre'], args.tracemalloc))
            print(line(label, results[task]), flush=True)
        if beside is not None:
            results[PARALLEL] = result_of(PARALLEL, beside)
            print(line(labels[PARALLEL] + ' (beside the others)', results[PARALLEL]), flush=True)
        plain, ours = results['plain-csv'], results['responses-csv']
        print(f'  building the same rows from the database took {plain["build_rows_seconds"]:.2f} s; the CSV export '
              f'is {ours["seconds"] / max(plain["seconds"], 1e-9):.1f}× the plain writer alone')
    print(f'Total {time.perf_counter() - total:.1f} s')


if __name__ == '__main__':
    main()
