"""Report names -> builders, found per kind of block, and the calls every caller needs: ``build_report``,
``write_report``.

Each block package registers its reports under the ``cifal_results.reports`` entry point group (the quiz's are in
``cifal_quiz.reports``): a module with ``REPORTS``, a tuple of ``ReportSpec``. A report's name, tables and columns
are a contract with evaluators' scripts (ADR 5): add columns at the end or add tables, never rename. Building a
report reads nothing (its rows are read when written), so a caller can check its arguments and open the output
before any work is done. Identified exports need both the operator's setting and the caller's explicit request;
whether the asking user may see identities (staff) is the caller's decision.
"""
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points

from cifal_core.exports import FORMATS, Report, write_csv, write_json, write_xlsx
from cifal_results.conf import results_setting
from cifal_results.reports.source import (
    ATTEMPTS,
    Filters,
    count_anonymous,
    count_submissions,
    has_submissions,
)

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = 'cifal_results.reports'


@dataclass(frozen=True)
class ReportSpec:
    """A report of one kind of submission: ``build(course=, block=, pair=, attempts=, identified=)`` -> Report.
    ``count(course=, block=, pair=)``: how many stored records writing it reads (for its progress), when that is
    not simply the kind's records under the same filters (a pre-test's knowledge gain also reads its post-test)."""

    name: str
    kind: str
    build: Callable[..., Report]
    description: str = ''
    count: Callable[..., int] | None = None


class ReportError(ValueError):
    """A request for a report that cannot be served; the message is meant for the person who asked."""


class UnknownReport(ReportError):
    pass


class UnknownFormat(ReportError):
    pass


class NoSubmissions(ReportError):
    pass


class IdentifiedExportsDisabled(ReportError):
    pass


@functools.cache
def reports() -> dict[str, ReportSpec]:
    """Every registered report by name, in the order the blocks declare them."""
    found = {}
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda entry: entry.name):
        for spec in entry.load().REPORTS:
            if spec.name in found:
                raise RuntimeError(f'two blocks register a report named {spec.name!r}')
            found[spec.name] = spec
    return found


def report_kind(name: str) -> str:
    return _spec(name).kind


def _spec(name: str) -> ReportSpec:
    spec = reports().get(name)
    if spec is None:
        raise UnknownReport(f'unknown report {name!r}: choose one of {", ".join(reports())}')
    return spec


def build_report(name: str, *, course: str | None = None, block: str | None = None, pair: str | None = None,
                 attempts: str | None = None, identified: bool = False) -> Report:
    """The report ``name`` over the submissions of ``course``/``block``/``pair`` (None: no restriction).
    ``attempts``: 'kept' (one per learner, as the block's rule keeps it) or 'all'; None = the report's default.
    ``identified`` adds username, name and email where the report has learners to name."""
    spec = _spec(name)
    if attempts is not None and attempts not in ATTEMPTS:
        raise ReportError(f'unknown attempts {attempts!r}: choose one of {", ".join(ATTEMPTS)}')
    if identified and not results_setting('IDENTIFIED_EXPORTS'):
        raise IdentifiedExportsDisabled(
            'identified exports are disabled: the operator must set CIFAL_RESULTS["IDENTIFIED_EXPORTS"] = True')
    return spec.build(course=course or None, block=block or None, pair=pair or None, attempts=attempts,
                      identified=identified)


def ensure_submissions(name: str, *, course: str | None = None, block: str | None = None,
                       pair: str | None = None) -> None:
    """Raise ``NoSubmissions`` (with a message naming the filters) when the report's kind has nothing recorded."""
    filters = Filters(kind=report_kind(name), course=course or None, block=block or None, pair=pair or None)
    if not has_submissions(filters):
        raise NoSubmissions(f'no submissions recorded for {filters.describe()}')


def records_to_read(name: str, *, course: str | None = None, block: str | None = None,
                    pair: str | None = None) -> int:
    """How many stored records writing the report ``name`` reads (the total its progress counts up to)."""
    spec = _spec(name)
    if spec.count is not None:
        return spec.count(course=course or None, block=block or None, pair=pair or None)
    filters = Filters(kind=spec.kind, course=course or None, block=block or None, pair=pair or None)
    return count_submissions(filters) + count_anonymous(filters)


def write_report(report: Report, fmt: str, stream, table: str | None = None, bom: bool = True):
    """Write ``report`` to a binary ``stream`` as 'csv' (one table: ``table`` or the first), 'xlsx' (every table
    a sheet) or 'json' (every table). For XLSX, ``stream`` may also be a path. Returns the report's ``problems``:
    stored rows that were repaired or left out rather than stop the export (tell whoever asked)."""
    if fmt not in FORMATS:
        raise UnknownFormat(f'unknown format {fmt!r}: choose one of {", ".join(FORMATS)}')
    if fmt == 'csv':
        try:
            chosen = report.table(table)
        except KeyError as error:
            raise ReportError(error.args[0]) from None
        write_csv(chosen, stream, bom=bom, problems=report.problems)
    elif fmt == 'xlsx':
        write_xlsx(report, stream)
    else:
        write_json(report, stream)
    return report.problems


def log_problems(report: Report, problems) -> None:
    """Log what an export had to repair or leave out, for the operator (a download has nowhere else to say it)."""
    if problems:
        log.warning('The %s export wrote %d stored row(s) differently from the store: %s', report.name,
                    problems.count, '; '.join(problems.summary()))


def filename(report: Report, fmt: str, table: str | None = None) -> str:
    """A download name: 'item-analysis.xlsx', 'item-analysis-distractors.csv'."""
    if fmt == 'csv' and table and table != report.tables[0].name:
        return f'{report.name}-{table}.csv'
    return f'{report.name}.{fmt}'
