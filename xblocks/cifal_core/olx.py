"""
What every block's OLX import and export share: a safe XML parser, located errors, HTML children, indentation.

Trainers edit OLX by hand, so every mistake is an ``OlxError`` naming the file, the line and the reason, and says
which part of the block it is about (``field``, an item or question id, a part id) so that Studio's editor can show
it next to the control to fix. Exported OLX is read by people: structure is indented, while the inside of HTML
elements is left exactly as it is (indenting there would change the content on the next import).
"""
from lxml import etree

from cifal_core.errors import OlxError
from cifal_core.html import append_html, inner_html, sanitize_html
from cifal_core.messages import gettext_noop
from cifal_core.settings import coerce

INDENT = '  '


def parse_xml(xml_text, source=None):
    """The root element of OLX text (str or bytes); XML syntax errors become ``OlxError`` with their line. Entities
    are never fetched or expanded, and no DTD is loaded (XXE)."""
    data = xml_text.encode('utf-8') if isinstance(xml_text, str) else xml_text
    parser = etree.XMLParser(encoding='utf-8' if isinstance(xml_text, str) else None,  # a str is decoded already
                             resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise OlxError(gettext_noop('XML syntax error: {message}'), line=error.lineno, source=source,
                       message=error.msg) from None


def child_elements(element):
    """Child elements, skipping comments, processing instructions and entity references."""
    return [child for child in element if isinstance(child.tag, str)]


class OlxReader:
    """Reads the parts of one OLX document, turning problems into located ``OlxError``s."""

    def __init__(self, source):
        self.source = source

    def error(self, element, template, question=None, field=None, part=None, question_id=None, **params):
        """An ``OlxError`` at ``element``'s line; ``question`` (an id) fills the template's ``{question}`` and says
        which question (or questionnaire item, or scenario node) the problem is in."""
        if question is not None:
            params['question'] = question
        return OlxError(template, line=element.sourceline, source=self.source, field=field, part_id=part,
                        question_id=question if question is not None else question_id, **params)

    def html(self, element, skip_tags=()):
        """The sanitized HTML inside ``element`` (children named in ``skip_tags`` left out)."""
        return sanitize_html(inner_html(element, skip_tags))

    def settings(self, element, table):
        """``(settings, other attributes)`` of a block's root element: the attributes its settings ``table`` names,
        typed, and the others as strings (kept for a lossless export)."""
        settings, others = {}, {}
        for name, raw in element.attrib.items():
            if name not in table:
                others[name] = raw
                continue
            try:
                settings[name] = coerce(table[name], raw)
            except ValueError as error:
                raise self.error(element, gettext_noop('attribute {name}: {reason}'), field=name, name=name,
                                 reason=error) from None
        return settings, others


def html_child(parent, tag, html, **attributes):
    """A child element holding ``html`` as markup."""
    element = etree.SubElement(parent, tag, attributes)
    append_html(element, html)
    return element


def indent(element, depth, structural_tags):
    """Indent structural elements only (those named in ``structural_tags``); HTML content keeps its whitespace."""
    if not len(element):
        return
    element.text = '\n' + INDENT * (depth + 1)
    for child in element:
        child.tail = '\n' + INDENT * (depth + 1)
        if child.tag in structural_tags:
            indent(child, depth + 1, structural_tags)
    element[-1].tail = '\n' + INDENT * depth


def to_text(element) -> str:
    return etree.tostring(element, encoding='unicode') + '\n'
