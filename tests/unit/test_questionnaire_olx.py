"""The questionnaire's OLX: the issue's format imports, exports losslessly, and mistakes say file, line and reason."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from cifal_core.errors import OlxError
from cifal_core.questionnaire.authoring import authoring_problems
from cifal_core.questionnaire.models import Item, Option, QuestionnaireContent, Row
from cifal_core.questionnaire.parse import parse_questionnaire_string
from cifal_core.questionnaire.serialize import questionnaire_to_string

SCENARIOS = Path(__file__).resolve().parents[2] / 'xblocks' / 'cifal_questionnaire' / 'scenarios'
ISSUE_EXAMPLE = """<cifal_questionnaire display_name="Your view of the course" anonymous="true" editable="false"
    show_results="false">
  <intro><p>HTML</p></intro>
  <item id="group" type="profile" required="true"><prompt>Which best describes where you work?</prompt>
    <option id="gov">Local or regional government</option><option id="civ">Civil society</option>
    <option id="io">International organisation</option><option id="oth">Other</option></item>
  <item id="q1" type="likert" scale="agree5" indicator="utility" required="true">
    <prompt>The course met its stated learning objectives.</prompt></item>
  <item id="m1" type="matrix" scale="agree5"><prompt>How far do you agree?</prompt>
    <row id="apply" indicator="applicability">What I learned applies to my work.</row>
    <row id="materials">The materials were of good quality.</row></item>
  <item id="rec" type="nps" indicator="recommend"><prompt>How likely are you to recommend this course?</prompt></item>
  <item id="why" type="text" long="true" max_length="2000" show_if="q1 &lt;= 2">
    <prompt>What should change?</prompt></item>
</cifal_questionnaire>"""


def test_the_issue_s_example_imports_as_written():
    parsed = parse_questionnaire_string(ISSUE_EXAMPLE)

    assert parsed.settings == {'display_name': 'Your view of the course', 'anonymous': True, 'editable': False,
                               'show_results': False}
    content = parsed.content
    assert [item.type for item in content.items] == ['profile', 'likert', 'matrix', 'nps', 'text']
    assert content.item('q1').indicator == 'utility' and content.item('q1').required
    assert [row.indicator for row in content.item('m1').rows] == ['applicability', '']
    assert content.item('why').show_if == 'q1 <= 2' and content.item('why').text_limit == 2000
    assert content.scale_of(content.item('q1')).size == 5


@pytest.mark.parametrize('name', sorted(path.name for path in SCENARIOS.glob('*.xml')))
def test_every_shipped_questionnaire_round_trips_and_has_no_authoring_error(name):
    root = etree.parse(str(SCENARIOS / name)).getroot()
    elements = [root] if root.tag == 'cifal_questionnaire' else list(root.iter('cifal_questionnaire'))
    assert elements, f'{name} has no questionnaire'
    for element in elements:
        parsed = parse_questionnaire_string(etree.tostring(element, encoding='unicode'), source=name)
        again = parse_questionnaire_string(questionnaire_to_string(parsed.content, parsed.settings))

        assert (again.content, again.settings) == (parsed.content, parsed.settings)
        assert not [problem for problem in authoring_problems(parsed.settings, parsed.content) if problem.is_error]


def test_a_custom_scale_is_used_by_name_and_kept():
    parsed = parse_questionnaire_string(
        '<cifal_questionnaire><scale id="freq"><point>Never</point><point>Sometimes</point><point>Often</point>'
        '</scale><item id="f" type="likert" scale="freq"><prompt>How often?</prompt></item></cifal_questionnaire>')

    assert parsed.content.scale_of(parsed.content.item('f')).points == ('Never', 'Sometimes', 'Often')
    assert '<point>Sometimes</point>' in questionnaire_to_string(parsed.content, {})


@pytest.mark.parametrize('body, line, words', [
    ('<item id="a" type="poll"><prompt>P</prompt></item>', 2, "unknown item type 'poll'"),
    ('<item id="a" type="likert" scale="agree9"><prompt>P</prompt></item>', 2, "unknown scale 'agree9'"),
    ('<item id="a" type="likert" scale="agree5"/>', 2, 'needs a non-empty <prompt>'),
    ('<item id="a" type="matrix" scale="agree5"><prompt>P</prompt></item>', 2, 'at least one <row>'),
    ('<item id="a" type="single"><prompt>P</prompt><option id="x">X</option></item>', 2, 'at least 2 <option>s'),
    ('<item id="a" type="nps"><prompt>P</prompt></item>\n<item id="a" type="nps"><prompt>P</prompt></item>', 3,
     "duplicate item id 'a' (first used on line 2)"),
    ('<item id="a" type="text" show_if="b == 1"><prompt>P</prompt></item>\n'
     '<item id="b" type="nps"><prompt>P</prompt></item>', 2, "reads 'b', which is not an item before this one"),
    ('<item id="a" type="nps"><prompt>P</prompt></item>\n<item id="b" type="text" show_if="a >= "><prompt>P'
     '</prompt></item>', 3, 'show_if: the condition ends too early'),
    ('<item id="a" type="text" max_length="90000"><prompt>P</prompt></item>', 2, 'max_length must be'),
    ('<item id="a" type="single" allow_na="true"><prompt>P</prompt><option id="x">X</option><option id="y">Y'
     '</option></item>', 2, 'allow_na does not apply to a single item'),
    ('<item id="a b" type="nps"><prompt>P</prompt></item>', 2, 'needs an id of letters'),
    ('<item id="a" type="multiple"><prompt>P</prompt><option id="other">X</option><option id="y">Y</option>'
     '</item>', 2, 'not other or na'),
    ('<scale id="s"><point>A</point><point>B</point></scale>', 2, 'needs 3 to 10 points'),
    ('<survey/>', 2, 'unknown element <survey>'),
])
def test_malformed_olx_is_refused_with_file_line_and_reason(body, line, words):
    with pytest.raises(OlxError) as refused:
        parse_questionnaire_string(f'<cifal_questionnaire>\n{body}\n</cifal_questionnaire>', source='q.xml')

    assert str(refused.value).startswith(f'q.xml:{line}: ') and words in str(refused.value)


def test_anonymous_and_editable_together_is_an_error():
    parsed = parse_questionnaire_string('<cifal_questionnaire anonymous="true" editable="true"/>')

    (error,) = [problem for problem in authoring_problems(parsed.settings, parsed.content) if problem.is_error]
    assert error.field == 'editable' and 'cannot be editable' in error.english()


IDS = st.from_regex(r'[a-z][a-z0-9_]{0,6}', fullmatch=True)
RESERVED_FREE_IDS = IDS.filter(lambda value: value not in ('other', 'na'))  # option and row ids the parser keeps
HTML = st.sampled_from(['Plain', '<p>Para <em>em</em></p>', 'Côte d’Ivoire &amp; co', '<strong>B</strong> t'])


@st.composite
def items(draw):
    kind = draw(st.sampled_from(['likert', 'matrix', 'nps', 'single', 'multiple', 'text', 'profile']))
    item = {'id': draw(IDS), 'type': kind, 'prompt_html': draw(HTML), 'required': draw(st.booleans())}
    if kind in ('likert', 'matrix'):
        item.update(scale=draw(st.sampled_from(['agree5', 'useful4', 'agree7'])), allow_na=draw(st.booleans()))
    if kind == 'matrix':
        ids = draw(st.lists(RESERVED_FREE_IDS, min_size=1, max_size=3, unique=True))
        item['rows'] = tuple(Row(row_id, draw(HTML), draw(st.sampled_from(['', 'x1']))) for row_id in ids)
    if kind in ('single', 'multiple', 'profile'):
        ids = draw(st.lists(RESERVED_FREE_IDS, min_size=2, max_size=4,
                            unique=True))
        item['options'] = tuple(Option(option_id, draw(HTML)) for option_id in ids)
    if kind == 'multiple':
        item['other'] = draw(st.booleans())
    if kind == 'text':
        item.update(long=draw(st.booleans()), max_length=draw(st.sampled_from([0, 20, 2000])))
    if kind in ('likert', 'nps'):
        item['indicator'] = draw(st.sampled_from(['', 'utility', 'recommend']))
    return Item(**item)


@settings(max_examples=150, deadline=None)
@given(st.lists(items(), max_size=6, unique_by=lambda item: item.id), HTML, st.booleans())
def test_export_then_import_gives_back_the_same_questionnaire(generated, intro, anonymous):
    content = QuestionnaireContent(intro_html=intro, items=tuple(generated))
    exported = questionnaire_to_string(content, {'anonymous': anonymous})
    parsed = parse_questionnaire_string(exported)
    again = parse_questionnaire_string(questionnaire_to_string(parsed.content, parsed.settings))
    assert again.content == parsed.content
    assert [item.id for item in parsed.content.items] == [item.id for item in generated]
