"""How many database queries the learners' busiest requests make, through the real workbench (issue 12).

Each count is asserted exactly, so that a change which reads or writes something once more fails here, with the
queries listed, before it slows every learner. The counts are the workbench's: its field store (xblock-sdk's
``XBlockState``, one row per scope, behind the suite's ``state_row_for_key``) answers every field a block reads with
a ``SELECT`` of that row (``has``, then ``get`` when the field is set) and writes each field with a ``SELECT`` and an
``UPDATE``; a learner's first read creates their row (a ``SELECT``, again under the lock, then the ``INSERT``). The
LMS reads a learner's state once per request and settings from the modulestore, so there the results store's
queries remain. Tests run inside a transaction: the handlers' transactions show as ``SAVEPOINT`` and ``RELEASE``.

``state``: a query of the field store; ``results``: of the results store (``cifal_results``); ``transaction``: a
savepoint opened or released. Which field each query reads is written beside it.
"""
import json
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.integration.questionnaires import COMPLETE, reaction
from tests.integration.quizzes import PERFECT, all_types
from tests.integration.scenarios import choice_code, riverton
from tests.support.workbench_fixtures import handler_url, learner_codes


def kinds(queries):
    """The queries by kind: ``state``, ``results`` (the results store's tables) or ``transaction``."""
    def kind(sql):
        if sql.startswith(('SAVEPOINT', 'RELEASE SAVEPOINT', 'ROLLBACK', 'BEGIN', 'COMMIT')):
            return 'transaction'
        if 'workbench_xblockstate' in sql:
            return 'state'
        if 'cifal_results_' in sql:
            return 'results'
        return sql[:60]
    return dict(Counter(kind(query['sql']) for query in queries))


def counted(request):
    """Run ``request()``; its response and its queries by kind."""
    with CaptureQueriesContext(connection) as queries:
        response = request()
    assert response.status_code == 200, response.content[:300]
    return response, kinds(queries.captured_queries), [query['sql'][:200] for query in queries.captured_queries]


@pytest.fixture
def quiz(workbench, client):
    """The six-question quiz of the tests, unlimited attempts, whose content a first learner has already submitted
    (the content version is then stored: every later submission finds it within its insert)."""
    usage_id = workbench.add_scenario('counted-quiz', all_types(max_attempts=0))
    submit = poster(client, usage_id, 'submit', {'answers': learner_codes(usage_id, PERFECT)})
    assert submit('first-learner').status_code == 200
    return usage_id, submit


def poster(client, usage_id, handler, body):
    """``post(student)``: the handler's request with ``body`` (learner codes worked out before it is counted)."""
    data = json.dumps(body)

    def post(student):
        return client.post(handler_url(usage_id, handler, student), data=data, content_type='application/json')
    return post


# What every submit reads of the quiz's settings and content, a query each: max_attempts (has, get: set in the
# OLX), definition (has, get), then has only (not set in this OLX, so the default): shuffle_questions,
# shuffle_choices, draw (the attempt's layout), role, pair, grading, pass_mark (the record), show_correctness,
# show_answers (the reveal in the answer).
SUBMIT_SETTINGS_AND_CONTENT = 2 + 2 + 3 + 4 + 2


def test_a_first_attempt(quiz):
    _, submit = quiz

    response, by_kind, queries = counted(lambda: submit('ana'))

    assert response.json()['attempt'] == 1
    assert by_kind == {
        # submitted_attempts (has: the learner's first read: SELECT, SELECT under the lock, INSERT of the row),
        # current_attempt (has), the settings and content, then three writes (submitted_attempts, draft,
        # published_score: SELECT and UPDATE each)
        'state': 3 + 1 + SUBMIT_SETTINGS_AND_CONTENT + 3 * 2,
        'results': 2,  # the attempts and series (one UNION ALL); the attempt's INSERT, which finds its content version
        'transaction': 4,  # the INSERT's savepoint, opened and released; the three writes', opened and released
    }, queries
    assert len(queries) == 29


def test_a_later_attempt(quiz, client):
    usage_id, submit = quiz
    assert submit('bea').status_code == 200
    assert client.post(handler_url(usage_id, 'retry', 'bea'), data='{}', content_type='application/json'
                       ).status_code == 200

    response, by_kind, queries = counted(lambda: submit('bea'))

    assert response.json()['attempt'] == 2
    assert by_kind == {
        # submitted_attempts and current_attempt are set now (has, get each: the row exists), the settings and
        # content, then the three writes (SELECT and UPDATE each)
        'state': 2 * 2 + SUBMIT_SETTINGS_AND_CONTENT + 3 * 2,
        'results': 2,  # the attempts and series; the attempt's INSERT
        'transaction': 4,
    }, queries
    assert len(queries) == 29


def test_the_quiz_page_of_a_learner_who_has_not_answered_yet(quiz, client):
    response, by_kind, queries = counted(lambda: client.get('/scenario/counted-quiz/?student=cy'))

    assert b'Question 1 of 6' in response.content
    assert by_kind == {
        # submitted_attempts (has: the learner's first read creates the row: SELECT, SELECT, INSERT),
        # current_attempt, max_attempts (has, get), definition (has, get), shuffle_questions, shuffle_choices, draw,
        # draft (the form's saved answers), display_name (is it set? then has, get: the title), and the
        # workbench's own read of the block's name (its page)
        'state': 3 + 1 + 2 + 2 + 3 + 1 + 3 + 1,
        'results': 1,  # the attempts and series
    }, queries
    assert len(queries) == 17


def test_the_quiz_page_after_an_attempt(quiz, client):
    _, submit = quiz
    assert submit('dee').status_code == 200

    response, by_kind, queries = counted(lambda: client.get('/scenario/counted-quiz/?student=dee'))

    assert b'Your score' in response.content
    assert by_kind == {
        # submitted_attempts (has, get), current_attempt (has: still the default, 1), max_attempts (has, get),
        # definition (has, get), shuffle_questions, shuffle_choices, draw (the attempt's layout), grading,
        # pass_mark, show_correctness, show_answers (the reveal), role (the summary), display_name (three: the
        # title), the workbench's name
        'state': 2 + 1 + 2 + 2 + 3 + 4 + 1 + 3 + 1,
        'results': 1,  # the attempts and series
    }, queries
    assert len(queries) == 20


def test_an_anonymous_questionnaire_response(workbench, client):
    usage_id = workbench.add_scenario('counted-questionnaire', reaction())
    submit = poster(client, usage_id, 'submit', {'answers': COMPLETE})
    assert submit('first-respondent').status_code == 200  # its content version is stored

    response, by_kind, queries = counted(lambda: submit('eve'))

    assert response.json()['responded'] is True
    assert by_kind == {
        # definition, editable, anonymous (has, get each), responded (has: the learner's first read creates the
        # row: SELECT, SELECT, INSERT), display_name (has, get: the record names its content), show_results (has,
        # get: the thanks page), then five writes (responded, revisions, responded_on, response, draft: SELECT and
        # UPDATE each)
        'state': 2 * 3 + 3 + 2 + 2 + 5 * 2,
        # the receipt looked up by the closed-form check, and again by the record (a simultaneous response of the
        # same learner may have been recorded in between: reading it once per request let a burst of one learner's
        # requests leave their state saying "not answered", tests/results/test_questionnaire_store.py), then the
        # receipt's and the response's INSERTs (the response finds its content version within its insert)
        'results': 4,
        'transaction': 4,  # the INSERTs' savepoint, opened and released; the five writes', opened and released
    }, queries
    assert len(queries) == 31


def test_a_scenario_choice(workbench, client):
    usage_id = workbench.add_scenario('counted-scenario', riverton())
    choose = poster(client, usage_id, 'choose', {'node': 'n1', 'choice': choice_code(usage_id, 'n1', 'c1')})

    response, by_kind, queries = counted(lambda: choose('fay'))

    assert response.json()['replayed'] is False
    assert by_kind == {
        # definition (has, get), run (has: the learner's first read creates the row: SELECT, SELECT, INSERT),
        # runs_started (has), allow_back (has, get: the stage's Back), then two writes (run, runs_started: SELECT
        # and UPDATE each)
        'state': 2 + 3 + 1 + 2 + 2 * 2,
        # where the learner is: an UPDATE that finds no row on a first move, so an INSERT (a later move: the UPDATE)
        'results': 2,
        'transaction': 4,  # the INSERT's savepoint, opened and released; the two writes', opened and released
    }, queries
    assert len(queries) == 18


def test_a_later_scenario_choice(workbench, client):
    usage_id = workbench.add_scenario('counted-scenario', riverton())
    assert poster(client, usage_id, 'choose', {'node': 'n1', 'choice': choice_code(usage_id, 'n1', 'c2')})(
        'gus').status_code == 200
    assert poster(client, usage_id, 'next', {'node': 'n3'})('gus').status_code == 200
    choose = poster(client, usage_id, 'choose', {'node': 'n4', 'choice': choice_code(usage_id, 'n4', 'c3')})

    response, by_kind, queries = counted(lambda: choose('gus'))

    assert response.json()['replayed'] is False
    assert by_kind == {
        # definition (has, get), run (has, get), allow_back (has, get), then one write: the run (SELECT, UPDATE;
        # runs_started, unchanged, is neither read nor written)
        'state': 2 + 2 + 2 + 2,
        'results': 1,  # where the learner is: one UPDATE
        'transaction': 2,  # the write's savepoint, opened and released
    }, queries
    assert len(queries) == 11
