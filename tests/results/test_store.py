"""The results store: one append-only record per attempt, on SQLite and on MariaDB."""
import copy
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from cifal_results.models import AppendOnlyError, ContentVersion, Submission
from tests.integration.quizzes import PERFECT, all_types
from tests.support.workbench_fixtures import post_json


@pytest.fixture
def quiz(workbench):
    return workbench.add_scenario('store-quiz', all_types(max_attempts=2, role='pre', pair='module-1'))


def test_each_submission_is_recorded_once_with_its_scores(client, quiz, workbench):
    post_json(client, quiz, 'submit', 'ana', {'answers': PERFECT, 'attempt': 1})
    post_json(client, quiz, 'submit', 'ana', {'answers': PERFECT, 'attempt': 1})  # a retried request

    (record,) = Submission.objects.all()
    learner = workbench.block(quiz, 'ana')
    assert record.learner_id == learner.runtime.service(learner, 'user').get_current_user().opt_attrs[
        'edx-platform.anonymous_user_id']
    assert (record.sequence, record.role, record.pair) == (1, 'pre', 'module-1')
    assert (record.earned, record.possible) == (8.0, 8.0)
    assert {score['id']: score['status'] for score in record.scores} == dict.fromkeys(PERFECT, 'correct')
    assert record.answers['q3'] == 302.0
    assert record.context['grading'] == 'best' and record.context['max_attempts'] == 2
    assert record.course_key == 'workbench' and record.usage_key == str(quiz)


def test_learners_share_one_stored_version_of_the_content(client, quiz):
    for student in ('ben', 'cat', 'dov'):
        post_json(client, quiz, 'submit', student, {'answers': {'q1': 'a'}})

    assert ContentVersion.objects.count() == 1
    assert Submission.objects.count() == 3
    assert ContentVersion.objects.get().definition['questions'][0]['id'] == 'q1'


def test_a_new_version_of_the_content_is_stored_when_the_author_changes_it(client, quiz, workbench):
    post_json(client, quiz, 'submit', 'eli', {'answers': {}})
    author = workbench.block(quiz, 'author')
    definition = copy.deepcopy(author.definition)
    definition['questions'][0]['prompt_html'] = '<p>Changed</p>'
    author.definition = definition
    author.save()

    post_json(client, quiz, 'submit', 'fox', {'answers': {}})

    assert ContentVersion.objects.count() == 2


def test_records_are_never_rewritten_by_a_retry(client, quiz):
    post_json(client, quiz, 'submit', 'gia', {'answers': {'q1': 'a'}})
    post_json(client, quiz, 'retry', 'gia', {})
    post_json(client, quiz, 'submit', 'gia', {'answers': PERFECT})

    assert list(Submission.objects.values_list('sequence', 'earned')) == [(1, 0.0), (2, 8.0)]


def test_an_instructor_reset_starts_a_new_series_of_records(client, quiz, workbench):
    post_json(client, quiz, 'submit', 'hugo', {'answers': {'q1': 'a'}})
    learner = workbench.block(quiz, 'hugo')
    for field in ('submitted_attempts', 'current_attempt', 'attempt_series', 'published_score', 'draft'):
        learner.fields[field].delete_from(learner)  # what "delete student state" does in the LMS
    learner.save()

    response = post_json(client, quiz, 'submit', 'hugo', {'answers': PERFECT})

    assert response.status_code == 200
    assert list(Submission.objects.values_list('series', 'sequence')) == [('s1', 1), ('s2', 1)]


def test_a_recorded_submission_cannot_be_rewritten_or_deleted(client, quiz):
    post_json(client, quiz, 'submit', 'ivo', {'answers': {'q1': 'a'}})
    record = Submission.objects.get()
    record.earned = 8.0

    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()
    assert Submission.objects.get().earned == 0.0


def test_migrations_are_complete(db):
    call_command('makemigrations', 'cifal_results', '--check', '--dry-run', verbosity=0)


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_never_exceed_max_attempts(workbench):
    assert connection.vendor == 'mysql'
    quiz = workbench.add_scenario('race-quiz', all_types(max_attempts=1))
    # The learner has the quiz open with a saved draft (the workbench's own state table, unlike the LMS's
    # StudentModule, has no unique key, so its first row must not be created by racing requests).
    post_json(Client(), quiz, 'save_draft', 'racer', {'answers': {'q1': 'a'}})
    racers = 6
    barrier = threading.Barrier(racers)
    statuses = []

    def submit():
        try:
            barrier.wait(timeout=10)
            statuses.append(post_json(Client(), quiz, 'submit', 'racer', {'answers': PERFECT}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert statuses.count(200) == 1
    assert sorted(set(statuses) - {200}) == [409]
    assert Submission.objects.filter(usage_key=str(quiz)).count() == 1
    assert len(workbench.block(quiz, 'racer').submitted_attempts) == 1
