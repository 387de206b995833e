"""The results store: one append-only record per attempt, on SQLite and on MariaDB."""
import copy
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client

from cifal_results import api
from cifal_results.models import AppendOnlyError, ContentVersion, LearnerSeries, Submission
from tests.integration.quizzes import PERFECT, all_types
from tests.support.workbench_fixtures import handler_url, post_json


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
    post_json(client, quiz, 'retry', 'hugo', {})
    post_json(client, quiz, 'submit', 'hugo', {'answers': {'q1': 'a'}})
    learner = workbench.block(quiz, 'hugo')
    assert post_json(client, quiz, 'retry', 'hugo', {}).status_code == 409  # both attempts used
    # What "delete student state" does in the LMS: tell the block, then delete the learner's state.
    anonymous_id = learner.runtime.service(learner, 'user').get_current_user().opt_attrs[
        'edx-platform.anonymous_user_id']
    learner.clear_student_state(user_id=anonymous_id, course_id='workbench', item_id=str(quiz),
                                requesting_user_id='instructor')
    for field in ('submitted_attempts', 'current_attempt', 'published_score', 'draft'):
        learner.fields[field].delete_from(learner)
    learner.save()

    response = post_json(client, quiz, 'submit', 'hugo', {'answers': PERFECT})

    assert response.status_code == 200 and response.json()['attempts_used'] == 1
    assert list(Submission.objects.order_by('id').values_list('series', 'sequence')) == [
        ('s1', 1), ('s1', 2), ('s2', 1)]


def test_state_deleted_without_telling_the_store_shows_the_recorded_attempts_again(client, quiz, workbench):
    """The store is the truth: a learner whose state vanished (lost in a race, deleted by hand) keeps their attempts
    rather than getting the limit back."""
    post_json(client, quiz, 'submit', 'hana', {'answers': {'q1': 'a'}})
    learner = workbench.block(quiz, 'hana')
    for field in ('submitted_attempts', 'current_attempt', 'published_score', 'draft'):
        learner.fields[field].delete_from(learner)
    learner.save()

    state = client.get(handler_url(quiz, 'student_view_user_state', 'hana')).json()

    assert state['attempts_used'] == 1 and not state['is_open']
    assert [record['number'] for record in workbench.block(quiz, 'hana').submitted_attempts] == [1]


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


def test_the_database_refuses_an_attempt_beyond_the_limit(client, quiz, workbench):
    """Whatever a request believes, the store's check constraint refuses a sequence beyond ``max_attempts``."""
    post_json(client, quiz, 'submit', 'lim', {'answers': {'q1': 'a'}})
    post_json(client, quiz, 'retry', 'lim', {})
    post_json(client, quiz, 'submit', 'lim', {'answers': {'q1': 'a'}})
    (record,) = Submission.objects.filter(sequence=2)
    beyond = api.NewSubmission(
        kind=record.kind, course_key=record.course_key, usage_key=record.usage_key, block_type=record.block_type,
        display_name='Q', definition=record.content_version.definition, learner_id=record.learner_id,
        series=record.series, sequence=3, role='', pair='', answers={}, scores=[], context={}, earned=0.0, possible=8.0,
        submitted_at=record.submitted_at, attempt_limit=2)

    with pytest.raises(api.AttemptLimitReached):
        api.record(beyond)
    assert Submission.objects.count() == 2


def test_old_series_stay_current_after_the_migration(db):
    """Records written before series rows existed: a learner whose latest records are in s2 keeps s2."""
    import importlib

    from django.apps import apps
    migration = importlib.import_module('cifal_results.migrations.0002_attempt_limit_and_series')
    version = ContentVersion.objects.create(usage_key='u', block_type='cifal_quiz', digest='d', definition={})
    for learner, series in (('a', 's1'), ('b', 's1'), ('b', 's2'), ('c', 's3')):
        Submission.objects.create(kind=Submission.QUIZ_ATTEMPT, course_key='c', usage_key='u', block_type='cifal_quiz',
                                  content_version=version, learner_id=learner, series=series, sequence=1,
                                  submitted_at='2026-01-01T00:00:00Z')

    migration.current_series_rows(apps, None)

    assert sorted(LearnerSeries.objects.values_list('learner_id', 'number')) == [('b', 2), ('c', 3)]
    assert api.learner_attempts('quiz_attempt', 'u', 'b').series == 's2'
    assert api.learner_attempts('quiz_attempt', 'u', 'a').series == 's1'


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True)
def test_bursts_of_first_contact_submissions_record_one_attempt_each(workbench):
    """50 learners whose very first request is 8 simultaneous submissions (a double tap on a slow network, an app
    retrying): each gets exactly one attempt recorded with ``max_attempts="1"``, and their state says the same."""
    assert connection.vendor == 'mysql'
    quiz = workbench.add_scenario('burst-quiz', all_types(max_attempts=1))
    bursts, racers = 50, 8
    outcomes = {}

    def submit(student, barrier, statuses):
        try:
            barrier.wait(timeout=20)
            statuses.append(post_json(Client(), quiz, 'submit', student, {'answers': PERFECT}).status_code)
        finally:
            connection.close()

    for burst in range(bursts):
        student, barrier, statuses = f'burst{burst}', threading.Barrier(racers), []
        threads = [threading.Thread(target=submit, args=(student, barrier, statuses)) for _ in range(racers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        outcomes[student] = sorted(statuses)

    problems = {student: statuses for student, statuses in outcomes.items()
                if statuses.count(200) != 1 or set(statuses) - {200, 409} or len(statuses) != racers}
    assert not problems, problems
    counts = dict(Submission.objects.filter(usage_key=str(quiz)).values_list('learner_id').annotate(n=Count('id'))
                  .values_list('learner_id', 'n'))
    assert len(counts) == bursts and set(counts.values()) == {1}
    for student in outcomes:
        assert len(workbench.block(quiz, student).submitted_attempts) == 1, student
        state = Client().get(handler_url(quiz, 'student_view_user_state', student)).json()
        assert (state['attempts_used'], state['attempts_remaining'], state['can_retry']) == (1, 0, False), student
