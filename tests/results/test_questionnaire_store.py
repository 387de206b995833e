"""
Anonymous questionnaire responses in the results store (ADR 10): nothing in the database links a response to the
learner who gave it, one response per learner is the database's rule, and simultaneous requests lose nothing.
Run on SQLite and again on MariaDB.
"""
import threading
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test import Client

from cifal_results.models import AnonymousResponse, ResponseReceipt
from cifal_workbench.services import anonymous_id_for
from tests.integration.questionnaires import COMPLETE, reaction
from tests.support.workbench_fixtures import post_json

LEARNERS = [f'resp{index:02d}' for index in range(60)]


@pytest.fixture
def anonymous(workbench):
    return workbench.add_scenario('store-questionnaire', reaction())


def kendall_tau(order_a, order_b):
    """Rank correlation of two orders of the same items: 1 identical, -1 reversed, about 0 unrelated."""
    position = {item: index for index, item in enumerate(order_b)}
    ranks = [position[item] for item in order_a]
    n = len(ranks)
    concordant = sum(1 for i in range(n) for j in range(i + 1, n) if ranks[i] < ranks[j])
    pairs = n * (n - 1) / 2
    return (2 * concordant - pairs) / pairs


def test_a_response_holds_no_learner_no_time_and_nothing_that_points_to_its_receipt():
    fields = {field.name: field.get_internal_type() for field in AnonymousResponse._meta.get_fields()
              if field.concrete}
    assert fields == {'id': 'UUIDField', 'course_key': 'CharField', 'usage_key': 'CharField',
                      'block_type': 'CharField', 'content_version': 'ForeignKey', 'answers': 'JSONField',
                      'submitted_on': 'DateField'}
    receipt_fields = {field.name for field in ResponseReceipt._meta.get_fields() if field.concrete}
    assert receipt_fields == {'id', 'usage_key', 'learner_id'}  # no time, no answers, no response id


def test_neither_row_order_nor_ids_follow_the_order_in_which_learners_answered(client, anonymous):
    for student in LEARNERS:
        assert post_json(client, anonymous, 'submit', student, {'answers': {**COMPLETE, 'rec': 5}}).status_code == 200
    receipts = list(ResponseReceipt.objects.order_by('id').values_list('learner_id', flat=True))
    by_id = [str(pk) for pk in AnonymousResponse.objects.order_by('id').values_list('id', flat=True)]
    with connection.cursor() as cursor:  # the order the database keeps the rows in, asked without ORDER BY
        cursor.execute('SELECT id FROM cifal_results_anonymousresponse')
        stored = [str(row[0]).replace('-', '') for row in cursor.fetchall()]

    assert receipts == [anonymous_id_for(student) for student in LEARNERS]  # receipts say who, in order
    assert len(by_id) == len(LEARNERS)
    assert stored == [pk.replace('-', '') for pk in by_id]  # rows are kept in the order of their random ids
    # Were ids (or rows) in answering order, the n-th receipt would pair with the n-th response. The order of
    # insertion, which only this test knows, must be unrelated to theirs: a random order of 60 has |tau| < 0.4
    # but once in about 10^5 runs.
    assert len(INSERTED) == len(LEARNERS)
    assert abs(kendall_tau(by_id, INSERTED)) < 0.4


INSERTED = []


@pytest.fixture(autouse=True)
def remember_insertions(monkeypatch):
    """Record, in the test only, the order in which responses were created (nothing in the store can give it)."""
    INSERTED.clear()
    original = AnonymousResponse.save

    def save(self, *args, **kwargs):
        original(self, *args, **kwargs)
        INSERTED.append(str(self.pk))

    monkeypatch.setattr(AnonymousResponse, 'save', save)


def test_the_database_keeps_no_row_number_of_its_own_for_anonymous_responses(db):
    """SQLite would number the rows in insertion order (rowid) but for WITHOUT ROWID; InnoDB clusters a table with
    a primary key by that key and adds no row id."""
    with connection.cursor() as cursor:
        if connection.vendor == 'sqlite':
            with pytest.raises(Exception, match='rowid'):
                cursor.execute('SELECT rowid FROM cifal_results_anonymousresponse')
        else:
            cursor.execute("SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                           "TABLE_NAME = 'cifal_results_anonymousresponse'")
            assert cursor.fetchone()[0] == 'InnoDB'
            cursor.execute("SHOW INDEX FROM cifal_results_anonymousresponse WHERE Key_name = 'PRIMARY'")
            assert [row[4] for row in cursor.fetchall()] == ['id']


def test_the_response_keeps_its_day_only(client, anonymous):
    # The day is the UTC day (the model says so), not the server's local one; a run across midnight sees either.
    before = datetime.now(UTC).date()
    post_json(client, anonymous, 'submit', 'day', {'answers': COMPLETE})
    after = datetime.now(UTC).date()

    (stored,) = AnonymousResponse.objects.all()
    assert type(stored.submitted_on) is date and stored.submitted_on in {before, after}


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True)
def test_simultaneous_responses_of_many_learners_are_all_kept_and_a_burst_of_one_learner_counts_once(workbench):
    assert connection.vendor == 'mysql'
    quiz = workbench.add_scenario('race-questionnaire', reaction())
    statuses = {}

    def submit(student, barrier):
        try:
            barrier.wait(timeout=20)
            response = post_json(Client(), quiz, 'submit', student, {'answers': COMPLETE})
            statuses.setdefault(student, []).append(response.status_code)
        finally:
            connection.close()

    barrier = threading.Barrier(8)
    threads = [threading.Thread(target=submit, args=(f'many{index}', barrier)) for index in range(8)]
    burst = threading.Barrier(6)
    threads += [threading.Thread(target=submit, args=('burst', burst)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert all(statuses[f'many{index}'] == [200] for index in range(8))
    assert sorted(statuses['burst']).count(200) == 1 and set(statuses['burst']) <= {200, 409}
    assert AnonymousResponse.objects.count() == 9 and ResponseReceipt.objects.count() == 9
    assert workbench.block(quiz, 'burst').responded is True
