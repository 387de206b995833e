"""
The two manifests trainers write, in TOML: a module's ``module.toml`` (what the module is and what it contributes to
the course's pre-test/post-test pool) and a course manifest (title, org, run, language, the chapters and the modules
each one takes). Each is read into a frozen dataclass; anything missing or of the wrong type is a ``Finding`` located
in the file, so that ``validate`` reports it with the rest and ``assemble`` refuses with the same words.
"""
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from cifal_course.findings import CourseToolError, Report

MODULE_FILE = 'module.toml'
LANGUAGES = ('en', 'fr', 'es')
THEMES = ('welcome', 'cohesion', 'transit', 'origin', 'tools', 'closing')
# unit: text, scenario, knowledge check, pool; pre_test/post_test: the quiz the pool fills; questionnaire, page.
KINDS = ('unit', 'pre_test', 'post_test', 'questionnaire', 'page')
MODULE_ID = re.compile(r'^[a-z0-9]+(?:-[a-z0-9]+)*$')
URL_NAME = re.compile(r'^[A-Za-z0-9_.-]+$')
_LINE = re.compile(r'\(at line (\d+)')


@dataclass(frozen=True)
class Objective:
    """A learning objective; ``pre_post`` false: taught and checked in its unit, but not in the course's
    pre-test and post-test (which stay short: 12 to 15 questions for a whole course)."""

    id: str
    text: str
    pre_post: bool = True


@dataclass(frozen=True)
class ModuleManifest:
    """A module's ``module.toml``."""

    folder: Path
    id: str
    title: str
    theme: str
    kind: str
    language: str
    units: tuple
    objectives: tuple = ()
    sources: tuple = ()

    @property
    def prefix(self):
        """The url_name prefix that keeps the module's names apart from every other module's."""
        return self.id.replace('-', '_')


@dataclass(frozen=True)
class Chapter:
    title: str
    modules: tuple
    id: str = ''
    references: bool = False


@dataclass(frozen=True)
class Assignment:
    type: str
    short_label: str
    weight: float
    drop: int = 0


@dataclass(frozen=True)
class CourseManifest:
    """A course manifest: what ``assemble`` builds."""

    path: Path
    title: str
    org: str
    number: str
    run: str
    language: str
    pair: str
    chapters: tuple
    modules_folder: Path
    start: str = ''
    end: str = ''
    image: Path | None = None
    about: Path | None = None
    cutoff: float = 0.6
    assignments: tuple = field(default_factory=tuple)


def read_toml(path):
    """The TOML table in ``path``; a syntax error is a ``CourseToolError`` with the file and line."""
    path = Path(path)
    if not path.is_file():
        raise CourseToolError(f'{path}: no such file')
    try:
        return tomllib.loads(path.read_text(encoding='utf-8'))
    except tomllib.TOMLDecodeError as error:
        match = _LINE.search(str(error))
        where = f'{path}:{match.group(1)}' if match else str(path)
        raise CourseToolError(f'{where}: not valid TOML: {error}') from None
    except UnicodeDecodeError:
        raise CourseToolError(f'{path}: not UTF-8 text') from None


class _Fields:
    """Typed reads of a manifest's keys; each problem is reported on the line that holds the key, when found."""

    def __init__(self, data, path, report):
        self.data, self.path, self.report = data, path, report
        self.lines = _key_lines(path)

    def problem(self, key, message):
        self.report.error(message, self.path, self.lines.get(key.split('.')[0]), 'manifest')

    def text(self, key, default=None, pattern=None, choices=None, table=None):
        data = self.data if table is None else table
        value = data.get(key, default)
        if value is None:
            self.problem(key, f'"{key}" is missing')
            return ''
        if not isinstance(value, str) or not value.strip():
            self.problem(key, f'"{key}" must be a non-empty text')
            return ''
        if choices and value not in choices:
            self.problem(key, f'"{key}" is {value!r}: use one of {", ".join(choices)}')
        if pattern and not pattern.match(value):
            self.problem(key, f'"{key}" is {value!r}: use letters, digits, "_", "-" or "." only')
        return value.strip()

    def texts(self, key, table=None, required=True):
        data = self.data if table is None else table
        value = data.get(key)
        if value is None and not required:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            self.problem(key, f'"{key}" must be a list of texts')
            return ()
        return tuple(item.strip() for item in value)


def _key_lines(path):
    """``{top-level key or table name: line}`` to locate manifest problems (TOML keeps no line numbers)."""
    lines = {}
    try:
        for number, line in enumerate(Path(path).read_text(encoding='utf-8').splitlines(), 1):
            match = re.match(r'\s*\[*\s*([A-Za-z_][\w-]*)', line)
            if match:
                lines.setdefault(match.group(1), number)
    except (OSError, UnicodeDecodeError):
        pass
    return lines


def read_module(folder, report=None) -> ModuleManifest:
    """The manifest of the module in ``folder``; problems go to ``report`` (or raise when none is given)."""
    folder = Path(folder)
    path = folder / MODULE_FILE
    if not folder.is_dir():
        raise CourseToolError(f'{folder}: no such module folder')
    if not path.is_file():
        raise CourseToolError(f'{folder}: not a module (it has no {MODULE_FILE})')
    own_report = report is None
    report = report or Report(str(folder))
    data = read_toml(path)
    fields = _Fields(data, path, report)
    module_id = fields.text('id', pattern=MODULE_ID)
    if module_id and module_id != folder.name:
        fields.problem('id', f'"id" is {module_id!r} but the folder is {folder.name!r}: they must be the same')
    objectives = []
    for entry in data.get('objectives', []) if isinstance(data.get('objectives', []), list) else [None]:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(key), str) for key in ('id', 'text')):
            fields.problem('objectives', 'each [[objectives]] needs an "id" and a "text"')
            continue
        if not isinstance(entry.get('pre_post', True), bool):
            fields.problem('objectives', f'objective {entry["id"]!r}: "pre_post" is true or false')
        objectives.append(Objective(entry['id'].strip(), entry['text'].strip(), entry.get('pre_post', True) is True))
    manifest = ModuleManifest(
        folder=folder, id=module_id, title=fields.text('title'), theme=fields.text('theme', choices=THEMES),
        kind=fields.text('kind', 'unit', choices=KINDS), language=fields.text('language', choices=LANGUAGES),
        units=fields.texts('units'), objectives=tuple(objectives), sources=fields.texts('sources', required=False))
    for unit in manifest.units:
        if not URL_NAME.match(unit):
            fields.problem('units', f'unit {unit!r}: a url_name uses letters, digits, "_", "-" or "." only')
    if manifest.kind == 'unit' and not manifest.objectives:
        fields.problem('objectives', 'a unit module lists its learning objectives ([[objectives]] with id and text)')
    if own_report and not report.ok:
        raise CourseToolError(report.as_text())
    return manifest


def read_course_manifest(path, modules_folder=None) -> CourseManifest:
    """A course manifest; any problem raises ``CourseToolError`` listing every mistake found."""
    path = Path(path)
    if path.is_dir():
        raise CourseToolError(f'{path}: a folder; give the course manifest file (e.g. {path / "course.toml"})')
    data = read_toml(path)
    report = Report(str(path))
    fields = _Fields(data, path, report)
    chapters = []
    raw_chapters = data.get('chapters')
    if not isinstance(raw_chapters, list) or not raw_chapters:
        fields.problem('chapters', 'a course needs [[chapters]], each with a "title" and "modules"')
        raw_chapters = []
    for entry in raw_chapters:
        if not isinstance(entry, dict):
            fields.problem('chapters', 'each [[chapters]] is a table with "title" and "modules"')
            continue
        chapters.append(Chapter(title=fields.text('title', table=entry), modules=fields.texts('modules', table=entry),
                                id=entry.get('id', '') if isinstance(entry.get('id', ''), str) else '',
                                references=entry.get('references') is True))
    grading = data.get('grading', {}) if isinstance(data.get('grading', {}), dict) else {}
    assignments = []
    for entry in grading.get('assignments', []):
        try:
            assignments.append(Assignment(type=str(entry['type']), short_label=str(entry['short_label']),
                                          weight=float(entry['weight']), drop=int(entry.get('drop', 0))))
        except (KeyError, TypeError, ValueError):
            fields.problem('grading', 'each [[grading.assignments]] needs "type", "short_label" and a "weight"')
    if assignments and abs(sum(item.weight for item in assignments) - 1) > 1e-9:
        fields.problem('grading', 'the assignment weights must add up to 1')
    folder = path.parent
    modules = Path(modules_folder) if modules_folder else _nearest_modules_folder(folder, data.get('modules_folder'))
    manifest = CourseManifest(
        path=path, title=fields.text('title'), org=fields.text('org', pattern=URL_NAME),
        number=fields.text('number', pattern=URL_NAME), run=fields.text('run', pattern=URL_NAME),
        language=fields.text('language', 'en', choices=LANGUAGES), pair=fields.text('pair', pattern=URL_NAME),
        chapters=tuple(chapters), modules_folder=modules,
        start=data.get('start', '') if isinstance(data.get('start', ''), str) else '',
        end=data.get('end', '') if isinstance(data.get('end', ''), str) else '',
        image=(folder / data['image']) if isinstance(data.get('image'), str) else None,
        about=(folder / data['about']) if isinstance(data.get('about'), str) else None,
        cutoff=float(grading.get('cutoff', 0.6)) if isinstance(grading.get('cutoff', 0.6), (int, float)) else 0.6,
        assignments=tuple(assignments))
    for name in ('image', 'about'):
        target = getattr(manifest, name)
        if target is not None and not target.exists():
            fields.problem(name, f'"{name}" names {target}, which does not exist')
    if not report.ok:
        raise CourseToolError(report.as_text())
    return manifest


def _nearest_modules_folder(folder, configured):
    """The modules folder: the manifest's ``modules_folder`` (relative to it), else the nearest ``modules/`` above."""
    if isinstance(configured, str):
        return (folder / configured).resolve()
    for candidate in (folder, *folder.resolve().parents):
        if (candidate / 'modules').is_dir():
            return candidate / 'modules'
    return folder / 'modules'
