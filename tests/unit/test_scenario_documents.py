"""What the scenario draws and writes for people: the graph's SVG and the action plan's Word document."""
import io

import docx
from lxml import etree

from cifal_core.scenario.drawing import scenario_svg
from cifal_core.scenario.plan_document import action_plan_docx
from tests.unit.test_scenario_run import CONTENT

LABELS = {'decision': 'decision', 'check': 'self-check', 'reflection': 'reflection', 'end': 'end', 'info': 'info',
          'desc': 'Paths', 'runs': lambda count: f'{count} runs'}


def test_the_drawing_is_valid_svg_with_a_title_every_node_and_the_counts():
    svg = scenario_svg(CONTENT, 'Riverton <&> "test"', LABELS, {('n1', 'k'): 1250}, dom_id='x')
    root = etree.fromstring(svg.encode())
    assert root.find('{http://www.w3.org/2000/svg}title').text == 'Riverton <&> "test"'
    nodes = root.findall('.//{http://www.w3.org/2000/svg}g')
    assert [node.get('data-node') for node in nodes] == [node.id for node in CONTENT.nodes]
    assert '1250 runs' in svg and root.get('aria-labelledby') == 'x-title x-desc'


def test_the_action_plan_opens_in_a_word_processor_whatever_the_learner_typed():
    plan = {'reflections': [{'situation': 'Your town', 'prompt_text': 'Plan?',
                             'text': 'Count arrivals\x00\x07 weekly.\nBrief the council \ud83d\ude00'}],
            'decisions': [{'situation': 'Day 1', 'choice_text': 'Count', 'key_points_text': 'Plan from data.'}]}
    journey = [{'label': 'Services', 'start': '40', 'end': '100', 'change': '+60'}]
    labels = {'title': 'My action plan', 'date': '3 Dec 2026', 'reflections': 'My reflections', 'no_text': '-',
              'decisions': 'Key points', 'you_chose': 'I chose:', 'indicators': 'How things changed',
              'indicator': 'Indicator', 'start': 'Start', 'end': 'End', 'change': 'Change'}
    document = docx.Document(io.BytesIO(action_plan_docx('Riverton', plan, journey, labels)))
    text = [paragraph.text for paragraph in document.paragraphs]
    assert 'Count arrivals weekly.' in text and 'Plan from data.' in text
    assert [cell.text for cell in document.tables[0].rows[1].cells] == ['Services', '40', '100', '+60']
