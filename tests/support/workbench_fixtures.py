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
        """Load an extra scenario (a quiz with the settings a test needs) and return its quiz's usage id."""
        scenarios.add_xml_scenario(name, name, xml)
        return self.quiz_usage_id(name)

    def quiz_usage_id(self, scenario_id):
        """The usage id of the first cifal_quiz in a scenario (scenarios wrap quizzes in a vertical)."""
        runtime = WorkbenchRuntime('setup')
        root = runtime.get_block(self.usage_id(scenario_id))
        if root.scope_ids.block_type == 'cifal_quiz':
            return root.scope_ids.usage_id
        return next(child for child in root.children
                    if runtime.get_block(child).scope_ids.block_type == 'cifal_quiz')

    def block(self, usage_id, student):
        """The block as a student's runtime sees it (for in-process checks of grades and state)."""
        return WorkbenchRuntime(student).get_block(usage_id)


def handler_url(usage_id, handler, student):
    return f'/handler/{usage_id}/{handler}/?student={student}'


def post_json(client, usage_id, handler, student, payload):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(handler_url(usage_id, handler, student), data=body, content_type='application/json')
