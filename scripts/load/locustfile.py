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

The other blocks' learners share the users with the quiz's (locust splits them by weight: quiz 5, named
questionnaire 2, anonymous questionnaire 1, scenario 2). Their records carry ``block`` (``questionnaire``,
``anonymous``, ``scenario``; none for the quiz) and are named ``<block>.<handler>``:

* a questionnaire's learner (named: ``anonymous="false" editable="false"``, one response; or anonymous) opens it,
  saves 1 to 3 drafts (``sent``: the answers), submits (``got``: ``responded``, ``revision``); some send another
  response (``purpose: "second"``), some the same submission again (``purpose: "replay"``), both to be refused
  with 409, as is a submission sent again after its answer was lost when the lost one was recorded. Some leave
  with a draft and no response.
* a scenario's learner reads the stage (``scenario.student_view_user_state``) and moves through it (``choose``,
  ``check``, ``reflect``, ``next``; ``sent``: the payload, ``got``: ``node``, ``run_number``, ``steps``,
  ``finished``, ``replayed``) to the end; some send a move twice (``purpose: "replay"``, answered as a replay),
  some ``reset`` mid-way or at the end and play again, some leave a run unfinished.

Environment: ``CIFAL_LOAD_USAGE_ID`` (the quiz's usage id), ``CIFAL_LOAD_LOG``, ``CIFAL_LOAD_PHASE`` (prefix of the
student ids), ``CIFAL_LOAD_SCENARIO`` (the scenario id, ``cifal_load.quiz`` by default),
``CIFAL_LOAD_USAGE_IDS`` (JSON: block -> usage id, for the other blocks; without it only the quiz is played).
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
USAGE_IDS = json.loads(os.environ.get('CIFAL_LOAD_USAGE_IDS') or '{}')
PAGES = {'questionnaire': 'cifal_load.questionnaire', 'anonymous': 'cifal_load.anonymous',
         'scenario': 'cifal_load.scenario'}
GOT = ('attempt', 'saved_at', 'replayed', 'score', 'attempts_used', 'is_open', 'responded', 'revision', 'run_number',
       'steps', 'finished')

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

    block = None  # the quiz's records carry no block
    usage_id = USAGE_ID

    def __init__(self, user, student):
        self.user = user
        self.client = user.client
        self.student = student
        self.codes = {}
        self.lost = 0  # tries of the last request sent whose answer was lost (no answer, 5xx)

    # -- requests ---------------------------------------------------------------------------------------------------

    def request(self, name, method, path, payload=None, purpose=None, attempt=None, expect=(200,)):
        """One HTTP request, written to the log whatever happens (even if locust stops the learner mid-way)."""
        record = {'t': time.time(), 'student': self.student, 'name': name, 'status': 0}
        if self.block:
            record['block'] = self.block
        if purpose:
            record['purpose'] = purpose
        if attempt is not None:
            record['attempt'] = attempt
        if payload is not None:
            record['sent'] = payload.get('answers') if self.block != 'scenario' else payload
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
                record['got'] = {key: body[key] for key in GOT if key in body}
                if isinstance(body.get('node'), dict):
                    record['got']['node'] = body['node'].get('id')
            write(record)
        return record['status'], body, retry_after

    def until_answered(self, name, method, path, payload=None, purpose=None, attempt=None, expect=(200,)):
        """Send until an answer that is not 5xx or no answer at all; the same request each time (all are safe to
        repeat: a draft or a retry overwrites, a submission names its attempt)."""
        self.lost = 0
        for delay in (*SEND_AGAIN_DELAYS, None):
            status, body, retry_after = self.request(name, method, path, payload, purpose, attempt, expect)
            if status != 0 and status < 500:
                return status, body
            self.lost += 1
            if delay is None:
                raise Abandoned(f'{name}: no answer after {len(SEND_AGAIN_DELAYS) + 1} tries')
            gevent.sleep(_seconds(retry_after, delay))
        raise AssertionError('unreachable')

    def handler(self, name, payload, **kwargs):
        method = 'GET' if payload is None else 'POST'
        logged = f'{self.block}.{name}' if self.block else name
        return self.until_answered(logged, method, f'/handler/{self.usage_id}/{name}/', payload, **kwargs)

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


class QuestionnaireLearner(Learner):
    """A named questionnaire's learner (one response, ``editable="false"``), or an anonymous one's."""

    block = 'questionnaire'

    def __init__(self, user, student, block):
        super().__init__(user, student)
        self.block, self.usage_id = block, USAGE_IDS[block]

    def response(self, partial=False):
        full = {'group': random.choice(('gov', 'civ', 'io')), 'q1': random.randint(1, 5), 'rec': random.randint(0, 10)}
        if not partial:
            return full
        keys = random.sample(sorted(full), random.randint(1, len(full)))
        return {key: full[key] for key in keys}

    def submit(self, answers, purpose=None):
        """A 200, or a 409 that is expected: asked for (a second response, the same one again), or after a try whose
        answer was lost (that one was recorded)."""
        status, body = self.handler('submit', {'answers': answers}, purpose=purpose, expect=(200, 409))
        if purpose and status != 409:
            raise Abandoned(f'{purpose} response: {status}, not 409')
        if not purpose and not (status == 200 and body.get('responded') or status == 409 and self.lost):
            raise Abandoned(f'submit: {status}')

    def walk(self, target):
        status, _ = self.until_answered(f'{self.block}.page', 'GET', f'/scenario/{PAGES[self.block]}/')
        if status != 200:
            raise Abandoned(f'page: {status}')
        for _ in range(random.randint(1, 3)):
            self.think()
            status, _ = self.handler('save_draft', {'answers': self.response(partial=True)})
            if status != 200:
                raise Abandoned(f'save_draft: {status}')
        if target == 'draft_only':
            return
        self.think()
        answers = self.response()
        self.submit(answers)
        if target == 'replay':
            self.submit(answers, purpose='replay')  # a double tap: the same request again
        elif target == 'second':
            self.think()
            self.submit(self.response(), purpose='second')


class ScenarioLearner(Learner):
    """A scenario's learner: through the stage to an end, one move at a time."""

    block = 'scenario'

    def __init__(self, user, student):
        super().__init__(user, student)
        self.usage_id = USAGE_IDS['scenario']
        self.resets = 0

    def move(self, name, payload, purpose=None):
        status, body = self.handler(name, payload, purpose=purpose)
        if status != 200:
            raise Abandoned(f'{name} {payload}: {status}')
        return body

    def step(self, node):
        """One step from ``node`` (the stage's node view); the new node view."""
        kind, node_id = node['type'], node['id']
        if kind == 'decision':
            payload = {'node': node_id, 'choice': random.choice(node['choices'])['id']}
            body = self.move('choose', payload)
            if random.random() < 0.1:
                body = self.move('choose', payload, purpose='replay')
            return body['node']
        if kind == 'check':
            payload = {'node': node_id, 'answer': random.choice(node['question']['choices'])['id']}
            self.move('check', payload)
            if random.random() < 0.1:
                self.move('check', payload, purpose='replay')
            self.think()
        elif kind == 'reflection':
            self.move('reflect', {'node': node_id, 'text': random.choice(TEXTS)})
            self.think()
        body = self.move('next', {'node': node_id})
        return body['node']

    def walk(self, target):
        status, _ = self.until_answered('scenario.page', 'GET', f'/scenario/{PAGES[self.block]}/')
        if status != 200:
            raise Abandoned(f'page: {status}')
        status, state = self.handler('student_view_user_state', None)
        if status != 200 or not isinstance(state.get('node'), dict):
            raise Abandoned(f'scenario state: {status}')
        node, runs, steps = state['node'], 1 if target == 'once' else 2, 0
        while True:
            self.think()
            if node['type'] == 'end':
                runs -= 1
                if runs <= 0:
                    return
                node, steps = self.move('reset', {})['node'], 0  # play again
                continue
            if target == 'leave' and steps and random.random() < 0.25:
                return  # an unfinished run: only the progress row and the state know it
            if target == 'reset' and steps and not self.resets and random.random() < 0.3:
                self.resets += 1
                node, steps = self.move('reset', {})['node'], 0  # start again mid-way: recorded as given up
                continue
            node, steps = self.step(node), steps + 1


def play(user, make, target):
    student = f'{PHASE}-{next(_students)}'
    learner = make(student)
    outcome, reason = 'done', None
    try:
        learner.walk(target)
    except Abandoned as why:
        outcome, reason = 'abandoned', str(why)
    except gevent.GreenletExit:
        outcome, reason = 'interrupted', 'locust stopped the learner'
        raise
    finally:
        event = {'event': 'learner', 'student': student, 'outcome': outcome, 'target': target, 'reason': reason}
        if learner.block:
            event['block'] = learner.block
        write(event)


class QuizLearner(HttpUser):
    wait_time = between(0.5, 1.5)
    weight = 5

    @task
    def learner(self):
        play(self, lambda student: Learner(self, student), random.choice((1, 2, 3, 3)))


class NamedQuestionnaireLearner(HttpUser):
    wait_time = between(0.5, 1.5)
    weight = 2
    abstract = 'questionnaire' not in USAGE_IDS  # played only when the runner names the block

    @task
    def learner(self):
        play(self, lambda student: QuestionnaireLearner(self, student, 'questionnaire'),
             random.choice(('once', 'once', 'once', 'replay', 'second', 'draft_only')))


class AnonymousQuestionnaireLearner(HttpUser):
    wait_time = between(0.5, 1.5)
    weight = 1
    abstract = 'anonymous' not in USAGE_IDS  # played only when the runner names the block

    @task
    def learner(self):
        play(self, lambda student: QuestionnaireLearner(self, student, 'anonymous'),
             random.choice(('once', 'once', 'replay', 'second', 'draft_only')))


class ScenarioLearnerUser(HttpUser):
    wait_time = between(0.5, 1.5)
    weight = 2
    abstract = 'scenario' not in USAGE_IDS  # played only when the runner names the block

    @task
    def learner(self):
        play(self, lambda student: ScenarioLearner(self, student), random.choice(('once', 'twice', 'reset', 'leave')))


def _seconds(retry_after, default):
    try:
        return min(float(retry_after), 10.0)
    except (TypeError, ValueError):
        return default
