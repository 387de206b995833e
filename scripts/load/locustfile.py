"""
The learners of ``make load`` (scripts/load/run.py starts locust on this file; it can also be run by hand).

Each locust user plays one learner after another, each with a fresh ``?student=`` id: open the quiz's page, read the
state (``student_view_user_state``: the option codes of this attempt), save drafts, submit (with ``"attempt"``, as
the page and the apps do, so that a request sent again is answered, never recorded twice), sometimes send the
submission again, retry, and so on up to 1, 2 or 3 attempts of the quiz's ``max_attempts="3"``. A learner who used
all three asks for a fourth (a submission and a retry, both to be refused with 409); one who stopped earlier opens
the next attempt and leaves a draft in it. A request without an answer or answered 5xx is sent again, as a client
would (after ``Retry-After``, or backing off), so that learners carry on once the server is back.

Every request is written, one JSON object a line, to ``CIFAL_LOAD_LOG``: what was sent and what came back; the
checker (``checker.py``) compares that with the database. Fields: ``t`` (start, epoch seconds), ``ms``, ``student``,
``name`` (page, student_view_user_state, save_draft, submit, retry), ``purpose`` (``replay``, ``beyond_limit``),
``attempt`` (the one sent, or the one the answer names), ``status`` (0: no HTTP answer), ``json_error`` (a 4xx/5xx
with ``{"error"}``), ``sent`` (the answers), ``got`` (the answer's fields the checker needs), ``error``,
``interrupted`` (locust stopped the learner at the end of the run while the request was on its way). A learner
ends with ``{"event": "learner", "student", "outcome": "done" | "abandoned", "target"}``.

Environment: ``CIFAL_LOAD_USAGE_ID`` (the quiz's usage id), ``CIFAL_LOAD_LOG``, ``CIFAL_LOAD_PHASE`` (prefix of the
student ids), ``CIFAL_LOAD_SCENARIO`` (the scenario id, ``cifal_load.quiz`` by default).
"""
import itertools
import json
import os
import random
import time

import gevent
from locust import HttpUser, between, events, task

USAGE_ID = os.environ.get('CIFAL_LOAD_USAGE_ID', 'load-test-knowledge-check-three-attempts.cifal_quiz.d0.u0')
SCENARIO_ID = os.environ.get('CIFAL_LOAD_SCENARIO', 'cifal_load.quiz')
PHASE = os.environ.get('CIFAL_LOAD_PHASE', 'manual')
LOG_PATH = os.environ.get('CIFAL_LOAD_LOG', 'load-clients.jsonl')
MAX_ATTEMPTS = 3
REQUEST_TIMEOUT = 30  # above gunicorn's 20 s: the server gives up on a request before its client does
SEND_AGAIN_DELAYS = (0.5, 1, 2, 3, 4, 4, 4, 4)  # about 22 s in all: a database restart is over well before
THINK = (0.5, 1.5)  # seconds between a learner's requests (reading, typing): 50 learners keep 4 workers busy
TEXTS = ('mainstreaming', 'integration', 'main streaming', 'planning')

_log = open(LOG_PATH, 'a', encoding='utf-8', buffering=1)  # noqa: SIM115  (one line per write, closed on quit)
_students = itertools.count(1)


def write(record):
    _log.write(json.dumps(record, separators=(',', ':'), ensure_ascii=False) + '\n')


@events.quitting.add_listener
def _close_log(**kwargs):
    _log.flush()
    _log.close()


class Abandoned(Exception):  # noqa: N818  (what the learner does, not an error of this file)
    """The server did not take a request after every resend, or refused it unexpectedly: the learner leaves."""


class Learner:
    """One learner's walk through the quiz, with the user's HTTP session (its cookie jar holds the CSRF token)."""

    def __init__(self, user, student):
        self.user = user
        self.client = user.client
        self.student = student
        self.codes = {}

    # -- requests ---------------------------------------------------------------------------------------------------

    def request(self, name, method, path, payload=None, purpose=None, attempt=None, expect=(200,)):
        """One HTTP request, written to the log whatever happens (even if locust stops the learner mid-way)."""
        record = {'t': time.time(), 'student': self.student, 'name': name, 'status': 0}
        if purpose:
            record['purpose'] = purpose
        if attempt is not None:
            record['attempt'] = attempt
        if payload is not None:
            record['sent'] = payload.get('answers')
        body, retry_after = None, None
        started = time.perf_counter()
        try:
            headers = {'X-CSRFToken': self.client.cookies.get('csrftoken', ''), 'Content-Type': 'application/json'}
            with self.client.request(method, f'{path}?student={self.student}', name=name, headers=headers,
                                     data=None if payload is None else json.dumps(payload), timeout=REQUEST_TIMEOUT,
                                     catch_response=True) as response:
                record['status'] = status = response.status_code or 0
                if status == 0:
                    record['error'] = repr(response.error)[:200]
                if response.headers.get('Content-Type', '').startswith('application/json'):
                    body = response.json()
                    record['json_error'] = status >= 400 and isinstance(body.get('error'), str)
                retry_after = response.headers.get('Retry-After')
                if status in expect:
                    response.success()
                else:
                    response.failure(f'HTTP {status}')
        except gevent.GreenletExit:
            record['error'], record['interrupted'] = 'locust stopped the learner at the end of the run', True
            raise
        finally:
            record['ms'] = round((time.perf_counter() - started) * 1000, 2)
            if isinstance(body, dict) and record['status'] == 200:
                record['got'] = {key: body[key] for key in ('attempt', 'saved_at', 'replayed', 'score',
                                                            'attempts_used', 'is_open') if key in body}
            write(record)
        return record['status'], body, retry_after

    def until_answered(self, name, method, path, payload=None, purpose=None, attempt=None, expect=(200,)):
        """Send until an answer that is not 5xx or no answer at all; the same request each time (all are safe to
        repeat: a draft or a retry overwrites, a submission names its attempt)."""
        for delay in (*SEND_AGAIN_DELAYS, None):
            status, body, retry_after = self.request(name, method, path, payload, purpose, attempt, expect)
            if status != 0 and status < 500:
                return status, body
            if delay is None:
                raise Abandoned(f'{name}: no answer after {len(SEND_AGAIN_DELAYS) + 1} tries')
            gevent.sleep(_seconds(retry_after, delay))
        raise AssertionError('unreachable')

    def handler(self, name, payload, **kwargs):
        method = 'GET' if payload is None else 'POST'
        return self.until_answered(name, method, f'/handler/{USAGE_ID}/{name}/', payload, **kwargs)

    # -- the learner's steps ----------------------------------------------------------------------------------------

    def think(self):
        gevent.sleep(random.uniform(*THINK))

    def open(self):
        status, _ = self.until_answered('page', 'GET', f'/scenario/{SCENARIO_ID}/')
        if status != 200:
            raise Abandoned(f'page: {status}')
        return self.read_state()

    def read_state(self):
        status, state = self.handler('student_view_user_state', None)
        if status != 200:
            raise Abandoned(f'student_view_user_state: {status}')
        self.codes = state['layout']['option_orders']
        return state

    def answers(self, partial=False):
        full = {
            'migrants-2024': random.choice(self.codes['migrants-2024']),
            'obstacles': random.sample(self.codes['obstacles'], random.randint(1, 3)),
            'women-share': random.randint(40, 55),
            'mainstreaming': random.choice(TEXTS),
        }
        if not partial:
            return full
        keys = random.sample(sorted(full), random.randint(1, len(full)))
        return {key: full[key] for key in keys}

    def save_draft(self):
        status, _ = self.handler('save_draft', {'answers': self.answers(partial=True)})
        if status != 200:
            raise Abandoned(f'save_draft: {status}')

    def submit(self, attempt, answers, purpose=None):
        status, body = self.handler('submit', {'answers': answers, 'attempt': attempt}, purpose=purpose,
                                    attempt=attempt)
        if status != 200 or body.get('attempt') != attempt:
            raise Abandoned(f'submit {attempt}: {status}')

    def retry(self, attempt):
        """Open ``attempt``; a 409 after a retry that got no answer means the lost one was done: read the state."""
        status, body = self.handler('retry', {}, attempt=attempt, expect=(200, 409))
        if status == 409:
            status, body = 200, self.read_state()
        if status != 200 or body.get('attempt') != attempt:
            raise Abandoned(f'retry to {attempt}: {status} {body}')

    def ask_beyond_the_limit(self, answers):
        """A fourth submission and a fourth attempt: both must be refused (409), and nothing recorded."""
        for name, payload in (('submit', {'answers': answers}), ('retry', {})):
            status, _ = self.handler(name, payload, purpose='beyond_limit', attempt=MAX_ATTEMPTS + 1,
                                     expect=(409,))
            if status != 409:
                raise Abandoned(f'{name} beyond the limit: {status}')

    def walk(self, target):
        state = self.open()
        attempt = state['attempt']
        while True:
            for _ in range(random.randint(1, 3)):
                self.think()
                self.save_draft()
            self.think()
            answers = self.answers()
            self.submit(attempt, answers)
            if random.random() < 0.15:
                self.submit(attempt, answers, purpose='replay')  # a double tap or an app's retry
            if attempt >= target:
                break
            self.think()
            attempt += 1
            self.retry(attempt)
        self.think()
        if attempt >= MAX_ATTEMPTS:
            self.ask_beyond_the_limit(answers)
        else:
            self.retry(attempt + 1)  # leaves with an open attempt holding a draft
            self.save_draft()


class QuizLearner(HttpUser):
    wait_time = between(0.5, 1.5)

    @task
    def learner(self):
        student = f'{PHASE}-{next(_students)}'
        target = random.choice((1, 2, 3, 3))
        outcome, reason = 'done', None
        try:
            Learner(self, student).walk(target)
        except Abandoned as why:
            outcome, reason = 'abandoned', str(why)
        except gevent.GreenletExit:
            outcome, reason = 'interrupted', 'locust stopped the learner'
            raise
        finally:
            write({'event': 'learner', 'student': student, 'outcome': outcome, 'target': target, 'reason': reason})


def _seconds(retry_after, default):
    try:
        return min(float(retry_after), 10.0)
    except (TypeError, ValueError):
        return default
