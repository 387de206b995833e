"""The load test's quiz scenario (``quiz.xml``) and how the workbench and the clients find it."""
from pathlib import Path

SCENARIO_ID = 'cifal_load.quiz'
DESCRIPTION = 'Load test: knowledge check (three attempts)'
QUIZ_XML = Path(__file__).resolve().with_name('quiz.xml')
MAX_ATTEMPTS = 3


def add_quiz():
    """Add the load test's quiz to the workbench's scenarios (once); its usage id."""
    from workbench import scenarios

    if SCENARIO_ID not in scenarios.SCENARIOS:
        scenarios.add_xml_scenario(SCENARIO_ID, DESCRIPTION, QUIZ_XML.read_text(encoding='utf-8'))
    return scenarios.SCENARIOS[SCENARIO_ID].usage_id


def load_scenarios():
    """Every scenario the workbench shows, then the load test's quiz; close the connection used to write them."""
    from django.db import connections
    from workbench import scenarios

    scenarios.get_scenarios()
    usage_id = add_quiz()
    connections.close_all()
    return usage_id
