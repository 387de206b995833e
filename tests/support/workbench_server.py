"""
The real xblock-sdk workbench, run as a subprocess for tests that need a live server (the browser tests).

The server is the one ``make serve`` runs: ``python -m django migrate`` then ``python -m django runserver`` with
``DJANGO_SETTINGS_MODULE=cifal_workbench.settings``, from the repository root, with the interpreter running the
tests. ``CIFAL_VAR_DIR`` points at a folder of the caller's (a pytest tmp dir), so every test session gets a fresh
SQLite database and its own ``workbench.log``. Tests isolate themselves from each other with distinct
``?student=`` ids rather than by resetting the database.
"""
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCE_ROOT = REPO_ROOT / 'xblocks'
SETTINGS_MODULE = 'cifal_workbench.settings'
LOG_TAIL_CHARS = 6000


class WorkbenchError(RuntimeError):
    """The workbench could not be migrated or did not answer in time; the message carries its logs."""


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _tail(path, limit=LOG_TAIL_CHARS):
    try:
        text = Path(path).read_text(encoding='utf-8', errors='replace')
    except OSError:
        return f'({path} was not written)'
    return text if len(text) <= limit else '...' + text[-limit:]


class WorkbenchServer:
    """
    One workbench process on 127.0.0.1.

    ``start()`` migrates the database and waits until ``/`` answers; ``stop()`` terminates the server. Also a
    context manager. ``base_url`` has no trailing slash. ``env`` adds to the environment (a test's settings).
    """

    def __init__(self, var_dir, port=None, python=None, startup_timeout=60.0, env=None):
        self.var_dir = Path(var_dir)
        self.extra_env = dict(env or {})  # settings a test needs (CIFAL_REPORT_TASK_THRESHOLD...)
        self.port = port or free_port()
        self.python = python or sys.executable
        self.startup_timeout = startup_timeout
        self.process = None
        self.server_log = self.var_dir / 'runserver.log'

    @property
    def base_url(self):
        return f'http://127.0.0.1:{self.port}'

    @property
    def workbench_log(self):
        return self.var_dir / 'workbench.log'

    def environment(self):
        """The test process's environment, pointed at this server's settings and var folder."""
        env = dict(os.environ)
        env['DJANGO_SETTINGS_MODULE'] = SETTINGS_MODULE
        env['CIFAL_VAR_DIR'] = str(self.var_dir)
        env['PYTHONUNBUFFERED'] = '1'
        # A database named in the caller's environment would be shared across sessions: always use the fresh one.
        env.pop('CIFAL_WORKBENCH_DB', None)
        # The settings and the suite's apps import from the source tree even where the suite is not installed
        # (blocks still need `pip install -e .` for their entry points to show on the index).
        env['PYTHONPATH'] = os.pathsep.join(filter(None, [str(SOURCE_ROOT), env.get('PYTHONPATH')]))
        env.update(self.extra_env)
        return env

    def logs(self):
        """The end of the server's console output and of the workbench's log file, for error messages."""
        return (f'--- {self.server_log} ---\n{_tail(self.server_log)}\n'
                f'--- {self.workbench_log} ---\n{_tail(self.workbench_log)}')

    def migrate(self):
        self.var_dir.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(  # our own interpreter and arguments
            [self.python, '-m', 'django', 'migrate', '--noinput', '-v', '0'],
            cwd=REPO_ROOT, env=self.environment(), capture_output=True, text=True, timeout=300, check=False,
        )
        if result.returncode != 0:
            raise WorkbenchError(
                f'`python -m django migrate` failed with exit code {result.returncode}:\n'
                f'{result.stdout}\n{result.stderr}'
            )

    def start(self):
        self.migrate()
        with open(self.server_log, 'ab') as log:
            self.process = subprocess.Popen(  # our own interpreter and arguments
                [self.python, '-m', 'django', 'runserver', f'127.0.0.1:{self.port}', '--noreload'],
                cwd=REPO_ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        try:
            self.wait_until_answering()
        except BaseException:
            self.stop()
            raise
        return self

    def wait_until_answering(self):
        """Poll ``/`` until it gives any HTTP answer; fail with the logs if the process dies or time runs out."""
        deadline = time.monotonic() + self.startup_timeout
        last_error = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise WorkbenchError(
                    f'The workbench exited with code {self.process.returncode} before answering on '
                    f'{self.base_url}/\n{self.logs()}'
                )
            try:
                with urllib.request.urlopen(self.base_url + '/', timeout=5):  # a local http URL
                    return
            except urllib.error.HTTPError:
                return  # it answers; whether the answer is right is for the tests to say
            except OSError as error:
                last_error = error
                time.sleep(0.2)
        raise WorkbenchError(
            f'The workbench did not answer on {self.base_url}/ within {self.startup_timeout:.0f} s '
            f'(last error: {last_error})\n{self.logs()}'
        )

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
