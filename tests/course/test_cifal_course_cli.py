"""
``cifal-course`` as a trainer uses it: the shipped course and every module validate (olxcleaner included), the
course in the repository is what its manifest assembles, the import archive is what Studio expects, broken copies
are refused with the file, line and reason, the workshop assembles from the same modules, a new module validates,
and mistakes on the command line get a clear message and exit status 1, never a traceback.
"""
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

from cifal_course.cli import main
from tests.course import COURSE_MANIFEST, MODULES, ROOT, SHIPPED_COURSE, WORKSHOP_MANIFEST


def run(capsys, *arguments):
    status = main([str(argument) for argument in arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def findings(capsys, path):
    status, out, _ = run(capsys, 'validate', path, '--format', 'json')
    return status, json.loads(out)


def test_the_shipped_course_validates_with_nothing_to_fix(capsys):
    status, report = findings(capsys, SHIPPED_COURSE)
    assert status == 0 and report['valid'] and report['findings'] == []
    assert report['counts'] == {'chapter': 7, 'sequential': 16, 'vertical': 16, 'html': 13, 'cifal_quiz': 11,
                                'cifal_questionnaire': 1, 'cifal_scenario': 10}


@pytest.mark.parametrize('module', sorted(path.name for path in MODULES.iterdir()))
def test_every_module_validates(capsys, module):
    status, report = findings(capsys, MODULES / module)
    assert status == 0, [finding for finding in report['findings']]
    assert report['warnings'] == 0, report['findings']


def test_the_course_in_the_repository_is_what_its_manifest_assembles(capsys, tmp_path):
    status, out, _ = run(capsys, 'assemble', COURSE_MANIFEST, '-o', tmp_path / 'course')
    assert status == 0, out
    built = {path.relative_to(tmp_path / 'course'): path.read_bytes()
             for path in (tmp_path / 'course').rglob('*') if path.is_file()}
    shipped = {path.relative_to(SHIPPED_COURSE): path.read_bytes() for path in SHIPPED_COURSE.rglob('*')
               if path.is_file()}
    stale = sorted(str(path) for path in built.keys() | shipped.keys() if built.get(path) != shipped.get(path))
    assert stale == [], ('course_content/course is out of date: run cifal-course assemble '
                         'course_content/courses/local-actors/course.toml -o course_content/course --force')


def test_the_pre_test_and_post_test_are_parallel_and_sized_for_a_course():
    from cifal_core.quiz.parse import parse_quiz_string
    pre = parse_quiz_string((SHIPPED_COURSE / 'cifal_quiz' / 'pre_test_quiz.xml').read_bytes())
    post = parse_quiz_string((SHIPPED_COURSE / 'cifal_quiz' / 'post_test_quiz.xml').read_bytes())
    assert 12 <= len(pre.content.questions) == len(post.content.questions) <= 15
    assert pre.settings['pair'] == post.settings['pair'] == 'cifal-local-actors'
    assert pre.settings['max_attempts'] == post.settings['max_attempts'] == 1
    assert pre.settings['show_answers'] == 'never' and post.settings['shuffle_questions'] is True
    pre_prompts = {question.prompt_html for question in pre.content.questions}
    assert not pre_prompts & {question.prompt_html for question in post.content.questions}


def test_the_grading_policy_counts_knowledge_checks_and_the_post_test_not_the_pre_test():
    grading = json.loads((SHIPPED_COURSE / 'policies' / '2027' / 'grading_policy.json').read_text())
    assert {entry['type']: (entry['weight'], entry['min_count']) for entry in grading['GRADER']} == {
        'Knowledge check': (0.5, 9), 'Post-test': (0.5, 1)}
    assert grading['GRADE_CUTOFFS'] == {'Pass': 0.6}
    assert 'graded' not in (SHIPPED_COURSE / 'sequential' / 'pre_test_subsection.xml').read_text()
    assert 'format="Post-test"' in (SHIPPED_COURSE / 'sequential' / 'post_test_subsection.xml').read_text()


def test_build_writes_the_archive_studio_imports_and_the_same_bytes_each_time(capsys, tmp_path):
    status, out, _ = run(capsys, 'build', SHIPPED_COURSE, '-o', tmp_path / 'a.tar.gz')
    assert status == 0 and 'a.tar.gz' in out
    assert run(capsys, 'build', COURSE_MANIFEST, '-o', tmp_path / 'b.tar.gz', '--quiet')[0] == 0
    assert (tmp_path / 'a.tar.gz').read_bytes() == (tmp_path / 'b.tar.gz').read_bytes()
    with tarfile.open(tmp_path / 'a.tar.gz') as archive:
        names = archive.getnames()
        course = archive.extractfile('course/course.xml').read().decode()
        vertical = archive.extractfile('course/vertical/transit_riverton.xml').read().decode()
    assert names[0] == 'course' and all(name.startswith('course/') for name in names[1:])
    assert {'course/course.xml', 'course/course/2027.xml', 'course/policies/2027/policy.json',
            'course/policies/2027/grading_policy.json', 'course/about/overview.html',
            'course/static/course_image.png', 'course/cifal_quiz/pre_test_quiz.xml'} <= set(names)
    assert 'url_name="2027"' in course and 'org="UNITAR"' in course
    assert '<cifal_scenario url_name="transit_riverton_case"/>' in vertical  # pointers, as Studio exports
    assert findings(capsys, tmp_path / 'a.tar.gz')[1]['valid']


def test_the_french_workshop_assembles_from_the_same_modules(capsys, tmp_path):
    status, out, _ = run(capsys, 'assemble', WORKSHOP_MANIFEST, '-o', tmp_path / 'workshop')
    assert status == 0, out
    pre = (tmp_path / 'workshop' / 'cifal_quiz' / 'pre_test_fr_quiz.xml').read_text()
    assert 'pair="cifal-transit-fr"' in pre and pre.count('<question ') == 2
    assert 'pre_transit_riverton_fr_1' in pre and 'tool_debrief' not in pre  # only the workshop's objectives
    assert 'language="fr"' in (tmp_path / 'workshop' / 'course' / '2027-fr.xml').read_text()


@pytest.fixture
def broken(tmp_path):
    """A copy of the shipped course to break."""
    copy = tmp_path / 'course'
    shutil.copytree(SHIPPED_COURSE, copy)
    return copy


def only_error(capsys, path):
    status, report = findings(capsys, path)
    errors = [finding for finding in report['findings'] if finding['severity'] == 'error']
    assert status == 1 and not report['valid'] and errors, report
    return errors


def test_a_missing_file_is_named_at_the_line_that_points_to_it(capsys, broken):
    (broken / 'cifal_quiz' / 'transit_riverton_check.xml').unlink()
    errors = only_error(capsys, broken)
    assert errors[0]['path'] == 'vertical/transit_riverton.xml' and errors[0]['line'] == 4
    assert 'cifal_quiz/transit_riverton_check.xml, which does not exist' in errors[0]['message']


def test_a_duplicate_url_name_is_refused(capsys, broken):
    vertical = broken / 'vertical' / 'origin_nurses.xml'
    vertical.write_text(vertical.read_text().replace('origin_nurses_check', 'transit_riverton_check'))
    errors = [error for error in only_error(capsys, broken) if error['check'] == 'url_name']
    assert errors and "'transit_riverton_check' is used twice" in errors[0]['message']


def test_a_broken_pair_is_refused(capsys, broken):
    post = broken / 'cifal_quiz' / 'post_test_quiz.xml'
    post.write_text(post.read_text().replace('pair="cifal-local-actors"', 'pair="another-pair"'))
    messages = [error['message'] for error in only_error(capsys, broken) if error['check'] == 'pair']
    assert any("pre-test 'pre_test_quiz' (pair 'cifal-local-actors') has no post-test" in text for text in messages)


def test_a_pre_test_item_reused_in_the_post_test_is_refused_at_its_line(capsys, broken):
    pre = (broken / 'cifal_quiz' / 'pre_test_quiz.xml').read_text()
    first = pre[pre.index('<question '):pre.index('</question>') + len('</question>')]
    post = broken / 'cifal_quiz' / 'post_test_quiz.xml'
    text = post.read_text()
    post.write_text(text.replace('</cifal_quiz>', first.replace('id="pre_', 'id="copy_') + '\n</cifal_quiz>'))
    (error,) = [error for error in only_error(capsys, broken) if error['check'] == 'pair']
    assert error['path'] == 'cifal_quiz/post_test_quiz.xml'
    assert error['line'] == text.count('\n')  # the line </cifal_quiz> was on
    assert 'repeats pre-test question' in error['message']


def test_a_malformed_block_gets_the_blocks_own_message_with_its_line(capsys, broken):
    quiz = broken / 'cifal_quiz' / 'transit_riverton_check.xml'
    lines = quiz.read_text().splitlines()
    number = next(index for index, line in enumerate(lines) if '<choice id="b"' in line)
    lines[number] = lines[number].replace('<choice id="b"', '<choice id="b" correct="true"', 1)
    quiz.write_text('\n'.join(lines) + '\n')
    (error,) = only_error(capsys, broken)
    assert error['path'] == 'cifal_quiz/transit_riverton_check.xml' and error['check'] == 'block'
    assert 'exactly one correct choice' in error['message'] and error['line'] <= number + 1


def test_a_broken_scenario_graph_and_bad_xml_are_located(capsys, broken):
    case = broken / 'cifal_scenario' / 'transit_riverton_case.xml'
    case.write_text(case.read_text().replace('target="', 'target="nowhere_', 1))
    scenario_errors = only_error(capsys, broken)
    assert scenario_errors[0]['path'] == 'cifal_scenario/transit_riverton_case.xml' and scenario_errors[0]['line']
    (broken / 'chapter' / 'chapter_transit.xml').write_text('<chapter display_name="x">\n  <sequential url_name=')
    errors = only_error(capsys, broken)
    assert any(error['path'] == 'chapter/chapter_transit.xml' and 'XML syntax error' in error['message']
               for error in errors)


def test_a_missing_static_file_is_refused(capsys, broken):
    text = broken / 'html' / 'welcome_text.html'
    text.write_text(text.read_text() + '\n<p><img src="/static/images/map.png" alt="A map"/></p>\n')
    (error,) = [error for error in only_error(capsys, broken) if error['check'] == 'static']
    assert error['path'] == 'html/welcome_text.html' and '/static/images/map.png' in error['message']


def test_olxcleaner_findings_are_reported(capsys, broken):
    course = broken / 'course' / '2027.xml'
    course.write_text(course.read_text().replace(' start="2027-01-15T00:00:00Z"', ''))
    messages = [error['message'] for error in only_error(capsys, broken) if error['check'] == 'olxcleaner']
    assert any("required setting 'start'" in text for text in messages)


def test_a_new_module_validates_and_joins_a_course(capsys, tmp_path):
    modules = tmp_path / 'modules'
    shutil.copytree(MODULES, modules)
    status, out, _ = run(capsys, 'new-module', 'arrivals-my-town', '--theme', 'transit', '--modules', modules,
                         '--title', 'Arrivals in "My town"')
    assert status == 0 and 'created' in out
    assert findings(capsys, modules / 'arrivals-my-town')[1]['findings'] == []
    manifest = tmp_path / 'course.toml'
    manifest.write_text(COURSE_MANIFEST.read_text().replace('modules = ["transit-riverton"',
                                                            'modules = ["arrivals-my-town", "transit-riverton"')
                        .replace('"static/course_image.png"', f'"{COURSE_MANIFEST.parent}/static/course_image.png"')
                        .replace('about = "about"', f'about = "{COURSE_MANIFEST.parent}/about"'))
    status, out, _ = run(capsys, 'assemble', manifest, '-o', tmp_path / 'course', '--modules', modules)
    assert status == 0, out
    assert 'pre_arrivals_my_town_1' in (tmp_path / 'course' / 'cifal_quiz' / 'pre_test_quiz.xml').read_text()
    status, _, err = run(capsys, 'new-module', 'arrivals-my-town', '--theme', 'transit', '--modules', modules)
    assert status == 1 and 'already exists' in err


@pytest.mark.parametrize('arguments, message', [
    (['validate', 'no/such/folder'], 'no/such/folder: no such file or folder'),
    (['validate', '.ci'], 'neither a course folder'),
    (['new-module', 'Bad_Id', '--theme', 'transit'], 'a module id is lowercase letters'),
    (['assemble', 'no-such.toml', '-o', 'out'], 'no-such.toml: no such file'),
])
def test_mistakes_get_a_clear_message_and_status_1(capsys, arguments, message):
    status, _, err = run(capsys, *arguments)
    assert status == 1 and message in err and 'Traceback' not in err


def test_a_bad_manifest_and_an_unknown_module_are_located(capsys, tmp_path):
    manifest = tmp_path / 'course.toml'
    manifest.write_text('title = "A"\norg = "UNITAR"\nnumber = "X"\nrun = "1"\npair = "p"\n[[chapters]]\n'
                        'title = "One"\nmodules = ["welcome", "no-such-module"]\n')
    status, _, err = run(capsys, 'assemble', manifest, '-o', tmp_path / 'out', '--modules', MODULES)
    assert status == 1 and "module 'no-such-module' does not exist" in err and 'transit-riverton' in err
    assert not (tmp_path / 'out').exists()  # nothing half-written
    manifest.write_text('title = "A"\norg = \n')
    status, _, err = run(capsys, 'assemble', manifest, '-o', tmp_path / 'out')
    assert status == 1 and f'{manifest}:2: not valid TOML' in err
    manifest.write_text('title = "A"\norg = "UNITAR"\nnumber = "X"\nrun = "1"\npair = "p"\nlanguage = "de"\n')
    status, _, err = run(capsys, 'assemble', manifest, '-o', tmp_path / 'out')
    assert status == 1 and f'{manifest}:6: error: "language" is \'de\'' in err and 'a course needs [[chapters]]' in err


def test_assemble_refuses_to_overwrite_a_folder_without_force(capsys, tmp_path):
    (tmp_path / 'out').mkdir()
    (tmp_path / 'out' / 'notes.txt').write_text('mine')
    status, _, err = run(capsys, 'assemble', WORKSHOP_MANIFEST, '-o', tmp_path / 'out')
    assert status == 1 and 'use --force' in err and (tmp_path / 'out' / 'notes.txt').exists()


def test_preview_lists_the_units_the_workbench_shows(capsys):
    status, out, _ = run(capsys, 'preview', SHIPPED_COURSE, '--list')
    lines = out.splitlines()
    assert status == 0 and len(lines) == 16
    assert lines[4] == ('Migration and local governance: a course for local actors / Services for people in transit '
                        'and arriving / Transit arrivals: the Riverton case')


def test_the_console_script_is_installed():
    script = Path(sys.executable).with_name('cifal-course')
    result = subprocess.run([str(script), 'validate', str(MODULES / 'welcome')], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and 'module valid' in result.stdout


README_TOML = re.findall(r'```toml\n(.*?)```', (ROOT / 'README.md').read_text(encoding='utf-8'), re.DOTALL)


def test_the_readme_workshop_manifest_assembles_as_written(capsys, tmp_path):
    (workshop,) = [block for block in README_TOML if block.startswith('title = ')]
    courses = tmp_path / 'courses'
    shutil.copytree(COURSE_MANIFEST.parents[1], courses)
    (courses / 'readme').mkdir()
    shutil.copytree(courses / 'transit-workshop-fr' / 'about', courses / 'readme' / 'about')
    (courses / 'readme' / 'course.toml').write_text(workshop, encoding='utf-8')
    status, out, _ = run(capsys, 'assemble', courses / 'readme' / 'course.toml', '-o', tmp_path / 'out',
                         '--modules', MODULES)
    assert status == 0, out


def test_the_readme_module_manifest_is_the_riverton_module_s():
    (module,) = [block for block in README_TOML if block.startswith('# module.toml')]
    shown = tomllib.loads(module)
    real = tomllib.loads((MODULES / 'transit-riverton' / 'module.toml').read_text(encoding='utf-8'))
    assert {key: real[key] for key in ('id', 'title', 'theme', 'kind', 'language', 'units')} == {
        key: shown[key] for key in ('id', 'title', 'theme', 'kind', 'language', 'units')}
    assert shown['objectives'][0] in real['objectives']


def test_olxcleaner_false_positives_are_left_out_with_the_reason(capsys, broken):
    course = broken / 'course' / '2027.xml'
    course.write_text(course.read_text().replace(' end="2027-12-31T23:59:00Z"', ''))
    status, report = findings(capsys, broken)
    assert status == 0 and report['counts']['olxcleaner findings left out'] == 1
    status, out, _ = run(capsys, 'validate', broken, '--verbose')
    assert status == 0 and 'olxcleaner InvalidSetting left out: the course has no end date' in out


def test_a_course_without_tests_needs_no_pool_in_its_language(capsys, tmp_path):
    """A Spanish reading course of English units (no pre-test or post-test) assembles: pools fill only tests."""
    manifest = tmp_path / 'course.toml'
    manifest.write_text('title = "Lecturas"\norg = "UNITAR"\nnumber = "L"\nrun = "1"\nlanguage = "es"\npair = "p"\n'
                        'start = "2027-01-01T00:00:00Z"\nend = "2027-12-31T00:00:00Z"\n'
                        f'image = "{COURSE_MANIFEST.parent}/static/course_image.png"\n'
                        '[[chapters]]\ntitle = "Uno"\nmodules = ["welcome-es", "transit-riverton-fr"]\n')
    status, out, _ = run(capsys, 'assemble', manifest, '-o', tmp_path / 'out', '--modules', MODULES)
    assert status == 0, out
    manifest.write_text(manifest.read_text().replace('"welcome-es"', '"welcome-es", "pre-test-es"'))
    status, _, err = run(capsys, 'assemble', manifest, '-o', tmp_path / 'out2', '--modules', MODULES)
    assert status == 1 and "module 'transit-riverton-fr' has no pool in the course language 'es'" in err


def test_a_grading_policy_that_counts_what_the_course_lacks_is_refused(capsys, tmp_path):
    manifest = tmp_path / 'course.toml'
    manifest.write_text(WORKSHOP_MANIFEST.read_text(encoding='utf-8').replace('"post-test-fr", ', '')
                        .replace('image = "../', f'image = "{WORKSHOP_MANIFEST.parent}/../')
                        .replace('about = "about"', f'about = "{WORKSHOP_MANIFEST.parent}/about"')
                        + '[grading]\n[[grading.assignments]]\ntype = "Knowledge check"\nshort_label = "KC"\n'
                          'weight = 0.5\n[[grading.assignments]]\ntype = "Post-test"\nshort_label = "P"\n'
                          'weight = 0.5\n', encoding='utf-8')
    status, _, err = run(capsys, 'assemble', manifest, '-o', tmp_path / 'out', '--modules', MODULES)
    assert status == 1 and "[grading] counts 'Post-test', but no module of the course is graded as that" in err
    assert not (tmp_path / 'out').exists()


def test_right_answers_always_in_the_same_place_are_pointed_out(capsys, broken):
    """The pool's authors put most right answers first; with its choices shown as written, the pre-test would
    reward "always the first one" (a trial learner scored 84 % that way)."""
    pre = broken / 'cifal_quiz' / 'pre_test_quiz.xml'
    pre.write_text(pre.read_text().replace(' shuffle_choices="true"', '', 1))
    status, report = findings(capsys, broken)
    (warning,) = [finding for finding in report['findings'] if finding['check'] == 'answers']
    assert status == 0 and warning['severity'] == 'warning' and warning['path'] == 'cifal_quiz/pre_test_quiz.xml'
    assert "in quiz 'pre_test_quiz', the right answer is choice 1 in" in warning['message']


def test_force_never_replaces_a_good_course_with_a_broken_one_nor_deletes_the_sources(capsys, tmp_path):
    modules = tmp_path / 'modules'
    shutil.copytree(MODULES, modules)
    manifest = tmp_path / 'course.toml'
    manifest.write_text(WORKSHOP_MANIFEST.read_text(encoding='utf-8')
                        .replace('image = "../', f'image = "{WORKSHOP_MANIFEST.parent}/../')
                        .replace('about = "about"', f'about = "{WORKSHOP_MANIFEST.parent}/about"'), encoding='utf-8')
    assert run(capsys, 'assemble', manifest, '-o', tmp_path / 'out', '--modules', modules)[0] == 0
    good = (tmp_path / 'out' / 'course.xml').read_text()
    (modules / 'transit-riverton-fr' / 'cifal_quiz' / 'transit_riverton_fr_check.xml').unlink()  # a unit's quiz
    status, out, _ = run(capsys, 'assemble', manifest, '-o', tmp_path / 'out', '--modules', modules, '--force')
    assert status == 1 and 'was not written (left as it was)' in out
    assert (tmp_path / 'out' / 'course.xml').read_text() == good
    status, _, err = run(capsys, 'assemble', manifest, '-o', tmp_path, '--modules', modules, '--force')
    assert status == 1 and 'which the course is made from' in err and manifest.exists()


def test_a_pointer_out_of_the_course_or_into_itself_is_refused(capsys, broken):
    chapter = broken / 'chapter' / 'chapter_transit.xml'
    chapter.write_text('<chapter display_name="T">\n  <sequential url_name="..:..:..:etc:passwd"/>\n'
                       '  <sequential url_name="transit_riverton_subsection"/>\n</chapter>\n')
    sequential = broken / 'sequential' / 'transit_riverton_subsection.xml'
    sequential.write_text(sequential.read_text().replace('</sequential>',
                                                         '<sequential url_name="transit_riverton_subsection"/>'
                                                         '</sequential>'))
    messages = [(error['path'], error['message']) for error in only_error(capsys, broken)]
    assert ('chapter/chapter_transit.xml', '<sequential url_name="..:..:..:etc:passwd"> points outside the course '
            'folder') in messages
    assert any('including itself' in message for _, message in messages)
