"""
OLX import and export for every block, lossless: what a trainer writes is what Studio exports.

A block's own format is read and written by its domain package (the quiz's by ``cifal_core.quiz.parse`` and
``serialize``...); this mixin only moves it in and out of fields. Attributes that belong to the platform (``due``,
``graded``, ...) go to the platform's fields when the runtime has them; unknown ones are kept and written back.
"""
from xblock.fields import Scope

RUNTIME_ATTRIBUTES = ('url_name', 'xblock-family')
NOT_ATTRIBUTES = ('definition', 'extra_attributes', 'children', 'parent')


class BlockOlxMixin:
    """``parse_xml`` / ``add_xml_to_node``. The block sets ``olx_settings`` (its settings table) and implements
    ``parse_olx(node)`` (-> settings, other attributes, content with ``to_dict``) and ``olx_element(settings)``
    (its content and those settings as an element); it stores its content in a ``definition`` field."""

    olx_settings: dict = {}

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        parsed = cls.parse_olx(node)  # raises OlxError with the file, line and reason
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
        """The settings the author set explicitly (defaults are not written, as Studio does)."""
        return {name: getattr(self, name) for name in self.olx_settings if self.fields[name].is_set_on(self)}

    def add_xml_to_node(self, node):
        exported = self.olx_element(self.authored_settings())
        node.tag = exported.tag
        node.text = exported.text
        for name, value in exported.attrib.items():
            node.set(name, value)
        for child in exported:
            node.append(child)
        node.set('xblock-family', self.entry_point)
        for name, field in self.fields.items():
            authored = field.scope in (Scope.settings, Scope.content)
            if name in self.olx_settings or name in NOT_ATTRIBUTES or not authored:
                continue  # the block's settings are written above; learner state is never exported
            if field.is_set_on(self) or field.force_export:
                self._add_field(node, name, field)
        for name, value in (self.extra_attributes or {}).items():
            node.set(name, value)
