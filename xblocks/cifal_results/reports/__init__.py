"""Evaluators' reports on the results store, registered per kind of block (``registry``).

Call ``build_report(name, course=..., block=..., pair=..., attempts=..., identified=...)`` then
``write_report(report, 'csv' | 'xlsx' | 'json', binary_stream, table=...)``. Importing this package needs Django's
apps to be ready (it reads the results store); the blocks reach it through ``cifal_results.api``.
"""
from cifal_results.reports.progress import metered
from cifal_results.reports.registry import (
    IdentifiedExportsDisabled,
    NoSubmissions,
    ReportError,
    ReportSpec,
    UnknownFormat,
    UnknownReport,
    build_report,
    ensure_submissions,
    filename,
    log_problems,
    records_to_read,
    reports,
    write_report,
)

__all__ = ['IdentifiedExportsDisabled', 'NoSubmissions', 'ReportError', 'ReportSpec', 'UnknownFormat',
           'UnknownReport', 'build_report', 'ensure_submissions', 'filename', 'log_problems', 'metered',
           'records_to_read', 'reports', 'write_report']
