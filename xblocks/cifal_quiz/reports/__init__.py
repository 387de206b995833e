"""
The quiz's reports for evaluators, registered with the results store (entry point ``cifal_results.reports``):
``responses`` (one row per learner, attempt and question), ``item-analysis`` (Moodle's quiz statistics) and
``knowledge-gain`` (a pre-test against its post-test). Their tables and columns are a contract (ADR 5). They read
the store through ``cifal_results.api`` only; imported once Django's apps are ready.
"""
from cifal_quiz.reports import item_analysis, knowledge_gain, responses
from cifal_quiz.reports.content import KIND
from cifal_results.api import ReportSpec

REPORTS = (
    ReportSpec(responses.NAME, KIND, responses.build, 'one row per learner, attempt and question'),
    ReportSpec(item_analysis.NAME, KIND, item_analysis.build, 'facility, discrimination, distractors, reliability'),
    ReportSpec(knowledge_gain.NAME, KIND, knowledge_gain.build, 'pre-test against post-test, per learner and cohort',
               knowledge_gain.count),
)
