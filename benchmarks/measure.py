"""One measurement, in a process of its own: ``python -m benchmarks.measure VAR_DIR DATABASE TASK BLOCKS_JSON
[--tracemalloc]``.

A fresh process per measurement makes the peak resident memory (VmHWM) mean something: its growth over the
baseline taken after Django's set-up and the reports' imports is what the task itself needed, untouched by the data
generation or by another export. ``--tracemalloc`` also reports Python's own allocation peak (slower: it traces
every allocation). Database queries are counted (``connection.execute_wrapper``). Prints one JSON line.
"""
import json
import resource
import sys
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


def run(var_dir: Path, task: str, blocks: dict) -> dict:
    output = var_dir / f'out-{task}'
    if task.startswith('questionnaire-'):
        from benchmarks.questionnaire_tasks import run as run_task  # pylint: disable=import-outside-toplevel
    elif task.startswith('scenario-'):
        from benchmarks.scenario_tasks import run as run_task  # pylint: disable=import-outside-toplevel
    else:
        from benchmarks.quiz_tasks import run as run_task  # pylint: disable=import-outside-toplevel
    try:
        return run_task(task, blocks if isinstance(blocks, dict) and 'pre' in blocks else blocks['block'], output)
    finally:
        output.unlink(missing_ok=True)


def main(argv: list[str]) -> None:
    var_dir, database, task, blocks = Path(argv[0]), argv[1], argv[2], json.loads(argv[3])
    configure(str(var_dir), database)
    from django.db import connection  # pylint: disable=import-outside-toplevel

    from cifal_results.reports import reports  # pylint: disable=import-outside-toplevel

    reports()  # every block's report modules imported before the clock runs, as in a worker that has served one

    queries = 0

    def counted(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    traced = '--tracemalloc' in argv
    baseline = rss_mb()
    if traced:
        tracemalloc.start()
    with connection.execute_wrapper(counted):
        result = {'task': task, **run(var_dir, task, blocks)}
    result['queries'] = queries
    result['peak_rss_mb'] = rss_mb()
    result['rss_growth_mb'] = result['peak_rss_mb'] - baseline
    if traced:
        result['tracemalloc_peak_mb'] = tracemalloc.get_traced_memory()[1] / 2 ** 20
        tracemalloc.stop()
    print(json.dumps(result))


if __name__ == '__main__':
    main(sys.argv[1:])
