"""The handlers and pages, timed beside their lightest peers: ``python -m benchmarks.handlers [--requests N]``.

In one process, through the same workbench runtime (the suite's ``cifal_workbench`` settings, Django's test
``Client``, the real URLs, the user state and the results store on a fresh SQLite database in a temporary folder),
in interleaved rounds (one request of every task per round, the order turning each round) so that the machine's
noise falls on all of them alike:

- ``submit``: the quiz's ``submit`` of the six-question quiz of the tests (``tests/integration/quizzes.py``, every
  type, full marks), a learner's first attempt;
- ``vote``: xblock-poll's ``PollBlock.vote`` (its default poll), a learner's vote; ``thumbs_vote``: the sdk's thumbs
  block's ``vote``;
- ``choose``: the scenario's ``choose`` at its first decision; ``questionnaire_submit``: the questionnaire's
  ``submit`` of the tests' reaction questionnaire (anonymous), informative;
- ``quiz_page``, ``survey_page``, ``questionnaire_page``: the workbench's scenario page (``/scenario/<id>/``) of a
  scenario holding just that block, a learner's first view: the quiz, xblock-poll's ``SurveyBlock`` (its default
  survey) and the questionnaire (informative).

Each learner makes one request (``REQUESTS`` learners per task). Per task: the median and 95th centile in ms; the
database queries of one request (``CaptureQueriesContext``) and its field reads and writes (the calls of the
runtime's key-value store, where every field a block reads or writes goes: counted by wrapping the store while that
request runs, nothing cached), on requests of their own after the warm-up, so that counting costs no timed request
anything; and the time a request spends inside that store and inside the results store (``cifal_results.api``),
timed on a second request of each task in every round (the timed requests run with nothing wrapped).

``measure_handlers(requests)`` runs all that in a process of its own (its own temporary folder, database and
Django) and returns the figures as a dict; ``--json`` prints that dict; ``--explain`` prints the queries and the
field reads of one request of each task; ``--profile TASK`` prints where that task's time goes (cProfile;
``CIFAL_PROFILE_LINES`` lines, 60 by default).
"""
import argparse
import cProfile
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.environment import configure

REQUESTS = 200
WARM_UP = 3  # requests per task before anything is counted or timed (templates, catalogs, the content version)
ROOT = Path(__file__).resolve().parents[1]

TASKS = (
    ('submit', 'cifal_quiz submit (6 questions)'),
    ('vote', 'xblock-poll PollBlock vote'),
    ('thumbs_vote', 'xblock-sdk thumbs vote'),
    ('choose', 'cifal_scenario choose'),
    ('questionnaire_submit', 'cifal_questionnaire submit'),
    ('quiz_page', 'cifal_quiz page'),
    ('survey_page', 'xblock-poll SurveyBlock page'),
    ('questionnaire_page', 'cifal_questionnaire page'),
)
RATIOS = (  # (key, numerator, denominator, target)
    ('submit_over_poll_vote', 'submit', 'vote', 1.5),
    ('quiz_page_over_survey_page', 'quiz_page', 'survey_page', 1.2),
    ('submit_over_thumbs_vote', 'submit', 'thumbs_vote', None),
    ('choose_over_poll_vote', 'choose', 'vote', None),
    ('questionnaire_page_over_survey_page', 'questionnaire_page', 'survey_page', None),
)


def measure_handlers(requests: int = REQUESTS) -> dict:
    """Every task's figures, measured in a process of its own (a fresh temporary folder, database and Django):
    ``{task: {'label', 'requests', 'median_ms', 'p95_ms', 'queries', 'field_reads', 'field_writes',
    'field_store_ms', 'results_store_ms'} for each task of TASKS, 'ratios': {'submit_over_poll_vote': ...,
    'quiz_page_over_survey_page': ..., and the other RATIOS}, 'targets': {'submit_over_poll_vote': 1.5,
    'quiz_page_over_survey_page': 1.2}}``; times in milliseconds."""
    process = subprocess.run([sys.executable, '-m', 'benchmarks.handlers', '--requests', str(requests), '--json'],
                             cwd=ROOT, capture_output=True, text=True, check=False)
    if process.returncode:
        raise RuntimeError(f'benchmarks.handlers failed:\n{process.stderr[-4000:]}')
    return json.loads(process.stdout.strip().splitlines()[-1])


# ---- counting: queries and field reads of one request -----------------------------------------------------------

class StoreCalls:
    """Counts the calls of the workbench's key-value store (field reads: ``get`` and ``has``; writes: ``set``,
    ``delete``) while active, by wrapping its methods on the one store every workbench runtime shares."""

    READS, WRITES = ('get', 'has'), ('set', 'delete')

    def __init__(self):
        from workbench.runtime import WORKBENCH_KVS  # pylint: disable=import-outside-toplevel
        self.store, self.calls, self.seconds = WORKBENCH_KVS, [], 0.0

    def __enter__(self):
        for name in (*self.READS, *self.WRITES):
            original = getattr(self.store, name)

            def counted(key, *args, _name=name, _original=original):
                self.calls.append((_name, key.scope.name, key.field_name))
                started = time.perf_counter()
                try:
                    return _original(key, *args)
                finally:
                    self.seconds += time.perf_counter() - started
            setattr(self.store, name, counted)
        return self

    def __exit__(self, *exc):
        for name in (*self.READS, *self.WRITES):
            delattr(self.store, name)  # the instance attribute goes; the class's method is back

    @property
    def reads(self):
        return sum(1 for call in self.calls if call[0] in self.READS)

    @property
    def writes(self):
        return sum(1 for call in self.calls if call[0] in self.WRITES)


class ResultsStoreTime:
    """Times the calls of the results store's API (``cifal_results.api``) that the blocks make, while active."""

    NAMES = ('learner_attempts', 'record', 'record_anonymous_response', 'has_receipt', 'note_progress')

    def __init__(self):
        from cifal_results import api  # pylint: disable=import-outside-toplevel
        self.api, self.seconds, self.depth = api, 0.0, 0

    def __enter__(self):
        self.originals = {name: getattr(self.api, name) for name in self.NAMES}
        for name, original in self.originals.items():
            def timed(*args, _original=original, **kwargs):
                self.depth += 1
                started = time.perf_counter()
                try:
                    return _original(*args, **kwargs)
                finally:
                    self.depth -= 1
                    if not self.depth:
                        self.seconds += time.perf_counter() - started
            setattr(self.api, name, timed)
        return self

    def __exit__(self, *exc):
        for name, original in self.originals.items():
            setattr(self.api, name, original)


# ---- the tasks ---------------------------------------------------------------------------------------------------

class Tasks:
    """The scenarios of every task, loaded in the workbench, and one request of a task for a learner."""

    def __init__(self):
        from workbench import scenarios  # pylint: disable=import-outside-toplevel

        from tests.integration.questionnaires import COMPLETE, reaction  # pylint: disable=import-outside-toplevel
        from tests.integration.quizzes import PERFECT, all_types  # pylint: disable=import-outside-toplevel
        from tests.integration.scenarios import choice_code, riverton  # pylint: disable=import-outside-toplevel
        from tests.support.workbench_fixtures import Workbench, learner_codes  # pylint: disable=C0415

        scenarios.init_scenarios()  # every installed block's scenarios, as `make serve` has them
        bench = Workbench()
        quiz = bench.add_scenario('bench-quiz', all_types(max_attempts=0))
        scenario = bench.add_scenario('bench-scenario', riverton())
        questionnaire = bench.add_scenario('bench-questionnaire', reaction())
        poll = bench.add_scenario('bench-poll', '<poll />')
        thumbs = bench.add_scenario('bench-thumbs', '<thumbs />')
        bench.add_scenario('bench-survey', '<survey />')
        self.posts = {
            'submit': (quiz, 'submit', {'answers': learner_codes(quiz, PERFECT)}),
            'vote': (poll, 'vote', {'choice': 'R'}),
            'thumbs_vote': (thumbs, 'vote', {'voteType': 'up'}),
            'choose': (scenario, 'choose', {'node': 'n1', 'choice': choice_code(scenario, 'n1', 'c1')}),
            'questionnaire_submit': (questionnaire, 'submit', {'answers': COMPLETE}),
        }
        self.pages = {'quiz_page': 'bench-quiz', 'survey_page': 'bench-survey',
                      'questionnaire_page': 'bench-questionnaire'}
        self.bodies = {task: json.dumps(body) for task, (_, _, body) in self.posts.items()}
        from django.test import Client  # pylint: disable=import-outside-toplevel
        self.client = Client()

    def request(self, task, student):
        if task in self.pages:
            response = self.client.get(f'/scenario/{self.pages[task]}/?student={student}')
        else:
            usage_id, handler, _ = self.posts[task]
            response = self.client.post(f'/handler/{usage_id}/{handler}/?student={student}', data=self.bodies[task],
                                        content_type='application/json')
        if response.status_code != 200:
            raise SystemExit(f'{task} answered {response.status_code}: {response.content[:300]!r}')
        if task == 'submit' and json.loads(response.content)['percent'] != 100:
            raise SystemExit(f'submit did not score full marks: {response.content[:300]!r}')
        if task == 'vote' and not json.loads(response.content)['success']:
            raise SystemExit(f'vote was refused: {response.content[:300]!r}')
        return response

    def counted(self, task, student):
        """One request, with its queries and its calls of the key-value store."""
        from django.db import connection  # pylint: disable=import-outside-toplevel
        from django.test.utils import CaptureQueriesContext  # pylint: disable=import-outside-toplevel
        with CaptureQueriesContext(connection) as queries, StoreCalls() as calls:
            self.request(task, student)
        return queries.captured_queries, calls


def run(requests: int) -> dict:
    """Warm up, count, then time ``requests`` rounds; Django is configured by the caller."""
    tasks = Tasks()
    names = [task for task, _ in TASKS]
    for number in range(WARM_UP):
        for task in names:
            tasks.request(task, f'warm-{task}-{number}')
    counts = {}
    for task in names:
        queries, calls = tasks.counted(task, f'count-{task}')
        counts[task] = {'queries': len(queries), 'field_reads': calls.reads, 'field_writes': calls.writes}
    times, store_times, results_times = ({task: [] for task in names} for _ in range(3))
    for number in range(requests):
        shift = number % len(names)
        for task in names[shift:] + names[:shift]:
            started = time.perf_counter()
            tasks.request(task, f'bench-{task}-{number}')
            times[task].append((time.perf_counter() - started) * 1000)
        # The same round again, with the stores' calls timed (how much of a request they take), on learners of its
        # own: the timed requests above run with nothing wrapped.
        for task in names[shift:] + names[:shift]:
            with StoreCalls() as calls, ResultsStoreTime() as results:
                tasks.request(task, f'store-{task}-{number}')
            store_times[task].append(calls.seconds * 1000)
            results_times[task].append(results.seconds * 1000)
    labels = dict(TASKS)
    result = {}
    for task in names:
        ordered = sorted(times[task])
        median, store = statistics.median(ordered), statistics.median(store_times[task])
        result[task] = {'label': labels[task], 'requests': requests, 'median_ms': median,
                        'p95_ms': ordered[int(0.95 * (len(ordered) - 1))], **counts[task],
                        'field_store_ms': store, 'results_store_ms': statistics.median(results_times[task])}
    result['ratios'] = {key: result[top]['median_ms'] / max(result[bottom]['median_ms'], 1e-9)
                        for key, top, bottom, _ in RATIOS}
    result['targets'] = {key: target for key, _, _, target in RATIOS if target is not None}
    return result


def table(result: dict) -> str:
    lines = [f'{"task":<34} {"median ms":>9} {"p95 ms":>7} {"queries":>7} {"field reads":>11} {"writes":>6} '
             f'{"field store ms":>14} {"results store ms":>16}']
    for task, _ in TASKS:
        row = result[task]
        lines.append(f'{row["label"]:<34} {row["median_ms"]:>9.1f} {row["p95_ms"]:>7.1f} {row["queries"]:>7} '
                     f'{row["field_reads"]:>11} {row["field_writes"]:>6} {row["field_store_ms"]:>14.1f} '
                     f'{row["results_store_ms"]:>16.1f}')
    lines.append(f'({result["submit"]["requests"]} learners per task, interleaved rounds, one process. Queries, '
                 f'field reads and writes: of one request. Field store: the time inside the runtime\'s key-value '
                 f'store, which every field read and write goes through; results store: inside cifal_results.api; '
                 f'medians over a second request of each task and round, timed with those calls.)')
    for key, top, bottom, target in RATIOS:
        ratio = result['ratios'][key]
        verdict = '' if target is None else f'  target ≤ {target}x: {"met" if ratio <= target else "NOT met"}'
        lines.append(f'{top} / {bottom}: {ratio:.2f}x{verdict}')
    return '\n'.join(lines)


def explain(tasks: Tasks) -> None:
    """The queries and store calls of one (warm) request of each task."""
    for task, label in TASKS:
        for number in range(WARM_UP):
            tasks.request(task, f'explain-warm-{task}-{number}')
        queries, calls = tasks.counted(task, f'explain-{task}')
        print(f'== {label}: {len(queries)} queries, {calls.reads} field reads, {calls.writes} field writes')
        for query in queries:
            print(f'   SQL {query["sql"][:160]}')
        for (kind, scope, field), count in Counter(calls.calls).items():
            print(f'   {kind:<6} {scope:<18} {field:<24} x{count}')


def profile(tasks: Tasks, task: str, requests: int) -> None:
    for number in range(WARM_UP):
        tasks.request(task, f'profile-warm-{number}')
    profiler = cProfile.Profile()
    profiler.enable()
    for number in range(requests):
        tasks.request(task, f'profile-{number}')
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs().sort_stats('cumulative')
    stats.print_stats(int(__import__("os").environ.get("CIFAL_PROFILE_LINES", "60")))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog='python -m benchmarks.handlers', description=__doc__.split('\n\n')[0])
    parser.add_argument('--requests', type=int, default=REQUESTS, help=f'learners per task (default {REQUESTS})')
    parser.add_argument('--json', action='store_true', help='print the figures as one JSON line')
    parser.add_argument('--explain', action='store_true', help="print each task's queries and field reads")
    parser.add_argument('--profile', choices=[task for task, _ in TASKS], help="print one task's cProfile")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix='cifal-handlers-') as var_dir:
        configure(var_dir)
        from django.core.management import call_command  # pylint: disable=import-outside-toplevel
        call_command('migrate', verbosity=0)
        if args.explain or args.profile:
            tasks = Tasks()
            if args.explain:
                explain(tasks)
            if args.profile:
                profile(tasks, args.profile, args.requests)
            return
        result = run(args.requests)
    print(json.dumps(result) if args.json else table(result))


if __name__ == '__main__':
    main()
