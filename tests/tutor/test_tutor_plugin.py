"""
The Tutor plugin (``tutor-contrib-cifal``) as an operator uses it, without Docker.

A throw-away virtualenv gets ``tutor`` from PyPI and the plugin from ``./tutor-contrib-cifal`` (once per module);
every test runs the real ``tutor`` command line with ``TUTOR_ROOT`` in a temporary folder and asserts on what it
renders. A stand-in ``docker`` first on ``PATH`` records what Tutor would run (``docker compose run ... sh -e -c
SCRIPT``), so ``tutor local launch``, ``do init`` and ``do importcifalcourse`` are checked down to the shell script
each job runs; the import script is then run for real against the course as the image holds it, with the suite's
own ``cifal-course`` and a stand-in ``manage.py``.

Installing tutor needs the network: without it these tests are skipped on a laptop and fail in CI (``CI`` set).
"""
import ast
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PLUGIN = REPO / 'tutor-contrib-cifal'
COURSE = REPO / 'course_content' / 'course'
SUITE_BIN = Path(sys.executable).parent  # the suite's virtualenv: python with cifal-xblocks, and cifal-course
REQUIREMENT = 'git+https://git.example.org/unitar/cifal-xblocks.git@v0.1.0'
COURSE_IN_IMAGE = '/openedx/cifal-course'

FAKE_DOCKER = '''#!{python}
"""Stands in for docker: records each call (a JSON list a line); `compose ls` answers that no project runs."""
import json
import os
import sys

with open(os.environ["CIFAL_FAKE_DOCKER_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:2] == ["compose"] and "ls" in sys.argv:
    print("[]")
'''


def unavailable(message):
    if os.environ.get('CI'):
        pytest.fail(f'{message} CI requires it.', pytrace=False)
    pytest.skip(f'{message} Skipping the Tutor plugin tests on this machine.')


@dataclass
class Job:
    service: str
    script: str


class Operator:
    """The `tutor` of the throw-away virtualenv, on a project root of its own."""

    def __init__(self, bindir, fakebin, root):
        self.bindir, self.fakebin, self.root = bindir, fakebin, Path(root)
        self.docker_log = self.root.parent / f'{self.root.name}-docker.jsonl'

    def tutor(self, *args, ok=True):
        self.docker_log.write_text('')
        env = {**os.environ, 'TUTOR_ROOT': str(self.root), 'TUTOR_PLUGINS_ROOT': str(self.root / 'plugins'),
               'PATH': f'{self.fakebin}{os.pathsep}{self.bindir}{os.pathsep}{os.environ.get("PATH", "")}',
               'CIFAL_FAKE_DOCKER_LOG': str(self.docker_log)}
        result = subprocess.run([str(self.bindir / 'tutor'), *args], env=env, capture_output=True, text=True,
                                timeout=300, stdin=subprocess.DEVNULL)
        result.output = result.stdout + result.stderr
        if ok:
            assert result.returncode == 0, f'tutor {" ".join(args)} failed:\n{result.output}'
        return result

    def docker_calls(self):
        return [json.loads(line) for line in self.docker_log.read_text().splitlines()]

    def jobs(self, *args):
        """The jobs `tutor *args` runs: `docker compose ... run --rm [-T] <service>-job sh -e -c <script>`."""
        self.tutor(*args)
        jobs = []
        for call in self.docker_calls():
            if 'run' in call and call[-4:-1] == ['sh', '-e', '-c']:
                assert call[-5].endswith('-job'), call
                jobs.append(Job(call[-5].removesuffix('-job'), call[-1]))
        return jobs

    def env(self, *path):
        return self.root.joinpath('env', *path)

    def read(self, *path):
        return self.env(*path).read_text(encoding='utf-8')


@pytest.fixture(scope='module')
def tutor_venv(tmp_path_factory):
    """A virtualenv with tutor (PyPI) and the plugin (installed as an operator does: not editable)."""
    base = tmp_path_factory.mktemp('tutor')
    venv = base / 'venv'
    created = subprocess.run([sys.executable, '-m', 'venv', str(venv)], capture_output=True, text=True)
    if created.returncode:
        unavailable(f'No virtualenv could be created for tutor ({created.stderr.strip()[-300:]}).')
    try:
        install = subprocess.run(
            [str(venv / 'bin' / 'python'), '-m', 'pip', 'install', '--disable-pip-version-check', '--quiet',
             '--timeout', '20', '--retries', '1', 'tutor', str(PLUGIN)],
            capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        unavailable('pip took more than 10 minutes to install tutor and the plugin.')
    if install.returncode:
        unavailable(f'tutor and the plugin could not be installed with pip ({install.stderr.strip()[-600:]}).')
    fakebin = base / 'fakebin'
    fakebin.mkdir()
    docker = fakebin / 'docker'
    docker.write_text(FAKE_DOCKER.format(python=sys.executable))
    docker.chmod(0o755)
    return venv / 'bin', fakebin


@pytest.fixture(scope='module')
def operator(tutor_venv, tmp_path_factory):
    """The operator's first two commands, with their settings: enable the plugin, save the configuration."""
    bindir, fakebin = tutor_venv
    operator = Operator(bindir, fakebin, tmp_path_factory.mktemp('root') / 'tutor')
    operator.tutor('plugins', 'enable', 'cifal')
    operator.tutor('config', 'save', '--set', f'CIFAL_XBLOCKS_REQUIREMENT={REQUIREMENT}',
                   '--set', 'CIFAL_MIN_GROUP_SIZE=8', '--set', 'CIFAL_IDENTIFIED_EXPORTS=true',
                   '--set', 'CIFAL_EXPORT_REFLECTIONS=true', '--set', 'CIFAL_REPORT_TASK_THRESHOLD=500')
    return operator


@pytest.fixture
def fresh_operator(tutor_venv, tmp_path):
    """A project root of its own, for a test that changes the configuration."""
    operator = Operator(*tutor_venv, tmp_path / 'tutor')
    operator.tutor('plugins', 'enable', 'cifal')
    return operator


def stage(dockerfile, name):
    """The text of one stage of the openedx Dockerfile (`FROM ... AS name` up to the next FROM)."""
    start = dockerfile.index(f' AS {name}\n')
    end = dockerfile.find('\nFROM ', start)
    return dockerfile[start:end if end != -1 else None]


def cifal_results(settings_text):
    """The CIFAL_RESULTS that a rendered settings module assigns, read as Python reads it."""
    tree = ast.parse(settings_text)  # the whole module must be valid Python
    values = [node.value for node in tree.body if isinstance(node, ast.Assign)
              and any(isinstance(target, ast.Name) and target.id == 'CIFAL_RESULTS' for target in node.targets)]
    assert len(values) == 1, 'CIFAL_RESULTS must be assigned exactly once'
    return ast.literal_eval(values[0])


def files_under(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob('*') if path.is_file()}


# ---- what `tutor config save` renders ---------------------------------------------------------------------------

def test_the_plugin_is_installed_and_enabled(operator):
    listing = operator.tutor('plugins', 'list').stdout
    version = (PLUGIN / 'tutorcifal' / '__about__.py').read_text().split('"')[1]
    cifal = [line.split('\t') for line in listing.splitlines() if line.startswith('cifal\t')]
    assert len(cifal) == 1 and 'enabled' in cifal[0][1] and cifal[0][2].strip() == version, listing
    assert 'cifal' in (operator.root / 'config.yml').read_text()


def test_the_image_installs_the_suite_from_the_configured_requirement(operator):
    dockerfile = operator.read('build', 'openedx', 'Dockerfile')
    python_requirements = stage(dockerfile, 'python-requirements')
    assert f'$PIP_COMMAND install {REQUIREMENT}\n' in python_requirements
    assert python_requirements.index('# CIFAL XBlocks') > python_requirements.index('base.txt')  # after the platform's


def test_the_images_python_is_one_the_suite_installs_on(operator):
    """Tutor 21's image had Python 3.11; the suite needs what setup.py says (hence tutor>=22 in the plugin)."""
    image_python = re.search(r'^ARG PYTHON_VERSION=([\d.]+)$', operator.read('build', 'openedx', 'Dockerfile'), re.M)
    required = re.search(r"python_requires='>=(\d+)\.(\d+)'", (REPO / 'setup.py').read_text())
    assert image_python and required
    assert tuple(map(int, image_python[1].split('.')[:2])) >= tuple(map(int, required.groups()))


@pytest.mark.parametrize('service', ['lms', 'cms'])
@pytest.mark.parametrize('variant', ['production', 'development'])
def test_lms_and_studio_get_cifal_results_from_the_config(operator, service, variant):
    settings = operator.read('apps', 'openedx', 'settings', service, f'{variant}.py')
    assert cifal_results(settings) == {'IDENTIFIED_EXPORTS': True, 'MIN_GROUP_SIZE': 8, 'EXPORT_REFLECTIONS': True,
                                       'REPORT_TASK_THRESHOLD': 500}


def test_the_defaults_are_the_apps_own(fresh_operator):
    settings = fresh_operator.read('apps', 'openedx', 'settings', 'lms', 'production.py')
    assert cifal_results(settings) == {'IDENTIFIED_EXPORTS': False, 'MIN_GROUP_SIZE': 5, 'EXPORT_REFLECTIONS': False,
                                       'REPORT_TASK_THRESHOLD': 2000}


def test_the_course_reaches_the_images_build_context_byte_for_byte(operator):
    assert files_under(operator.env('build', 'openedx', 'cifal-course')) == files_under(COURSE)
    production = stage(operator.read('build', 'openedx', 'Dockerfile'), 'production')
    assert f'COPY --chown=app:app ./cifal-course {COURSE_IN_IMAGE}\n' in production


def test_the_installed_plugin_holds_the_course_files_themselves(tutor_venv):
    """The repository links tutorcifal/templates/cifal-course to course_content/course; the wheel has copies."""
    assert (PLUGIN / 'tutorcifal' / 'templates' / 'cifal-course').resolve() == COURSE.resolve()
    installed = list(tutor_venv[0].parent.glob('lib/python*/site-packages/tutorcifal/templates/cifal-course'))
    assert len(installed) == 1 and not installed[0].is_symlink()
    assert files_under(installed[0]) == files_under(COURSE)


def test_course_files_an_older_plugin_shipped_leave_the_build_context(fresh_operator):
    stale = fresh_operator.env('build', 'openedx', 'cifal-course', 'chapter', 'chapter_removed.xml')
    stale.write_text('<chapter/>')
    (stale.parent.parent / 'gone').mkdir()
    fresh_operator.tutor('config', 'save')
    assert not stale.exists() and not (stale.parent.parent / 'gone').exists()
    assert files_under(fresh_operator.env('build', 'openedx', 'cifal-course')) == files_under(COURSE)


def test_without_a_requirement_the_image_build_stops_with_what_to_set(fresh_operator):
    saved = fresh_operator.tutor('config', 'save')
    assert 'set CIFAL_XBLOCKS_REQUIREMENT before building the openedx image' in saved.output
    python_requirements = stage(fresh_operator.read('build', 'openedx', 'Dockerfile'), 'python-requirements')
    run = next(line for line in python_requirements.splitlines() if 'CIFAL_XBLOCKS_REQUIREMENT is still' in line)
    assert run.startswith('RUN echo ') and run.endswith('>&2 && false')
    assert 'cifal-xblocks.git@main' not in python_requirements.replace(run, '')


def test_a_requirement_is_quoted_for_the_shell(fresh_operator):
    fresh_operator.tutor('config', 'save', '--set', 'CIFAL_XBLOCKS_REQUIREMENT=cifal-xblocks>=0.1,<0.2')
    dockerfile = fresh_operator.read('build', 'openedx', 'Dockerfile')
    assert "$PIP_COMMAND install 'cifal-xblocks>=0.1,<0.2'\n" in dockerfile


@pytest.mark.parametrize(('setting', 'value', 'message'), [
    ('CIFAL_MIN_GROUP_SIZE', '0', 'CIFAL_MIN_GROUP_SIZE must be a whole number of at least 1, not 0'),
    ('CIFAL_MIN_GROUP_SIZE', 'five', "CIFAL_MIN_GROUP_SIZE must be a whole number of at least 1, not 'five'"),
    ('CIFAL_IDENTIFIED_EXPORTS', 'sometimes', "CIFAL_IDENTIFIED_EXPORTS must be true or false, not 'sometimes'"),
    ('CIFAL_EXPORT_REFLECTIONS', '1', 'CIFAL_EXPORT_REFLECTIONS must be true or false, not 1'),
    ('CIFAL_REPORT_TASK_THRESHOLD', '-1',
     'CIFAL_REPORT_TASK_THRESHOLD must be a whole number of records (0 or more), not -1'),
])
def test_a_value_the_lms_could_not_load_is_refused_with_what_to_type(fresh_operator, setting, value, message):
    refused = fresh_operator.tutor('config', 'save', '--set', f'{setting}={value}', ok=False)
    assert refused.returncode == 1 and f'Error: {message}' in refused.output
    fresh_operator.tutor('config', 'save', '--unset', setting)  # and the operator can correct it
    assert cifal_results(fresh_operator.read('apps', 'openedx', 'settings', 'lms', 'production.py'))


# ---- the jobs: launch, do init, do importcifalcourse -------------------------------------------------------------

MIGRATE = './manage.py lms migrate cifal_results'


def test_launch_builds_the_openedx_image_then_init_migrates_the_results_store(operator):
    jobs = operator.jobs('local', 'launch', '--non-interactive')
    builds = [call for call in operator.docker_calls() if call[:2] == ['buildx', 'build']]
    assert len(builds) == 1 and builds[0][-1] == str(operator.env('build', 'openedx'))
    migrations = [job for job in jobs if MIGRATE in job.script]
    assert [job.service for job in migrations] == ['lms']
    platform = next(index for index, job in enumerate(jobs) if './manage.py lms migrate\n' in job.script)
    assert jobs.index(migrations[0]) > platform, "after the platform's own migrations"


def test_do_init_limited_to_the_plugin_runs_only_its_migrations(operator):
    jobs = operator.jobs('local', 'do', 'init', '--limit', 'cifal')
    assert [job.service for job in jobs] == ['lms']
    assert MIGRATE in jobs[0].script
    assert 'exit 1' in jobs[0].script  # a failed migration fails the init, with the message that says why


def test_do_lists_importcifalcourse(operator):
    listing = operator.tutor('local', 'do', '--help').stdout
    assert 'importcifalcourse' in listing
    help_text = operator.tutor('local', 'do', 'importcifalcourse', '--help').stdout
    assert COURSE_IN_IMAGE in help_text and '--no-validate' in help_text


@pytest.fixture(scope='module')
def import_script(operator):
    jobs = operator.jobs('local', 'do', 'importcifalcourse')
    assert [job.service for job in jobs] == ['cms'], 'the course is imported in a Studio (cms) job'
    return jobs[0].script


def test_importcifalcourse_imports_the_course_of_the_image_into_studio(import_script):
    assert f'course_dir="{COURSE_IN_IMAGE}"' in import_script
    assert './manage.py cms import ../data "$course_dir"' in import_script
    assert 'cifal-course validate "$course_dir"' in import_script
    assert '{{' not in import_script and '{%' not in import_script  # Tutor rendered it


class Container:
    """Runs a job's script as the cms container would: the course at a path of the test's choosing, the suite's
    virtualenv first on PATH (python with cifal-xblocks, cifal-course), and a manage.py that records its
    arguments."""

    def __init__(self, tmp_path):
        self.platform = tmp_path / 'edx-platform'
        self.platform.mkdir()
        self.manage_log = tmp_path / 'manage.log'
        manage = self.platform / 'manage.py'
        manage.write_text('#!/bin/sh\necho "$@" >> "$MANAGE_LOG"\n')
        manage.chmod(0o755)
        assert (SUITE_BIN / 'cifal-course').exists(), 'the suite must be installed in the test virtualenv'

    def run(self, script, course_dir):
        script = script.replace(f'course_dir="{COURSE_IN_IMAGE}"', f'course_dir="{course_dir}"')
        env = {'PATH': f'{SUITE_BIN}{os.pathsep}/usr/bin{os.pathsep}/bin', 'MANAGE_LOG': str(self.manage_log),
               'HOME': str(self.platform), 'LANG': 'C.UTF-8'}
        result = subprocess.run(['sh', '-e', '-c', script], cwd=self.platform, env=env, capture_output=True,
                                text=True, timeout=300)
        result.output = result.stdout + result.stderr
        return result

    def manage_calls(self):
        return self.manage_log.read_text().splitlines() if self.manage_log.exists() else []


@pytest.fixture
def image_course(operator, tmp_path):
    """The course as the Dockerfile's COPY puts it in the image: the build context's folder."""
    course = tmp_path / 'openedx' / 'cifal-course'
    shutil.copytree(operator.env('build', 'openedx', 'cifal-course'), course)
    return course


def test_the_import_job_validates_the_course_then_imports_it(import_script, image_course, tmp_path):
    container = Container(tmp_path)
    result = container.run(import_script, image_course)
    assert result.returncode == 0, result.output
    assert 'course valid: 0 error(s)' in result.output
    assert 'WARNING' not in result.output  # the plugin and the blocks are the same version here
    assert container.manage_calls() == [f'cms import ../data {image_course}']


def test_a_course_the_blocks_refuse_is_not_imported(import_script, image_course, tmp_path):
    quiz = sorted((image_course / 'cifal_quiz').glob('*.xml'))[0]
    quiz.write_text('<cifal_quiz display_name="Broken">\n  <question id="q1" type="single">\n</cifal_quiz>\n')
    container = Container(tmp_path)
    result = container.run(import_script, image_course)
    assert result.returncode != 0
    assert quiz.name in result.output, result.output
    assert container.manage_calls() == []


def test_no_validate_imports_without_the_check(operator, image_course, tmp_path):
    script = operator.jobs('local', 'do', 'importcifalcourse', '--no-validate')[0].script
    quiz = sorted((image_course / 'cifal_quiz').glob('*.xml'))[0]
    quiz.write_text('<cifal_quiz display_name="Broken">\n')
    container = Container(tmp_path)
    result = container.run(script, image_course)
    assert result.returncode == 0, result.output
    assert container.manage_calls() == [f'cms import ../data {image_course}']


def test_an_image_built_without_the_plugin_says_how_to_rebuild_it(import_script, tmp_path):
    container = Container(tmp_path)
    result = container.run(import_script, tmp_path / 'nowhere')
    assert result.returncode == 1
    assert 'course.xml is missing' in result.output and 'tutor images build openedx' in result.output
    assert container.manage_calls() == []
