"""Report names -> builders, and the two calls every caller needs: ``build_report`` and ``write_report``.

The names (``responses``, ``item-analysis``, ``knowledge-gain``), their tables and columns are a contract with
evaluators' scripts (ADR 0005): add columns at the end or add tables, never rename. Building a report reads
nothing (its rows are read when written), so a caller can check its arguments and open the output before any
work is done. Identified exports need both the operator's setting and the caller's explicit request; whether
the asking user may see identities (staff) is the caller's decision.
"""
import logging

from cifal_core.exports import FORMATS, Report, write_csv, write_json, write_xlsx
from cifal_results.conf import results_setting
from cifal_results.reports import item_analysis, knowledge_gain, responses
from cifal_results.reports.source import ATTEMPTS, Filters, has_submissions

log = logging.getLogger(__name__)

REPORTS = {
    responses.NAME: responses.build,
    item_analysis.NAME: item_analysis.build,
    knowledge_gain.NAME: knowledge_gain.build,
}


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


def build_report(name: str, *, course: str | None = None, block: str | None = None, pair: str | None = None,
                 attempts: str | None = None, identified: bool = False) -> Report:
    """The report ``name`` over the submissions of ``course``/``block``/``pair`` (None: no restriction).
    ``attempts``: 'kept' (one per learner, the grading method's) or 'all'; None = the report's default ('all'
    for responses, 'kept' for the statistics). ``identified`` adds username, name and email to ``responses``."""
    builder = REPORTS.get(name)
    if builder is None:
        raise UnknownReport(f'unknown report {name!r}: choose one of {", ".join(REPORTS)}')
    if attempts is not None and attempts not in ATTEMPTS:
        raise ReportError(f'unknown attempts {attempts!r}: choose one of {", ".join(ATTEMPTS)}')
    if identified and not results_setting('IDENTIFIED_EXPORTS'):
        raise IdentifiedExportsDisabled(
            'identified exports are disabled: the operator must set CIFAL_RESULTS["IDENTIFIED_EXPORTS"] = True')
    return builder(Filters(course=course or None, block=block or None, pair=pair or None), attempts,
                   identified=identified)


def ensure_submissions(*, course: str | None = None, block: str | None = None, pair: str | None = None) -> None:
    """Raise ``NoSubmissions`` (with a message naming the filters) when nothing was recorded for them."""
    filters = Filters(course=course or None, block=block or None, pair=pair or None)
    if not has_submissions(filters):
        raise NoSubmissions(f'no submissions recorded for {filters.describe()}')


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
