"""
Does the database hold what the clients were told? ``make load``'s verdict on each phase (docs/decisions/0015).

The clients' log (``locustfile.py`` describes its lines) says what each learner sent and what came back; the
database says what was kept: ``cifal_results``' ``Submission`` rows (the truth about attempts, ADR 8) and the
learner's state in the workbench's ``XBlockState`` (the draft, and the mirror of the attempts). ``check`` compares
the two and counts; it fails on:

* ``acknowledged_not_recorded_once``: a submission answered 200 (first time or replayed) that has no row, or more
  than one, for its learner and attempt;
* ``answers_differ`` / ``score_differs``: the row of an acknowledged submission does not hold the answers that were
  sent (in the learner codes the client used) or the score that was answered;
* ``recorded_without_request``: a row for an attempt that no client sent (rows for submissions whose answer was
  lost, a cut connection or a 5xx, are counted as ``recorded_unacknowledged``: kept, never answered, not an error);
* ``beyond_max_attempts`` / ``beyond_limit_accepted``: more rows than ``max_attempts``, or a 200 to a request for a
  fourth attempt;
* ``sequence_gap`` / ``incomplete_row``: attempts not numbered 1..n, or a row whose scores do not cover its
  questions or add up to its score (half-written);
* ``draft_lost``: the last draft a learner was told was saved (200, ``saved_at``), in an attempt they did not
  submit afterwards, is not the draft stored, unless a later draft whose answer was lost replaced it;
* ``state_unreadable``: a learner's state that is not a JSON object.

``stale_mirrors`` (the state's copy of the attempts disagrees with the store) is counted, not failed: a worker killed
between the store's insert and the state's write leaves it so until the learner's next request repairs it
(``run.py`` sends that request and checks the repair).

The other blocks' learners (records with ``block``) are checked apart, each with a ``Report`` of its own:

* ``check_questionnaire`` (the named questionnaire, one response, ``editable="false"``): ``response_not_recorded_once``
  (a submission answered 200 without exactly one ``Submission`` row of kind ``questionnaire_response``),
  ``two_responses`` (a learner with two rows, or two submissions answered 200), ``second_accepted`` (a second
  response or the same one sent again answered 200, not 409), ``response_differs``, ``recorded_without_request``,
  ``draft_lost`` (the last draft answered 200, with no submission after it, is not the stored draft unless a later
  draft whose answer was lost replaced it), ``state_unreadable``.
* ``check_anonymous``: ``responses_differ_from_receipts`` (the phase's new ``AnonymousResponse`` rows are not as
  many as its learners' receipts), ``answered_without_receipt``, ``receipt_without_request``, ``answered_twice``
  (two submissions of a learner answered 200), ``second_accepted``.
* ``check_scenario`` (``Submission`` rows of kind ``scenario_run``, ``ScenarioProgress``, the state's ``run``):
  ``finished_not_recorded_once`` (a run answered ``finished`` without exactly one row ``finished``),
  ``run_recorded_twice``, ``reset_not_recorded`` (a run with moves answered 200, left by a reset, and no row ``reset``),
  ``move_not_in_path_once`` (a choice or next answered 200 whose node is not exactly once in the recorded run's path,
  or in the current run's steps; a check answered 200 missing from the run's checks), ``recorded_without_request``,
  ``half_written_run`` (rows not numbered 1..n in ``s1``, a path that does not start at the start, a node twice,
  a finished row without its end, scores that are not the run's checks), ``progress_disagrees`` (the progress row
  is not the state's run: number, node, steps, finished; counted as ``progress_unsettled`` instead when the
  learner's last request got no answer), ``state_unreadable``.

Plain data in, plain data out: ``load_store`` and ``load_block_store`` read the database (Django configured),
``check`` and the ``check_*`` are pure.
"""
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

MAX_ATTEMPTS = 3
FAILURES = ('acknowledged_not_recorded_once', 'answers_differ', 'score_differs', 'recorded_without_request',
            'beyond_max_attempts', 'beyond_limit_accepted', 'sequence_gap', 'incomplete_row', 'draft_lost',
            'state_unreadable')
EXAMPLES = 5  # examples kept per kind of failure


@dataclass
class Store:
    """What the database holds for the learners of a log: submission rows (``student`` filled in) and states."""

    rows: list = field(default_factory=list)
    states: dict = field(default_factory=dict)  # student -> the state's JSON text, None if there is no row


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    failures: dict = field(default_factory=lambda: defaultdict(list))
    stale_mirrors: list = field(default_factory=list)

    def fail(self, kind, example):
        self.counts[kind] += 1
        if len(self.failures[kind]) < EXAMPLES:
            self.failures[kind].append(example)

    @property
    def ok(self):
        return not any(self.counts[kind] for kind in FAILURES)

    def as_dict(self):
        return {'ok': self.ok, 'counts': {kind: self.counts[kind] for kind in (*FAILURES, *sorted(
                    set(self.counts) - set(FAILURES)))},
                'failures': {kind: examples for kind, examples in self.failures.items() if examples},
                'stale_mirrors': len(self.stale_mirrors)}


def read_log(path):
    """The log's records (a line cut short by a killed client is skipped)."""
    records = []
    with open(path, encoding='utf-8') as lines:
        for line in lines:
            try:
                records.append(json.loads(line))
            except ValueError:
                continue
    return records


def students_of(records):
    return sorted({record['student'] for record in records if 'student' in record})


def outcome_unknown(record):
    """Whether the server may have done what it was asked although the client was not told (no answer, or 5xx)."""
    return record['status'] == 0 or record['status'] >= 500


def load_store(usage_key, students):
    """The rows and states of ``students`` for the quiz ``usage_key`` (Django must be configured)."""
    from workbench.models import XBlockState

    from cifal_results.models import Submission
    from cifal_workbench.services import anonymous_id_for

    by_learner_id = {anonymous_id_for(student): student for student in students}
    store = Store()
    rows = (Submission.objects.filter(usage_key=usage_key, learner_id__in=list(by_learner_id))
            .values('learner_id', 'series', 'sequence', 'answers', 'scores', 'context', 'earned', 'possible',
                    'attempt_limit'))
    for row in rows.iterator(chunk_size=2000):
        store.rows.append({**row, 'student': by_learner_id[row['learner_id']]})
    store.states = dict.fromkeys(students)
    states = XBlockState.objects.filter(scope='usage', scope_id=usage_key, user_id__in=list(students))
    for user_id, state in states.values_list('user_id', 'state').iterator(chunk_size=2000):
        store.states[user_id] = state
    return store


def unattributed_rows(usage_key, students):
    """Rows of the quiz whose learner is none of ``students`` (every learner of every phase): recorded, never sent."""
    from cifal_results.models import Submission
    from cifal_workbench.services import anonymous_id_for
    known = {anonymous_id_for(student) for student in students}
    learner_ids = Submission.objects.filter(usage_key=usage_key).values_list('learner_id', flat=True)
    return sum(1 for learner_id in learner_ids.iterator(chunk_size=2000) if learner_id not in known)


class Answers:
    """Stored answers (authored ids) in the learner codes the clients sent, and a comparison that ignores order
    within a multiple choice and 49 against 49.0."""

    def __init__(self, content, codes):
        self.content = content
        self.codes = codes

    def coded(self, stored):
        from cifal_core.quiz.codes import answers_to_learner
        return answers_to_learner(self.content, self.codes, stored or {})

    def same(self, stored, sent):
        return _canonical(self.coded(stored)) == _canonical(sent or {})


def _canonical(answers):
    def value(item):
        if isinstance(item, bool):
            return item
        if isinstance(item, (int, float)):
            return float(item)
        if isinstance(item, list):
            return tuple(sorted(map(str, item)))
        if isinstance(item, dict):
            return tuple(sorted(item.items()))
        return item
    return {key: value(item) for key, item in answers.items()}


def check(records, store, answers):
    """Compare the clients' log with the store; ``answers`` is an ``Answers``."""
    report = Report()
    requests = defaultdict(list)
    for record in records:
        if record.get('block'):
            continue  # another block's learner (check_questionnaire, check_anonymous, check_scenario)
        if record.get('event') == 'learner':
            report.counts[f"learners_{record['outcome']}"] += 1
        elif 'name' in record:
            requests[record['student']].append(record)
    rows = defaultdict(lambda: defaultdict(list))
    for row in store.rows:
        rows[row['student']][row['sequence']].append(row)
    for student in sorted(set(requests) | set(rows)):
        sent = sorted(requests.get(student, []), key=lambda record: record['t'])
        _check_submissions(report, student, sent, rows.get(student, {}), answers)
        state = _state(report, student, store.states.get(student))
        _check_draft(report, student, sent, rows.get(student, {}), state, answers)
        _check_mirror(report, student, rows.get(student, {}), state)
    return report


def _check_submissions(report, student, sent, rows, answers):
    submits = [record for record in sent if record['name'] == 'submit' and record.get('purpose') != 'beyond_limit']
    acknowledged = {}
    for record in submits:
        if record['status'] == 200:
            acknowledged.setdefault(record['attempt'], record)
            report.counts['submit_answered_200'] += 1
            report.counts['submit_replayed'] += bool(record.get('got', {}).get('replayed'))
    report.counts['submissions_acknowledged'] += len(acknowledged)
    for attempt, record in sorted(acknowledged.items()):
        found = rows.get(attempt, [])
        if len(found) != 1:
            report.fail('acknowledged_not_recorded_once', {'student': student, 'attempt': attempt,
                                                           'rows': len(found)})
            continue
        report.counts['acknowledged_recorded_once'] += 1
        row = found[0]
        if not answers.same(row['answers'], record.get('sent')):
            report.fail('answers_differ', {'student': student, 'attempt': attempt,
                                           'stored': answers.coded(row['answers']), 'sent': record.get('sent')})
        score = record.get('got', {}).get('score')
        if score is None or abs(float(row['earned']) - float(score)) > 1e-9:
            report.fail('score_differs', {'student': student, 'attempt': attempt, 'stored': row['earned'],
                                          'answered': score})
    sent_attempts = {record['attempt'] for record in submits}
    for sequence in sorted(rows):
        if sequence not in sent_attempts:
            report.fail('recorded_without_request', {'student': student, 'sequence': sequence})
        elif sequence not in acknowledged:
            report.counts['recorded_unacknowledged'] += 1
    report.counts['rows'] += sum(len(found) for found in rows.values())
    if sum(len(found) for found in rows.values()) > MAX_ATTEMPTS or any(sequence > MAX_ATTEMPTS for sequence in rows):
        report.fail('beyond_max_attempts', {'student': student, 'sequences': sorted(rows)})
    if sorted(rows) != list(range(1, len(rows) + 1)) or any(
            {row['series'] for row in found} != {'s1'} for found in rows.values()):
        report.fail('sequence_gap', {'student': student, 'sequences': sorted(rows)})
    for found in rows.values():
        for row in found:
            if not _complete(row):
                report.fail('incomplete_row', {'student': student, 'sequence': row['sequence']})
    for record in sent:
        if record.get('purpose') == 'beyond_limit':
            report.counts[f"beyond_limit_{record['name']}_{record['status']}"] += 1
            if record['status'] == 200:
                report.fail('beyond_limit_accepted', {'student': student, 'name': record['name']})


def _complete(row):
    scores = row.get('scores') or []
    question_ids = (row.get('context') or {}).get('question_ids') or []
    try:
        return ([score['id'] for score in scores] == list(question_ids) and bool(question_ids)
                and abs(sum(score['earned'] for score in scores) - row['earned']) < 1e-6
                and abs(sum(score['possible'] for score in scores) - row['possible']) < 1e-6
                and row.get('attempt_limit') == MAX_ATTEMPTS and isinstance(row.get('answers'), dict))
    except (KeyError, TypeError):
        return False


def _state(report, student, text):
    if text is None:
        return {}
    try:
        state = json.loads(text)
    except ValueError:
        state = None
    if not isinstance(state, dict):
        report.fail('state_unreadable', {'student': student})
        return {}
    return state


def _check_draft(report, student, sent, rows, state, answers):
    drafts = [record for record in sent if record['name'] == 'save_draft']
    report.counts['drafts_acknowledged'] += sum(record['status'] == 200 for record in drafts)
    last = max((index for index, record in enumerate(drafts) if record['status'] == 200), default=None)
    if last is None:
        return
    acknowledged = drafts[last]
    attempt = acknowledged.get('got', {}).get('attempt')
    if attempt in rows:
        report.counts['drafts_then_submitted'] += 1  # the attempt was submitted afterwards: the draft is spent
        return
    stored = state.get('draft') if isinstance(state.get('draft'), dict) else {}
    later = [record for record in drafts[last + 1:] if outcome_unknown(record)]
    if stored.get('attempt') == attempt and (
            (answers.same(stored.get('answers'), acknowledged.get('sent'))
             and stored.get('saved_at') == acknowledged['got'].get('saved_at'))
            or any(answers.same(stored.get('answers'), record.get('sent')) for record in later)):
        report.counts['drafts_kept'] += 1
        return
    report.fail('draft_lost', {'student': student, 'attempt': attempt, 'acknowledged': acknowledged.get('sent'),
                               'saved_at': acknowledged['got'].get('saved_at'),
                               'stored': answers.coded(stored.get('answers')) if stored else None})


def _check_mirror(report, student, rows, state):
    if _stale(rows, state):
        report.stale_mirrors.append(student)
        report.counts['stale_mirrors'] += 1


def _stale(rows, state):
    mirrored = [record.get('number') for record in state.get('submitted_attempts') or [] if isinstance(record, dict)]
    return bool(state) and mirrored != sorted(rows)


def stale_mirrors(store):
    """The learners of ``store`` whose state's copy of their attempts disagrees with the store."""
    rows = defaultdict(set)
    for row in store.rows:
        rows[row['student']].add(row['sequence'])
    stale = []
    for student, text in sorted(store.states.items()):
        try:
            state = json.loads(text) if text is not None else {}
        except ValueError:
            state = {}
        if isinstance(state, dict) and _stale(rows.get(student, set()), state):
            stale.append(student)
    return stale


# -- the other blocks ---------------------------------------------------------------------------------------------

QUESTIONNAIRE_FAILURES = ('response_not_recorded_once', 'two_responses', 'second_accepted', 'response_differs',
                          'recorded_without_request', 'draft_lost', 'state_unreadable')
ANONYMOUS_FAILURES = ('responses_differ_from_receipts', 'answered_without_receipt', 'receipt_without_request',
                      'answered_twice', 'second_accepted')
SCENARIO_FAILURES = ('finished_not_recorded_once', 'run_recorded_twice', 'reset_not_recorded', 'move_not_in_path_once',
                     'recorded_without_request', 'half_written_run', 'progress_disagrees', 'state_unreadable')
SCENARIO_START, SCENARIO_END = 'n1', 'end1'  # scenario.xml's


class BlockReport(Report):
    """A report whose failures are ``kinds``."""

    def __init__(self, kinds):
        super().__init__()
        self.kinds = kinds

    @property
    def ok(self):
        return not any(self.counts[kind] for kind in self.kinds)

    def as_dict(self):
        return {'ok': self.ok, 'counts': {kind: self.counts[kind] for kind in (*self.kinds, *sorted(
                    set(self.counts) - set(self.kinds)))},
                'failures': {kind: examples for kind, examples in self.failures.items() if examples}}


@dataclass
class BlockStore:
    """What the database holds for one block's learners: ``rows`` (``Submission``, ``student`` filled in), ``states``
    (student -> JSON text or None), ``progress`` (student -> ``ScenarioProgress`` fields), and for the anonymous
    questionnaire ``receipts`` (students with a receipt) and ``responses`` (new ``AnonymousResponse`` rows)."""

    rows: list = field(default_factory=list)
    states: dict = field(default_factory=dict)
    progress: dict = field(default_factory=dict)
    receipts: set = field(default_factory=set)
    responses: int = 0


def anonymous_responses(usage_key):
    from cifal_results.models import AnonymousResponse
    return AnonymousResponse.objects.filter(usage_key=usage_key).count()


def load_block_store(block, usage_key, students, responses_before=0):
    """The store of ``block`` (questionnaire, anonymous, scenario) for ``students``; ``responses_before``: the anonymous
    responses there were before the phase (nothing ties a response to its learner)."""
    from workbench.models import XBlockState

    from cifal_results.models import ResponseReceipt, ScenarioProgress, Submission
    from cifal_workbench.services import anonymous_id_for

    by_learner_id = {anonymous_id_for(student): student for student in students}
    store = BlockStore(states=dict.fromkeys(students))
    if block == 'anonymous':
        receipts = ResponseReceipt.objects.filter(usage_key=usage_key, learner_id__in=list(by_learner_id))
        store.receipts = {by_learner_id[learner_id] for learner_id in receipts.values_list('learner_id', flat=True)}
        store.responses = anonymous_responses(usage_key) - responses_before
    else:
        kind = 'scenario_run' if block == 'scenario' else 'questionnaire_response'
        rows = (Submission.objects.filter(kind=kind, usage_key=usage_key, learner_id__in=list(by_learner_id))
                .values('learner_id', 'series', 'sequence', 'answers', 'scores', 'earned', 'possible',
                        'attempt_limit'))
        store.rows = [{**row, 'student': by_learner_id[row['learner_id']]} for row in rows]
    if block == 'scenario':
        progress = ScenarioProgress.objects.filter(usage_key=usage_key, learner_id__in=list(by_learner_id))
        for row in progress.values('learner_id', 'run', 'node', 'steps', 'finished'):
            store.progress[by_learner_id[row.pop('learner_id')]] = row
    states = XBlockState.objects.filter(scope='usage', scope_id=usage_key, user_id__in=list(students))
    for user_id, state in states.values_list('user_id', 'state'):
        store.states[user_id] = state
    return store


def _block_requests(report, records, block):
    requests = defaultdict(list)
    for record in records:
        if record.get('block') != block:
            continue
        if record.get('event') == 'learner':
            report.counts[f"learners_{record['outcome']}"] += 1
        elif 'name' in record:
            requests[record['student']].append(record)
    return {student: sorted(sent, key=lambda record: record['t']) for student, sent in requests.items()}


def _short(record):
    return record['name'].split('.', 1)[-1]


def _same_answers(stored, sent):
    return _canonical(stored or {}) == _canonical(sent or {})


def check_questionnaire(records, store):
    """The named questionnaire (one response): the clients' log against ``store`` (``load_block_store``)."""
    report = BlockReport(QUESTIONNAIRE_FAILURES)
    requests = _block_requests(report, records, 'questionnaire')
    rows = defaultdict(list)
    for row in store.rows:
        rows[row['student']].append(row)
    for student in sorted(set(requests) | set(rows)):
        sent, found = requests.get(student, []), rows.get(student, [])
        submits = [record for record in sent if _short(record) == 'submit']
        first = [record for record in submits if not record.get('purpose')]
        answered = [record for record in first if record['status'] == 200]
        report.counts['submit_answered_200'] += len(answered)
        report.counts['submit_refused_409'] += sum(record['status'] == 409 for record in submits)
        report.counts['rows'] += len(found)
        for record in submits:
            if record.get('purpose') and record['status'] == 200:
                report.fail('second_accepted', {'student': student, 'purpose': record['purpose']})
        if len(found) > 1 or len(answered) > 1:
            report.fail('two_responses', {'student': student, 'rows': len(found), 'answered_200': len(answered)})
        if answered:
            report.counts['responses_acknowledged'] += 1
            if len(found) != 1:
                report.fail('response_not_recorded_once', {'student': student, 'rows': len(found)})
            else:
                report.counts['acknowledged_recorded_once'] += 1
                if found[0]['answers'] != {'answers': found[0]['answers'].get('answers'), 'other': {}} or not (
                        _same_answers(found[0]['answers'].get('answers'), answered[0].get('sent'))):
                    report.fail('response_differs', {'student': student, 'stored': found[0]['answers'],
                                                     'sent': answered[0].get('sent')})
        elif found and not first:
            report.fail('recorded_without_request', {'student': student})
        elif found:
            report.counts['recorded_unacknowledged'] += 1
        if any(row.get('sequence') != 1 or row.get('attempt_limit') != 1 for row in found):
            report.fail('two_responses', {'student': student, 'sequences': [row.get('sequence') for row in found]})
        state = _state(report, student, store.states.get(student))
        _check_questionnaire_draft(report, student, sent, state)
    return report


def _check_questionnaire_draft(report, student, sent, state):
    drafts = [index for index, record in enumerate(sent) if _short(record) == 'save_draft']
    report.counts['drafts_acknowledged'] += sum(sent[index]['status'] == 200 for index in drafts)
    last = max((index for index in drafts if sent[index]['status'] == 200), default=None)
    if last is None:
        return
    if any(_short(record) == 'submit' and (record['status'] == 200 or outcome_unknown(record))
           for record in sent[last + 1:]):
        report.counts['drafts_then_submitted'] += 1  # sent as the response: the draft is spent
        return
    acknowledged = sent[last]
    stored = state.get('draft') if isinstance(state.get('draft'), dict) else {}
    later = [record for record in sent[last + 1:] if _short(record) == 'save_draft' and outcome_unknown(record)]
    if (_same_answers(stored.get('answers'), acknowledged.get('sent'))
            and stored.get('saved_at') == acknowledged.get('got', {}).get('saved_at')) or any(
            _same_answers(stored.get('answers'), record.get('sent')) for record in later):
        report.counts['drafts_kept'] += 1
        return
    report.fail('draft_lost', {'student': student, 'acknowledged': acknowledged.get('sent'), 'stored': stored})


def check_anonymous(records, store):
    """The anonymous questionnaire: as many new responses as receipts, a receipt for every learner answered 200 and
    for nobody who sent nothing, none answered twice."""
    report = BlockReport(ANONYMOUS_FAILURES)
    requests = _block_requests(report, records, 'anonymous')
    answered = set()
    for student, sent in sorted(requests.items()):
        submits = [record for record in sent if _short(record) == 'submit']
        first = [record for record in submits if not record.get('purpose') and record['status'] == 200]
        report.counts['submit_refused_409'] += sum(record['status'] == 409 for record in submits)
        for record in submits:
            if record.get('purpose') and record['status'] == 200:
                report.fail('second_accepted', {'student': student, 'purpose': record['purpose']})
        if len(first) > 1:
            report.fail('answered_twice', {'student': student})
        if first:
            answered.add(student)
            if student not in store.receipts:
                report.fail('answered_without_receipt', {'student': student})
    senders = {student for student, sent in requests.items() if any(_short(record) == 'submit' for record in sent)}
    for student in sorted(store.receipts - senders):
        report.fail('receipt_without_request', {'student': student})
    report.counts['learners_answered_200'] = len(answered)
    report.counts['receipts'] = len(store.receipts)
    report.counts['receipts_unacknowledged'] = len(store.receipts - answered)
    report.counts['responses'] = store.responses
    if store.responses != len(store.receipts):
        report.fail('responses_differ_from_receipts', {'responses': store.responses, 'receipts': len(store.receipts)})
    return report


def check_scenario(records, store):
    """The scenario: recorded runs, the progress row and the state's run against what the clients were answered."""
    report = BlockReport(SCENARIO_FAILURES)
    requests = _block_requests(report, records, 'scenario')
    rows = defaultdict(list)
    for row in store.rows:
        rows[row['student']].append(row)
    for student in sorted(set(requests) | set(rows)):
        sent, found = requests.get(student, []), rows.get(student, [])
        state = _state(report, student, store.states.get(student))
        _check_runs(report, student, sent, found, state, store.progress.get(student))
    return report


def _check_runs(report, student, sent, found, state, progress):  # noqa: C901  (one check after another)
    moves, checks, finished, seen = defaultdict(set), defaultdict(set), set(), set()
    for record in sent:
        got = record.get('got', {})
        if record['status'] != 200 or 'run_number' not in got:
            continue
        number = got['run_number']
        seen.add(number)
        report.counts['moves_answered_200'] += _short(record) in ('choose', 'next', 'check')
        report.counts['moves_replayed'] += bool(got.get('replayed'))
        if _short(record) in ('choose', 'next'):
            moves[number].add(record['sent']['node'])
        elif _short(record) == 'check':
            checks[number].add(record['sent']['node'])
        if got.get('finished'):
            finished.add(number)
    runs = defaultdict(list)
    for row in found:
        runs[(row.get('answers') or {}).get('run')].append(row)
    report.counts['rows'] += len(found)
    report.counts['runs_finished_answered'] += len(finished)
    sequences = sorted(row.get('sequence') or 0 for row in found)
    if sequences != list(range(1, len(found) + 1)) or any(row.get('series') != 's1' for row in found):
        report.fail('half_written_run', {'student': student, 'sequences': sequences})
    for number, recorded in sorted(runs.items(), key=lambda item: str(item[0])):
        if len(recorded) > 1:
            report.fail('run_recorded_twice', {'student': student, 'run': number, 'rows': len(recorded)})
        if not sent or not isinstance(number, int) or number > max(seen, default=0):
            report.fail('recorded_without_request', {'student': student, 'run': number})
        for row in recorded:
            if not _whole_run(row):
                report.fail('half_written_run', {'student': student, 'run': number})
    current = max(seen, default=None)
    for number in sorted(seen):
        recorded = runs.get(number, [])
        statuses = [row['answers'].get('status') for row in recorded]
        if number in finished:
            if statuses.count('finished') != 1:
                report.fail('finished_not_recorded_once', {'student': student, 'run': number, 'statuses': statuses})
            else:
                report.counts['finished_recorded_once'] += 1
        elif number < current and moves[number]:
            if statuses != ['reset']:
                report.fail('reset_not_recorded', {'student': student, 'run': number, 'statuses': statuses})
            else:
                report.counts['resets_recorded'] += 1
        if recorded:
            path = [step.get('node') for step in recorded[0]['answers'].get('path') or []]
            kept_checks = recorded[0]['answers'].get('checks') or {}
        elif number == current:
            run = state.get('run') if isinstance(state.get('run'), dict) else {}
            path = [step.get('node') for step in run.get('steps') or []] if run.get('number') == number else []
            kept_checks = run.get('checks') or {} if run.get('number') == number else {}
        else:
            continue
        for node in sorted(moves[number]):
            if path.count(node) != 1:
                report.fail('move_not_in_path_once', {'student': student, 'run': number, 'node': node, 'path': path})
        for node in sorted(checks[number] - set(kept_checks)):
            report.fail('move_not_in_path_once', {'student': student, 'run': number, 'check': node})
    _check_progress(report, student, sent, state, progress)


def _whole_run(row):
    answers = row.get('answers') or {}
    path = [step.get('node') for step in answers.get('path') or []]
    checks = answers.get('checks') or {}
    try:
        return (answers.get('status') in ('finished', 'reset') and bool(path) and path[0] == SCENARIO_START
                and len(set(path)) == len(path)
                and (answers['status'] != 'finished' or answers.get('ending_node') == SCENARIO_END)
                and sorted(score['node'] for score in row.get('scores') or []) == sorted(checks)
                and row.get('earned') is not None and row['earned'] <= row['possible'])
    except (KeyError, TypeError):
        return False


def _check_progress(report, student, sent, state, progress):
    run = state.get('run') if isinstance(state.get('run'), dict) else None
    if not run or not sent:
        return
    moved = run.get('steps') or run.get('number', 1) > 1
    expected = None if not moved and progress is None else {
        'run': run.get('number'), 'node': run.get('node'), 'steps': len(run.get('steps') or []),
        'finished': bool(run.get('finished_at'))}
    if expected is None or progress == expected:
        report.counts['progress_agrees'] += 1
    elif outcome_unknown(sent[-1]):
        report.counts['progress_unsettled'] += 1  # the last request's answer was lost: it may be half done
    else:
        report.fail('progress_disagrees', {'student': student, 'progress': progress, 'state': expected})
