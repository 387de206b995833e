"""
Reading an OLX tree as Studio's import does: ``course.xml`` points to ``course/<run>.xml``, whose children point to
``chapter/``, ``sequential/``, ``vertical/`` files and to the leaves (``html/``, ``cifal_quiz/``...), each either a
pointer (``<tag url_name="..."/>``, the definition in ``<tag>/<url_name>.xml``) or written inline. Every missing or
broken file is a finding at the line that refers to it; what was read is a list of ``OlxBlock``s for the checks.
"""
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from cifal_course.findings import Report

COURSE_FILE = 'course.xml'
CIFAL_TAGS = ('cifal_quiz', 'cifal_questionnaire', 'cifal_scenario')  # the suite's blocks
STRUCTURE_TAGS = frozenset({'course', 'chapter', 'sequential', 'vertical', 'split_test', 'conditional',
                            'library_content', 'wrapper', 'unit'})
_POINTER_ATTRIBUTES = frozenset({'url_name', 'org', 'course'})


@dataclass
class OlxBlock:
    """One block as imported: where its definition is (file and line) and where it was referred to."""

    tag: str
    url_name: str
    path: Path
    line: int
    element: object
    source_text: str = ''  # the definition file's text (pointer) or the element's markup (inline)
    inline: bool = False
    parent: str = ''
    html_path: Path | None = None  # an html block's .html file

    @property
    def line_offset(self):
        """What to add to a line of ``source_text`` to get a line of ``path``."""
        return self.line - 1 if self.inline else 0


@dataclass
class OlxTree:
    root: Path
    blocks: list = field(default_factory=list)

    def of_tag(self, *tags):
        return [block for block in self.blocks if block.tag in tags]


def parse_file(path, report, root):
    """The root element of an XML file, or ``None`` with a finding (syntax error with its line, unreadable file)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=False)
    try:
        data = Path(path).read_bytes()
        return etree.fromstring(data, parser), data.decode('utf-8')
    except etree.XMLSyntaxError as error:
        report.error(f'XML syntax error: {error.msg}', _rel(path, root), error.lineno, 'structure')
    except UnicodeDecodeError:
        report.error('not UTF-8 text', _rel(path, root), None, 'structure')
    except OSError as error:
        report.error(f'cannot be read: {error.strerror}', _rel(path, root), None, 'structure')
    return None, ''


def _rel(path, root):
    try:
        return Path(path).relative_to(root)
    except ValueError:
        return Path(path)


def is_pointer(element):
    """Studio's rule: a tag with a url_name, no other attribute (a course's org and number aside), no content."""
    return ('url_name' in element.attrib and set(element.attrib) <= _POINTER_ATTRIBUTES
            and not len(element) and not (element.text or '').strip())


class TreeReader:
    """Follows pointers from a course or from a module's units, reporting what it cannot follow."""

    def __init__(self, root, report: Report):
        self.root = Path(root)
        self.report = report
        self.tree = OlxTree(self.root)
        self.loaded = set()  # (tag, url_name) already read: a pointer cycle is reported once, not followed

    def course(self):
        """Read a course folder from its ``course.xml``; ``None`` when there is none."""
        path = self.root / COURSE_FILE
        if not path.is_file():
            self.report.error(f'no {COURSE_FILE}: a course folder holds course.xml at its top', '', None, 'structure')
            return None
        element, _ = parse_file(path, self.report, self.root)
        if element is None:
            return None
        if element.tag != 'course':
            self.report.error(f'the root element is <{element.tag}>, not <course>', COURSE_FILE, element.sourceline,
                              'structure')
            return None
        for name in ('url_name', 'org', 'course'):
            if not element.get(name):
                self.report.error(f'<course> needs a "{name}" attribute (the run, the organisation, the course '
                                  'number)', COURSE_FILE, element.sourceline, 'structure')
        if element.get('url_name'):
            self.follow(element, COURSE_FILE, parent='')
        return self.tree

    def units(self, url_names, manifest_path):
        """Read a module's verticals (``vertical/<url_name>.xml``), as listed in its manifest."""
        for url_name in url_names:
            self.load('vertical', url_name, manifest_path, None, parent='')
        return self.tree

    def follow(self, element, path, parent):
        """A child element of a structure block: a pointer to follow, or a definition written inline."""
        url_name = element.get('url_name', '')
        if is_pointer(element) or (element.tag == 'course' and path == COURSE_FILE):
            self.load(element.tag, url_name, path, element.sourceline, parent)
        else:
            block = OlxBlock(element.tag, url_name, Path(path), element.sourceline, element,
                             etree.tostring(element, encoding='unicode', with_tail=False), inline=True, parent=parent)
            self.add(block)

    def load(self, tag, url_name, referrer, line, parent):
        if not url_name or not re.match(r'^[A-Za-z0-9_.:-]+$', url_name):
            self.report.error(f'<{tag}> needs a url_name of letters, digits, "_", "-", "." or ":" (found '
                              f'{url_name!r})', _rel(referrer, self.root), line, 'structure')
            return
        path = self.root / tag / f'{url_name.replace(":", "/")}.xml'
        if not self.inside(path):
            self.report.error(f'<{tag} url_name="{url_name}"> points outside the course folder',
                              _rel(referrer, self.root), line, 'structure')
            return
        if (tag, url_name) in self.loaded:
            self.report.error(f'url_name {url_name!r} is used twice (<{tag}> included again, or including itself): '
                              'every url_name must be unique in a course', _rel(referrer, self.root), line, 'url_name')
            return
        self.loaded.add((tag, url_name))
        if not path.is_file():
            self.report.error(f'<{tag} url_name="{url_name}"> points to {tag}/{url_name}.xml, which does not exist',
                              _rel(referrer, self.root), line, 'structure')
            return
        element, text = parse_file(path, self.report, self.root)
        if element is None:
            return
        if element.tag != tag:
            self.report.error(f'{tag}/{url_name}.xml holds <{element.tag}>, not <{tag}>', _rel(path, self.root),
                              element.sourceline, 'structure')
            return
        self.add(OlxBlock(tag, url_name, _rel(path, self.root), element.sourceline, element, text, parent=parent))

    def add(self, block):
        self.tree.blocks.append(block)
        if block.tag == 'html':
            self.html_file(block)
        if block.tag in STRUCTURE_TAGS:
            for child in block.element:
                if isinstance(child.tag, str) and child.tag not in ('wiki',):
                    self.follow(child, self.root / block.path, parent=block.url_name)

    def html_file(self, block):
        filename = block.element.get('filename')
        if not filename:
            return  # the HTML is inline
        html_path = self.root / 'html' / (filename if filename.endswith('.html') else f'{filename}.html')
        if not self.inside(html_path):
            self.report.error(f'<html filename="{filename}"> names a file outside the course folder', block.path,
                              block.line, 'structure')
            return
        if not html_path.is_file():
            self.report.error(f'<html filename="{filename}"> names html/{html_path.name}, which does not exist',
                              block.path, block.line, 'structure')
            return
        block.html_path = _rel(html_path, self.root)

    def inside(self, path):
        """Whether ``path`` is in the folder being read (a url_name or file name with ``..`` never reaches out)."""
        return Path(path).resolve().is_relative_to(self.root.resolve())
