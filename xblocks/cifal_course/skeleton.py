"""
``cifal-course new-module``: a module a trainer fills in (their town's case, say), which validates as created:
its manifest, one unit with a text, a case scenario (a decision, a reflection, an end), a knowledge check and a
pool with one pre-test and one parallel post-test question. Each file says what to replace; the files are
``skeleton_files/`` with ``$placeholders`` (string.Template).
"""
import importlib.resources
from html import escape
from pathlib import Path
from string import Template

from cifal_course.findings import CourseToolError
from cifal_course.manifests import MODULE_ID

# skeleton file -> where it goes in the module
FILES = {
    'module.toml': 'module.toml',
    'vertical.xml': 'vertical/${prefix}.xml',
    'text.xml': 'html/${prefix}_text.xml',
    'text.html': 'html/${prefix}_text.html',
    'case.xml': 'cifal_scenario/${prefix}_case.xml',
    'check.xml': 'cifal_quiz/${prefix}_check.xml',
    'pool.xml': 'pool/${language}.xml',
}


def new_module(modules_folder, module_id, theme, title=None, language='en'):
    if not MODULE_ID.match(module_id or ''):
        raise CourseToolError(f'{module_id!r}: a module id is lowercase letters and digits joined by hyphens '
                              '(e.g. arrivals-my-town)')
    modules_folder = Path(modules_folder)
    if not modules_folder.is_dir():
        raise CourseToolError(f'{modules_folder}: no such modules folder (create it, or pass --modules)')
    folder = modules_folder / module_id
    if folder.exists():
        raise CourseToolError(f'{folder}: already exists; choose another id or edit that module')
    title = title or module_id.replace('-', ' ').capitalize()
    values = {'module_id': module_id, 'prefix': module_id.replace('-', '_'), 'theme': theme, 'language': language,
              'title_html': escape(title), 'title_toml': _toml_text(title)}
    source = importlib.resources.files('cifal_course').joinpath('skeleton_files')
    for name, target in FILES.items():
        path = folder / Template(target).substitute(values)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = source.joinpath(name).read_text(encoding='utf-8')
        path.write_text(Template(text).substitute(values), encoding='utf-8')
    return folder


def _toml_text(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'
