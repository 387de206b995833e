"""Packaging for the CIFAL migration XBlocks suite."""
import os
import re

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))

with open(os.path.join(HERE, 'README.md'), encoding='utf-8') as readme:
    LONG_DESCRIPTION = readme.read()


def read_requirements(path):
    """Read the unpinned requirements of a requirements/*.in file (constraints are applied by pip-compile)."""
    requirements = []
    with open(os.path.join(HERE, path), encoding='utf-8') as handle:
        for line in handle:
            line = re.sub(r'\s*#.*$', '', line).strip()
            if line and not line.startswith(('-r', '-c', '-e')):
                requirements.append(line)
    return requirements


def package_data(package, roots):
    """Every file under the given folders of a package (templates, public assets, catalogs)."""
    files = []
    for root in roots:
        for dirname, _, filenames in os.walk(os.path.join(HERE, 'xblocks', package, root)):
            for filename in filenames:
                files.append(os.path.relpath(os.path.join(dirname, filename), os.path.join(HERE, 'xblocks', package)))
    return {package: files}


BLOCK_ASSETS = ('templates', 'public', 'conf', 'translations', 'scenarios')
SHARED_ASSETS = ('blocks/assets', 'blocks/templates')  # what every block's views share (cifal_core.blocks)

setup(
    name='cifal-xblocks',
    version='0.1.0',
    description='Open edX XBlocks for UNITAR CIFAL migration capacity development: quizzes, modules, questionnaires.',
    long_description=LONG_DESCRIPTION,
    long_description_content_type='text/markdown',
    license='AGPL-3.0-only',
    python_requires='>=3.12',
    package_dir={'': 'xblocks'},
    packages=find_packages('xblocks'),
    package_data={
        **package_data('cifal_quiz', BLOCK_ASSETS),
        **package_data('cifal_questionnaire', BLOCK_ASSETS),
        **package_data('cifal_scenario', BLOCK_ASSETS),
        **package_data('cifal_core', SHARED_ASSETS),
        **package_data('cifal_course', ('skeleton_files',)),  # cifal-course new-module
    },
    install_requires=read_requirements('requirements/base.in'),
    entry_points={
        'console_scripts': [
            'cifal-course = cifal_course.cli:main',  # the trainers' command line (README, "For trainers")
        ],
        'xblock.v1': [
            'cifal_quiz = cifal_quiz.block:QuizBlock',
            'cifal_questionnaire = cifal_questionnaire.block:QuestionnaireBlock',
            'cifal_scenario = cifal_scenario.block:ScenarioBlock',
        ],
        # edx-django-utils plugin apps: the LMS and Studio add them to INSTALLED_APPS and apply their settings.
        'lms.djangoapp': [
            'cifal_results = cifal_results.apps:CifalResultsConfig',
        ],
        'cms.djangoapp': [
            'cifal_results = cifal_results.apps:CifalResultsConfig',
        ],
        # Each block's reports, found by the results store's registry (cifal_results.reports.registry).
        'cifal_results.reports': [
            'cifal_quiz = cifal_quiz.reports',
            'cifal_questionnaire = cifal_questionnaire.reports',
            'cifal_scenario = cifal_scenario.reports',
        ],
    },
    classifiers=[
        'Framework :: Django',
        'Framework :: Django :: 5.2',
        'Programming Language :: Python :: 3.12',
    ],
)
