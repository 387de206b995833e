"""A trainer's scenario OLX: what it means, every way it can be wrong (file, line, reason), a lossless round trip."""
from pathlib import Path

import pytest
from lxml import etree

from cifal_core.errors import OlxError
from cifal_core.scenario.parse import parse_scenario_element, parse_scenario_string
from cifal_core.scenario.serialize import scenario_to_string

SCENARIOS = sorted((Path(__file__).parents[2] / 'xblocks' / 'cifal_scenario' / 'scenarios').glob('*.xml'))

INDICATORS = '<indicator id="services" label="Services" min="0" max="100" start="40"/>'
END = '<node id="end" type="end"><outcome><p>Done.</p></outcome></node>'


def scenario(nodes, indicators=INDICATORS, attributes='start="n1"'):
    return f'<cifal_scenario {attributes}>\n{indicators}\n{nodes}\n</cifal_scenario>'


def decision(choices, node_id='n1'):
    return f'<node id="{node_id}" type="decision" title="T"><body><p>B</p></body>{choices}</node>'


GOOD = decision('<choice id="c1" target="end" points="2">Go<consequence><p>C</p></consequence>'
                '<effect indicator="services" delta="+70"/></choice>') + END


def test_the_issue_s_example_reads_as_a_scenario_with_every_part():
    parsed = parse_scenario_string(scenario(GOOD, attributes='display_name="R" start="n1" graded="true" '
                                            'allow_back="false"'))
    assert parsed.settings == {'display_name': 'R', 'graded': True, 'allow_back': False}
    node = parsed.content.node('n1')
    (choice,) = node.choices
    assert (choice.target, choice.points, choice.consequence_html) == ('end', 2.0, '<p>C</p>')
    assert [(effect.indicator, effect.delta) for effect in choice.effects] == [('services', 70.0)]
    assert parsed.content.indicator('services').clamp(140) == 100


@pytest.mark.parametrize('path', SCENARIOS, ids=[path.stem for path in SCENARIOS])
def test_every_shipped_scenario_imports_and_exports_without_losing_anything(path):
    element = etree.parse(str(path)).getroot()[0]
    parsed = parse_scenario_element(element, source=str(path))
    again = parse_scenario_string(scenario_to_string(parsed.content, parsed.settings))
    assert again.content == parsed.content and again.settings == parsed.settings


@pytest.mark.parametrize('nodes, indicators, line, reason', [
    (decision('<choice id="c1" target="nowhere">Go</choice>') + END, INDICATORS, 3, "there is no node 'nowhere'"),
    (decision('<choice id="c1" target="end">Go</choice>') + END + '\n<node id="lost" type="info"><body><p>x</p>'
     '</body><next target="end"/></node>', INDICATORS, 4, "node 'lost' cannot be reached"),
    (decision('<choice id="c1" target="n2">Go</choice>') + '\n<node id="n2" type="info"><body><p>x</p></body>'
     '<next target="n1"/></node>' + END, INDICATORS, 3, 'no end can be reached from here'),
    (decision('<choice id="c1" target="end" show_if="services &gt;= 50">Go</choice>') + END, INDICATORS, 3,
     'no end can be reached from here'),
    ('<node id="n1" type="decision" title="T"><body><p>B</p></body></node>' + END, INDICATORS, 3,
     'a decision needs at least one <choice>'),
    (decision('<choice id="c1" target="end">Go<effect indicator="budget" delta="5"/></choice>') + END, INDICATORS,
     3, "changes 'budget', which no <indicator> declares"),
    (GOOD, '<indicator id="services" label="S" min="0" max="100" start="140"/>', 2, 'start 140 is outside 0 to 100'),
    (decision('<choice id="c1" target="end" show_if="services &gt;=">Go</choice>') + END, INDICATORS, 3,
     'does not parse'),
    (decision('<choice id="c1" target="end" show_if="budget &gt; 3">Go</choice>') + END, INDICATORS, 3,
     "names 'budget', which is no indicator, choice or self-check question"),
    (decision('<choice id="c1" target="end">Go</choice>') + '<node id="end" type="end"><outcome if="services &gt; 1">'
     '<p>x</p></outcome></node>', INDICATORS, 3, 'an end needs an <outcome> without a condition'),
    (decision('<choice id="c1" target="k">Go</choice>') + '<node id="k" type="check"><question id="q" type="single">'
     '<prompt><p>?</p></prompt><choice id="a">A</choice><choice id="b">B</choice></question><next target="end"/>'
     '</node>' + END, INDICATORS, 3, 'exactly one correct choice'),
    (decision('<choice id="c1" target="end">Go</choice>') + decision('<choice id="c2" target="end">Go</choice>') + END,
     INDICATORS, 3, "duplicate node id 'n1'"),
    (decision('<choice id="services" target="end">Go</choice>') + END, INDICATORS, 3, "the id 'services' is already "
     'used on line 2'),
    ('<node id="n1" type="story"/>' + END, INDICATORS, 3, "unknown node type 'story'"),
    ('<node id="n1" type="info"><body><p>x</p></body></node>' + END, INDICATORS, 3, 'needs <next target'),
])
def test_a_broken_scenario_is_refused_with_its_line_and_the_reason(nodes, indicators, line, reason):
    with pytest.raises(OlxError) as raised:
        parse_scenario_string(scenario(nodes, indicators), source='course/riverton.xml')
    assert reason in str(raised.value) and str(raised.value).startswith(f'course/riverton.xml:{line}:')


def test_a_loop_is_allowed_when_an_exit_is_always_offered():
    loop = (decision('<choice id="c1" target="n2">Go</choice><choice id="c9" target="end">Stop</choice>')
            + '<node id="n2" type="info"><body><p>x</p></body><next target="n1"/></node>' + END)
    assert parse_scenario_string(scenario(loop)).content.node('n2').next == 'n1'


def test_an_empty_scenario_imports_so_that_a_new_block_exports_and_imports_again():
    assert parse_scenario_string('<cifal_scenario display_name="New"/>').content.nodes == ()


def test_xml_that_is_not_well_formed_is_refused_with_its_line():
    with pytest.raises(OlxError, match='line 2'):
        parse_scenario_string('<cifal_scenario>\n<node id="n1" type="info"></cifal_scenario>')
