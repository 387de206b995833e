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


# -- the questionnaires and the scenario ---------------------------------------------------------------------------

class BlockClients(Clients):
    """The other blocks' learners, logged as ``locustfile.py`` logs them (``block``, names ``<block>.<handler>``)."""

    def __init__(self, client, usage_ids):
        super().__init__(client, None)
        self.usage_ids = usage_ids

    def move(self, block, student, name, payload=None, purpose=None, status=None):
        url = handler_url(self.usage_ids[block], name, student)
        response = (self.client.get(url) if payload is None else
                    self.client.post(url, data=json.dumps(payload), content_type='application/json'))
        body = response.json()
        record = {'t': next(self.clock), 'ms': 1.0, 'student': student, 'name': f'{block}.{name}', 'block': block,
                  'status': response.status_code if status is None else status}
        if purpose:
            record['purpose'] = purpose
        if payload is not None:
            record['sent'] = payload if block == 'scenario' else payload.get('answers')
        if record['status'] == 200:
            record['got'] = {key: body[key] for key in ('saved_at', 'replayed', 'responded', 'revision', 'run_number',
                                                        'steps', 'finished') if key in body}
            if isinstance(body.get('node'), dict):
                record['got']['node'] = body['node']['id']
        self.records.append(record)
        return response.status_code, body

    def learner(self, student, outcome='done', block=None):
        self.records.append({'event': 'learner', 'student': student, 'outcome': outcome, 'target': 0,
                             'block': block})

    def step(self, student, node, choice=0):
        """One step of the scenario from ``node`` (a node view), choosing the ``choice``-th option."""
        kind, node_id = node['type'], node['id']
        if kind == 'decision':
            return self.move('scenario', student, 'choose', {'node': node_id,
                                                             'choice': node['choices'][choice]['id']})[1]['node']
        if kind == 'check':
            self.move('scenario', student, 'check', {'node': node_id,
                                                     'answer': node['question']['choices'][choice]['id']})
        elif kind == 'reflection':
            self.move('scenario', student, 'reflect', {'node': node_id, 'text': 'Count arrivals.'})
        return self.move('scenario', student, 'next', {'node': node_id})[1]['node']

    def walk(self, student, steps=99, choice=0):
        node = self.move('scenario', student, 'student_view_user_state')[1]['node']
        for _ in range(steps):
            if node['type'] == 'end':
                break
            node = self.step(student, node, choice)
        return node


FULL = {'group': 'gov', 'q1': 4, 'rec': 9}


@pytest.fixture
def blocks(client, workbench):  # pylint: disable=unused-argument  (the fixture loads the scenarios)
    """Named questionnaire: eve drafts and submits, then is refused a second response; fay's first answer is lost
    and her resend refused (409: the lost one was recorded); gus leaves a draft. Anonymous: eve answers, fay's answer
    is lost (receipt kept), gus is refused the same response sent again. Scenario: eve walks to the end; fay resets
    mid-way and walks to the end again, one choice sent twice; gus leaves at n3."""
    usage_ids = {block: scenario.add_block(block) for block in ('questionnaire', 'anonymous', 'scenario')}
    clients = BlockClients(client, usage_ids)
    clients.move('questionnaire', 'eve', 'save_draft', {'answers': {'q1': 2}})
    clients.move('questionnaire', 'eve', 'submit', {'answers': FULL})
    assert clients.move('questionnaire', 'eve', 'submit', {'answers': {**FULL, 'q1': 1}}, purpose='second')[0] == 409
    clients.move('questionnaire', 'fay', 'submit', {'answers': FULL}, status=0)
    assert clients.move('questionnaire', 'fay', 'submit', {'answers': FULL})[0] == 409
    clients.move('questionnaire', 'gus', 'save_draft', {'answers': {'group': 'io'}})
    clients.move('anonymous', 'eve', 'submit', {'answers': FULL})
    clients.move('anonymous', 'fay', 'submit', {'answers': FULL}, status=0)
    clients.move('anonymous', 'gus', 'submit', {'answers': FULL})
    assert clients.move('anonymous', 'gus', 'submit', {'answers': FULL}, purpose='replay')[0] == 409
    assert clients.walk('eve')['type'] == 'end'
    node = clients.walk('fay', steps=2)
    assert node['id'] == 'n3'
    clients.move('scenario', 'fay', 'reset', {})
    node = clients.move('scenario', 'fay', 'student_view_user_state')[1]['node']
    payload = {'node': 'n1', 'choice': node['choices'][1]['id']}
    clients.move('scenario', 'fay', 'choose', payload)
    assert clients.move('scenario', 'fay', 'choose', payload, purpose='replay')[1]['replayed']
    assert clients.walk('fay')['type'] == 'end'
    assert clients.walk('gus', steps=2)['id'] == 'n3'
    for block in ('questionnaire', 'anonymous', 'scenario'):
        for student in ('eve', 'fay', 'gus'):
            clients.learner(student, block=block)
    return clients


def block_store(clients, block):
    students = checker.students_of([record for record in clients.records if record.get('block') == block])
    return checker.load_block_store(block, clients.usage_ids[block], students)


def block_verdict(clients, block, store=None, records=None):
    check = {'questionnaire': checker.check_questionnaire, 'anonymous': checker.check_anonymous,
             'scenario': checker.check_scenario}[block]
    return check(clients.records if records is None else records, store or block_store(clients, block))


def block_failures(report):
    return {kind: report.counts[kind] for kind in report.kinds if report.counts[kind]}


def test_the_other_blocks_faithful_run_passes_with_every_count_right(blocks):
    named = block_verdict(blocks, 'questionnaire')
    assert block_failures(named) == {} and named.ok
    assert (named.counts['responses_acknowledged'], named.counts['acknowledged_recorded_once']) == (1, 1)  # eve
    assert named.counts['rows'] == 2 and named.counts['recorded_unacknowledged'] == 1  # fay's lost answer
    assert named.counts['submit_refused_409'] == 2 and named.counts['learners_done'] == 3
    assert (named.counts['drafts_kept'], named.counts['drafts_then_submitted']) == (1, 1)  # gus's kept, eve's spent

    anonymous = block_verdict(blocks, 'anonymous')
    assert block_failures(anonymous) == {} and anonymous.ok
    assert (anonymous.counts['responses'], anonymous.counts['receipts'], anonymous.counts['learners_answered_200'],
            anonymous.counts['receipts_unacknowledged']) == (3, 3, 2, 1)

    runs = block_verdict(blocks, 'scenario')
    assert block_failures(runs) == {} and runs.ok
    assert runs.counts['rows'] == 3  # eve's finished, fay's reset and finished; gus's run is not over
    assert (runs.counts['finished_recorded_once'], runs.counts['resets_recorded']) == (2, 1)
    assert runs.counts['progress_agrees'] == 3 and runs.counts['moves_replayed'] == 1


def test_a_lost_doubled_or_unasked_named_response_is_caught(blocks):
    store = block_store(blocks, 'questionnaire')
    eve = next(row for row in store.rows if row['student'] == 'eve')
    store.rows.remove(eve)
    assert block_failures(block_verdict(blocks, 'questionnaire', store)) == {'response_not_recorded_once': 1}

    store = block_store(blocks, 'questionnaire')
    store.rows.append({**copy.deepcopy(eve), 'sequence': 2})
    assert block_failures(block_verdict(blocks, 'questionnaire', store)) == {'two_responses': 2,
                                                                             'response_not_recorded_once': 1}

    store = block_store(blocks, 'questionnaire')
    store.rows.append({**copy.deepcopy(eve), 'student': 'gus'})
    assert block_failures(block_verdict(blocks, 'questionnaire', store)) == {'recorded_without_request': 1}

    store = block_store(blocks, 'questionnaire')
    next(row for row in store.rows if row['student'] == 'eve')['answers']['answers']['q1'] = 1
    assert block_failures(block_verdict(blocks, 'questionnaire', store)) == {'response_differs': 1}


def test_a_second_response_accepted_and_a_lost_draft_are_caught(blocks):
    told = copy.deepcopy(blocks.records)
    next(record for record in told if record.get('purpose') == 'second')['status'] = 200
    assert block_failures(block_verdict(blocks, 'questionnaire', records=told)) == {'second_accepted': 1}

    store = block_store(blocks, 'questionnaire')
    gus = json.loads(store.states['gus'])
    gus['draft']['answers'] = {'group': 'civ'}
    store.states['gus'] = json.dumps(gus)
    assert block_failures(block_verdict(blocks, 'questionnaire', store)) == {'draft_lost': 1}
    store.states['gus'] = '{"draft'
    assert block_failures(block_verdict(blocks, 'questionnaire', store)) == {'state_unreadable': 1,
                                                                             'draft_lost': 1}


def test_anonymous_responses_that_do_not_match_the_receipts_are_caught(blocks):
    store = block_store(blocks, 'anonymous')
    store.responses += 1
    assert block_failures(block_verdict(blocks, 'anonymous', store)) == {'responses_differ_from_receipts': 1}

    store = block_store(blocks, 'anonymous')
    store.receipts.discard('eve')
    store.responses -= 1
    assert block_failures(block_verdict(blocks, 'anonymous', store)) == {'answered_without_receipt': 1}

    store = block_store(blocks, 'anonymous')
    store.receipts.add('hal')
    store.responses += 1
    assert block_failures(block_verdict(blocks, 'anonymous', store)) == {'receipt_without_request': 1}

    told = copy.deepcopy(blocks.records)
    replay = next(record for record in told if record.get('purpose') == 'replay' and record['block'] == 'anonymous')
    replay['status'] = 200
    del replay['purpose']
    assert block_failures(block_verdict(blocks, 'anonymous', records=told)) == {'answered_twice': 1}


def test_a_finished_run_lost_or_doubled_and_a_reset_not_recorded_are_caught(blocks):
    store = block_store(blocks, 'scenario')
    eve = next(row for row in store.rows if row['student'] == 'eve')
    store.rows.remove(eve)
    assert block_failures(block_verdict(blocks, 'scenario', store)) == {'finished_not_recorded_once': 1}

    store = block_store(blocks, 'scenario')
    store.rows.append({**copy.deepcopy(eve), 'sequence': 2})
    assert block_failures(block_verdict(blocks, 'scenario', store)) == {'finished_not_recorded_once': 1,
                                                                        'run_recorded_twice': 1}

    store = block_store(blocks, 'scenario')
    fay = sorted((row for row in store.rows if row['student'] == 'fay'), key=lambda row: row['sequence'])
    store.rows.remove(fay[0])
    fay[1]['sequence'] = 1
    assert block_failures(block_verdict(blocks, 'scenario', store)) == {'reset_not_recorded': 1}

    store = block_store(blocks, 'scenario')
    store.rows.append({**copy.deepcopy(eve), 'student': 'gus', 'sequence': 1,
                       'answers': {**eve['answers'], 'run': 5}})
    assert block_failures(block_verdict(blocks, 'scenario', store)) == {'recorded_without_request': 1}


def test_a_move_missing_from_the_path_a_half_written_run_and_a_stale_progress_are_caught(blocks):
    store = block_store(blocks, 'scenario')
    eve = next(row for row in store.rows if row['student'] == 'eve')
    eve['answers']['path'] = eve['answers']['path'][:-1]
    assert block_failures(block_verdict(blocks, 'scenario', store)) == {'move_not_in_path_once': 1}

    store = block_store(blocks, 'scenario')
    eve = next(row for row in store.rows if row['student'] == 'eve')
    eve['answers']['ending_node'] = ''
    assert block_failures(block_verdict(blocks, 'scenario', store)) == {'half_written_run': 1}

    store = block_store(blocks, 'scenario')
    gus = json.loads(store.states['gus'])
    gus['run']['steps'] = gus['run']['steps'][:1]  # a move answered 200 whose state was never written
    store.states['gus'] = json.dumps(gus)
    assert block_failures(block_verdict(blocks, 'scenario', store)) == {'move_not_in_path_once': 1,
                                                                        'progress_disagrees': 1}

    store = block_store(blocks, 'scenario')
    store.progress['gus']['steps'] += 1
    assert block_failures(block_verdict(blocks, 'scenario', store)) == {'progress_disagrees': 1}
    told = copy.deepcopy(blocks.records)
    next(record for record in reversed(told) if record.get('student') == 'gus' and 'name' in record
         and record['block'] == 'scenario')['status'] = 0
    report = block_verdict(blocks, 'scenario', store, records=told)
    assert block_failures(report) == {} and report.counts['progress_unsettled'] == 1
