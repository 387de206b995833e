"""
``cifal-course assemble``: a course folder from a course manifest and the modules it lists. Modules are copied as
they are (their url_names are stable, so a course re-imported into Studio updates the same blocks and keeps
learners' state); the pre-test and post-test receive the pool questions of the course's unit modules, in the
course's language; chapters, subsections (one per module), the references page, policies and the about page are
written from the manifest. Output is byte-for-byte the same for the same input.
"""
import json
import re
import shutil
import tempfile
from html import escape
from pathlib import Path

from lxml import etree

from cifal_course.findings import CourseToolError, Finding, Report
from cifal_course.manifests import MODULE_FILE, Assignment, read_course_manifest, read_module
from cifal_course.olx_tree import CIFAL_TAGS, parse_file
from cifal_course.pools import POOL_FOLDER, pool_path, read_pools
from cifal_course.progress import progress

ADVANCED_MODULES = list(CIFAL_TAGS)  # what puts the blocks in Studio's Add New Component menu
# The subsection format of each kind of module: what the grading policy counts.
GRADED_FORMATS = {'unit': 'Knowledge check', 'post_test': 'Post-test'}
DEFAULT_ASSIGNMENTS = (('Knowledge check', 'KC', 0.5, 0), ('Post-test', 'Post', 0.5, 0))  # weights: equal shares
NOT_COPIED = {MODULE_FILE, POOL_FOLDER}
REFERENCES_TITLES = {'en': 'References', 'fr': 'Références', 'es': 'Referencias'}


def assemble(manifest_path, output, modules_folder=None, force=False, quiet=False):
    """Assemble the course of ``manifest_path`` into the folder ``output``: ``(path, report)``. The course is built
    and validated apart first; only a valid course is written, so ``--force`` never swaps a good course for a
    broken one. ``output`` must be new, or empty, or ``force``, and may not hold the course's own sources."""
    from cifal_course.validate import validate_course

    manifest = read_course_manifest(manifest_path, modules_folder)
    output = Path(output)
    _refuse_unsafe_output(manifest, output, force)
    modules = _load_modules(manifest)
    with tempfile.TemporaryDirectory(prefix='cifal-assemble-', dir=output.parent if output.parent.exists()
                                     else None) as temporary:
        staging = Path(temporary) / 'course'
        staging.mkdir()
        _write_course(manifest, modules, staging, quiet)
        report = validate_course(staging, target=str(output))
        report.kind = 'assembled course'
        if not report.ok:
            report.findings.append(Finding('note', f'the course has errors: {output} was not written'
                                           + (' (left as it was)' if output.exists() else ''), '', None, 'assemble'))
            return output, report
        if output.exists():
            shutil.rmtree(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), str(output))
    return output, report


def _refuse_unsafe_output(manifest, output, force):
    if output.exists() and not output.is_dir():
        raise CourseToolError(f'{output}: a file, not a folder: give a folder for the course')
    target = output.resolve()
    for source in (manifest.path, manifest.modules_folder, manifest.image, manifest.about):
        if source is not None and (Path(source).resolve() == target or target in Path(source).resolve().parents):
            raise CourseToolError(f'{output}: holds {source}, which the course is made from; replacing the folder '
                                  'would delete it: choose another output folder')
    if output.exists() and any(output.iterdir()) and not force:
        raise CourseToolError(f'{output}: the folder exists and is not empty (use --force to replace it)')


def _load_modules(manifest):
    """Every module the manifest names, read and checked; one report of every problem, or the modules."""
    if not manifest.modules_folder.is_dir():
        raise CourseToolError(f'{manifest.path}: the modules folder {manifest.modules_folder} does not exist '
                              '(set "modules_folder" in the manifest or pass --modules)')
    report = Report(str(manifest.path), 'modules')
    modules, seen = {}, {}
    for chapter in manifest.chapters:
        for module_id in chapter.modules:
            if module_id in seen:
                report.error(f'module {module_id!r} is listed twice (chapters {seen[module_id]!r} and '
                             f'{chapter.title!r})', manifest.path, None, 'manifest')
                continue
            seen[module_id] = chapter.title
            folder = manifest.modules_folder / module_id
            if not (folder / MODULE_FILE).is_file():
                available = ', '.join(sorted(path.name for path in manifest.modules_folder.iterdir()
                                             if (path / MODULE_FILE).is_file()))
                report.error(f'module {module_id!r} does not exist in {manifest.modules_folder} (modules there: '
                             f'{available})', manifest.path, None, 'manifest')
                continue
            module_report = Report(str(folder))
            module = read_module(folder, module_report)
            pools = read_pools(module, module_report)
            for finding in module_report.errors:
                report.findings.append(type(finding)(finding.severity, finding.message,
                                                     str(folder / finding.path) if finding.path else str(folder),
                                                     finding.line, finding.check))
            modules[module_id] = (module, pools)
    kinds = {module.kind for module, _ in modules.values()}
    has_tests = bool(kinds & {'pre_test', 'post_test'})
    units = [module for module, _ in modules.values() if module.kind == 'unit']
    for module in units:
        if has_tests and not pool_path(module, manifest.language).is_file():
            report.error(f'module {module.id!r} has no pool in the course language {manifest.language!r}: add '
                         f'{POOL_FOLDER}/{manifest.language}.xml or choose modules in that language',
                         module.folder / MODULE_FILE, None, 'manifest')
    if not report.ok:
        raise CourseToolError(report.as_text())
    return modules


def _write_course(manifest, modules, root, quiet):
    chapters_xml = []
    total = sum(len(chapter.modules) for chapter in manifest.chapters)
    counter = progress(total, 'assembling', quiet)
    used_formats = {}
    sources = []
    for index, chapter in enumerate(manifest.chapters, 1):
        chapter_name = f'chapter_{chapter.id}' if chapter.id else f'chapter_{index}_{_slug(chapter.title)}'
        sequentials = []
        for module_id in chapter.modules:
            module, pools = modules[module_id]
            _copy_module(module, root)
            if module.kind in ('pre_test', 'post_test'):
                _fill_test(module, modules, manifest, root)
            fmt = GRADED_FORMATS.get(module.kind) if _has_graded_quiz(module) else None
            if fmt:
                used_formats[fmt] = used_formats.get(fmt, 0) + 1
            sequentials.append(_sequential(root, module.prefix, module.title, module.units, fmt))
            sources += [(module.title, source) for source in module.sources]
            counter.update(1)
        if chapter.references:
            sequentials.append(_references(root, sources, manifest.language))
        _write(root / 'chapter' / f'{chapter_name}.xml', _element('chapter', {'display_name': chapter.title},
                                                                  [('sequential', name) for name in sequentials]))
        chapters_xml.append(chapter_name)
    counter.close()
    _write_frame(manifest, root, chapters_xml, used_formats)


def _copy_module(module, root):
    for path in sorted(module.folder.rglob('*')):
        relative = path.relative_to(module.folder)
        if relative.parts[0] in NOT_COPIED or path.is_dir() or path.name.startswith('.'):
            continue
        target = root / relative
        if target.exists():
            raise CourseToolError(f'{module.folder / relative}: another module already wrote {relative} (two modules '
                                  'use the same url_name or static file name)')
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def _has_graded_quiz(module):
    """Whether the module holds a quiz that counts: knowledge checks and post-tests do, pre-tests do not."""
    folder = module.folder / 'cifal_quiz'
    for path in sorted(folder.glob('*.xml')) if folder.is_dir() else ():
        element, _ = parse_file(path, Report(''), module.folder)
        if element is not None and element.get('role', 'knowledge_check') in ('knowledge_check', 'post'):
            return True
    return False


def _fill_test(test_module, modules, manifest, root):
    """The pre-test (post-test) of the course: its module's quiz, with the pair set and every unit module's pre
    (post) questions appended, in course order."""
    which = 'pre' if test_module.kind == 'pre_test' else 'post'
    for path in sorted((root / 'cifal_quiz').glob('*.xml')):
        if not (test_module.folder / 'cifal_quiz' / path.name).is_file():
            continue
        element, _ = parse_file(path, Report(''), root)
        if element is None or element.get('role') != which:
            continue
        element.set('pair', manifest.pair)
        added = []
        for module, pools in modules.values():
            pool = pools.get(manifest.language)
            if module.kind != 'unit' or pool is None:
                continue
            added.append(etree.Comment(f' {module.id}: {module.title} '.replace('--', '-')))
            added += [etree.fromstring(etree.tostring(question, with_tail=False))
                      for _, question in pool.questions[which]]
        _append_indented(element, added)
        path.write_bytes(etree.tostring(element, encoding='utf-8') + b'\n')


def _append_indented(element, children):
    """Append children one per line at the first level of indentation, leaving every HTML inside untouched."""
    if not children:
        return
    last = element[-1] if len(element) else None
    if last is None:
        element.text = (element.text or '').rstrip() + '\n  '
    else:
        last.tail = '\n  '
    for child in children:
        child.tail = '\n  '
        element.append(child)
    children[-1].tail = '\n'


def _sequential(root, prefix, title, units, fmt):
    name = f'{prefix}_subsection'
    attributes = {'display_name': title}
    if fmt:
        attributes.update({'graded': 'true', 'format': fmt})
    _write(root / 'sequential' / f'{name}.xml', _element('sequential', attributes, [('vertical', u) for u in units]))
    return name


def _references(root, sources, language):
    """The references page: every source the course's modules cite, once, grouped by module."""
    title = REFERENCES_TITLES[language]
    body = [f'<h2>{escape(title, quote=False)}</h2>']
    listed = set()
    by_module = {}
    for module_title, source in sources:
        if source not in listed:
            listed.add(source)
            by_module.setdefault(module_title, []).append(source)
    for module_title, entries in by_module.items():
        body.append(f'<h3>{escape(module_title, quote=False)}</h3>\n<ul>')
        body += [f'  <li>{escape(entry, quote=False)}</li>' for entry in entries]
        body.append('</ul>')
    (root / 'html').mkdir(exist_ok=True)
    (root / 'html' / 'references_text.html').write_text('\n'.join(body) + '\n', encoding='utf-8')
    _write(root / 'html' / 'references_text.xml', _element('html', {'display_name': title,
                                                                    'filename': 'references_text'}))
    _write(root / 'vertical' / 'references.xml', _element('vertical', {'display_name': title},
                                                          [('html', 'references_text')]))
    _write(root / 'sequential' / 'references_subsection.xml',
           _element('sequential', {'display_name': title}, [('vertical', 'references')]))
    return 'references_subsection'


def _write_frame(manifest, root, chapters, used_formats):
    """course.xml, the course's own file, policies, about pages and the course image."""
    _write(root / 'course.xml', _element('course', {'url_name': manifest.run, 'org': manifest.org,
                                                    'course': manifest.number}))
    attributes = {'display_name': manifest.title, 'language': manifest.language}
    if manifest.start:
        attributes['start'] = manifest.start
    if manifest.end:
        attributes['end'] = manifest.end
    if manifest.image:
        attributes['course_image'] = manifest.image.name
        (root / 'static').mkdir(exist_ok=True)
        shutil.copyfile(manifest.image, root / 'static' / manifest.image.name)
    _write(root / 'course' / f'{manifest.run}.xml', _element('course', attributes,
                                                             [('chapter', name) for name in chapters]))
    # The course's own file holds its settings; the policy adds what Studio keeps only there (the advanced modules
    # that put the blocks in Studio's "Add New Component" menu). Nothing is said twice (olxcleaner SettingOverride).
    policy = {f'course/{manifest.run}': {'advanced_modules': ADVANCED_MODULES}}
    assignments = _assignments(manifest, used_formats)
    grader = [{'type': item.type, 'short_label': item.short_label, 'weight': item.weight,
               'min_count': used_formats.get(item.type, 0), 'drop_count': item.drop} for item in assignments]
    grading = {'GRADER': grader, 'GRADE_CUTOFFS': {'Pass': manifest.cutoff}}
    _write_json(root / 'policies' / manifest.run / 'policy.json', policy)
    _write_json(root / 'policies' / manifest.run / 'grading_policy.json', grading)
    _write_json(root / 'policies' / 'assets.json', {})
    if manifest.about:
        for path in sorted(manifest.about.glob('*.html')):
            (root / 'about').mkdir(exist_ok=True)
            shutil.copyfile(path, root / 'about' / path.name)


def _assignments(manifest, used_formats):
    """The grading policy's assignment types. The manifest's, each of which must be used by some subsection (a
    type with nothing to count would make the grade unreachable); by default, the knowledge checks and the
    post-test that the course has, sharing the grade equally."""
    if manifest.assignments:
        unused = [item.type for item in manifest.assignments if not used_formats.get(item.type)]
        if unused:
            raise CourseToolError(f'{manifest.path}: [grading] counts {", ".join(repr(name) for name in unused)}, '
                                  'but no module of the course is graded as that: remove it from [grading] or add '
                                  'a module that is')
        return manifest.assignments
    present = [values for values in DEFAULT_ASSIGNMENTS if used_formats.get(values[0])]
    if not present:
        return []  # nothing graded: a course to read and reflect
    return [Assignment(name, label, round(1 / len(present), 4), drop) for name, label, _, drop in present]


def _element(tag, attributes, children=()):
    element = etree.Element(tag)
    for name in sorted(attributes):
        element.set(name, str(attributes[name]))
    for child_tag, url_name in children:
        etree.SubElement(element, child_tag, url_name=url_name)
    return element


def _write(path, element):
    """A structure file (no HTML inside, so indenting changes nothing a learner sees)."""
    etree.indent(element, space='  ')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(etree.tostring(element, encoding='utf-8') + b'\n')


def _write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + '\n', encoding='utf-8')


def _slug(text):
    return re.sub(r'[^a-z0-9]+', '_', text.lower()).strip('_')[:40] or 'chapter'
