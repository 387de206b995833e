"""
``cifal_export``: evaluators' reports from the results store, as CSV, XLSX or JSON.

In the LMS: ``./manage.py lms cifal_export --report item-analysis --course course-v1:UNITAR+X+2025 --format xlsx
--output items.xlsx``. In the workbench: ``DJANGO_SETTINGS_MODULE=cifal_workbench.settings python -m django
cifal_export ...``. The export is written to a temporary file next to the target (or a spool file for stdout)
and moved into place only when complete, so an export that fails half-way leaves no half file behind and writes
nothing to stdout. When standard error is a terminal, a progress bar (tqdm) counts the stored records read against
the records the report will read; ``--quiet`` leaves it and the closing line out (warnings and errors still show).
"""
import io
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager, nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cifal_core.exports import FORMATS
from cifal_results.reports import (
    ReportError,
    build_report,
    ensure_submissions,
    metered,
    records_to_read,
    reports,
    write_report,
)
from cifal_results.reports.source import ATTEMPTS


class Command(BaseCommand):
    help = 'Export a results report (responses, item-analysis, knowledge-gain...) as CSV, XLSX or JSON.'

    def add_arguments(self, parser):
        parser.add_argument('--report', required=True, help=f'one of: {", ".join(reports())}')
        parser.add_argument('--format', default='csv', help=f'one of: {", ".join(FORMATS)} (default csv)')
        parser.add_argument('--output', help='file to write (default: standard output)')
        parser.add_argument('--table', help="CSV holds one table: which one (default: the report's first)")
        parser.add_argument('--course', help='course key')
        parser.add_argument('--block', help='usage key of one quiz')
        parser.add_argument('--pair', help='pre/post pair key')
        parser.add_argument('--attempts', help=f'{" or ".join(ATTEMPTS)} (default: all for responses, kept for '
                                               'the statistics)')
        parser.add_argument('--identified', action='store_true',
                            help='add username, name and e-mail (needs CIFAL_RESULTS["IDENTIFIED_EXPORTS"])')
        parser.add_argument('--no-bom', action='store_true', help='CSV without the UTF-8 byte order mark')
        parser.add_argument('--quiet', action='store_true',
                            help='no progress bar and no closing line (warnings and errors are still written)')

    def handle(self, *args, **options):
        fmt = options['format']
        if fmt not in FORMATS:
            raise CommandError(f'unknown format {fmt!r}: choose one of {", ".join(FORMATS)}')
        filters = {name: options[name] for name in ('course', 'block', 'pair')}
        try:
            report = build_report(options['report'], attempts=options['attempts'],
                                  identified=options['identified'], **filters)
            if options['table'] is not None:
                if fmt != 'csv':
                    raise ReportError(f'--table applies to CSV only: {fmt} holds every table of the report')
                report.table(options['table'])
            ensure_submissions(options['report'], **filters)
        except ReportError as error:
            raise CommandError(str(error)) from None
        except KeyError as error:
            raise CommandError(error.args[0]) from None
        output = options['output']
        with self._progress(options, filters):
            if output:
                self._to_file(report, fmt, options, Path(output))
            else:
                self._to_stdout(report, fmt, options)
        if output and not options['quiet']:
            self.stderr.write(f'Wrote the {report.name} report ({fmt}) to {output}')

    def _progress(self, options, filters):
        """A progress bar on a terminal's standard error (never in a pipe or a log, nor with --quiet)."""
        stream = getattr(self.stderr, '_out', sys.stderr)
        if options['quiet'] or not getattr(stream, 'isatty', lambda: False)():
            return nullcontext()
        return _bar(records_to_read(options['report'], **filters), stream)

    def _write(self, report, fmt, options, stream):
        try:
            problems = write_report(report, fmt, stream, table=options['table'], bom=not options['no_bom'])
        except ReportError as error:
            raise CommandError(str(error)) from None
        if problems:
            self.stderr.write(f'Warning: {problems.count} stored row(s) could not be written as they are; '
                              'the rest of the report is complete:')
            for message in problems.summary():
                self.stderr.write(f'  {message}')

    def _to_file(self, report, fmt, options, target: Path):
        directory = target.parent if str(target.parent) else Path('.')
        if not directory.is_dir():
            raise CommandError(f'cannot write {target}: {directory} is not a directory')
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f'.{target.name}.', suffix='.part')
        try:
            with os.fdopen(handle, 'wb') as stream:
                self._write(report, fmt, options, stream)
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual mode
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _to_stdout(self, report, fmt, options):
        out = getattr(self.stdout, '_out', sys.stdout)
        if fmt == 'xlsx' and getattr(out, 'isatty', lambda: False)():
            raise CommandError('XLSX is binary: use --output FILE, or redirect standard output to a file or pipe')
        with tempfile.TemporaryFile() as spool:
            self._write(report, fmt, options, spool)
            spool.seek(0)
            binary = getattr(out, 'buffer', None)
            if binary is not None or (not hasattr(out, 'encoding') and _accepts_bytes(out)):
                shutil.copyfileobj(spool, binary if binary is not None else out)
            elif fmt == 'xlsx':
                raise CommandError('XLSX is binary: standard output here accepts only text; use --output FILE')
            else:
                shutil.copyfileobj(io.TextIOWrapper(spool, encoding='utf-8', newline=''), out)
            out.flush()


@contextmanager
def _bar(total: int, stream):
    with tqdm(total=total, unit=' records', file=stream, desc='Reading the results store', dynamic_ncols=True) as bar, \
            metered(bar.update):
        yield


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _accepts_bytes(stream) -> bool:
    try:
        stream.write(b'')
    except TypeError:
        return False
    return True
