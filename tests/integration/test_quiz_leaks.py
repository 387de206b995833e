"""
What a learner can see lets them derive no answer: every learner-visible surface of the quiz (the page, its init
arguments, every handler answer, the apps' views, the search index, the public view) is read, then attackers try to
build correct answers from it, for every question type, and the store says how they scored.

The quiz never reveals answers or correctness here (``show_answers="never"``, ``show_correctness="never"``): any
systematic success must come from a leak. Authored ids are chosen to tempt: ordering items numbered in order,
matching pairs named after each other, the right choice called "key-yes".
"""
import json
import re

import pytest

from cifal_results.models import Submission
from tests.support.workbench_fixtures import handler_url, post_json

LEAKY_QUIZ = """
<cifal_quiz display_name="Leak check" show_answers="never" show_correctness="never" shuffle_choices="true">
  <question id="s" type="single"><prompt><p>How many international migrants in mid-2024?</p></prompt>
    <choice id="key-no1">154 million<feedback><p>FB-NO1</p></feedback></choice>
    <choice id="key-yes" correct="true">304 million<feedback><p>FB-YES</p></feedback></choice>
    <choice id="key-no2">1 billion</choice><choice id="key-no3">20 million</choice>
    <explanation><p>EXPL-S</p></explanation></question>
  <question id="m" type="multiple"><prompt><p>Which obstacles are cited?</p></prompt>
    <choice id="mc-true1" correct="true">Low awareness</choice><choice id="mc-true2" correct="true">Pull effect</choice>
    <choice id="mc-false1">A citizenship duty</choice><choice id="mc-false2">Sea levels</choice></question>
  <question id="o" type="ordering"><prompt><p>Order the stages.</p></prompt>
    <item id="ord-1">Assessment</item><item id="ord-2">Goals</item><item id="ord-3">Planning</item>
    <item id="ord-4">Funding</item><item id="ord-5">Evaluation</item></question>
  <question id="t" type="matching"><prompt><p>Match the terms.</p></prompt>
    <pair id="m-1"><premise>Integration</premise><response>Mutual adaptation</response></pair>
    <pair id="m-2"><premise>Diaspora</premise><response>Identity shaped by migration</response></pair>
    <pair id="m-3"><premise>Remittances</premise><response>Money sent home</response></pair>
    <pair id="m-4"><premise>Transit</premise><response>Passing through</response></pair></question>
  <question id="w" type="text"><prompt><p>Assessing migration in every policy is called …</p></prompt>
    <answer>mainstreaming</answer></question>
  <question id="n" type="numeric"><prompt><p>Women's share of migrants, in %?</p></prompt>
    <answer value="48" tolerance="1"/></question>
</cifal_quiz>
"""
AUTHORED_IDS = ('key-no1', 'key-yes', 'key-no2', 'key-no3', 'mc-true1', 'mc-true2', 'mc-false1', 'mc-false2',
                'ord-1', 'ord-2', 'ord-3', 'ord-4', 'ord-5', 'm-1', 'm-2', 'm-3', 'm-4')
KEY_TEXTS = ('FB-NO1', 'FB-YES', 'EXPL-S', 'mainstreaming', '"48"', 'tolerance', 'correct="true"', '"correct"')
# Codes are per block and shuffles per learner: attacks get independent chances across blocks and learners.
BLOCKS, LEARNERS = 10, [f'spy{index}' for index in range(3)]


@pytest.fixture
def quiz(workbench):
    return workbench.add_scenario('leak-quiz', LEAKY_QUIZ)


def visible_surfaces(client, workbench, quiz, student):
    """Everything this learner's browser or app can read before any answer is revealed."""
    page = client.get(f'/scenario/leak-quiz/?student={student}').content.decode()
    user_state = client.get(handler_url(quiz, 'student_view_user_state', student)).content.decode()
    draft = post_json(client, quiz, 'save_draft', student, {'answers': {'w': 'guess'}}).content.decode()
    block = workbench.block(quiz, student)
    return {
        'page': page,
        'init_args': ' '.join(re.findall(r'<script type="json/xblock-args"[^>]*>(.*?)</script>', page, re.S)),
        'student_view_user_state': user_state,
        'save_draft': draft,
        'student_view_data': json.dumps(workbench.block(quiz, None).student_view_data()),
        'index_dictionary': json.dumps(block.index_dictionary()),
        'public_view': block.render('public_view').content,
    }


def after_submission_surfaces(client, quiz, student):
    submitted = post_json(client, quiz, 'submit', student, {'answers': {}}, coded=False).content.decode()
    results_page = client.get(f'/scenario/leak-quiz/?student={student}').content.decode()
    retried = post_json(client, quiz, 'retry', student, {}).content.decode()
    return {'submit': submitted, 'results page': results_page, 'retry': retried}


def test_no_surface_shows_an_authored_id_or_the_key(client, workbench, quiz):
    surfaces = visible_surfaces(client, workbench, quiz, 'spy')
    surfaces.update(after_submission_surfaces(client, quiz, 'spy'))

    for name, text in surfaces.items():
        shown_ids = [authored for authored in AUTHORED_IDS if re.search(rf'(?<![\w-]){authored}(?![\w-])', text)]
        assert not shown_ids, f'{name} shows authored ids {shown_ids}'
        assert not [key for key in KEY_TEXTS if key in text], f'{name} shows the key'


# --- attackers: ways to turn what is visible into answers -------------------------------------------------------

def layout_of(client, quiz, student):
    """The learner's layout and option codes as the apps get them (the page shows the same codes)."""
    state = client.get(handler_url(quiz, 'student_view_user_state', student)).json()
    return state['layout']['option_orders']


def premises_of(page, question_id):
    """The matching premises' codes in the order the page shows them (each premise's list names its code)."""
    question = page.split(f'data-question-id="{question_id}"', 1)[1].split('data-question-id=', 1)[0]
    return re.findall(r'<select[^>]*data-premise="([^"]+)"', question)


ATTACKS = {
    'as shown': lambda orders, premises: {
        's': orders['s'][0], 'm': orders['m'][:2], 'o': orders['o'],
        't': dict(zip(premises, orders['t'], strict=True))},
    'codes sorted': lambda orders, premises: {
        's': sorted(orders['s'])[0], 'm': sorted(orders['m'])[:2], 'o': sorted(orders['o']),
        't': dict(zip(sorted(premises), sorted(orders['t']), strict=True))},
    'reversed': lambda orders, premises: {
        's': orders['s'][-1], 'm': orders['m'][-2:], 'o': orders['o'][::-1],
        't': dict(zip(premises, orders['t'][::-1], strict=True))},
    'premise code as response': lambda orders, premises: {'t': {premise: premise for premise in premises}},
}
# Wins of 30 tries: far above chance (7.5, 5, 0.25, 1.25), far below the 30 of a leak.
CHANCE_LIMIT = {'s': 20, 'm': 16, 'o': 4, 't': 6}


def test_no_attack_on_what_learners_see_scores_better_than_chance(client, workbench):
    wins = {(attack, question): 0 for attack in ATTACKS for question in CHANCE_LIMIT}
    quizzes = {f'leak-quiz-{block}': workbench.add_scenario(f'leak-quiz-{block}', LEAKY_QUIZ)
               for block in range(BLOCKS)}
    tries = [(quiz, scenario, student) for scenario, quiz in quizzes.items() for student in LEARNERS]
    for quiz, scenario, student in tries:
        page = client.get(f'/scenario/{scenario}/?student={student}').content.decode()
        orders, premises = layout_of(client, quiz, student), premises_of(page, 't')
        for name, attack in ATTACKS.items():
            answers = attack(orders, premises)
            response = post_json(client, quiz, 'submit', student, {'answers': answers}, coded=False)
            if response.status_code == 400:
                continue  # the answer names nothing the question has (a premise's code is no response's)
            assert response.status_code == 200, (name, response.content)
            record = Submission.objects.latest('id')
            for score in record.scores:
                if score['id'] in answers and score['earned'] == score['possible']:
                    wins[name, score['id']] += 1
            assert post_json(client, quiz, 'retry', student, {}).status_code == 200

    leaks = {key: count for key, count in wins.items() if count > CHANCE_LIMIT[key[1]]}
    assert not leaks, f'attacks that beat chance (wins of {len(tries)} tries): {leaks}'


def test_authored_ids_sent_instead_of_codes_are_refused(client, quiz):
    for answers in ({'s': 'key-yes'}, {'m': ['mc-true1', 'mc-true2']},
                    {'o': ['ord-1', 'ord-2', 'ord-3', 'ord-4', 'ord-5']},
                    {'t': {'m-1': 'm-1', 'm-2': 'm-2', 'm-3': 'm-3', 'm-4': 'm-4'}}):
        response = post_json(client, quiz, 'submit', 'guesser', {'answers': answers}, coded=False)

        assert response.status_code == 400, answers
    assert not Submission.objects.filter(usage_key=str(quiz)).exists()
