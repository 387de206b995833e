"""
A database that does not answer (a lost connection, a server restarting) is answered by every handler with a JSON
503 and ``Retry-After``, not a 500 page, and what was acknowledged stays as it was (docs/decisions/0015).

The failures are injected in the workbench's key-value store (every field read or write of a block goes through
it) with the exception Django raises for a lost MySQL connection; ``make load`` does it for real, on MariaDB.
"""
import pytest
from django.db import InterfaceError, OperationalError
from workbench.runtime import WorkbenchDjangoKeyValueStore

from tests.integration.quizzes import all_types
from tests.support.workbench_fixtures import handler_url, post_json

LOST = OperationalError(2013, 'Lost connection to MySQL server during query')


@pytest.fixture
def quiz(workbench):
    return workbench.add_scenario('database-errors-quiz', all_types(max_attempts=2))


def fail(monkeypatch, method, error=LOST):
    def broken(*args, **kwargs):
        raise error
    monkeypatch.setattr(WorkbenchDjangoKeyValueStore, method, broken)


def assert_unavailable(response):
    assert response.status_code == 503
    assert response['Content-Type'].startswith('application/json')
    assert response['Retry-After'] == '5'
    assert 'try again' in response.json()['error']


@pytest.mark.parametrize('error', [LOST, InterfaceError(0, '')])
def test_a_database_that_does_not_answer_gets_a_json_503_and_the_draft_stays(
        client, quiz, workbench, monkeypatch, error):
    assert post_json(client, quiz, 'save_draft', 'ana', {'answers': {'q4': 'first'}}).status_code == 200

    with monkeypatch.context() as patch:
        fail(patch, 'get', error)
        # a text answer names no option: sent as it is (the learner codes would be read through the broken store)
        assert_unavailable(post_json(client, quiz, 'save_draft', 'ana', {'answers': {'q4': 'second'}}, coded=False))
        assert_unavailable(client.get(handler_url(quiz, 'student_view_user_state', 'ana')))

    assert workbench.block(quiz, 'ana').draft['answers'] == {'q4': 'first'}


def test_a_write_lost_after_the_store_recorded_the_attempt_is_a_503_and_the_resent_submission_is_answered_once(
        client, quiz, workbench, monkeypatch):
    from cifal_results.models import Submission
    payload = {'answers': {'q1': 'b', 'q4': 'mainstreaming'}, 'attempt': 1}

    with monkeypatch.context() as patch:
        fail(patch, 'set')  # the state is written after the store's insert, which is committed on its own
        assert_unavailable(post_json(client, quiz, 'submit', 'bea', payload))
    assert Submission.objects.filter(sequence=1).count() == 1

    again = post_json(client, quiz, 'submit', 'bea', payload)

    assert again.status_code == 200
    assert again.json()['replayed'] is True and again.json()['attempt'] == 1
    assert Submission.objects.count() == 1
    block = workbench.block(quiz, 'bea')
    assert [record['number'] for record in block.submitted_attempts] == [1]  # the mirror, repaired from the store


def test_other_errors_are_not_disguised_as_an_unavailable_database(client, quiz, monkeypatch):
    fail(monkeypatch, 'get', RuntimeError('a bug'))

    with pytest.raises(RuntimeError, match='a bug'):
        post_json(client, quiz, 'save_draft', 'cid', {'answers': {'q4': 'text'}}, coded=False)


def test_a_failed_save_as_the_lms_reports_it_is_a_503_too(client, quiz, workbench, monkeypatch):
    """The LMS's field store wraps a failed write in KeyValueMultiSaveError, which XBlock.save() raises as
    XBlockSaveError: the learner gets the same JSON 503, not a 500 page."""
    from xblock.exceptions import XBlockSaveError

    def broken(*args, **kwargs):
        raise XBlockSaveError(saved_fields=[], dirty_fields=['draft'])
    with monkeypatch.context() as patch:
        patch.setattr(WorkbenchDjangoKeyValueStore, 'set_many', broken)
        assert_unavailable(post_json(client, quiz, 'save_draft', 'cem', {'answers': {'q4': 'typed'}}, coded=False))
