"""
OLX import and export, lossless: what a trainer writes is what Studio exports.

The quiz's own format is read and written by ``cifal_core.quiz`` (parse / serialize); this mixin only moves
it in and out of fields. Attributes that belong to the platform (``due``, ``graded``, ...) go to the platform's
fields when the runtime has them; unknown ones are kept and written back.
"""
from xblock.fields import Scope

from cifal_core.quiz.parse import parse_quiz_element
from cifal_core.quiz.serialize import quiz_to_element
from cifal_core.quiz.settings import QUIZ_SETTINGS

RUNTIME_ATTRIBUTES = ('url_name', 'xblock-family')
NOT_ATTRIBUTES = ('definition', 'extra_attributes', 'children', 'parent')


class QuizOlxMixin:
    """``parse_xml`` / ``add_xml_to_node`` for the format documented in the README."""

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        parsed = parse_quiz_element(node)  # raises OlxError with the file, line and reason
        block = runtime.construct_xblock_from_class(cls, keys)
        for name, value in parsed.settings.items():
            setattr(block, name, value)
        unknown = {}
        for name, value in parsed.other_attributes.items():
            if name in RUNTIME_ATTRIBUTES:
                continue
            if name in block.fields:
                cls._set_field_if_present(block, name, value, {})
            else:
                unknown[name] = value
        if unknown:
            block.extra_attributes = unknown
        block.definition = parsed.content.to_dict()
        return block

    def authored_settings(self):
        """The quiz settings the author set explicitly (defaults are not written, as Studio does)."""
        return {name: getattr(self, name) for name in QUIZ_SETTINGS if self.fields[name].is_set_on(self)}

    def add_xml_to_node(self, node):
        exported = quiz_to_element(self.quiz_content, self.authored_settings(), tag=self.scope_ids.block_type)
        node.tag = exported.tag
        node.text = exported.text
        for name, value in exported.attrib.items():
            node.set(name, value)
        for child in exported:
            node.append(child)
        node.set('xblock-family', self.entry_point)
        for name, field in self.fields.items():
            if name in QUIZ_SETTINGS or name in NOT_ATTRIBUTES or field.scope not in (Scope.settings, Scope.content):
                continue  # quiz settings are written above; learner state is never exported
            if field.is_set_on(self) or field.force_export:
                self._add_field(node, name, field)
        for name, value in (self.extra_attributes or {}).items():
            node.set(name, value)
