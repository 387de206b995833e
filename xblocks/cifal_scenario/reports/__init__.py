"""
The scenario's reports for evaluators, registered with the results store (entry point ``cifal_results.reports``):
``scenario-paths`` (one row per learner run and step) and ``scenario-summary`` (per node, choice, ending, indicator
and self-check). They read the store through ``cifal_results.api`` only.
"""
from cifal_results.api import ReportSpec
from cifal_scenario.reports import paths, summary
from cifal_scenario.reports.content import KIND

REPORTS = (
    ReportSpec(paths.NAME, KIND, paths.build, 'one row per learner run and step: the path, choices, self-checks'),
    ReportSpec(summary.NAME, KIND, summary.build, 'per node, choice, ending, indicator and self-check'),
)
