"""Questionnaires the integration tests load as extra workbench scenarios."""
from tests.unit.test_questionnaire_olx import ISSUE_EXAMPLE

# The issue's example, with a multiple-choice item with "Other, please say" and a named variant.
REACTION = ISSUE_EXAMPLE.replace('</cifal_questionnaire>', '''
  <item id="topics" type="multiple" other="true"><prompt>Which topics did you use?</prompt>
    <option id="cohesion">Social cohesion</option><option id="transit">Transit</option></item>
  <thanks><p>THANKS-TEXT</p></thanks>
</cifal_questionnaire>''')
COMPLETE = {'group': 'gov', 'q1': 5, 'm1': {'apply': 4, 'materials': 2}, 'rec': 9}


def reaction(**settings):
    """The questionnaire with the given attributes replacing the example's."""
    xml = REACTION
    for name, value in settings.items():
        xml = xml.replace(f'{name}="false"', f'{name}="{value}"').replace(f'{name}="true"', f'{name}="{value}"')
    return xml
