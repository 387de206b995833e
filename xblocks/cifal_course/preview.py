"""
``cifal-course preview``: a course's units as workbench scenarios, so that a trainer sees each unit (its text, case
scenario, knowledge check, questionnaire) working before importing it into Studio. ``make serve`` shows the
shipped course's units beside the block demos; ``cifal-course preview PATH`` runs the workbench on another course,
module or manifest.

The scenarios are plain XML strings: a ``<vertical_demo>`` per unit, with each ``cifal_*`` block's own OLX inline
and each HTML text as the sdk's ``html_demo`` (the workbench has no ``html`` block). Other Open edX blocks (problems,
videos) are named in a note: only Open edX renders them.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import etree

from cifal_course.findings import CourseToolError, Report
from cifal_course.manifests import MODULE_FILE, read_module
from cifal_course.olx_tree import CIFAL_TAGS, COURSE_FILE, TreeReader

PREVIEW_ENVIRONMENT = 'CIFAL_PREVIEW'  # the folder the workbench previews (read by cifal_workbench)


def read_tree(folder):
    """The OLX tree of a course folder or a module folder, and a title for it."""
    folder = Path(folder)
    report = Report(str(folder))
    if (folder / MODULE_FILE).is_file():
        manifest = read_module(folder, report)
        return TreeReader(folder, report).units(manifest.units, folder / MODULE_FILE), manifest.title
    if (folder / COURSE_FILE).is_file():
        tree = TreeReader(folder, report).course()
        course = next((block for block in tree.blocks if block.tag == 'course'), None) if tree else None
        return tree, (course.element.get('display_name') if course is not None else folder.name)
    raise CourseToolError(f'{folder}: neither a course folder (with {COURSE_FILE}) nor a module (with {MODULE_FILE})')


def unit_scenarios(folder):
    """``[(name, description, xml)]``: one workbench scenario per unit of the course or module, in course order."""
    tree, title = read_tree(folder)
    if tree is None:
        return []
    by_name = {(block.tag, block.url_name): block for block in tree.blocks}
    parents = {block.url_name: block.parent for block in tree.blocks}
    chapters = {block.url_name: block.element.get('display_name', '') for block in tree.blocks
                if block.tag == 'chapter'}
    scenarios = []
    for index, vertical in enumerate(tree.of_tag('vertical'), 1):
        chapter = _ancestor_in(vertical.url_name, parents, chapters)
        unit = vertical.element.get('display_name') or vertical.url_name
        description = ' / '.join(part for part in (title, chapter, unit) if part)[:180]  # ids are made from it
        xml = _unit_xml(vertical, by_name, tree.root)
        scenarios.append((f'cifal_course_{index:03d}_{vertical.url_name}', description, xml))
    return scenarios


def _ancestor_in(name, parents, wanted):
    seen = set()
    while name and name not in seen:
        seen.add(name)
        if name in wanted:
            return wanted[name]
        name = parents.get(name, '')
    return ''


def _unit_xml(vertical, by_name, root):
    unit = etree.Element('vertical_demo')
    for child in vertical.element:
        if not isinstance(child.tag, str):
            continue
        block = by_name.get((child.tag, child.get('url_name', ''))) if child.get('url_name') else None
        if child.tag in CIFAL_TAGS and block is not None:
            definition = etree.fromstring(etree.tostring(block.element, with_tail=False))
            definition.attrib.pop('url_name', None)
            unit.append(definition)
        elif child.tag == 'html' and block is not None:
            unit.append(_html_demo(_html_of(block, root)))
        else:
            unit.append(_html_demo(f'<p><em>A &lt;{child.tag}&gt; block: Open edX shows it; the workbench cannot.'
                                   '</em></p>'))
    return etree.tostring(unit, encoding='unicode')


def _html_of(block, root):
    if block.html_path:
        return (Path(root) / block.html_path).read_text(encoding='utf-8')
    inner = (block.element.text or '') + ''.join(etree.tostring(child, encoding='unicode') for child in block.element)
    return inner


def _html_demo(markup):
    demo = etree.Element('html_demo')
    demo.text = markup.replace('$', '$$')  # html_demo fills $placeholders from its context
    return demo


def run_preview(path, port=8000, list_only=False):
    """Open ``path``'s units in the workbench on 127.0.0.1:``port`` (or list them)."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix='cifal-preview-') as temporary:
        if path.is_file() and path.suffix == '.toml':
            from cifal_course.assemble import assemble
            path, report = assemble(path, Path(temporary) / 'course', quiet=True)
            if not report.ok:
                print(report.as_text(), file=sys.stderr)
        scenarios = unit_scenarios(path)
        if not scenarios:
            raise CourseToolError(f'{path}: no unit to preview')
        if list_only:
            for _, description, _ in scenarios:
                print(description)
            return 0
        try:
            import workbench  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import
        except ImportError:
            raise CourseToolError('the preview runs in the xblock-sdk workbench, which is not installed here: run '
                                  '`make venv` in the suite\'s checkout') from None
        environment = {**os.environ, PREVIEW_ENVIRONMENT: str(path.resolve()),
                       'DJANGO_SETTINGS_MODULE': os.environ.get('DJANGO_SETTINGS_MODULE', 'cifal_workbench.settings')}
        print(f'{len(scenarios)} unit(s) of {path}: http://127.0.0.1:{port}/ (Ctrl-C stops)', file=sys.stderr)
        subprocess.run([sys.executable, '-m', 'django', 'migrate', '--noinput', '-v', '0'], env=environment,
                       check=True)
        command = [sys.executable, '-m', 'django', 'runserver', f'127.0.0.1:{int(port)}', '--noreload']
        return subprocess.run(command, env=environment, check=False).returncode  # noqa: S603 (our own interpreter)
