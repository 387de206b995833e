"""The scenario's OLX (the README's format), through the shared ``BlockOlxMixin``."""
from cifal_core.blocks.olx import BlockOlxMixin
from cifal_core.scenario.parse import parse_scenario_element
from cifal_core.scenario.serialize import scenario_to_element
from cifal_core.scenario.settings import SCENARIO_SETTINGS


class ScenarioOlxMixin(BlockOlxMixin):
    """Reads and writes ``<cifal_scenario>``."""

    olx_settings = SCENARIO_SETTINGS

    @classmethod
    def parse_olx(cls, node):
        return parse_scenario_element(node, tag=None)

    def olx_element(self, settings):
        return scenario_to_element(self.scenario_content, settings, tag=self.scope_ids.block_type)
