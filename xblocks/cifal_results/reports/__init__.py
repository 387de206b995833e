"""Evaluators' reports on the results store: ``responses``, ``item-analysis`` and ``knowledge-gain``.

Call ``build_report(name, course=..., block=..., pair=..., attempts=..., identified=...)`` then
``write_report(report, 'csv' | 'xlsx' | 'json', binary_stream, table=...)``. Importing this package needs Django's
apps to be ready (it reads the results store); the blocks import it inside their handlers.
"""
from cifal_results.reports.registry import (
    REPORTS,
    IdentifiedExportsDisabled,
    NoSubmissions,
    ReportError,
    UnknownFormat,
    UnknownReport,
    build_report,
    ensure_submissions,
    filename,
    write_report,
)

__all__ = ['REPORTS', 'IdentifiedExportsDisabled', 'NoSubmissions', 'ReportError', 'UnknownFormat', 'UnknownReport',
           'build_report', 'ensure_submissions', 'filename', 'write_report']
