"""The OLX examples in the README are what trainers copy: each one imports as written, and the errors it quotes are
the ones the parser gives."""
import re
from pathlib import Path

import pytest

from cifal_core.errors import OlxError
from cifal_core.questionnaire.authoring import authoring_problems
from cifal_core.questionnaire.parse import parse_questionnaire_string
from cifal_core.quiz.parse import parse_quiz_string
from cifal_core.scenario.authoring import authoring_problems as scenario_advice
from cifal_core.scenario.parse import parse_scenario_string

README = (Path(__file__).resolve().parents[2] / 'README.md').read_text(encoding='utf-8')
XML_BLOCKS = re.findall(r'```xml\n(.*?)```', README, re.DOTALL)


def example(tag):
    (found,) = [block for block in XML_BLOCKS if block.lstrip().startswith(f'<{tag}')]
    return found


def test_the_questionnaire_example_imports_with_every_item_type_and_no_error():
    parsed = parse_questionnaire_string(example('cifal_questionnaire'), source='README.md')

    assert {item.type for item in parsed.content.items} == {'profile', 'likert', 'matrix', 'nps', 'multiple', 'text'}
    assert parsed.content.scales[0].id == 'often' and parsed.content.thanks_html
    assert not [problem for problem in authoring_problems(parsed.settings, parsed.content) if problem.is_error]


def test_the_questionnaire_error_quoted_is_the_parser_s():
    quoted = re.search(r"`(reaction\.xml:\d+: item 'q1': unknown scale[^`]*)`", README.replace('\n', ' '))
    broken = example('cifal_questionnaire').replace('scale="agree5" indicator="utility"',
                                                    'scale="agree9" indicator="utility"')

    with pytest.raises(OlxError) as error:
        parse_questionnaire_string(broken, source='reaction.xml')

    assert str(error.value) == quoted.group(1)


def test_the_quiz_example_is_valid_quiz_olx_apart_from_its_elisions():
    text = example('cifal_quiz')
    assert '<question id="q1" type="single"' in text
    single = re.sub(r'<question id="q2".*?</cifal_quiz>', '</cifal_quiz>', text, flags=re.DOTALL)
    parsed = parse_quiz_string(single)
    assert [question.id for question in parsed.content.questions] == ['q1']


def test_the_scenario_example_imports_and_the_error_quoted_is_the_parser_s():
    parsed = parse_scenario_string(example('cifal_scenario'), source='README.md')
    assert [node.type for node in parsed.content.nodes] == ['decision', 'check', 'reflection', 'end']
    assert not [problem for problem in scenario_advice(parsed.settings, parsed.content) if problem.is_error]
    quoted = re.search(r"`(riverton\.xml:\d+: node 'n1': no end[^`]*)`", README.replace('\n', ' '))
    with pytest.raises(OlxError) as error:
        parse_scenario_string(example('cifal_scenario').replace('<next target="end1"/>', '<next target="n1"/>'),
                              source='riverton.xml')
    assert str(error.value) == quoted.group(1)
