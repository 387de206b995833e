"""
The verdict of ``make load`` can be trusted: its checker (scripts/load/checker.py), which compares what the load
test's clients were told with what the database holds, passes a faithful run and counts every way of losing,
doubling or half-writing what was acknowledged.

A tiny run goes through the real workbench (the load test's own quiz, three attempts) and writes its log as the
locust clients do; then the store or the log is damaged in one way at a time. Counts only, never times.
"""
import copy
import importlib.util
import itertools
import json
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.workbench_fixtures import handler_url

LOAD = Path(__file__).resolve().parents[2] / 'scripts' / 'load'


def load_module(name):
    spec = importlib.util.spec_from_file_location(f'cifal_load_{name}', LOAD / f'{name}.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


checker = load_module('checker')
scenario = load_module('load_scenario')


class Clients:
    """Learners' requests through the Django test client, logged in the locust clients' format. ``status``
    overrides what is logged (the request is really made): 0 for an answer the client never got."""

    def __init__(self, client, usage_id):
        self.client, self.usage_id = client, usage_id
        self.records = []
        self.clock = itertools.count(1)
        self.codes = {}

    def call(self, student, name, payload=None, purpose=None, attempt=None, status=None):
        url = handler_url(self.usage_id, name, student)
        response = (self.client.get(url) if payload is None else
                    self.client.post(url, data=json.dumps(payload), content_type='application/json'))
        body = response.json()
        record = {'t': next(self.clock), 'ms': 1.0, 'student': student, 'name': name,
                  'status': response.status_code if status is None else status}
        if purpose:
            record['purpose'] = purpose
        if attempt is not None:
            record['attempt'] = attempt
        if payload is not None:
            record['sent'] = payload.get('answers')
        if record['status'] == 200:
            record['got'] = {key: body[key] for key in ('attempt', 'saved_at', 'replayed', 'score') if key in body}
        self.records.append(record)
        return body

    def answers(self, student, first='migrants-2024'):
        state = self.call(student, 'student_view_user_state')
        codes = state['layout']['option_orders']
        return {first: codes[first][0], 'obstacles': codes['obstacles'][:2], 'women-share': 48,
                'mainstreaming': 'mainstreaming'}

    def draft(self, student, answers, status=None):
        return self.call(student, 'save_draft', {'answers': answers}, status=status)

    def submit(self, student, attempt, answers, status=None, purpose=None):
        return self.call(student, 'submit', {'answers': answers, 'attempt': attempt}, attempt=attempt,
                         status=status, purpose=purpose)

    def retry(self, student, attempt):
        return self.call(student, 'retry', {}, attempt=attempt)

    def learner(self, student, outcome='done'):
        self.records.append({'event': 'learner', 'student': student, 'outcome': outcome, 'target': 0})


@pytest.fixture
def run(client, workbench):  # pylint: disable=unused-argument  (the fixture loads the scenarios)
    """Four learners: ana leaves a draft in her second attempt; ben uses his three attempts (one submission sent
    twice) and is refused a fourth; cy's first answer is lost and her resend is answered as a replay; dee's only
    submission is recorded but its answer lost, and she leaves."""
    usage_id = scenario.add_quiz()  # the workbench fixture loaded the others
    clients = Clients(client, usage_id)
    ana = clients.answers('ana')
    clients.draft('ana', {'women-share': 40})
    clients.submit('ana', 1, ana)
    clients.retry('ana', 2)
    clients.draft('ana', {'mainstreaming': 'integration'})
    ben = clients.answers('ben')
    for attempt in (1, 2, 3):
        clients.draft('ben', {'women-share': attempt})
        clients.submit('ben', attempt, ben)
        if attempt == 1:
            clients.submit('ben', 1, ben, purpose='replay')
        if attempt < 3:
            clients.retry('ben', attempt + 1)
    clients.call('ben', 'submit', {'answers': ben}, purpose='beyond_limit', attempt=4)
    clients.call('ben', 'retry', {}, purpose='beyond_limit', attempt=4)
    cy = clients.answers('cy')
    clients.submit('cy', 1, cy, status=0)
    clients.submit('cy', 1, cy)
    dee = clients.answers('dee')
    clients.draft('dee', {'women-share': 45})
    clients.submit('dee', 1, dee, status=0)
    for student in ('ana', 'ben', 'cy', 'dee'):
        clients.learner(student)
    content = checker_content()
    from cifal_core.quiz.codes import OptionCodes
    return clients, checker.Answers(content, OptionCodes(settings.SECRET_KEY, usage_id))


def checker_content():
    from cifal_core.quiz.parse import parse_quiz_string
    return parse_quiz_string(scenario.QUIZ_XML.read_text(encoding='utf-8')).content


def verdict(clients, answers, store=None, records=None):
    records = clients.records if records is None else records
    store = store or checker.load_store(clients.usage_id, checker.students_of(records))
    return checker.check(records, store, answers)


def failures(report):
    return {kind: report.counts[kind] for kind in checker.FAILURES if report.counts[kind]}


def test_a_faithful_run_passes_with_every_count_right(run):
    report = verdict(*run)

    assert failures(report) == {} and report.ok
    counts = report.counts
    assert counts['submissions_acknowledged'] == 5  # ana 1, ben 3, cy 1
    assert counts['acknowledged_recorded_once'] == 5
    assert counts['rows'] == 6 and counts['recorded_unacknowledged'] == 1  # dee's: recorded, never answered
    assert counts['submit_answered_200'] == 6 and counts['submit_replayed'] == 2  # ben's double, cy's resend
    assert (counts['beyond_limit_submit_409'], counts['beyond_limit_retry_409']) == (1, 1)
    assert counts['drafts_acknowledged'] == 6
    assert (counts['drafts_kept'], counts['drafts_then_submitted']) == (1, 2)  # ana's kept; ben's, dee's spent
    assert counts['learners_done'] == 4
    assert report.stale_mirrors == []


def test_a_lost_or_doubled_acknowledged_submission_is_caught(run):
    from cifal_results.models import Submission
    from cifal_workbench.services import anonymous_id_for
    clients, answers = run
    store = checker.load_store(clients.usage_id, checker.students_of(clients.records))
    store.rows.append(copy.deepcopy(next(row for row in store.rows if row['student'] == 'ana')))
    assert failures(verdict(clients, answers, store)) == {'acknowledged_not_recorded_once': 1}

    Submission.objects.filter(learner_id=anonymous_id_for('ben'), sequence=3).delete()  # bypasses append-only
    # and the draft of that attempt, which the submission spent, is missing too
    assert failures(verdict(clients, answers)) == {'acknowledged_not_recorded_once': 1, 'draft_lost': 1}


def test_a_200_the_store_never_saw_and_a_row_nobody_sent_are_caught(run):
    clients, answers = run
    told = [*clients.records, {'t': 99, 'ms': 1, 'student': 'ana', 'name': 'submit', 'status': 200, 'attempt': 2,
                               'sent': {}, 'got': {'attempt': 2, 'score': 0}}]
    assert failures(verdict(clients, answers, records=told)) == {'acknowledged_not_recorded_once': 1}

    store = checker.load_store(clients.usage_id, checker.students_of(clients.records))
    ben = next(row for row in store.rows if row['student'] == 'ben' and row['sequence'] == 3)
    store.rows.append({**copy.deepcopy(ben), 'sequence': 4})
    assert failures(verdict(clients, answers, store)) == {'recorded_without_request': 1, 'beyond_max_attempts': 1}


def test_other_answers_or_another_score_than_answered_are_caught(run):
    clients, answers = run
    store = checker.load_store(clients.usage_id, checker.students_of(clients.records))
    row = next(row for row in store.rows if row['student'] == 'ana')
    row['answers'] = {**row['answers'], 'women-share': 12}
    row['earned'] += 1
    row['scores'][0]['earned'] += 1

    assert failures(verdict(clients, answers, store)) == {'answers_differ': 1, 'score_differs': 1}


def test_a_fourth_attempt_accepted_a_gap_and_a_half_written_row_are_caught(run):
    clients, answers = run
    told = copy.deepcopy(clients.records)
    next(record for record in told if record.get('purpose') == 'beyond_limit')['status'] = 200
    assert failures(verdict(clients, answers, records=told)) == {'beyond_limit_accepted': 1}

    store = checker.load_store(clients.usage_id, checker.students_of(clients.records))
    ben = [row for row in store.rows if row['student'] == 'ben']
    store.rows.remove(next(row for row in ben if row['sequence'] == 2))
    next(row for row in ben if row['sequence'] == 3)['scores'].pop()
    assert failures(verdict(clients, answers, store)) == {'acknowledged_not_recorded_once': 1, 'sequence_gap': 1,
                                                          'incomplete_row': 1}


def test_an_acknowledged_draft_that_is_gone_is_caught_but_one_replaced_by_a_later_unanswered_save_is_not(run):
    from workbench.models import XBlockState
    clients, answers = run
    clients.draft('ana', {'women-share': 41}, status=503)  # really saved, its answer lost
    assert failures(verdict(clients, answers)) == {}

    row = XBlockState.objects.get(scope='usage', scope_id=clients.usage_id, user_id='ana')
    state = json.loads(row.state)
    state['draft']['answers'] = {'women-share': 44}
    row.state = json.dumps(state)
    row.save()
    report = verdict(clients, answers)
    assert failures(report) == {'draft_lost': 1}
    assert report.failures['draft_lost'][0]['student'] == 'ana'


def test_an_unreadable_state_fails_and_a_stale_mirror_is_counted_for_the_read_back(run):
    clients, answers = run
    store = checker.load_store(clients.usage_id, checker.students_of(clients.records))
    ben = json.loads(store.states['ben'])
    ben['submitted_attempts'] = ben['submitted_attempts'][:1]  # the state written before a worker was killed
    store.states['ben'] = json.dumps(ben)
    report = verdict(clients, answers, store)
    assert failures(report) == {} and report.stale_mirrors == ['ben'] == checker.stale_mirrors(store)

    store.states['cy'] = '{"draft": '
    assert failures(verdict(clients, answers, store)) == {'state_unreadable': 1}
