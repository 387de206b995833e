"""The quiz's OLX (the format documented in the README), through the shared ``BlockOlxMixin``."""
from cifal_core.blocks.olx import BlockOlxMixin
from cifal_core.quiz.parse import parse_quiz_element
from cifal_core.quiz.serialize import quiz_to_element
from cifal_core.quiz.settings import QUIZ_SETTINGS


class QuizOlxMixin(BlockOlxMixin):
    """Reads and writes ``<cifal_quiz>``."""

    olx_settings = QUIZ_SETTINGS

    @classmethod
    def parse_olx(cls, node):
        return parse_quiz_element(node)

    def olx_element(self, settings):
        return quiz_to_element(self.quiz_content, settings, tag=self.scope_ids.block_type)
