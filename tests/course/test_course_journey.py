"""
The shipped course as learners meet it: every unit of course_content/course renders in the workbench (the units
``make serve`` shows), and its blocks accept a full learner journey: each quiz submitted, the questionnaire
answered, each case scenario run to an end with a reflection. Three learners take the pre-test and the post-test,
and the knowledge-gain report shows what they gained.
"""
import pytest
from workbench import scenarios
from workbench.runtime import WorkbenchRuntime

from cifal_course.preview import unit_scenarios
from tests.course import SHIPPED_COURSE
from tests.support.workbench_fixtures import handler_url, post_json

pytestmark = pytest.mark.django_db


def course_units():
    return [name for name in scenarios.SCENARIOS if name.startswith('cifal_course_')]


def blocks_of(name):
    runtime = WorkbenchRuntime('setup')
    unit = runtime.get_block(scenarios.SCENARIOS[name].usage_id)
    return [(runtime.get_block(child).scope_ids.block_type, child) for child in unit.children]


def ok(response):
    assert response.status_code == 200, response.content[:500]
    return response.json()


def right_answers(usage_id):
    """Each question's right answer, in authored ids (the helpers send them in learner codes)."""
    block = WorkbenchRuntime('key').get_block(usage_id)
    answers = {}
    for question in block.quiz_content.questions:
        if question.type == 'single':
            answers[question.id] = next(choice.id for choice in question.choices if choice.correct)
        elif question.type == 'multiple':
            answers[question.id] = [choice.id for choice in question.choices if choice.correct]
        elif question.type == 'numeric':
            answers[question.id] = str(question.numeric.value)
        elif question.type == 'text':
            answers[question.id] = question.text_answers[0].text
        elif question.type == 'ordering':
            answers[question.id] = [item.id for item in question.items]
        elif question.type == 'matching':
            answers[question.id] = {pair.id: pair.id for pair in question.pairs}
    return answers


def wrong_answers(usage_id):
    """A learner who knows little: a wrong choice where there is one, nothing elsewhere."""
    block = WorkbenchRuntime('key').get_block(usage_id)
    return {question.id: next(choice.id for choice in question.choices if not choice.correct)
            for question in block.quiz_content.questions if question.type == 'single'}


def submit_quiz(client, usage_id, student, answers):
    body = ok(post_json(client, usage_id, 'submit', student, {'answers': answers}))
    assert body['attempt'] == 1 and body['max_score'] > 0
    return body


def answer_questionnaire(client, usage_id, student):
    data = WorkbenchRuntime(student).get_block(usage_id).student_view_data()
    answers = {}
    for item in data['items']:
        kind = item['type']
        if kind == 'likert':
            answers[item['id']] = 4
        elif kind == 'matrix':
            answers[item['id']] = {row['id']: 4 for row in item['rows']}
        elif kind == 'nps':
            answers[item['id']] = 9
        elif kind in ('single', 'profile'):
            answers[item['id']] = item['options'][0]['id']
        elif kind == 'multiple':
            answers[item['id']] = [item['options'][0]['id']]
        elif kind == 'text':
            answers[item['id']] = 'More local cases, please.'
    return ok(post_json(client, usage_id, 'submit', student, {'answers': answers}, coded=False))


def run_scenario(client, usage_id, student, limit=60):
    """Take the first choice offered at every decision, answer every self-check with its first option, write
    every reflection: the learner reaches an end whatever path the author wrote."""
    stage = ok(client.get(handler_url(usage_id, 'student_view_user_state', student)))
    for _ in range(limit):
        node = stage['node']
        if stage['finished']:
            return stage
        if node['type'] == 'decision':
            stage = ok(post_json(client, usage_id, 'choose', student,
                                 {'node': node['id'], 'choice': node['choices'][0]['id']}, coded=False))
            assert stage['consequence'], f'{node["id"]}: a choice shows its consequence'
        elif node['type'] == 'check' and not node['question']['answered']:
            first = node['question']['choices'][0]['id']
            answer = first if node['question']['type'] == 'single' else [first]
            stage = ok(post_json(client, usage_id, 'check', student, {'node': node['id'], 'answer': answer},
                                 coded=False))
        elif node['type'] == 'reflection':
            ok(post_json(client, usage_id, 'reflect', student,
                         {'node': node['id'], 'text': f'In my town: act on {node["id"]}.'}, coded=False))
            stage = ok(post_json(client, usage_id, 'next', student, {'node': node['id']}, coded=False))
        else:
            stage = ok(post_json(client, usage_id, 'next', student, {'node': node['id']}, coded=False))
    raise AssertionError(f'no end reached in {limit} steps')


def test_the_workbench_shows_every_unit_of_the_shipped_course(workbench, client):
    names = course_units()
    assert len(names) == len(unit_scenarios(SHIPPED_COURSE)) == 16
    index = client.get('/').content.decode()
    for name in names:
        assert f'/scenario/{name}/' in index
        page = client.get(f'/scenario/{name}/?student=ana')
        assert page.status_code == 200, name
        assert 'Traceback' not in page.content.decode()


def test_a_learner_completes_every_unit_and_the_pre_post_pair_measures_gain(workbench, client):
    from cifal_quiz.reports import knowledge_gain

    kinds = {}
    for name in course_units():
        for block_type, usage_id in blocks_of(name):
            kinds[block_type] = kinds.get(block_type, 0) + 1
            if block_type == 'cifal_quiz':
                role = WorkbenchRuntime('setup').get_block(usage_id).role
                for student, knows in (('ana', True), ('bea', True), ('carl', False)):
                    answers = (wrong_answers(usage_id) if role == 'pre' or not knows else right_answers(usage_id))
                    result = submit_quiz(client, usage_id, student, answers)
                    if role != 'pre' and knows:
                        assert result['percent'] == 100, f'{name}: the right answers earn every point'
            elif block_type == 'cifal_questionnaire':
                assert answer_questionnaire(client, usage_id, 'ana')['responded']
            elif block_type == 'cifal_scenario':
                end = run_scenario(client, usage_id, 'ana')
                assert end['node']['type'] == 'end' and end['node']['outcome_html']
                plan = client.get(handler_url(usage_id, 'action_plan', 'ana') + '&format=html')
                assert plan.status_code == 200 and 'In my town: act on' in plan.content.decode()
    assert kinds == {'html_demo': 13, 'cifal_quiz': 11, 'cifal_scenario': 10, 'cifal_questionnaire': 1}

    report = knowledge_gain.build(pair='cifal-local-actors')
    learners = [dict(zip(knowledge_gain.LEARNER_COLUMNS, row, strict=True)) for row in report.tables[0].rows]
    assert len(learners) == 3
    gains = sorted(learner['raw_gain'] for learner in learners)
    assert gains[0] <= 0 < gains[1] == gains[2] == 100  # two learned everything, one did not
