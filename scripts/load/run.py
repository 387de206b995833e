"""
``make load``: the suite under load and faults, on a production-like stack (docs/decisions/0015-load-and-faults.md).

1. Creates a database of its own (``cifal_load_<random>``) on the MariaDB server at 127.0.0.1:3306 and migrates it.
2. Starts the workbench under gunicorn (4 sync workers, ``load_wsgi.py``: the scenarios, with the load test's quiz
   of three attempts, loaded once before the workers fork) on a free loopback port.
   The named and the anonymous questionnaire (``questionnaire.xml``) and the scenario (``scenario.xml``) are loaded
   with it; locust's users are split between the four blocks by weight.
3. Runs three phases of headless locust (``locustfile.py``: 50 learners, 60 s each, loopback only):
   ``normal``; ``worker_kill`` (a gunicorn worker serving a request killed with SIGKILL, five times); and
   ``db_restart`` (the MariaDB server stopped with SIGTERM and started again with its own command line, once).
4. After each phase, prints p50/p95/p99 per handler, requests per second and the 5xx, then checks the database
   against what the clients were told (``checker.py``: the quiz, then each other block) and that the quiz's
   learners whose state was left behind by a fault are repaired by their next request.
5. Writes ``var/load/summary.json`` and drops the database, whatever happened.

Exit status 0 when every phase passed, 1 when one did not, 2 when the run could not start (no MariaDB, no locust).
Only the database it created is ever dropped, and the MariaDB server is restarted only during ``db_restart``
(its times are printed and kept in the summary).
"""
import argparse
import contextlib
import importlib.util
import json
import math
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess  # noqa: S404 - starts this repository's own servers and locust, and MariaDB's own binary
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUT = REPO / 'var' / 'load'
HANDLERS = ('page', 'student_view_user_state', 'save_draft', 'submit', 'retry',
            'questionnaire.page', 'questionnaire.save_draft', 'questionnaire.submit',
            'anonymous.page', 'anonymous.save_draft', 'anonymous.submit',
            'scenario.page', 'scenario.student_view_user_state', 'scenario.choose', 'scenario.check',
            'scenario.reflect', 'scenario.next', 'scenario.reset')
BLOCKS = ('quiz', 'questionnaire', 'anonymous', 'scenario')
WRITES = ('save_draft', 'submit', 'questionnaire.save_draft', 'questionnaire.submit', 'anonymous.save_draft',
          'anonymous.submit', 'scenario.choose', 'scenario.check', 'scenario.reflect', 'scenario.next',
          'scenario.reset')
PHASES = ('normal', 'worker_kill', 'db_restart')
KILL_OFFSETS = (10, 20, 30, 40, 50)  # seconds into the worker_kill phase
RESTART_OFFSET = 25  # seconds into the db_restart phase
GRACE = 2.0  # seconds after a fault is over within which a request may still fail
QUIZ_USAGE = re.compile(r"data-usage='([^']+\.cifal_quiz\.[^']+)'")  # the quiz's usage id, in its page
SAMPLE = 20  # learners whose state is read back through the server after each phase, besides the stale ones

for folder in (HERE, REPO / 'xblocks'):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import checker  # noqa: E402  (scripts/load is on the path from here on)
from load_scenario import BLOCKS as BLOCK_SCENARIOS  # noqa: E402
from load_scenario import MAX_ATTEMPTS, QUIZ_XML, SCENARIO_ID  # noqa: E402


class SetupError(RuntimeError):
    """The run cannot start: the message says what is missing."""


def clock(epoch=None):
    """A time of day in UTC (Django's settings change the process's local time zone)."""
    return time.strftime('%H:%M:%SZ', time.gmtime(epoch))


def log(message):
    print(f'[load {clock()}] {message}', flush=True)


# -- MariaDB ------------------------------------------------------------------------------------------------------

class MariaDB:
    """The server on ``host:port``, reached as root without a password (the project's machines), by PyMySQL."""

    def __init__(self, host, port, user, password):
        self.host, self.port, self.user, self.password = host, port, user, password
        self.restarts = []

    def connect(self, database=None, timeout=5):
        import pymysql
        return pymysql.connect(host=self.host, port=self.port, user=self.user, password=self.password,
                               database=database, connect_timeout=timeout, autocommit=True)

    def answers(self):
        import pymysql
        try:
            self.connect(timeout=2).close()
        except pymysql.MySQLError:
            return False
        return True

    def wait_answering(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.answers():
                return True
            time.sleep(0.2)
        return False

    def create(self, name):
        with self.connect() as connection, connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci')

    def drop(self, name):
        assert re.fullmatch(r'cifal_load_[0-9a-f]{8}', name), name  # never anything but this run's own
        with self.connect() as connection, connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS `{name}`')

    def server_process(self):
        """The mariadbd serving this port, from its pid file (``@@pid_file``), with psutil."""
        import psutil
        with self.connect() as connection, connection.cursor() as cursor:
            cursor.execute('SELECT @@pid_file')
            pid_file = cursor.fetchone()[0]
        pid = int(Path(pid_file).read_text().strip())
        return psutil.Process(pid)

    def restart(self):
        """Stop the server with SIGTERM (a clean shutdown: what ``service mariadb restart`` sends) and start it
        again with the command line it ran with, detached (``start-stop-daemon --background``, as .ci/run does).
        Returns the times (epoch seconds) of the stop, of the exit and of the first answer after."""
        process = self.server_process()
        command, cwd = process.cmdline(), process.cwd()
        times = {'command': command, 'pid': process.pid, 'stop': time.time()}
        log(f'MariaDB: SIGTERM to mariadbd (pid {process.pid}) at {clock()}')
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)
        times['stopped'] = time.time()
        self.start(command, cwd)
        if not self.wait_answering(120):
            raise RuntimeError('MariaDB did not answer within 120 s of being started again')
        times['answering'] = time.time()
        log(f'MariaDB: answering again at {clock()} '
            f'({times["answering"] - times["stop"]:.1f} s after the stop)')
        self.restarts.append(times)
        return times

    def start(self, command, cwd='/'):
        daemon = shutil.which('start-stop-daemon')
        if daemon:
            subprocess.run([daemon, '--start', '--oknodo', '--background', '--chdir', cwd, '--exec', command[0],  # noqa: S603
                            '--', *command[1:]], check=True, timeout=30)
        else:
            subprocess.Popen(command, cwd=cwd, start_new_session=True, stdin=subprocess.DEVNULL,  # noqa: S603
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def ensure_running(self):
        """After a restart that went wrong: start the server again if it is down."""
        if not self.restarts or self.answers():
            return
        log('MariaDB does not answer after the fault phase: starting it again')
        self.start(self.restarts[-1]['command'])
        if not self.wait_answering(120):
            log('MariaDB still does not answer: start it by hand (see .ci/run)')


# -- gunicorn -----------------------------------------------------------------------------------------------------

class Gunicorn:
    """The workbench under gunicorn on 127.0.0.1:``port``, its logs under ``OUT``."""

    def __init__(self, env, port, workers, database_port):
        self.env, self.port, self.workers, self.database_port = env, port, workers, database_port
        self.process = None
        self.usage_id = None
        self.usage_ids = {}
        self.kills = []

    @property
    def url(self):
        return f'http://127.0.0.1:{self.port}'

    def start(self, timeout=60):
        command = [sys.executable, '-m', 'gunicorn', '--bind', f'127.0.0.1:{self.port}', '--workers',
                   str(self.workers), '--worker-class', 'sync', '--timeout', '20', '--graceful-timeout', '5',
                   '--preload', '--no-control-socket', '--chdir', str(REPO), '--pythonpath',
                   f'{HERE},{REPO / "xblocks"}', '--error-logfile', str(OUT / 'gunicorn.log'),
                   '--access-logfile', str(OUT / 'access.log'),
                   '--access-logformat', '%(s)s %(M)s "%(r)s"', 'load_wsgi:application']
        self.process = subprocess.Popen(command, cwd=REPO, env=self.env, stdin=subprocess.DEVNULL,  # noqa: S603
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SetupError(f'gunicorn exited with code {self.process.returncode}: see {OUT / "gunicorn.log"}')
            page = f'{self.url}/scenario/{SCENARIO_ID}/?student=load-warmup'
            with contextlib.suppress(OSError), urllib.request.urlopen(page, timeout=10) as response:  # noqa: S310
                usage = QUIZ_USAGE.search(response.read().decode('utf-8', 'replace'))
                if response.status == 200 and usage and len(self.worker_processes()) == self.workers:
                    self.usage_id = usage.group(1)
                    self.usage_ids = {'quiz': self.usage_id, **self.other_usage_ids()}
                    return self
            time.sleep(0.3)
        raise SetupError(f'the workbench did not answer on {self.url} within {timeout} s: see {OUT}/gunicorn.log')

    def other_usage_ids(self):
        """The usage ids of the questionnaires and the scenario, from their pages."""
        found = {}
        for block, (scenario_id, _, tag) in BLOCK_SCENARIOS.items():
            if block == 'quiz':
                continue
            page = f'{self.url}/scenario/{scenario_id}/?student=load-warmup'
            with urllib.request.urlopen(page, timeout=10) as response:  # noqa: S310  (the local server)
                usage = re.search(rf"data-usage='([^']+\.{tag}\.[^']+)'", response.read().decode('utf-8', 'replace'))
            if usage is None:
                raise SetupError(f'no {tag} in the page of {scenario_id}')
            found[block] = usage.group(1)
        return found

    def worker_processes(self):
        import psutil
        try:
            return psutil.Process(self.process.pid).children()
        except psutil.NoSuchProcess:
            return []

    def busy_worker(self, timeout=5.0):
        """A worker in the middle of a request: holding a client's connection (a sync worker serves one at a time)
        and a connection to the database (opened by the request's first query, closed when its answer is done)."""
        import psutil
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for worker in self.worker_processes():
                with contextlib.suppress(psutil.Error):
                    established = [connection for connection in worker.net_connections(kind='tcp')
                                   if connection.status == psutil.CONN_ESTABLISHED]
                    if any(connection.laddr.port == self.port for connection in established) and any(
                            connection.raddr and connection.raddr.port == self.database_port
                            for connection in established):
                        return worker
            time.sleep(0.002)
        return None

    def listen_queue(self):
        """Connections waiting in the listening socket's backlog (``/proc/net/tcp``: a LISTEN socket's rx_queue)."""
        port = f'{self.port:04X}'
        with open('/proc/net/tcp', encoding='ascii') as table:
            for line in list(table)[1:]:
                fields = line.split()
                if fields[1].endswith(f':{port}') and fields[3] == '0A':
                    return int(fields[4].split(':')[1], 16)
        return 0

    def drain(self, quiet=1.0, timeout=40.0):
        """Wait until no request is left: none in a worker, none in the backlog, for ``quiet`` seconds. Requests whose
        clients locust stopped at the end of the run are still served; checking before they are done would compare
        the clients' log with a store about to change."""
        import psutil
        deadline, since = time.monotonic() + timeout, None
        while time.monotonic() < deadline:
            busy = self.listen_queue() > 0
            for worker in self.worker_processes():
                with contextlib.suppress(psutil.Error):
                    busy = busy or any(connection.status == psutil.CONN_ESTABLISHED
                                       and connection.laddr.port == self.port
                                       for connection in worker.net_connections(kind='tcp'))
            now = time.monotonic()
            if busy:
                since = None
            elif since is None:
                since = now
            elif now - since >= quiet:
                return True
            time.sleep(0.05)
        return False

    def kill_busy_worker(self):
        worker = self.busy_worker()
        if worker is None:
            log('no gunicorn worker was serving a request within 5 s: none killed')
            return None
        killed = {'pid': worker.pid, 'time': time.time()}
        os.kill(worker.pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pids = {process.pid for process in self.worker_processes()}
            if len(pids) == self.workers and worker.pid not in pids:
                killed['replaced'] = time.time()
                break
            time.sleep(0.05)
        log(f'SIGKILL to gunicorn worker {worker.pid} while it served a request; replaced after '
            f'{killed.get("replaced", float("nan")) - killed["time"]:.2f} s')
        self.kills.append(killed)
        return killed

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


# -- one phase ----------------------------------------------------------------------------------------------------

def run_locust(phase, server, env, args):
    log_path = OUT / f'{phase}.jsonl'
    log_path.unlink(missing_ok=True)
    command = [sys.executable, '-m', 'locust', '-f', str(HERE / 'locustfile.py'), '--headless', '-u', str(args.users),
               '-r', str(args.spawn_rate), '-t', f'{args.duration}s', '--stop-timeout', '30', '--host', server.url,
               '--only-summary', '--loglevel', 'WARNING', '--csv', str(OUT / phase), '--exit-code-on-error', '0']
    phase_env = {**env, 'CIFAL_LOAD_PHASE': phase, 'CIFAL_LOAD_LOG': str(log_path),
                 'CIFAL_LOAD_USAGE_ID': args.usage_id, 'CIFAL_LOAD_SCENARIO': SCENARIO_ID,
                 'CIFAL_LOAD_USAGE_IDS': json.dumps({block: usage for block, usage in args.usage_ids.items()
                                                     if block != 'quiz'})}
    with open(OUT / f'{phase}.locust.txt', 'w', encoding='utf-8') as output:
        process = subprocess.Popen(command, cwd=REPO, env=phase_env, stdout=output,  # noqa: S603
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return process, log_path


def inject(phase, server, mariadb, started, faults, stop):
    """The phase's faults, at their offsets from the start of the run (in a thread)."""
    def at(offset):
        return stop.wait(max(0.0, started + offset - time.time()))  # True: the run ended first
    try:
        if phase == 'worker_kill':
            for offset in KILL_OFFSETS:
                if at(offset):
                    return
                killed = server.kill_busy_worker()
                if killed:
                    faults.append({'kind': 'worker_kill', 'start': killed['time'],
                                   'end': killed.get('replaced', killed['time']), 'pid': killed['pid']})
        elif phase == 'db_restart':
            if at(RESTART_OFFSET):
                return
            times = mariadb.restart()
            faults.append({'kind': 'db_restart', 'start': times['stop'], 'stopped': times['stopped'],
                           'end': times['answering']})
    except Exception as error:  # noqa: BLE001  (reported in the phase's result, never lost in the thread)
        faults.append({'kind': 'injection_failed', 'error': repr(error)})


def run_phase(phase, server, mariadb, env, args, answers):
    log(f'phase {phase}: {args.users} learners for {args.duration} s')
    faults, stop = [], threading.Event()
    from django.db import connections
    responses_before = checker.anonymous_responses(args.usage_ids['anonymous'])
    connections.close_all()
    process, log_path = run_locust(phase, server, env, args)
    started = time.time()
    injector = threading.Thread(target=inject, args=(phase, server, mariadb, started, faults, stop), daemon=True)
    injector.start()
    try:
        process.wait(timeout=args.duration + 120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    stop.set()
    injector.join(timeout=180)
    if not server.drain():
        log('the server was still serving requests 40 s after the clients stopped: checking anyway')
    connections.close_all()  # the runner's own connection may not have survived the restart
    records = checker.read_log(log_path)
    figures = measure(records, faults)
    students = checker.students_of(records)
    store = checker.load_store(args.usage_id, students)
    quiz_students = checker.students_of([record for record in records if not record.get('block')])
    report = checker.check(records, store, answers)
    sweep = read_back(server, args.usage_id, report.stale_mirrors, quiz_students, store)
    block_checks = {}
    for block, check in (('questionnaire', checker.check_questionnaire), ('anonymous', checker.check_anonymous),
                         ('scenario', checker.check_scenario)):
        block_students = checker.students_of([record for record in records if record.get('block') == block])
        block_store = checker.load_block_store(block, args.usage_ids[block], block_students, responses_before)
        block_checks[block] = check(records, block_store).as_dict()
    result = {'phase': phase, 'faults': faults, **figures, 'checks': report.as_dict(), 'block_checks': block_checks,
              'read_back': sweep}
    result['passed'], result['why_not'] = verdict(phase, result)
    return result


def read_back(server, usage_id, stale, students, store):
    """Each learner whose state's mirror disagrees with the store, and a sample of the others, read back through the
    server (``student_view_user_state``): the answer must agree with the store, and the stale mirror be repaired."""
    counts = Counter(row['student'] for row in store.rows)
    chosen = list(dict.fromkeys([*stale, *random.sample(students, min(SAMPLE, len(students)))]))
    disagreeing = []
    for student in chosen:
        url = f'{server.url}/handler/{usage_id}/student_view_user_state/?student={urllib.parse.quote(student)}'
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310  (the local server)
                state = json.load(response)
        except (OSError, ValueError) as error:
            disagreeing.append({'student': student, 'error': repr(error)})
            continue
        if state.get('attempts_used') != counts.get(student, 0):
            disagreeing.append({'student': student, 'attempts_used': state.get('attempts_used'),
                                'rows': counts.get(student, 0)})
    repaired = checker.load_store(usage_id, stale) if stale else checker.Store()
    still_stale = checker.stale_mirrors(repaired) if stale else []
    return {'learners': len(chosen), 'stale_before': len(stale), 'stale_after': len(still_stale),
            'disagreeing': disagreeing[:checker.EXAMPLES], 'disagreeing_count': len(disagreeing)}


# -- figures and verdicts -----------------------------------------------------------------------------------------

BLOCK_FAILURES = {'questionnaire': checker.QUESTIONNAIRE_FAILURES, 'anonymous': checker.ANONYMOUS_FAILURES,
                  'scenario': checker.SCENARIO_FAILURES}


def percentile(sorted_values, share):
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(share / 100 * len(sorted_values)) - 1)]


def measure(records, faults):
    requests = [record for record in records if 'name' in record and 'ms' in record]
    first = min((record['t'] for record in requests), default=0)
    last = max((record['t'] + record['ms'] / 1000 for record in requests), default=0)
    handlers = {}
    for name in HANDLERS:
        times = sorted(record['ms'] for record in requests if record['name'] == name)
        handlers[name] = {'requests': len(times), 'p50_ms': percentile(times, 50), 'p95_ms': percentile(times, 95),
                          'p99_ms': percentile(times, 99)}
    status = Counter(str(record['status']) for record in requests)
    blocks = {}
    for block in BLOCKS:
        mine = [record for record in requests if record.get('block', 'quiz') == block]
        blocks[block] = {'requests': len(mine), '5xx': sum(record['status'] >= 500 for record in mine),
                         'no_answer': sum(record['status'] == 0 and not record.get('interrupted') for record in mine)}
    errors = [record for record in requests if checker.outcome_unknown(record) and not record.get('interrupted')]
    windows = [(fault['start'], fault['end'] + GRACE) for fault in faults if 'start' in fault]

    def in_window(record):
        begin, end = record['t'], record['t'] + record['ms'] / 1000
        return any(begin <= stop and end >= start for start, stop in windows)
    handler_5xx = [record for record in errors if record['status'] >= 500 and not record['name'].endswith('page')]
    summary = {
        'requests': len(requests),
        'duration_s': round(last - first, 1),
        'rps': round(len(requests) / (last - first), 1) if last > first else 0,
        'handlers': handlers,
        'status': dict(sorted(status.items())),
        'blocks': blocks,
        'errors': {
            '5xx': sum(record['status'] >= 500 for record in requests),
            'json_503_from_handlers': sum(record['status'] == 503 and bool(record.get('json_error'))
                                          for record in handler_5xx),
            'other_5xx_from_handlers': sum(not (record['status'] == 503 and record.get('json_error'))
                                           for record in handler_5xx),
            '5xx_pages': sum(record['status'] >= 500 and record['name'].endswith('page') for record in requests),
            'no_answer': sum(record['status'] == 0 for record in errors),
            'interrupted_at_the_end': sum(bool(record.get('interrupted')) for record in requests),
            'during_faults': sum(in_window(record) for record in errors),
            'outside_faults': sum(not in_window(record) for record in errors),
        },
        'unexpected_4xx': unexpected_4xx(requests),
    }
    recovery = []
    for fault in faults:
        if 'end' not in fault:
            continue
        after = [record['t'] + record['ms'] / 1000 for record in requests if record['t'] >= fault['end']
                 and record['status'] == 200 and record['name'] in WRITES]
        recovery.append(round(min(after) - fault['end'], 2) if after else None)
    summary['first_write_after_fault_s'] = recovery
    summary['submissions_sent_again'] = sent_again(requests)
    kills = [fault['start'] for fault in faults if fault['kind'] == 'worker_kill']
    summary['errors']['cut_by_kills'] = sum(
        record['status'] == 0 and any(record['t'] <= kill <= record['t'] + record['ms'] / 1000 + 0.5 for kill in kills)
        for record in errors)
    return summary


def sent_again(requests):
    """Submissions whose answer was lost (no answer, 5xx) and that were sent again: ``replayed`` when the lost one had
    been recorded (the store's row committed before the worker died or the database went away), ``recorded`` when
    the resend was the one recorded."""
    counts, pending = Counter(), {}
    for record in sorted(requests, key=lambda record: record['t']):
        if record['name'] != 'submit' or record.get('purpose') == 'beyond_limit' or record.get('interrupted'):
            continue
        key = (record['student'], record.get('attempt'))
        if checker.outcome_unknown(record):
            pending[key] = True
        elif pending.pop(key, False) and record['status'] == 200:
            counts['replayed' if record.get('got', {}).get('replayed') else 'recorded'] += 1
    return dict(counts)


def unexpected_4xx(requests):
    """4xx other than the 409s asked for: a fourth attempt, and a retry sent again after its answer was lost (the
    lost one had opened the attempt)."""
    unexpected, previous = 0, {}
    for record in sorted(requests, key=lambda record: record['t']):
        before = previous.get(record['student'])
        previous[record['student']] = record
        if not 400 <= record['status'] < 500:
            continue
        if record['status'] == 409 and (record.get('purpose') in ('beyond_limit', 'second', 'replay') or (
                record['name'] in ('retry', 'questionnaire.submit', 'anonymous.submit') and before
                and before['name'] == record['name'] and checker.outcome_unknown(before))):
            continue
        unexpected += 1
    return unexpected


def verdict(phase, result):
    """Whether the phase passed, and why not. Every phase: the checks, no unexpected 4xx, no learner abandoned,
    every learner read back agreeing with the store. ``normal``: no 5xx and no request without an answer. Fault
    phases: failures only while a fault lasts, at most one request without an answer per killed worker (a sync
    worker serves one at a time), and every handler's 5xx a JSON 503."""
    why = []
    checks, errors, counts = result['checks'], result['errors'], result['checks']['counts']
    if not result['requests']:
        why.append(f'no request was made: see {OUT / (phase + ".locust.txt")}')
    if not checks['ok']:
        why.append('the store does not match what the clients were told')
    for block, block_checks in result.get('block_checks', {}).items():
        if not block_checks['ok']:
            why.append(f'{block}: the store does not match what the clients were told')
        if block_checks['counts'].get('learners_abandoned'):
            why.append(f'{block}: learners did not finish')
    if result['unexpected_4xx']:
        why.append(f'{result["unexpected_4xx"]} unexpected 4xx')
    if counts.get('learners_abandoned'):
        why.append('learners did not finish')
    if result['read_back']['disagreeing_count'] or result['read_back']['stale_after']:
        why.append('learners read back through the server disagree with the store')
    if any(fault['kind'] == 'injection_failed' for fault in result['faults']):
        why.append('a fault could not be injected')
    if phase == 'normal':
        if errors['5xx'] or errors['no_answer']:
            why.append('5xx or requests without an answer under normal load')
    else:
        expected = {'worker_kill': len(KILL_OFFSETS), 'db_restart': 1}[phase]
        if len([fault for fault in result['faults'] if fault['kind'] == phase]) != expected:
            why.append(f'{expected} fault(s) of kind {phase} expected')
        if errors['outside_faults']:
            why.append('requests failed outside the faults')
        if errors['other_5xx_from_handlers']:
            why.append('a handler answered a 5xx other than a JSON 503')
        if phase == 'worker_kill' and (errors['no_answer'] > len(result['faults']) or errors['5xx']):
            why.append('more failures than requests cut by the killed workers')
    return not why, why


# -- the run ------------------------------------------------------------------------------------------------------

def environment(database, secret):
    env = dict(os.environ)
    env.update({
        'CIFAL_DATABASE': 'mysql', 'CIFAL_MYSQL_NAME': database, 'CIFAL_VAR_DIR': str(OUT),
        'CIFAL_SECRET_KEY': secret, 'DJANGO_SETTINGS_MODULE': 'load_settings', 'PYTHONUNBUFFERED': '1',
        'PYTHONPATH': os.pathsep.join(filter(None, [str(HERE), str(REPO / 'xblocks'), env.get('PYTHONPATH')])),
    })
    env.pop('CIFAL_WORKBENCH_DB', None)
    return env


def check_tools():
    missing = [name for name in ('locust', 'gunicorn', 'psutil', 'pymysql') if importlib.util.find_spec(name) is None]
    if missing:
        raise SetupError(f'{", ".join(missing)} not installed in {sys.executable}: '
                         f'{sys.executable} -m pip install locust gunicorn')


def setup_django(env):
    os.environ.update({key: env[key] for key in ('CIFAL_DATABASE', 'CIFAL_MYSQL_NAME', 'CIFAL_VAR_DIR',
                                                 'CIFAL_SECRET_KEY', 'DJANGO_SETTINGS_MODULE')})
    import django
    django.setup()


def answers_of(usage_id):
    """How the checker reads stored answers in the learner codes of the quiz ``usage_id`` (this run's secret)."""
    from django.conf import settings

    from cifal_core.quiz.codes import OptionCodes
    from cifal_core.quiz.parse import parse_quiz_string
    content = parse_quiz_string(QUIZ_XML.read_text(encoding='utf-8')).content
    return checker.Answers(content, OptionCodes(settings.SECRET_KEY, usage_id))


def server_side_statuses():
    """The access log's statuses per phase (the student ids start with the phase's name): what gunicorn answered."""
    statuses = {phase: Counter() for phase in PHASES}
    path = OUT / 'access.log'
    if not path.exists():
        return {}
    pattern = re.compile(r'^(\d{3}) \d+ "[A-Z]+ \S*[?&]student=([a-z_]+)-')
    with open(path, encoding='utf-8', errors='replace') as lines:
        for line in lines:
            match = pattern.match(line)
            if match and match.group(2) in statuses:
                statuses[match.group(2)][match.group(1)] += 1
    return {phase: dict(sorted(counts.items())) for phase, counts in statuses.items() if counts}


def print_phase(result):
    print(f'\n== {result["phase"]}: {"PASSED" if result["passed"] else "FAILED"} ==')
    for fault in result['faults']:
        if fault['kind'] == 'worker_kill':
            print(f'   fault: SIGKILL to worker {fault["pid"]} at {clock(fault["start"])}, replaced in '
                  f'{fault["end"] - fault["start"]:.2f} s')
        elif fault['kind'] == 'db_restart':
            print(f'   fault: SIGTERM to MariaDB at {clock(fault["start"])}, stopped after '
                  f'{fault["stopped"] - fault["start"]:.1f} s, answering again {fault["end"] - fault["start"]:.1f} s '
                  f'after the SIGTERM')
        else:
            print(f'   fault: {fault}')
    print(f'   {result["requests"]} requests in {result.get("duration_s", 0)} s: {result["rps"]} requests/s; '
          f'statuses {result["status"]}')
    print(f'   {"handler":<34}{"requests":>9}{"p50 ms":>9}{"p95 ms":>9}{"p99 ms":>9}')
    for name, figures in result['handlers'].items():
        print(f'   {name:<34}{figures["requests"]:>9}' + ''.join(
            f'{figures[key]:>9.0f}' if figures[key] is not None else f'{"-":>9}'
            for key in ('p50_ms', 'p95_ms', 'p99_ms')))
    errors = result['errors']
    print(f'   5xx: {errors["5xx"]} (JSON 503 from handlers {errors["json_503_from_handlers"]}, other from handlers '
          f'{errors["other_5xx_from_handlers"]}, pages {errors["5xx_pages"]}); no answer: {errors["no_answer"]} '
          f'(besides {errors["interrupted_at_the_end"]} cut by the end of the run); '
          f'failed during faults {errors["during_faults"]}, outside {errors["outside_faults"]}')
    if any(fault['kind'] == 'worker_kill' for fault in result['faults']):
        print(f'   requests cut by the {len(result["faults"])} kills: {errors["cut_by_kills"]} (a kill cuts the one '
              f'request its worker serves, or none if it has just answered)')
    if result['submissions_sent_again']:
        print(f'   submissions sent again after a lost answer: {result["submissions_sent_again"]} '
              f'(replayed: the lost one had been recorded)')
    if result['first_write_after_fault_s']:
        print(f'   first write answered 200 after each fault ended: {result["first_write_after_fault_s"]} s')
    counts = result['checks']['counts']
    print(f'   store: {counts.get("submissions_acknowledged", 0)} submissions answered 200, '
          f'{counts.get("acknowledged_recorded_once", 0)} recorded exactly once; '
          f'{counts.get("recorded_unacknowledged", 0)} recorded whose answer was lost; '
          f'{counts.get("submit_replayed", 0)} answered as replays; rows {counts.get("rows", 0)}')
    print(f'   limit: fourth submissions refused {counts.get("beyond_limit_submit_409", 0)}, fourth attempts refused '
          f'{counts.get("beyond_limit_retry_409", 0)}, accepted {counts.get("beyond_limit_accepted", 0)}, '
          f'learners beyond {MAX_ATTEMPTS} attempts {counts.get("beyond_max_attempts", 0)}')
    print(f'   drafts: {counts.get("drafts_acknowledged", 0)} acknowledged; last ones kept '
          f'{counts.get("drafts_kept", 0)}, spent by a later submission {counts.get("drafts_then_submitted", 0)}, '
          f'lost {counts.get("draft_lost", 0)}')
    failed = {kind: counts.get(kind, 0) for kind in checker.FAILURES if counts.get(kind)}
    print(f'   checks: {failed or "all passed"}; learners done {counts.get("learners_done", 0)}, '
          f'abandoned {counts.get("learners_abandoned", 0)}; stale mirrors {result["read_back"]["stale_before"]} '
          f'(after read-back {result["read_back"]["stale_after"]}), read back {result["read_back"]["learners"]}, '
          f'disagreeing {result["read_back"]["disagreeing_count"]}')
    print(f'   {"block":<15}{"requests":>9}{"5xx":>6}{"no answer":>10}  checks')
    for block, figures in result['blocks'].items():
        checks = result['checks'] if block == 'quiz' else result['block_checks'][block]
        failed_here = {kind: count for kind, count in checks['counts'].items()
                       if count and kind in (checker.FAILURES if block == 'quiz' else BLOCK_FAILURES[block])}
        print(f'   {block:<15}{figures["requests"]:>9}{figures["5xx"]:>6}{figures["no_answer"]:>10}  '
              f'{failed_here or "all passed"}')
    block_counts = {block: checks['counts'] for block, checks in result['block_checks'].items()}
    questionnaire, anonymous, scenario = (block_counts[block] for block in ('questionnaire', 'anonymous', 'scenario'))
    print(f'   questionnaire: {questionnaire.get("responses_acknowledged", 0)} responses answered 200, '
          f'{questionnaire.get("acknowledged_recorded_once", 0)} recorded exactly once, '
          f'{questionnaire.get("recorded_unacknowledged", 0)} recorded whose answer was lost; second ones refused '
          f'{questionnaire.get("submit_refused_409", 0)}; drafts kept {questionnaire.get("drafts_kept", 0)}, '
          f'lost {questionnaire.get("draft_lost", 0)}; learners done {questionnaire.get("learners_done", 0)}')
    print(f'   anonymous: {anonymous.get("responses", 0)} responses, {anonymous.get("receipts", 0)} receipts, '
          f'{anonymous.get("learners_answered_200", 0)} learners answered 200 '
          f'({anonymous.get("receipts_unacknowledged", 0)} receipts whose answer was lost); refused '
          f'{anonymous.get("submit_refused_409", 0)}; learners done {anonymous.get("learners_done", 0)}')
    print(f'   scenario: {scenario.get("moves_answered_200", 0)} moves answered 200 '
          f'({scenario.get("moves_replayed", 0)} replays); runs: {scenario.get("rows", 0)} recorded, '
          f'{scenario.get("finished_recorded_once", 0)} finished recorded once, {scenario.get("resets_recorded", 0)} '
          f'resets recorded; progress agrees {scenario.get("progress_agrees", 0)}, unsettled '
          f'{scenario.get("progress_unsettled", 0)}; learners done {scenario.get("learners_done", 0)}')
    for reason in result['why_not']:
        print(f'   FAILED: {reason}')


def print_overview(summary):
    print(f'\n{"phase":<13}{"requests":>9}{"req/s":>7}{"5xx":>6}{"JSON 503":>9}{"no answer":>10}'
          f'{"answered 200":>13}{"recorded once":>14}{"drafts lost":>12}  verdict')
    for result in summary['phases']:
        counts, errors = result['checks']['counts'], result['errors']
        print(f'{result["phase"]:<13}{result["requests"]:>9}{result["rps"]:>7}{errors["5xx"]:>6}'
              f'{errors["json_503_from_handlers"]:>9}{errors["no_answer"]:>10}'
              f'{counts.get("submissions_acknowledged", 0):>13}{counts.get("acknowledged_recorded_once", 0):>14}'
              f'{counts.get("draft_lost", 0):>12}  {"passed" if result["passed"] else "FAILED"}')
    for restart in summary['mariadb_restarts']:
        print(f'MariaDB restarted: SIGTERM at {clock(restart["stop"])}, answering again at '
              f'{clock(restart["answering"])}')
    print(f'\nmake load: {"PASSED" if summary["passed"] else "FAILED"} in {summary["elapsed_s"]} s; rows recorded for '
          f'no client {summary.get("rows_of_no_client")}; summary in {OUT / "summary.json"}')


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--users', type=int, default=50)
    parser.add_argument('--spawn-rate', type=int, default=25)
    parser.add_argument('--duration', type=int, default=60, help='seconds of load per phase')
    parser.add_argument('--workers', type=int, default=4)
    parser.add_argument('--phases', default=','.join(PHASES), help=f'comma-separated, of {", ".join(PHASES)}')
    parser.add_argument('--mysql-host', default=os.environ.get('CIFAL_MYSQL_HOST', '127.0.0.1'))
    parser.add_argument('--mysql-port', type=int, default=int(os.environ.get('CIFAL_MYSQL_PORT', '3306')))
    args = parser.parse_args(argv)
    args.phases = [phase for phase in args.phases.split(',') if phase]
    unknown = sorted(set(args.phases) - set(PHASES))
    if unknown:
        parser.error(f'unknown phase(s): {", ".join(unknown)}')
    if 'db_restart' in args.phases and args.mysql_host not in ('127.0.0.1', 'localhost'):
        parser.error('db_restart restarts the MariaDB server of this machine: --mysql-host must be 127.0.0.1')
    return args


def main(argv=None):
    args = parse_args(argv)
    started = time.time()
    mariadb = MariaDB(args.mysql_host, args.mysql_port, os.environ.get('CIFAL_MYSQL_USER', 'root'),
                      os.environ.get('CIFAL_MYSQL_PASSWORD', ''))
    database = f'cifal_load_{secrets.token_hex(4)}'
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in [*OUT.glob('*.jsonl'), *OUT.glob('*.csv'), *OUT.glob('*.log'), *OUT.glob('*.locust.txt')]:
        stale.unlink()
    try:
        check_tools()
        if not mariadb.answers():
            raise SetupError(f'MariaDB does not answer on {args.mysql_host}:{args.mysql_port} (see .ci/run)')
    except SetupError as error:
        log(str(error))
        return 2
    env = environment(database, secrets.token_urlsafe(32))
    server, results, created = None, [], False
    summary = {'database': database, 'users': args.users, 'duration_s': args.duration, 'workers': args.workers,
               'max_attempts': MAX_ATTEMPTS, 'started': clock(started), 'cpus': os.cpu_count(),
               'load_average_at_start': os.getloadavg(), 'phases': results}
    try:
        mariadb.create(database)
        created = True
        log(f'database {database} created; migrating')
        subprocess.run([sys.executable, '-m', 'django', 'migrate', '--noinput', '-v', '0'],  # noqa: S603
                       cwd=REPO, env=env, check=True, timeout=300)
        setup_django(env)
        server = Gunicorn(env, free_port(), args.workers, args.mysql_port).start()
        args.usage_id, args.usage_ids = server.usage_id, server.usage_ids
        answers = answers_of(args.usage_id)
        log(f'gunicorn: {args.workers} workers on {server.url} (quiz {args.usage_id})')
        for phase in args.phases:
            results.append(run_phase(phase, server, mariadb, env, args, answers))
            print_phase(results[-1])
        from django.db import connections
        connections.close_all()
        everyone = [student for phase in args.phases for student in
                    checker.students_of(checker.read_log(OUT / f'{phase}.jsonl'))]
        summary['rows_of_no_client'] = checker.unattributed_rows(args.usage_id, [*everyone, 'load-warmup'])
    except SetupError as error:
        log(str(error))
        summary['error'] = str(error)
    except Exception as error:
        log(f'the run failed: {error!r}')
        summary['error'] = repr(error)
        raise
    finally:
        if server is not None:
            server.stop()
        mariadb.ensure_running()
        if created:
            try:
                from django.db import connections
                connections.close_all()
            except Exception:  # noqa: BLE001, S110  (Django may not be set up yet; nothing of it to close then)
                pass
            try:
                mariadb.drop(database)
                log(f'database {database} dropped')
            except Exception as error:  # noqa: BLE001
                log(f'could not drop {database}: {error!r}; drop it by hand')
        summary['server_statuses'] = server_side_statuses()
        summary['mariadb_restarts'] = [{key: value for key, value in restart.items() if key != 'command'}
                                       for restart in mariadb.restarts]
        summary['elapsed_s'] = round(time.time() - started, 1)
        summary['load_average_at_end'] = os.getloadavg()
        summary['passed'] = bool(results) and len(results) == len(args.phases) and all(
            result['passed'] for result in results) and not summary.get('rows_of_no_client') and 'error' not in summary
        (OUT / 'summary.json').write_text(json.dumps(summary, indent=2, default=str) + '\n', encoding='utf-8')
    print_overview(summary)
    return 0 if summary['passed'] else 1


if __name__ == '__main__':
    sys.exit(main())
