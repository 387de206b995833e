"""
The questionnaire's reports for evaluators, registered with the results store (entry point
``cifal_results.reports``): ``questionnaire-responses`` (one row per response and item) and ``questionnaire-summary``
(indicators, items, options, breakdowns, comments). They read the store through ``cifal_results.api`` only.
"""
from cifal_questionnaire.reports import responses, summary
from cifal_questionnaire.reports.content import KIND
from cifal_results.api import ReportSpec

REPORTS = (
    ReportSpec(responses.NAME, KIND, responses.build, 'one row per response and item, in words'),
    ReportSpec(summary.NAME, KIND, summary.build, 'indicators, items, breakdowns by group, comments'),
)
