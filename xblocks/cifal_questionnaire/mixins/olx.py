"""The questionnaire's OLX (the README's format), through the shared ``BlockOlxMixin``."""
from cifal_core.blocks.olx import BlockOlxMixin
from cifal_core.questionnaire.parse import parse_questionnaire_element
from cifal_core.questionnaire.serialize import questionnaire_to_element
from cifal_core.questionnaire.settings import QUESTIONNAIRE_SETTINGS


class QuestionnaireOlxMixin(BlockOlxMixin):
    """Reads and writes ``<cifal_questionnaire>``."""

    olx_settings = QUESTIONNAIRE_SETTINGS

    @classmethod
    def parse_olx(cls, node):
        return parse_questionnaire_element(node, tag=None)

    def olx_element(self, settings):
        return questionnaire_to_element(self.questionnaire_content, settings, tag=self.scope_ids.block_type)
