"""Scenario OLX for the tests: a small graded scenario with every node type, built with the settings a test needs."""
from workbench.runtime import WorkbenchRuntime


def riverton(graded='true', allow_back='true', extra_nodes='', first_choice_target='n2'):
    """Decision n1 (c1 worth 2 -> check n2, c2 -> info n3); check n2 (k1: a right) -> n3; info n3 -> decision n4
    (c3 always, c4 only if services >= 50) -> reflection n5 -> end (outcome 'GOOD-END' if services >= 50)."""
    return f'''<cifal_scenario display_name="Riverton" start="n1" graded="{graded}" allow_back="{allow_back}">
  <indicator id="services" label="Service capacity" min="0" max="100" start="40"/>
  <indicator id="budget" label="Budget" min="0" max="500" start="300"/>
  <node id="n1" type="decision" title="Day 1">
    <body><p>BODY-N1</p></body>
    <choice id="c1" target="{first_choice_target}" points="2">Count arrivals
      <consequence><p>CONSEQUENCE-C1</p></consequence>
      <key_points><p>KEY-C1</p></key_points>
      <effect indicator="services" delta="+15"/><effect indicator="budget" delta="-20"/></choice>
    <choice id="c2" target="n3">Ask the police<consequence><p>CONSEQUENCE-C2</p></consequence>
      <effect indicator="services" delta="-50"/></choice>
  </node>
  <node id="n2" type="check" title="Check">
    <question id="k1" type="single"><prompt><p>Which objective is about data?</p></prompt>
      <choice id="a" correct="true">Objective 1<feedback><p>FEEDBACK-A</p></feedback></choice>
      <choice id="b">Objective 15<feedback><p>FEEDBACK-B</p></feedback></choice>
      <explanation><p>EXPLANATION-K1</p></explanation>
    </question>
    <next target="n3"/>
  </node>
  <node id="n3" type="info" title="Later"><body><p>BODY-N3</p></body><next target="n4"/></node>
  <node id="n4" type="decision" title="The clinic">
    <choice id="c3" target="n5" points="1">Firewall<consequence><p>CONSEQUENCE-C3</p></consequence></choice>
    <choice id="c4" target="n5" show_if="services &gt;= 50">Extra clinic
      <consequence><p>CONSEQUENCE-C4</p></consequence></choice>
  </node>
  {extra_nodes}
  <node id="n5" type="reflection" title="Your town">
    <prompt><p>What will you do?</p></prompt><next target="end1"/></node>
  <node id="end1" type="end" title="Later on">
    <outcome if="services &gt;= 50"><p>GOOD-END</p></outcome>
    <outcome><p>OTHER-END</p></outcome>
  </node>
</cifal_scenario>'''


def choice_code(usage_id, node_id, choice_id):
    """The code the learner's page shows for an authored choice of a decision."""
    block = WorkbenchRuntime('codes').get_block(usage_id)
    node = block.scenario_content.node(node_id)
    return block.learner_codes().choices.question(node).code('choice', choice_id)


def check_code(usage_id, node_id, choice_id):
    block = WorkbenchRuntime('codes').get_block(usage_id)
    question = block.scenario_content.node(node_id).question
    return block.learner_codes().checks.question(question).code('choice', choice_id)
