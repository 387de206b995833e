"""
Workbench integration fixtures: the real xblock-sdk runtime, real Django handlers, a real (SQLite) database.

The workbench keeps authored content in its database, so scenarios are loaded again inside each test's
transaction. Its ``publish`` only logs: ``published`` records what the blocks publish (grades, completion,
events) by wrapping the runtime's method, as the integration notes advise.
"""
import json
from dataclasses import dataclass, field

import pytest
from workbench import scenarios
from workbench.runtime import WorkbenchRuntime


@dataclass
class Published:
    """Everything blocks published during a test, in order."""

    events: list = field(default_factory=list)

    def named(self, name):
        return [data for event_name, data in self.events if event_name == name]


@pytest.fixture
def published(monkeypatch):
    record = Published()
    original = WorkbenchRuntime.publish

    def capture(runtime, block, event_type, event_data):
        record.events.append((event_type, event_data))
        return original(runtime, block, event_type, event_data)

    monkeypatch.setattr(WorkbenchRuntime, 'publish', capture)
    return record


@pytest.fixture
def workbench(db):  # pylint: disable=unused-argument
    """The workbench's scenarios, loaded fresh in this test's database."""
    scenarios.init_scenarios()
    return Workbench()


class Workbench:
    """Small helpers to reach a scenario's block through the workbench's own URLs."""

    def usage_id(self, scenario_id):
        return scenarios.SCENARIOS[scenario_id].usage_id

    def add_scenario(self, name, xml):
        """Load an extra scenario (a block with the settings a test needs) and return its block's usage id."""
        scenarios.add_xml_scenario(name, name, xml)
        return self.quiz_usage_id(name, xml.lstrip().split(None, 1)[0].lstrip('<').rstrip('>'))

    def quiz_usage_id(self, scenario_id, block_type='cifal_quiz'):
        """The usage id of the first block of ``block_type`` in a scenario (scenarios wrap blocks in a vertical)."""
        runtime = WorkbenchRuntime('setup')
        root = runtime.get_block(self.usage_id(scenario_id))
        if root.scope_ids.block_type == block_type:
            return root.scope_ids.usage_id
        return next(child for child in root.children
                    if runtime.get_block(child).scope_ids.block_type == block_type)

    def block(self, usage_id, student):
        """The block as a student's runtime sees it (for in-process checks of grades and state)."""
        return WorkbenchRuntime(student).get_block(usage_id)


def handler_url(usage_id, handler, student):
    return f'/handler/{usage_id}/{handler}/?student={student}'


def learner_codes(usage_id, answers):
    """Answers that name options by their authored ids (as the tests' OLX does), in the learner codes that the
    page and the apps show for them (``cifal_core.quiz.codes``); values that name nothing stay as they are."""
    from cifal_core.quiz.codes import answers_to_learner
    block = WorkbenchRuntime('codes').get_block(usage_id)
    if not hasattr(block, 'quiz_content'):
        return answers  # only the quiz names its options by codes
    content = block.quiz_content
    known = set(content.question_ids())
    known_answers = {key: value for key, value in answers.items() if key in known}
    coded = answers_to_learner(content, block.option_codes(), known_answers)
    return {key: coded.get(key, value) for key, value in answers.items()}


def authored_id(usage_id, question_id, code, kind='choice'):
    """The authored id behind a learner code of a question (to read handler answers in the tests' terms)."""
    block = WorkbenchRuntime('codes').get_block(usage_id)
    return block.option_codes().question(block.quiz_content.question(question_id)).option_id(kind, code)


def post_json(client, usage_id, handler, student, payload, coded=True):
    """POST a JSON payload. With ``coded`` (the default), ``payload["answers"]`` names options by authored ids and is
    sent in learner codes, as the learner's page would send it; ``coded=False`` sends it as written."""
    if coded and isinstance(payload, dict) and isinstance(payload.get('answers'), dict):
        payload = {**payload, 'answers': learner_codes(usage_id, payload['answers'])}
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(handler_url(usage_id, handler, student), data=body, content_type='application/json')


USER_STATE_FIELDS = ('submitted_attempts', 'current_attempt', 'draft', 'published_score', 'responded',
                     'responded_on', 'response', 'revisions')


def learner_snapshot(workbench, usage_id, student):
    """Everything a request may change for a learner: their state fields and every row of the results store."""
    from cifal_results.models import (
        AnonymousResponse,
        ContentVersion,
        LearnerSeries,
        ResponseReceipt,
        ScenarioProgress,
        Submission,
    )
    block = workbench.block(usage_id, student)
    return {
        'state': {name: block.fields[name].read_from(block) for name in USER_STATE_FIELDS
                  if name in block.fields},
        'submissions': list(Submission.objects.order_by('id').values_list('id', 'learner_id', 'series', 'sequence')),
        'series': list(LearnerSeries.objects.order_by('id').values_list('learner_id', 'number')),
        'versions': ContentVersion.objects.count(),
        'anonymous': sorted(str(pk) for pk in AnonymousResponse.objects.values_list('id', flat=True)),
        'receipts': list(ResponseReceipt.objects.order_by('id').values_list('usage_key', 'learner_id')),
        'progress': list(ScenarioProgress.objects.order_by('id').values_list('learner_id', 'run', 'node', 'steps')),
    }


def authored_snapshot(workbench, usage_id):
    """The quiz as authored (settings and content), to check that a refused save changed nothing."""
    from xblock.fields import Scope
    block = workbench.block(usage_id, 'staff_snapshot')
    return {name: field.read_from(block) for name, field in block.fields.items()
            if field.scope in (Scope.content, Scope.settings)}


@dataclass
class UserState:
    """What the LMS's report task passes for each learner: the username and the block's user_state."""

    username: str
    state: dict


def states_of(workbench, usage_id, students):
    """Read each learner's user_state through the real runtime, as StudentModule rows would give it."""
    from xblock.fields import Scope
    states = []
    for student in students:
        block = workbench.block(usage_id, student)
        state = {name: field.read_from(block) for name, field in block.fields.items()
                 if field.scope == Scope.user_state}
        states.append(UserState(student, state))
    return states
