"""
``cifal-course``, the trainers' command line (a console script of the distribution)::

    cifal-course validate PATH [--format json] [--verbose]   a course folder, a module, a manifest or an archive
    cifal-course build PATH -o course.tar.gz                  Studio's import archive (validated first)
    cifal-course assemble MANIFEST -o DIR                     a course from modules, then validated
    cifal-course new-module ID --theme THEME                  a module skeleton that validates
    cifal-course import-gift FILE -o quiz.xml                 a Moodle GIFT bank as cifal_quiz OLX
    cifal-course preview PATH                                 the course's units in the workbench

Exit status 0 when all went well, 1 when the input has errors (every one is listed with its file and line) or
the request cannot be carried out (the message says why), 2 for a wrong command line.
"""
import argparse
import sys
import tempfile
from pathlib import Path

from cifal_course.findings import CourseToolError

DEFAULT_MODULES = Path('course_content/modules')


def main(argv=None):
    parser = _parser()
    arguments = parser.parse_args(argv)
    try:
        return arguments.run(arguments)
    except CourseToolError as error:
        print(f'cifal-course {arguments.command}: {error}', file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print('cifal-course: interrupted', file=sys.stderr)
        return 130


def _parser():
    parser = argparse.ArgumentParser(prog='cifal-course', description='Validate, build and assemble CIFAL courses '
                                     'made with the cifal_quiz, cifal_questionnaire and cifal_scenario blocks.')
    commands = parser.add_subparsers(dest='command', required=True, metavar='COMMAND')

    validate = commands.add_parser('validate', help='check a course folder, a module, a course manifest or an '
                                   'import archive as Studio would')
    validate.add_argument('path', type=Path)
    validate.add_argument('--format', choices=('text', 'json'), default='text')
    validate.add_argument('--verbose', action='store_true', help='also list olxcleaner findings left out, and why')
    validate.set_defaults(run=_validate)

    build = commands.add_parser('build', help='the Studio import archive of a course folder or manifest')
    build.add_argument('path', type=Path, help='a course folder, or a course manifest to assemble first')
    build.add_argument('-o', '--output', type=Path, required=True, help='the .tar.gz to write')
    build.add_argument('--modules', type=Path, help='the modules folder (for a manifest)')
    build.add_argument('--quiet', action='store_true')
    build.set_defaults(run=_build)

    assemble = commands.add_parser('assemble', help='a course folder from a course manifest and its modules')
    assemble.add_argument('manifest', type=Path)
    assemble.add_argument('-o', '--output', type=Path, required=True, help='the course folder to write')
    assemble.add_argument('--modules', type=Path, help='the modules folder (default: the manifest\'s '
                          '"modules_folder", else the nearest modules/ above it)')
    assemble.add_argument('--force', action='store_true', help='replace the output folder if it exists')
    assemble.add_argument('--quiet', action='store_true')
    assemble.add_argument('--format', choices=('text', 'json'), default='text')
    assemble.set_defaults(run=_assemble)

    new = commands.add_parser('new-module', help='a skeleton module that validates, to fill in')
    new.add_argument('id', help='the module id: lowercase letters, digits and hyphens (e.g. arrivals-my-town)')
    new.add_argument('--theme', required=True, choices=('welcome', 'cohesion', 'transit', 'origin', 'tools',
                                                        'closing'))
    new.add_argument('--title', help='the unit title (default: from the id)')
    new.add_argument('--language', default='en', choices=('en', 'fr', 'es'))
    new.add_argument('--modules', type=Path, default=DEFAULT_MODULES, help=f'where to create it (default '
                     f'{DEFAULT_MODULES})')
    new.set_defaults(run=_new_module)

    gift = commands.add_parser('import-gift', help='a Moodle GIFT question bank as cifal_quiz OLX')
    gift.add_argument('file', type=Path)
    gift.add_argument('-o', '--output', type=Path, help='the quiz OLX file to write (default: standard output)')
    gift.add_argument('--display-name', help='the quiz title (default: from the file name)')
    gift.set_defaults(run=_import_gift)

    preview = commands.add_parser('preview', help='open the course\'s units in the workbench (make serve)')
    preview.add_argument('path', type=Path, help='a course folder, a module or a course manifest')
    preview.add_argument('--port', type=int, default=8000)
    preview.add_argument('--list', action='store_true', help='only list the units the workbench would show')
    preview.set_defaults(run=_preview)
    return parser


def _validate(arguments):
    from cifal_course.validate import validate_path
    report = validate_path(arguments.path, verbose=arguments.verbose)
    print(report.as_json() if arguments.format == 'json' else report.as_text())
    return 0 if report.ok else 1


def _build(arguments):
    from cifal_course.archive import build_archive
    from cifal_course.validate import validate_path
    path = arguments.path
    with tempfile.TemporaryDirectory(prefix='cifal-build-') as temporary:
        if path.is_file() and path.suffix == '.toml':
            from cifal_course.assemble import assemble
            path, report = assemble(path, Path(temporary) / 'course', arguments.modules, quiet=arguments.quiet)
        else:
            report = validate_path(path)
        if not report.ok:
            print(report.as_text(), file=sys.stderr)
            print(f'cifal-course build: {arguments.path} has errors: no archive written', file=sys.stderr)
            return 1
        count = build_archive(path, arguments.output)
    if report.warnings and not arguments.quiet:
        print('\n'.join(str(finding) for finding in report.warnings), file=sys.stderr)
    print(f'{arguments.output}: {count} files, {arguments.output.stat().st_size:,} bytes '
          f'({len(report.warnings)} warning(s))')
    return 0


def _assemble(arguments):
    from cifal_course.assemble import assemble
    output, report = assemble(arguments.manifest, arguments.output, arguments.modules, arguments.force,
                              arguments.quiet)
    print(report.as_json() if arguments.format == 'json' else report.as_text())
    return 0 if report.ok else 1


def _new_module(arguments):
    from cifal_course.skeleton import new_module
    folder = new_module(arguments.modules, arguments.id, arguments.theme, arguments.title, arguments.language)
    print(f'{folder}: created; fill in the files, then run: cifal-course validate {folder}')
    return 0


def _import_gift(arguments):
    from cifal_course.gift import convert_gift_file
    result = convert_gift_file(arguments.file, arguments.display_name)
    if arguments.output:
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(result.olx, encoding='utf-8')
    else:
        sys.stdout.write(result.olx)
    for line in result.report_lines():
        print(line, file=sys.stderr)
    return 0 if not result.skipped and result.valid else 1


def _preview(arguments):
    from cifal_course.preview import run_preview
    return run_preview(arguments.path, arguments.port, arguments.list)


if __name__ == '__main__':  # pragma: no cover
    sys.exit(main())
