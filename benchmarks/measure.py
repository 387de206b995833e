"""One measurement, in a process of its own: ``python -m benchmarks.measure VAR_DIR TASK BLOCK [--tracemalloc]``.

A fresh process per measurement makes the peak resident memory (VmHWM) mean something: its growth over
the baseline taken after Django's set-up is what the task itself needed, untouched by the data generation or by
another export. ``--tracemalloc`` also reports Python's own allocation peak (slower: it traces every allocation).
Prints one JSON line.
"""
import csv
import gc
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from benchmarks.environment import configure


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB. Linux's VmHWM, not ``ru_maxrss``: the kernel carries
    ``ru_maxrss`` over from the parent through fork and exec, so a child of a 300 MB parent would start at 300 MB
    and show no growth at all."""
    try:
        with open('/proc/self/status', encoding='ascii') as status:
            for line in status:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class Counted:
    """Rows passed through, counted."""

    def __init__(self, rows):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def run(var_dir: Path, task: str, block: str) -> dict:
    from cifal_core.exports import Report, Table  # pylint: disable=import-outside-toplevel
    from cifal_results.reports import build_report, write_report  # pylint: disable=import-outside-toplevel

    output = var_dir / f'out-{task}'
    if task.startswith('questionnaire-'):
        from benchmarks.questionnaire_tasks import run as run_questionnaire  # pylint: disable=import-outside-toplevel
        return run_questionnaire(task, block, output)
    if task.startswith(('scenario-', 'handler-')):
        from benchmarks.scenario_tasks import run as run_scenario  # pylint: disable=import-outside-toplevel
        return run_scenario(task, block, output)
    result = {'task': task}
    if task == 'plain-csv':
        started = time.perf_counter()
        gc.disable()  # two million tuples kept alive: the collector would rescan them again and again
        rows = list(build_report('responses', block=block).tables[0].rows)
        gc.enable()
        result['build_rows_seconds'] = time.perf_counter() - started
        started = time.perf_counter()
        with output.open('w', newline='', encoding='utf-8') as stream:
            csv.writer(stream).writerows(rows)
        result['seconds'], result['rows'] = time.perf_counter() - started, len(rows)
    elif task.startswith('responses-'):
        fmt = task.split('-', 1)[1]
        report = build_report('responses', block=block)
        counted = Counted(report.tables[0].rows)
        report = Report(report.name, (Table(report.tables[0].name, report.tables[0].columns, counted),), report.meta)
        started = time.perf_counter()
        with output.open('wb') as stream:
            write_report(report, fmt, stream)
        result['seconds'], result['rows'] = time.perf_counter() - started, counted.count
    else:
        report = build_report(task, block=block)
        started = time.perf_counter()
        with output.open('wb') as stream:
            write_report(report, 'json', stream)
        result['seconds'] = time.perf_counter() - started
        result['rows'] = sum(len(table['rows']) for table in json.loads(output.read_text())['tables'].values())
    result['bytes'] = output.stat().st_size
    output.unlink()
    return result


def main(argv: list[str]) -> None:
    var_dir, task, block = Path(argv[0]), argv[1], argv[2]
    configure(str(var_dir))
    from cifal_results import reports  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import

    traced = '--tracemalloc' in argv
    baseline = rss_mb()
    if traced:
        tracemalloc.start()
    result = run(var_dir, task, block)
    result['rss_growth_mb'] = rss_mb() - baseline
    if traced:
        result['tracemalloc_peak_mb'] = tracemalloc.get_traced_memory()[1] / 2 ** 20
        tracemalloc.stop()
    print(json.dumps(result))


if __name__ == '__main__':
    main(sys.argv[1:])
