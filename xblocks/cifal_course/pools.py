"""
A module's contribution to the course's pre-test and post-test: ``pool/<language>.xml``, one ``<objective ref>`` per
learning objective, each with its ``<pre>`` and its parallel ``<post>`` questions in the quiz's own question OLX.
``assemble`` puts the pre questions of every module of a course into its pre-test and the post ones into its
post-test, so that a workshop built from three modules tests those three modules' objectives and no others.
"""
from dataclasses import dataclass, field

from lxml import etree

from cifal_core.quiz.editor import validate_olx as quiz_olx
from cifal_core.quiz.parse import parse_quiz_string
from cifal_course.checks import question_words
from cifal_course.manifests import LANGUAGES
from cifal_course.olx_tree import parse_file

POOL_FOLDER = 'pool'
SETS = ('pre', 'post')


@dataclass
class Pool:
    """One language's pool of a module: ``questions[set]`` lists ``(objective ref, <question> element)``."""

    language: str
    path: object
    questions: dict = field(default_factory=lambda: {name: [] for name in SETS})

    def ids(self):
        return [element.get('id') for name in SETS for _, element in self.questions[name]]


def pool_path(manifest, language):
    return manifest.folder / POOL_FOLDER / f'{language}.xml'


def read_pools(manifest, report):
    """Every language's pool of a module, checked: ``{language: Pool}``; problems go to ``report``."""
    folder = manifest.folder / POOL_FOLDER
    pools = {}
    if not folder.is_dir():
        if manifest.kind == 'unit':
            report.error(f'a unit module contributes to the pre-test and post-test: add {POOL_FOLDER}/'
                         f'{manifest.language}.xml', 'module.toml', None, 'pool')
        return pools
    for path in sorted(folder.iterdir()):
        relative = path.relative_to(manifest.folder)
        if path.suffix != '.xml' or path.stem not in LANGUAGES:
            report.error(f'a pool file is named after its language ({", ".join(f"{code}.xml" for code in LANGUAGES)})',
                         relative, None, 'pool')
            continue
        pool = _read_pool(manifest, path, relative, report)
        if pool is not None:
            pools[pool.language] = pool
    if manifest.kind == 'unit' and manifest.language not in pools and not report.errors:
        report.error(f'no pool in the module\'s own language: add {POOL_FOLDER}/{manifest.language}.xml',
                     'module.toml', None, 'pool')
    _compare_languages(manifest, pools, report)
    return pools


def _read_pool(manifest, path, relative, report):
    root, _ = parse_file(path, report, manifest.folder)
    if root is None:
        return None
    if root.tag != 'pool':
        report.error(f'the root element is <{root.tag}>, not <pool>', relative, root.sourceline, 'pool')
        return None
    pool = Pool(path.stem, relative)
    objectives = {objective.id for objective in manifest.objectives}
    outside = {objective.id for objective in manifest.objectives if not objective.pre_post}
    seen = {}
    for objective in _elements(root):
        if objective.tag != 'objective':
            report.error(f'unknown element <{objective.tag}> in <pool> (use <objective ref="...">)', relative,
                         objective.sourceline, 'pool')
            continue
        ref = objective.get('ref', '')
        if ref not in objectives:
            known = ', '.join(sorted(objectives)) or 'none: add [[objectives]] to module.toml'
            report.error(f'<objective ref="{ref}">: not an objective of module.toml (its objectives: {known})',
                         relative, objective.sourceline, 'pool')
        elif ref in outside:
            report.error(f'<objective ref="{ref}">: module.toml says pre_post = false for this objective (it stays out '
                         'of the pre-test and post-test); remove it here or set pre_post = true', relative,
                         objective.sourceline, 'pool')
        words = {}
        for part in _elements(objective):
            if part.tag not in SETS:
                report.error(f'unknown element <{part.tag}> in <objective> (use <pre> and <post>)', relative,
                             part.sourceline, 'pool')
                continue
            for question in _elements(part):
                if _check_question(question, relative, seen, report):
                    pool.questions[part.tag].append((ref, question))
                    words.setdefault(part.tag, {})[_words(question)] = question.get('id')
        for name in SETS:
            if not words.get(name):
                report.error(f'objective {ref!r} has no <{name}> question: the pre-test and the post-test each test '
                             'every objective', relative, objective.sourceline, 'pool')
        for reading, question_id in words.get('post', {}).items():
            if reading in words.get('pre', {}):
                report.error(f'post question {question_id!r} repeats pre question {words["pre"][reading]!r} word for '
                             'word: write a parallel item on the same objective', relative, objective.sourceline,
                             'pool')
    tested = {ref for name in SETS for ref, _ in pool.questions[name]}
    for objective in manifest.objectives:
        if objective.pre_post and objective.id not in tested and not report.errors:
            report.error(f'objective {objective.id!r} has no question in this pool: add its <objective ref> with a '
                         '<pre> and a <post> question, or set pre_post = false in module.toml', relative, None,
                         'pool')
    return pool


def _elements(parent):
    return [child for child in parent if isinstance(child.tag, str)]


def _check_question(question, relative, seen, report):
    """A pool question, checked as a quiz would check it (lines kept: the question sits on its own line)."""
    if question.tag != 'question':
        report.error(f'unknown element <{question.tag}> (a <pre> or <post> holds <question>s)', relative,
                     question.sourceline, 'pool')
        return False
    question_id = question.get('id', '')
    if question_id in seen:
        report.error(f'question id {question_id!r} is used twice in the pool (first on line {seen[question_id]})',
                     relative, question.sourceline, 'pool')
        return False
    seen[question_id] = question.sourceline
    markup = etree.tostring(question, encoding='unicode', with_tail=False)
    text = '<cifal_quiz>' + '\n' * (question.sourceline - 1) + markup + '</cifal_quiz>'
    _, _, problems = quiz_olx(text)
    failed = False
    for problem in problems:
        if problem.field == 'questions':
            continue
        line = problem.line or question.sourceline
        if problem.is_error:
            failed = True
            report.error(f'question {question_id!r}: {problem.english()}', relative, line, 'pool')
        else:
            report.warning(f'question {question_id!r}: {problem.english()}', relative, line, 'pool')
    return not failed


def _words(question):
    content = parse_quiz_string('<cifal_quiz>' + etree.tostring(question, encoding='unicode', with_tail=False)
                                + '</cifal_quiz>').content
    return question_words(content.questions[0])


def _compare_languages(manifest, pools, report):
    """The translations hold the same questions: a trainer who switches language must get the same test."""
    reference = pools.get(manifest.language)
    if reference is None:
        return
    expected = reference.ids()
    for language, pool in sorted(pools.items()):
        if language == manifest.language:
            continue
        missing = [qid for qid in expected if qid not in pool.ids()]
        extra = [qid for qid in pool.ids() if qid not in expected]
        if missing or extra:
            report.error(f'{pool.path} does not hold the same questions as {reference.path}'
                         + (f'; missing: {", ".join(missing)}' if missing else '')
                         + (f'; not in {reference.path.name}: {", ".join(extra)}' if extra else ''),
                         pool.path, None, 'pool')
