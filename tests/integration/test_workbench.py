"""The suite's workbench: the index, identity as the LMS gives it, and robustness to broken peer blocks."""
import pytest
from xblock.core import XBlock

from cifal_core.blocks.identity import current_identity


class BrokenScenariosBlock(XBlock):
    """A peer block installed beside ours whose workbench_scenarios() raises."""

    @staticmethod
    def workbench_scenarios():
        raise RuntimeError('broken peer block')


def test_the_index_lists_the_quiz_scenarios(client, db):
    page = client.get('/').content.decode()

    assert 'Knowledge check' in page and 'Pre-test' in page and 'Post-test' in page


def test_a_broken_peer_block_does_not_take_the_index_down(client, db, monkeypatch):
    from workbench import scenarios
    original = XBlock.load_classes

    def with_broken_peer(*args, **kwargs):
        yield from original(*args, **kwargs)
        yield 'broken_peer', BrokenScenariosBlock

    monkeypatch.setattr(XBlock, 'load_classes', with_broken_peer)
    scenarios.SCENARIOS.clear()
    monkeypatch.setattr(scenarios.get_scenarios, 'initialized', False)

    response = client.get('/')

    assert response.status_code == 200
    assert 'Knowledge check' in response.content.decode()


@pytest.mark.parametrize('student, staff', [('staff_1', True), ('staffer', True), ('alice', False)])
def test_identity_comes_from_the_user_service(workbench, student, staff):
    usage_id = workbench.quiz_usage_id('cifal_quiz.0')

    identity = current_identity(workbench.block(usage_id, student))

    assert identity.is_staff is staff
    assert identity.username == student
    assert len(identity.anonymous_id) == 32
    assert identity.anonymous_id == current_identity(workbench.block(usage_id, student)).anonymous_id
    assert identity.anonymous_id != current_identity(workbench.block(usage_id, student + 'x')).anonymous_id


# --- as in Studio, only course authors reach the author's views and handlers -------------------------------------

@pytest.mark.parametrize('view', ['studio_view', 'author_view'])
def test_a_learner_cannot_open_the_author_s_views(client, workbench, view):
    refused = client.get(f'/scenario/cifal_quiz.0/{view}/?student=learner_1')
    allowed = client.get(f'/scenario/cifal_quiz.0/{view}/?student=staff_1')

    assert refused.status_code == 403 and 'correct' not in refused.content.decode()
    assert allowed.status_code == 200


@pytest.mark.parametrize('handler', ['save_quiz', 'convert_quiz', 'preview_question'])
def test_a_learner_cannot_call_the_editor_s_handlers(client, workbench, handler):
    from tests.support.workbench_fixtures import authored_snapshot, post_json
    quiz = workbench.quiz_usage_id('cifal_quiz.0')
    before = authored_snapshot(workbench, quiz)

    response = post_json(client, quiz, handler, 'learner_1', {'olx': '<cifal_quiz display_name="Mine"/>'})

    assert response.status_code == 403 and 'course authors' in response.json()['error']
    assert authored_snapshot(workbench, quiz) == before
    assert post_json(client, quiz, 'convert_quiz', 'staff_1', {'olx': '<cifal_quiz/>'}).status_code == 200


def test_the_debug_panel_with_the_scenario_s_olx_is_shown_only_when_asked_for(client, workbench):
    page = client.get('/scenario/cifal_quiz.0/?student=learner_1').content.decode()
    debug = client.get('/scenario/cifal_quiz.0/?student=staff_1&debug=1').content.decode()

    assert 'correct="true"' not in page and '&lt;cifal_quiz' not in page
    assert 'studio_view' not in page  # no links to the author's views for a learner
    assert 'correct=&quot;true&quot;' in debug or 'correct="true"' in debug


def test_the_scenario_page_fits_a_phone_and_says_its_language(client, workbench):
    page = client.get('/scenario/cifal_quiz.0/?student=learner_1&lang=fr').content.decode()

    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert '<html lang="fr">' in page
