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
