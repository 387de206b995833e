"""The load test's scenarios and how the workbench and the clients find them: the quiz (``quiz.xml``), a named
questionnaire with one response (``questionnaire.xml``), the same one anonymous, and a small scenario
(``scenario.xml``). Each is a workbench scenario of its own, so that a learner's page renders one block."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCENARIO_ID = 'cifal_load.quiz'
DESCRIPTION = 'Load test: knowledge check (three attempts)'
QUIZ_XML = HERE / 'quiz.xml'
QUESTIONNAIRE_XML = HERE / 'questionnaire.xml'
SCENARIO_XML = HERE / 'scenario.xml'
MAX_ATTEMPTS = 3
# block name -> (workbench scenario id, description, the block's tag)
BLOCKS = {
    'quiz': (SCENARIO_ID, DESCRIPTION, 'cifal_quiz'),
    'questionnaire': ('cifal_load.questionnaire', 'Load test: named questionnaire (one response)',
                      'cifal_questionnaire'),
    'anonymous': ('cifal_load.anonymous', 'Load test: anonymous questionnaire', 'cifal_questionnaire'),
    'scenario': ('cifal_load.scenario', 'Load test: scenario', 'cifal_scenario'),
}


def block_xml(block):
    if block == 'quiz':
        return QUIZ_XML.read_text(encoding='utf-8')
    if block == 'scenario':
        return SCENARIO_XML.read_text(encoding='utf-8')
    xml = QUESTIONNAIRE_XML.read_text(encoding='utf-8')
    if block == 'anonymous':
        xml = xml.replace('anonymous="false"', 'anonymous="true"').replace('a named questionnaire', 'anonymous')
    return xml


def add_block(block):
    """Add one of the load test's blocks to the workbench's scenarios (once); its usage id."""
    from workbench import scenarios

    scenario_id, description, _ = BLOCKS[block]
    if scenario_id not in scenarios.SCENARIOS:
        scenarios.add_xml_scenario(scenario_id, description, block_xml(block))
    return scenarios.SCENARIOS[scenario_id].usage_id


def add_quiz():
    """Add the load test's quiz to the workbench's scenarios (once); its usage id."""
    return add_block('quiz')


def load_scenarios():
    """Every scenario the workbench shows, then the load test's blocks; close the connection used to write them.
    The quiz's usage id."""
    from django.db import connections
    from workbench import scenarios

    scenarios.get_scenarios()
    usage_ids = {block: add_block(block) for block in BLOCKS}
    connections.close_all()
    return usage_ids['quiz']
