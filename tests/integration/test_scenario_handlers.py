"""The scenario's handler API through the real workbench: the README's contract for the page and the apps."""
import pytest

from cifal_results.models import Submission
from tests.integration.scenarios import check_code, choice_code, riverton
from tests.support.workbench_fixtures import handler_url, learner_snapshot, post_json


@pytest.fixture
def scenario(workbench):
    return workbench.add_scenario('riverton', riverton())


def move(client, usage_id, handler, student, payload):
    response = post_json(client, usage_id, handler, student, payload)
    assert response.status_code == 200, response.content
    return response.json()


def walk_to_the_end(client, usage_id, student, first='c1'):
    move(client, usage_id, 'choose', student, {'node': 'n1', 'choice': choice_code(usage_id, 'n1', first)})
    if first == 'c1':
        move(client, usage_id, 'check', student, {'node': 'n2', 'answer': check_code(usage_id, 'n2', 'a')})
        move(client, usage_id, 'next', student, {'node': 'n2'})
    move(client, usage_id, 'next', student, {'node': 'n3'})
    move(client, usage_id, 'choose', student, {'node': 'n4', 'choice': choice_code(usage_id, 'n4', 'c3')})
    move(client, usage_id, 'reflect', student, {'node': 'n5', 'text': 'Count arrivals every week.'})
    return move(client, usage_id, 'next', student, {'node': 'n5'})


def test_a_choice_moves_the_learner_and_reveals_its_consequence_and_effects_only_then(client, scenario, published):
    page = client.get('/scenario/riverton/?student=ana').content.decode()
    assert 'BODY-N1' in page and 'CONSEQUENCE-C1' not in page and 'c1' not in page.split('cifal-scenario__stage')[1]

    body = move(client, scenario, 'choose', 'ana', {'node': 'n1', 'choice': choice_code(scenario, 'n1', 'c1')})

    assert body['node']['id'] == 'n2' and body['node']['type'] == 'check'
    assert 'CONSEQUENCE-C1' in body['html'] and body['consequence']['consequence_html'] == '<p>CONSEQUENCE-C1</p>'
    services = next(entry for entry in body['indicators'] if entry['id'] == 'services')
    assert services['value'] == '55' and services['change'] == '+15'
    assert 'FEEDBACK-A' not in body['html'] and 'EXPLANATION-K1' not in body['html']
    assert published.named('edx.cifal.scenario.choice_made') == [{'run': 1, 'node': 'n1', 'choice': 'c1'}]


def test_a_full_run_records_it_completes_and_grades(client, scenario, published):
    end = walk_to_the_end(client, scenario, 'ana')

    assert end['finished'] and end['node']['type'] == 'end' and 'GOOD-END' in end['html']
    assert 'Count arrivals every week.' in end['html'] and 'KEY-C1' in end['html']
    (record,) = Submission.objects.filter(kind='scenario_run')
    assert record.answers['status'] == 'finished' and record.answers['ending_node'] == 'end1'
    assert [step['node'] for step in record.answers['path']] == ['n1', 'n2', 'n3', 'n4', 'n5']
    assert 'reflections' not in record.answers  # the learner's words stay with them unless the operator says so
    assert record.earned == 4.0 and record.possible == 4.0
    assert published.named('completion') == [{'completion': 1.0}]
    assert published.named('grade')[-1] == {'value': 4.0, 'max_value': 4.0, 'only_if_higher': False}


def test_a_retried_choice_is_applied_once(client, scenario):
    payload = {'node': 'n1', 'choice': choice_code(scenario, 'n1', 'c1')}
    first = move(client, scenario, 'choose', 'ana', payload)
    again = move(client, scenario, 'choose', 'ana', payload)

    assert again['replayed'] and again['node']['id'] == 'n2'
    assert [entry['value'] for entry in again['indicators']] == [entry['value'] for entry in first['indicators']]


@pytest.mark.parametrize('handler, payload, status', [
    ('choose', {'node': 'n4', 'choice': 'x'}, 409),          # not where the learner is
    ('choose', {'node': 'n1', 'choice': 'c1'}, 400),         # an authored id, not a code
    ('choose', {'node': 'n1'}, 400),
    ('choose', {'node': 'nope', 'choice': 'x'}, 400),
    ('choose', {'node': ['n1'], 'choice': 'x'}, 400),
    ('next', {'node': 'n1'}, 400),                            # a decision is left by choosing
    ('check', {'node': 'n2', 'answer': 'x'}, 400),            # no option of the question
    ('reflect', {'node': 'n5', 'text': 'too early'}, 409),
    ('back', {}, 409),                                        # at the start
    ('choose', {'node': 'n1', 'choice': 'x', 'extra': 1}, 400),
])
def test_a_refused_move_answers_an_error_and_changes_nothing(client, workbench, scenario, handler, payload, status):
    client.get('/scenario/riverton/?student=ana')
    before = learner_snapshot(workbench, scenario, 'ana')

    response = post_json(client, scenario, handler, 'ana', payload)

    assert response.status_code == status and response.json()['error']
    assert learner_snapshot(workbench, scenario, 'ana') == before


def test_back_restores_the_indicators_and_reset_records_the_run_as_given_up(client, scenario):
    move(client, scenario, 'choose', 'ana', {'node': 'n1', 'choice': choice_code(scenario, 'n1', 'c2')})
    back = move(client, scenario, 'back', 'ana', {'node': 'n3'})
    assert back['node']['id'] == 'n1' and [entry['value'] for entry in back['indicators']] == ['40', '300']
    again = move(client, scenario, 'back', 'ana', {'node': 'n3'})
    assert again['replayed'] and again['node']['id'] == 'n1'

    move(client, scenario, 'choose', 'ana', {'node': 'n1', 'choice': choice_code(scenario, 'n1', 'c2')})
    fresh = move(client, scenario, 'reset', 'ana', {})

    assert fresh['node']['id'] == 'n1' and fresh['run_number'] == 2
    (record,) = Submission.objects.filter(kind='scenario_run')
    assert record.answers['status'] == 'reset' and record.answers['stopped_at'] == 'n3'


def test_a_choice_under_a_condition_is_offered_only_when_it_holds(client, scenario):
    move(client, scenario, 'choose', 'ana', {'node': 'n1', 'choice': choice_code(scenario, 'n1', 'c2')})
    at_n4 = move(client, scenario, 'next', 'ana', {'node': 'n3'})
    assert len(at_n4['node']['choices']) == 1  # services fell to 0: the extra clinic is not offered

    response = post_json(client, scenario, 'choose', 'ana', {'node': 'n4', 'choice': choice_code(scenario, 'n4', 'c4')})
    assert response.status_code == 400


def test_a_self_check_answered_before_the_learner_is_there_is_refused_as_stale(client, scenario):
    client.get('/scenario/riverton/?student=ana')
    response = post_json(client, scenario, 'check', 'ana', {'node': 'n2', 'answer': check_code(scenario, 'n2', 'a')})
    assert response.status_code == 409 and 'reload' in response.json()['error']


def test_the_self_check_gives_its_feedback_once_answered_and_once_per_run(client, scenario):
    move(client, scenario, 'choose', 'ana', {'node': 'n1', 'choice': choice_code(scenario, 'n1', 'c1')})
    body = move(client, scenario, 'check', 'ana', {'node': 'n2', 'answer': check_code(scenario, 'n2', 'b')})

    assert body['node']['question']['status'] == 'incorrect' and 'FEEDBACK-B' in body['html']
    assert 'EXPLANATION-K1' in body['html'] and 'FEEDBACK-A' not in body['html']
    other = post_json(client, scenario, 'check', 'ana', {'node': 'n2', 'answer': check_code(scenario, 'n2', 'a')})
    assert other.status_code == 409


def test_the_action_plan_downloads_as_a_word_document_and_a_printable_page(client, scenario):
    import io

    import docx
    walk_to_the_end(client, scenario, 'ana')

    response = client.get(handler_url(scenario, 'action_plan', 'ana') + '&format=docx')
    document = docx.Document(io.BytesIO(response.content))
    text = '\n'.join(paragraph.text for paragraph in document.paragraphs)
    assert 'Count arrivals every week.' in text and 'What will you do?' in text and 'KEY-C1' in text
    assert 'CONSEQUENCE-C3' not in text  # a choice with no key points is listed by name, not by its consequence
    assert response['Content-Disposition'] == 'attachment; filename="action-plan-riverton.docx"'
    page = client.get(handler_url(scenario, 'action_plan', 'ana') + '&format=html').content.decode()
    assert 'Count arrivals every week.' in page and '<table>' in page


def test_the_plan_lists_every_decision_with_the_key_points_the_author_wrote_and_nothing_else(client, scenario):
    end = walk_to_the_end(client, scenario, 'ana')

    decisions = {entry['choice_text']: entry['key_points_text'] for entry in end['plan']['decisions']}
    assert decisions == {'Count arrivals': 'KEY-C1', 'Firewall': ''}
    plan = end['html'].split('cifal-scenario__plan', 1)[1]
    assert 'I chose: Firewall' in plan and 'CONSEQUENCE-C3' not in plan


def test_a_plan_named_in_another_script_downloads_under_a_name_every_browser_reads(client, workbench):
    from tests.integration.scenarios import riverton
    xml = riverton().replace('display_name="Riverton"', 'display_name="Київ: прибуття"')
    usage_id = workbench.add_scenario('kyiv', xml)
    walk_to_the_end(client, usage_id, 'ana')
    response = client.get(handler_url(usage_id, 'action_plan', 'ana') + '&format=docx')
    assert response['Content-Disposition'] == ("attachment; filename=\"action-plan.docx\"; "
                                               "filename*=UTF-8''action-plan-%D0%BA%D0%B8%D1%97%D0%B2-%D0%BF%D1%80"
                                               "%D0%B8%D0%B1%D1%83%D1%82%D1%82%D1%8F.docx")


def test_a_rescore_applies_a_corrected_scenario_to_the_runs_already_made(client, workbench, scenario, published):
    walk_to_the_end(client, scenario, 'ana')
    data = workbench.block(scenario, 'staff_1').editor_data()
    data['content']['nodes'][0]['choices'][0]['points'] = 5  # c1 was worth 2
    assert post_json(client, scenario, 'save_scenario', 'staff_1',
                     {'settings': data['settings'], 'content': data['content']}).status_code == 200

    block = workbench.block(scenario, 'ana')
    block.rescore(only_if_higher=False)

    assert published.named('grade')[-1] == {'value': 7.0, 'max_value': 7.0, 'only_if_higher': False}
    assert block.get_score().raw_earned == 7.0


def test_an_ungraded_scenario_has_no_score_and_completes_at_an_end(client, workbench, published):
    usage_id = workbench.add_scenario('ungraded', riverton(graded='false'))
    walk_to_the_end(client, usage_id, 'ana')
    assert workbench.block(usage_id, 'ana').has_score is False
    assert published.named('grade') == [] and published.named('completion') == [{'completion': 1.0}]
