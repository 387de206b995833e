"""OLX import: the trainer's format is read faithfully, and every mistake is located by line."""
from pathlib import Path

import pytest
from lxml import etree

from cifal_core.errors import OlxError
from cifal_core.quiz.models import NumericAnswer, TextAnswer
from cifal_core.quiz.parse import parse_quiz_element, parse_quiz_string

FIXTURES = Path(__file__).parent.parent / 'fixtures' / 'olx'
SINGLE = '<question id="q1" type="single"><prompt>P</prompt><choice id="a" correct="true">A</choice>' \
         '<choice id="b">B</choice></question>'


def quiz(*questions, attributes=''):
    """A quiz whose questions start on line 2, one per line."""
    opening = f'<cifal_quiz {attributes}>' if attributes else '<cifal_quiz>'
    return opening + '\n' + '\n'.join(questions) + '\n</cifal_quiz>'


def parse_error(xml_text, source=None):
    with pytest.raises(OlxError) as caught:
        parse_quiz_string(xml_text, source=source)
    return caught.value


def test_sample_quiz_fixture_has_one_question_of_each_type():
    tree = etree.parse(str(FIXTURES / 'sample_quiz.xml'))
    parsed = parse_quiz_element(tree.getroot())
    content = parsed.content
    assert sorted(question.type for question in content.questions) == sorted(
        ('single', 'multiple', 'numeric', 'text', 'ordering', 'matching'))
    assert content.question('migrant-stock').numeric == NumericAnswer(304.0, 5.0, False)
    assert content.question('icrmw-adoption').choices[1].correct
    assert content.question('icrmw-obstacles').scoring == 'partial'
    assert [item.html for item in content.question('gmg-stages').items][0] == 'Situation assessment'
    assert content.max_points == 10
    assert parsed.settings == {
        'display_name': 'Migration and development: pre-test', 'role': 'pre', 'pair': 'module-1',
        'max_attempts': 1, 'grading': 'best', 'pass_mark': 60.0, 'show_answers': 'never', 'shuffle_choices': True}
    assert parsed.other_attributes == {'url_name': 'module1_pretest'}


def test_fixture_errors_name_the_file_from_the_tree(tmp_path):
    path = tmp_path / 'broken.xml'
    path.write_text(quiz('<question id="q1" type="riddle"><prompt>P</prompt></question>'), encoding='utf-8')
    with pytest.raises(OlxError) as caught:
        parse_quiz_element(etree.parse(str(path)).getroot())
    assert str(caught.value).startswith(f'{path}:2: ')
    assert caught.value.source == str(path)


def test_html_is_sanitised_and_kept_as_markup():
    parsed = parse_quiz_string(quiz(
        '<question id="q1" type="single"><prompt>Pick <em>one</em><script>alert(1)</script> &amp; go</prompt>'
        '<choice id="a" correct="true">Yes <b>indeed</b><feedback>Right <i>so</i></feedback> really</choice>'
        '<choice id="b"><span onclick="x()">No</span></choice><explanation><p>Because</p></explanation></question>',
        attributes='display_name="Q"'))
    question = parsed.content.question('q1')
    assert question.prompt_html == 'Pick <em>one</em> &amp; go'
    assert question.choices[0].html == 'Yes <b>indeed</b> really'
    assert question.choices[0].feedback_html == 'Right <i>so</i>'
    assert question.choices[1].html == '<span>No</span>'
    assert question.explanation_html == '<p>Because</p>'


def test_an_image_alone_is_content():
    question = parse_quiz_string(quiz(
        '<question id="q1" type="single"><prompt><img src="/static/map.png"/></prompt>'
        '<choice id="a" correct="true"><img src="/static/a.png" alt=""/></choice><choice id="b">B</choice></question>'
    )).content.question('q1')
    assert question.prompt_html == '<img src="/static/map.png">'
    assert question.choices[0].html == '<img src="/static/a.png" alt="">'


def test_settings_are_coerced_and_other_attributes_kept_as_strings():
    parsed = parse_quiz_string(quiz(SINGLE, attributes=(
        'display_name="Post" role="post" weight="2.5" max_attempts="3" grading="average" pass_mark="75" '
        'show_answers="after_pass" show_correctness="never" shuffle_questions="YES" shuffle_choices="0" draw="1" '
        'url_name="abc" xblock-family="xblock.v1" due="2030-01-01T00:00:00Z"')))
    assert parsed.settings == {
        'display_name': 'Post', 'role': 'post', 'weight': 2.5, 'max_attempts': 3, 'grading': 'average',
        'pass_mark': 75.0, 'show_answers': 'after_pass', 'show_correctness': 'never', 'shuffle_questions': True,
        'shuffle_choices': False, 'draw': 1}
    assert parsed.other_attributes == {'url_name': 'abc', 'xblock-family': 'xblock.v1', 'due': '2030-01-01T00:00:00Z'}


def test_question_defaults_and_extra_attributes():
    question = parse_quiz_string(quiz(
        '<question id="q1" type="multiple" weight-hint="x" scoring="right_minus_wrong"><prompt>P</prompt>'
        '<choice id="a" correct="Yes">A</choice><choice id="b" correct="FALSE">B</choice></question>'
    )).content.question('q1')
    assert question.points == 1.0
    assert question.scoring == 'right_minus_wrong'
    assert [choice.correct for choice in question.choices] == [True, False]
    assert question.extra_attributes == (('weight-hint', 'x'),)


def test_numeric_relative_tolerance_and_text_answers():
    content = parse_quiz_string(quiz(
        '<question id="n" type="numeric" points="2"><prompt>P</prompt><answer value="1,5" tolerance="10%"/></question>',
        '<question id="t" type="text"><prompt>P</prompt><answer> main streaming </answer>'
        '<answer match="regex">main-?streaming</answer></question>')).content
    assert content.question('n').numeric == NumericAnswer(1.5, 10.0, True)
    assert content.question('n').points == 2.0
    assert content.question('t').text_answers == (TextAnswer('main streaming'), TextAnswer('main-?streaming', True))


def test_empty_quiz_is_valid_so_a_new_block_can_be_exported_and_imported():
    parsed = parse_quiz_string('<cifal_quiz/>')
    assert parsed.content.questions == ()
    assert parsed.settings == {}


CHOICES_AB = '<choice id="a" correct="true">A</choice><choice id="b">B</choice>'
OLX_ERRORS = [
    ('<question id="q1" type="single"><prompt>P</prompt><choice id="a">A</choice><choice id="b">B</choice></question>',
     "question 'q1': a single-choice question needs exactly one correct choice (found 0)"),
    ('<question id="q1" type="single"><prompt>P</prompt><choice id="a" correct="true">A</choice>'
     '<choice id="b" correct="true">B</choice></question>',
     "question 'q1': a single-choice question needs exactly one correct choice (found 2)"),
    ('<question id="q1" type="multiple"><prompt>P</prompt><choice id="a">A</choice><choice id="b">B</choice>'
     '</question>', 'needs at least one correct choice'),
    ('<question id="q1" type="single"><prompt>P</prompt><choice id="a" correct="true">A</choice>'
     '<choice id="a">B</choice></question>', "duplicate choice id 'a'"),
    ('<question id="q1" type="single"><prompt>P</prompt><choice id="a" correct="perhaps">A</choice>'
     '<choice id="b">B</choice></question>',
     "'perhaps' is not true or false"),
    ('<question id="q1" type="essay"><prompt>P</prompt></question>', "unknown question type 'essay'"),
    ('<question type="single"><prompt>P</prompt></question>', 'needs an id'),
    ('<question id="q1" type="single">' + CHOICES_AB + '</question>', 'needs a non-empty <prompt>'),
    ('<question id="q1" type="single"><prompt> <span> </span> </prompt>' + CHOICES_AB + '</question>',
     'needs a non-empty <prompt>'),
    ('<question id="q1" type="single"><prompt>P</prompt><hint>H</hint>' + CHOICES_AB + '</question>',
     'unknown element <hint> in <question>'),
    ('<question id="q1" type="single"><prompt>P</prompt><item id="i">I</item>' + CHOICES_AB + '</question>',
     '<item> does not belong in a single question'),
    ('<question id="q1" type="numeric"><prompt>P</prompt><answer value="three hundred"/></question>',
     "'three hundred' is not a number"),
    ('<question id="q1" type="numeric"><prompt>P</prompt><answer value="3" tolerance="5 percent"/></question>',
     "tolerance '5 percent' is not a positive number or percentage"),
    ('<question id="q1" type="numeric"><prompt>P</prompt><answer value="3" tolerance="-1"/></question>',
     "tolerance '-1'"),
    ('<question id="q1" type="numeric"><prompt>P</prompt></question>', 'needs exactly one <answer> (found 0)'),
    ('<question id="q1" type="text"><prompt>P</prompt><answer match="regex">main(stream</answer></question>',
     "invalid regular expression 'main(stream'"),
    ('<question id="q1" type="text"><prompt>P</prompt></question>', 'needs at least one <answer>'),
    ('<question id="q1" type="text"><prompt>P</prompt><answer match="glob">x*</answer></question>',
     "unknown answer match 'glob'"),
    ('<question id="q1" type="ordering"><prompt>P</prompt><item id="i1">A</item></question>', 'at least 2 <item>'),
    ('<question id="q1" type="ordering"><prompt>P</prompt><item id="i1">A</item><item id="i1">B</item></question>',
     "duplicate item id 'i1'"),
    ('<question id="q1" type="matching"><prompt>P</prompt><pair id="p"><premise>A</premise>'
     '<response>1</response></pair></question>', 'at least 2 <pair>'),
    ('<question id="q1" type="matching"><prompt>P</prompt><pair id="p"><premise>A</premise><response>1</response>'
     '</pair><pair id="p"><premise>B</premise><response>2</response></pair></question>', "duplicate pair id 'p'"),
    ('<question id="q1" type="matching"><prompt>P</prompt><pair id="p"><premise>A</premise></pair>'
     '<pair id="r"><premise>B</premise><response>2</response></pair></question>',
     "pair 'p' needs one <premise> and one <response>"),
    ('<question id="q1" type="single" points="0"><prompt>P</prompt>' + CHOICES_AB + '</question>',
     "points must be a positive number, not '0'"),
    ('<question id="q1" type="single" points="lots"><prompt>P</prompt>' + CHOICES_AB + '</question>',
     "points must be a positive number, not 'lots'"),
    ('<question id="q1" type="single" scoring="partial"><prompt>P</prompt>' + CHOICES_AB + '</question>',
     'scoring applies to multiple-choice questions only'),
    ('<question id="q1" type="multiple" scoring="generous"><prompt>P</prompt>' + CHOICES_AB + '</question>',
     "unknown scoring 'generous'"),
    ('<question id="q1" type="single"><prompt>P</prompt><choice id="a" corect="true">A</choice>'
     '<choice id="b">B</choice></question>', 'unknown attribute corect on <choice>'),
]


@pytest.mark.parametrize(('question_xml', 'reason'), OLX_ERRORS)
def test_malformed_questions_are_reported_with_file_line_and_reason(question_xml, reason):
    error = parse_error(quiz(SINGLE.replace('q1', 'q0'), question_xml), source='quiz.xml')
    assert reason in error.reason
    assert error.line == 3
    assert str(error) == f'quiz.xml:3: {error.reason}'


def test_duplicate_question_id_names_both_lines():
    error = parse_error(quiz(SINGLE, SINGLE))
    assert error.line == 3
    assert str(error) == "line 3: duplicate question id 'q1' (first used on line 2)"


@pytest.mark.parametrize(('attributes', 'reason'), [
    ('role="final"', "attribute role: 'final' is not one of knowledge_check, pre, post"),
    ('grading="worst"', "attribute grading: 'worst' is not one of best, last, first, average"),
    ('show_answers="sometimes"', "attribute show_answers: 'sometimes' is not one of"),
    ('max_attempts="-1"', "attribute max_attempts: '-1' is below the minimum of 0"),
    ('max_attempts="1.5"', "attribute max_attempts: '1.5' is not a whole number"),
    ('pass_mark="120"', "attribute pass_mark: '120' is above the maximum of 100"),
    ('weight="heavy"', "attribute weight: 'heavy' is not a number"),
    ('shuffle_choices="maybe"', "attribute shuffle_choices: 'maybe' is not true or false"),
])
def test_invalid_quiz_settings_are_reported_on_the_quiz_line(attributes, reason):
    error = parse_error(f'\n<cifal_quiz {attributes}>\n{SINGLE}\n</cifal_quiz>')
    assert error.line == 2
    assert reason in str(error)


def test_unknown_child_of_the_quiz_is_an_error():
    error = parse_error(quiz(SINGLE, '<problem/>'))
    assert (error.line, error.reason) == (3, 'unknown element <problem> in <cifal_quiz>')


def test_wrong_root_tag_is_an_error():
    assert 'expected <cifal_quiz>, found <problem>' in str(parse_error('<problem/>'))


def test_xml_syntax_errors_become_olx_errors_with_the_line():
    error = parse_error('<cifal_quiz>\n<question id="q1">\n<prompt>P</question>\n</cifal_quiz>', source='bad.xml')
    assert error.line == 3
    assert str(error).startswith('bad.xml:3: XML syntax error')


def test_string_with_an_encoding_declaration_is_accepted():
    text = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + quiz(SINGLE.replace('>P<', '>Réfugié<'))
    assert parse_quiz_string(text).content.questions[0].prompt_html == 'Réfugié'


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / 'secret.txt'
    secret.write_text('TOP SECRET', encoding='utf-8')
    text = f'<!DOCTYPE cifal_quiz [<!ENTITY leak SYSTEM "file://{secret}">]>\n' + quiz(
        SINGLE.replace('>P<', '>P &leak;<'))
    try:
        parsed = parse_quiz_string(text)
    except OlxError:
        return  # refusing the document is fine too
    assert 'TOP SECRET' not in parsed.content.questions[0].prompt_html
