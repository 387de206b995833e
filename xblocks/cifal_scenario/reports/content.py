"""Where the scenario's reports read runs: every run over (finished or given up) under some filters, where each
learner is now, the content versions runs were made on, and the tally of one block."""
from cifal_core.scenario.analytics import tally
from cifal_core.scenario.models import ScenarioContent
from cifal_results.api import ContentVersions, Filters, progress, records

KIND = 'scenario_run'


def scenario_filters(course=None, block=None) -> Filters:
    return Filters(kind=KIND, course=course, block=block)


def runs(filters: Filters):
    """Every recorded run under ``filters``, block by block, in the order they were recorded (lazy)."""
    return records(filters, 'all')


def block_tally(usage_key, content):
    """The path analytics of one block (``cifal_core.scenario.analytics``), with its current content."""
    return tally(content, ((record.learner_id, record.answers) for record in runs(scenario_filters(block=usage_key))),
                 progress(usage_key))


class ScenarioVersions(ContentVersions):
    def __init__(self):
        super().__init__(parse=ScenarioContent.from_dict)
