"""Quizzes the integration tests load as extra workbench scenarios."""

ALL_TYPES = """
<cifal_quiz display_name="All types" {settings}>
  <description><p>Six questions.</p></description>
  <question id="q1" type="single" points="1">
    <prompt><p>How many international migrants in mid-2024?</p></prompt>
    <choice id="a">154 million<feedback><p>FEEDBACK-1990</p></feedback></choice>
    <choice id="b" correct="true">304 million<feedback><p>FEEDBACK-RIGHT</p></feedback></choice>
    <explanation><p>EXPLANATION-DESA</p></explanation>
  </question>
  <question id="q2" type="multiple" points="2" scoring="partial">
    <prompt><p>Which obstacles are cited?</p></prompt>
    <choice id="x" correct="true">Low awareness</choice>
    <choice id="y" correct="true">Pull effect</choice>
    <choice id="z">Citizenship duty<feedback><p>FEEDBACK-NO-DUTY</p></feedback></choice>
  </question>
  <question id="q3" type="numeric" points="1">
    <prompt><p>Migrants in millions?</p></prompt><answer value="304" tolerance="5"/>
  </question>
  <question id="q4" type="text" points="1">
    <prompt><p>Assessing migration's implications in planning is called …</p></prompt>
    <answer>mainstreaming</answer>
  </question>
  <question id="q5" type="ordering" points="1">
    <prompt><p>Order the stages.</p></prompt>
    <item id="i1">Assessment</item><item id="i2">Goals</item><item id="i3">Planning</item>
  </question>
  <question id="q6" type="matching" points="2">
    <prompt><p>Match the terms.</p></prompt>
    <pair id="p1"><premise>Integration</premise><response>Mutual adaptation</response></pair>
    <pair id="p2"><premise>Diaspora</premise><response>Identity shaped by migration</response></pair>
  </question>
</cifal_quiz>
"""

PERFECT = {
    'q1': 'b', 'q2': ['x', 'y'], 'q3': '302', 'q4': '  Mainstreaming ', 'q5': ['i1', 'i2', 'i3'],
    'q6': {'p1': 'p1', 'p2': 'p2'},
}
MAX_POINTS = 8.0
KEY_TEXTS = ('FEEDBACK-1990', 'FEEDBACK-RIGHT', 'FEEDBACK-NO-DUTY', 'EXPLANATION-DESA', 'correct"', 'correct=')


def all_types(**settings):
    """The six-question quiz with the given quiz attributes."""
    attributes = ' '.join(f'{name}="{value}"' for name, value in settings.items())
    return ALL_TYPES.format(settings=attributes)
