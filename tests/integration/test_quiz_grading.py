"""Grades, rescoring, due dates and per-learner layouts, checked on blocks of the real workbench runtime."""
import copy
import json
from datetime import UTC, datetime, timedelta

import pytest
from webob import Request

from tests.integration.quizzes import MAX_POINTS, PERFECT, all_types
from tests.support.workbench_fixtures import learner_codes, post_json

POOL = """
<cifal_quiz display_name="Pool" draw="3" shuffle_questions="true" shuffle_choices="true">
  {questions}
</cifal_quiz>
""".format(questions='\n'.join(
    f'<question id="p{n}" type="single"><prompt>Question {n}</prompt>'
    f'<choice id="a" correct="true">A{n}</choice><choice id="b">B{n}</choice><choice id="c">C{n}</choice>'
    f'<choice id="d">D{n}</choice></question>'
    for n in range(1, 11)))


def submit_in_process(block, payload):
    payload = {**payload, 'answers': learner_codes(str(block.scope_ids.usage_id), payload['answers'])}
    request = Request.blank('/', method='POST', body=json.dumps(payload).encode(), content_type='application/json')
    return block.runtime.handle(block, 'submit', request)


def test_rescore_applies_a_corrected_answer_key(client, workbench, published):
    quiz = workbench.add_scenario('rescore-quiz', all_types())
    post_json(client, quiz, 'submit', 'ann', {'answers': PERFECT})
    author_view = workbench.block(quiz, 'author')
    definition = copy.deepcopy(author_view.definition)
    for choice in definition['questions'][0]['choices']:
        choice['correct'] = choice['id'] == 'a'  # the author fixes the key: 'a' was right after all
    author_view.definition = definition
    author_view.save()

    learner_view = workbench.block(quiz, 'ann')
    learner_view.rescore(only_if_higher=False)
    learner_view.save()  # as the LMS's rescore task does after calling rescore()

    assert published.named('grade')[-1] == {'value': MAX_POINTS - 1, 'max_value': MAX_POINTS, 'only_if_higher': False}
    assert workbench.block(quiz, 'ann').get_score().raw_earned == MAX_POINTS - 1


def test_rescore_refuses_a_learner_who_never_submitted(workbench):
    quiz = workbench.add_scenario('rescore-none', all_types())

    with pytest.raises(ValueError):
        workbench.block(quiz, 'nobody').rescore(only_if_higher=False)


def test_calculate_score_changes_no_state(client, workbench):
    quiz = workbench.add_scenario('pure-score', all_types())
    post_json(client, quiz, 'submit', 'cy', {'answers': {'q1': 'b'}})
    block = workbench.block(quiz, 'cy')
    before = (copy.deepcopy(block.submitted_attempts), dict(block.published_score))

    score = block.calculate_score()

    assert (score.raw_earned, score.raw_possible) == (1.0, MAX_POINTS)
    assert (block.submitted_attempts, block.published_score) == before


def test_a_submission_after_the_due_date_is_refused_with_a_message(workbench):
    quiz = workbench.add_scenario('due-quiz', all_types())
    block = workbench.block(quiz, 'dee')
    block.due = datetime.now(UTC) - timedelta(hours=1)  # as the LMS's inheritance mixin would set it

    response = submit_in_process(block, {'answers': PERFECT})

    assert response.status_code == 403
    assert 'due date' in response.json['error']
    assert workbench.block(quiz, 'dee').submitted_attempts == []
    assert 'submissions are no longer accepted' in block.render('student_view').content


def test_before_the_due_date_submissions_are_accepted(workbench):
    quiz = workbench.add_scenario('due-later', all_types())
    block = workbench.block(quiz, 'eve')
    block.due = datetime.now(UTC) + timedelta(days=1)

    assert submit_in_process(block, {'answers': PERFECT}).status_code == 200


def test_the_workbench_sets_no_due_date(client, workbench):
    quiz = workbench.add_scenario('no-due', all_types())

    assert post_json(client, quiz, 'submit', 'fin', {'answers': PERFECT}).status_code == 200


def questions_shown(client, scenario, student):
    page = client.get(f'/view/{scenario}/?student={student}').content.decode()
    return [line.split('data-question-id="')[1].split('"')[0] for line in page.splitlines()
            if 'data-question-id="' in line and '<fieldset' in line]


def test_a_draw_is_stable_across_reloads_and_differs_between_learners(client, workbench):
    workbench.add_scenario('pool-quiz', POOL)

    first = questions_shown(client, 'pool-quiz', 'gil')
    again = questions_shown(client, 'pool-quiz', 'gil')
    others = {tuple(questions_shown(client, 'pool-quiz', f'learner{n}')) for n in range(8)}

    assert len(first) == 3 and first == again
    assert len(others) > 1


def test_a_new_attempt_draws_again(client, workbench):
    quiz = workbench.add_scenario('pool-retry', POOL)
    draws = []
    for _ in range(4):
        draws.append(tuple(questions_shown(client, 'pool-retry', 'hob')))
        post_json(client, quiz, 'submit', 'hob', {'answers': {}})
        post_json(client, quiz, 'retry', 'hob', {})

    assert len(set(draws)) > 1


def test_an_answer_to_a_question_not_drawn_is_refused(client, workbench):
    quiz = workbench.add_scenario('pool-outside', POOL)
    shown = questions_shown(client, 'pool-outside', 'ivy')
    hidden = next(f'p{n}' for n in range(1, 11) if f'p{n}' not in shown)

    response = post_json(client, quiz, 'submit', 'ivy', {'answers': {hidden: 'a'}})

    assert response.status_code == 400 and hidden in response.json()['error']


def test_a_drawn_attempt_is_graded_on_the_drawn_questions(client, workbench, published):
    quiz = workbench.add_scenario('pool-grade', POOL)
    shown = questions_shown(client, 'pool-grade', 'jay')

    result = post_json(client, quiz, 'submit', 'jay', {'answers': dict.fromkeys(shown, 'a')}).json()

    assert (result['score'], result['max_score']) == (3.0, 3.0)
    assert published.named('grade')[-1]['value'] == published.named('grade')[-1]['max_value'] == 3.0
