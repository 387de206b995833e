"""OLX export writes the trainers' format back: readable markup, no double escaping."""
from pathlib import Path

import pytest
from lxml import etree

from cifal_core.quiz.models import Choice, NumericAnswer, Question, QuizContent, TextAnswer
from cifal_core.quiz.parse import parse_quiz_element, parse_quiz_string
from cifal_core.quiz.serialize import quiz_to_element, quiz_to_string

SAMPLE = Path(__file__).parent.parent / 'fixtures' / 'olx' / 'sample_quiz.xml'
CHOICES = (Choice('a', 'Oui &amp; <strong>non</strong>', True, 'Bien <em>joué</em>'), Choice('b', 'Non'))


def test_html_is_written_as_markup_not_escaped_text():
    content = QuizContent(
        description_html='<p>Intro &amp; <a href="https://x.org/?a=1&amp;b=2" rel="noopener noreferrer">lien</a>'
                         '</p><br>',
        questions=(Question('q1', 'single', 'Réfugiés&nbsp;?', choices=CHOICES, explanation_html='<p></p>x'),))
    exported = quiz_to_string(content, {})
    assert '<description><p>Intro &amp; <a href="https://x.org/?a=1&amp;b=2" rel="noopener noreferrer">lien</a>' \
           '</p><br/></description>' in exported
    assert '<choice id="a" correct="true">Oui &amp; <strong>non</strong><feedback>Bien <em>joué</em></feedback>' \
           '</choice>' in exported
    assert '<prompt>Réfugiés\u00a0?</prompt>' in exported
    assert '&amp;amp;' not in exported and '&lt;' not in exported
    assert parse_quiz_string(exported).content == content


def test_settings_are_written_as_trainers_write_them():
    root = quiz_to_element(QuizContent(), {
        'display_name': 'Post-test', 'weight': 1.0, 'pass_mark': 62.5, 'max_attempts': 2, 'shuffle_choices': True,
        'shuffle_questions': False, 'draw': None}, other_attributes={'url_name': 'post'})
    assert dict(root.attrib) == {
        'display_name': 'Post-test', 'weight': '1', 'max_attempts': '2', 'pass_mark': '62.5',
        'shuffle_questions': 'false', 'shuffle_choices': 'true', 'url_name': 'post'}


def test_unknown_settings_are_refused():
    with pytest.raises(ValueError, match='due'):
        quiz_to_element(QuizContent(), {'due': '2030'})


def test_question_attributes_and_answers():
    content = QuizContent(questions=(
        Question('n', 'numeric', 'P', points=2.5, numeric=NumericAnswer(1.5, 5, relative=True),
                 extra_attributes=(('hint', 'x'),)),
        Question('m', 'multiple', 'P', choices=CHOICES, scoring='partial'),
        Question('t', 'text', 'P', text_answers=(TextAnswer('a <b> & c'), TextAnswer('x|y', regex=True))),
    ))
    exported = quiz_to_string(content, {})
    assert '<question id="n" type="numeric" points="2.5" hint="x">' in exported
    assert '<answer value="1.5" tolerance="5%"/>' in exported
    assert '<question id="m" type="multiple" points="1" scoring="partial">' in exported
    assert '<answer>a &lt;b&gt; &amp; c</answer>' in exported
    assert '<answer match="regex">x|y</answer>' in exported
    assert parse_quiz_string(exported).content == content


def test_indentation_does_not_touch_html_content():
    content = QuizContent(questions=(
        Question('q1', 'single', '<p>One</p><pre>  keep\n   this</pre><p>Two</p>', choices=CHOICES),))
    exported = quiz_to_string(content, {})
    assert '<prompt><p>One</p><pre>  keep\n   this</pre><p>Two</p></prompt>' in exported
    assert '\n  <question' in exported and '\n    <choice id="b">Non</choice>\n  </question>' in exported


def test_sample_fixture_round_trips():
    parsed = parse_quiz_element(etree.parse(str(SAMPLE)).getroot())
    again = parse_quiz_string(quiz_to_string(parsed.content, parsed.settings, other_attributes=parsed.other_attributes))
    assert again == parsed


def test_custom_tag():
    assert quiz_to_element(QuizContent(), {}, tag='problem_set').tag == 'problem_set'
    assert parse_quiz_string('<problem_set/>', tag='problem_set').content == QuizContent()
