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

Plain data in, plain data out: ``load_store`` reads the database (Django configured), ``check`` is pure.
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
