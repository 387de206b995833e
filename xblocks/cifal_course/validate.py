"""
``cifal-course validate``: what Studio would say about a course folder, a module or an import archive, before a
trainer imports it, in one list of located findings.
"""
import tarfile
import tempfile
from pathlib import Path

from cifal_course.checks import check_answer_positions, check_blocks, check_pairs, check_static, check_url_names
from cifal_course.findings import CourseToolError, Finding, Report
from cifal_course.manifests import MODULE_FILE, read_module
from cifal_course.olx_tree import CIFAL_TAGS, COURSE_FILE, TreeReader
from cifal_course.olxclean import olxcleaner_findings
from cifal_course.pools import read_pools

ARCHIVE_SUFFIXES = ('.tar.gz', '.tgz')


def validate_path(path, verbose=False) -> Report:
    """Validate whatever ``path`` is: a course folder, a module folder, a course manifest or an archive."""
    path = Path(path)
    if not path.exists():
        raise CourseToolError(f'{path}: no such file or folder')
    if path.is_file() and path.name.endswith(ARCHIVE_SUFFIXES):
        return validate_archive(path, verbose)
    if path.is_file() and path.suffix == '.toml':
        from cifal_course.assemble import assemble  # a manifest: validate the course it assembles
        with tempfile.TemporaryDirectory(prefix='cifal-course-') as temporary:
            return assemble(path, Path(temporary) / 'course', quiet=True)[1]
    if path.is_dir() and (path / MODULE_FILE).is_file():
        return validate_module(path)
    if path.is_dir() and (path / COURSE_FILE).is_file():
        return validate_course(path, verbose)
    raise CourseToolError(f'{path}: neither a course folder (with {COURSE_FILE}), a module (with {MODULE_FILE}), '
                          f'a course manifest (.toml) nor an import archive ({", ".join(ARCHIVE_SUFFIXES)})')


def validate_course(folder, verbose=False, target=None) -> Report:
    folder = Path(folder)
    report = Report(target or str(folder), 'course')
    tree = TreeReader(folder, report).course()
    if tree is None:
        return report
    parsed = check_blocks(tree, report)
    check_url_names(tree, report)
    course = next((block for block in tree.blocks if block.tag == 'course' and block.parent == ''), None)
    check_static(tree, report, course.element.get('course_image') if course is not None else None)
    check_pairs(parsed, report, complete=True)
    check_answer_positions(parsed, report)
    filtered = olxcleaner_findings(folder, report)
    if verbose:
        for name, filename, reason in filtered:
            report.findings.append(_note(f'olxcleaner {name} left out: {reason}', filename))
    report.counts = _counts(tree, filtered)
    return report


def validate_module(folder) -> Report:
    folder = Path(folder)
    report = Report(str(folder), 'module')
    manifest = read_module(folder, report)
    tree = TreeReader(folder, report).units(manifest.units, folder / MODULE_FILE)
    parsed = check_blocks(tree, report, shells=manifest.kind in ('pre_test', 'post_test'))
    check_url_names(tree, report)
    for block in tree.blocks:
        if block.url_name and not block.url_name.startswith(manifest.prefix):
            report.warning(f'url_name {block.url_name!r} does not start with {manifest.prefix!r}: the module prefix '
                           'keeps its names apart from other modules\'', block.path, block.line, 'url_name')
    check_static(tree, report)
    check_pairs(parsed, report, complete=False)
    check_answer_positions(parsed, report)
    pools = read_pools(manifest, report)
    _orphans(folder, tree, report)
    report.counts = _counts(tree, ())
    report.counts['pool languages'] = len(pools)
    return report


def validate_archive(path, verbose=False) -> Report:
    """Unpack an import archive (safely: no absolute paths, no ``..``, no links) and validate its course."""
    with tempfile.TemporaryDirectory(prefix='cifal-course-') as temporary:
        try:
            with tarfile.open(path, 'r:*') as archive:
                archive.extractall(temporary, filter='data')
        except (tarfile.TarError, OSError, EOFError) as error:
            raise CourseToolError(f'{path}: not a readable .tar.gz archive ({error})') from None
        roots = [candidate for candidate in [Path(temporary), *Path(temporary).iterdir()]
                 if candidate.is_dir() and (candidate / COURSE_FILE).is_file()]
        if not roots:
            raise CourseToolError(f'{path}: the archive holds no course.xml at its top or in its top folder '
                                  '(Studio expects course/course.xml)')
        report = validate_course(roots[0], verbose, target=str(path))
        report.kind = 'archive'
        return report


def _orphans(folder, tree, report):
    """Block files no unit uses: a trainer who adds a file and forgets the pointer should hear of it."""
    used = {block.path for block in tree.blocks} | {block.html_path for block in tree.blocks if block.html_path}
    for tag in ('vertical', 'html') + CIFAL_TAGS:
        for path in sorted((folder / tag).glob('*')) if (folder / tag).is_dir() else ():
            relative = path.relative_to(folder)
            if relative not in used:
                report.warning('no unit of the module uses this file (add it to module.toml\'s units or to a '
                               'vertical)', relative, None, 'structure')


def _counts(tree, filtered):
    counts = {}
    for tag in ('chapter', 'sequential', 'vertical', 'html') + CIFAL_TAGS:
        number = len(tree.of_tag(tag))
        if number:
            counts[tag] = number
    if filtered:
        counts['olxcleaner findings left out'] = len(filtered)
    return counts


def _note(message, path):
    return Finding('note', message, str(path or ''), None, 'olxcleaner')
