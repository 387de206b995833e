"""Answers in words, as evaluators read them in exports."""
from cifal_core.quiz.parse import parse_quiz_string
from cifal_core.quiz.words import answer_in_words, correct_answer_in_words

QUIZ = """<cifal_quiz>
  <question id="s" type="single"><prompt>P</prompt>
    <choice id="a">About <strong>154</strong> million</choice>
    <choice id="b" correct="true">304 million</choice></question>
  <question id="m" type="multiple"><prompt>P</prompt>
    <choice id="x" correct="true">Awareness</choice><choice id="y" correct="true">Pull</choice>
    <choice id="z">Duty</choice>
  </question>
  <question id="n" type="numeric"><prompt>P</prompt><answer value="304" tolerance="5%"/></question>
  <question id="t" type="text"><prompt>P</prompt><answer>mainstreaming</answer>
    <answer match="regex">main.?stream.*</answer></question>
  <question id="o" type="ordering"><prompt>P</prompt><item id="1">Assess</item><item id="2">Plan</item></question>
  <question id="p" type="matching"><prompt>P</prompt>
    <pair id="i"><premise>Integration</premise><response>Mutual adaptation</response></pair>
    <pair id="d"><premise>Diaspora</premise><response>Identity shaped by migration</response></pair></question>
</cifal_quiz>"""
CONTENT = parse_quiz_string(QUIZ).content


def question(question_id):
    return CONTENT.question(question_id)


def test_learner_answers_read_as_the_choices_and_items_they_saw():
    assert answer_in_words(question('s'), 'a') == 'About 154 million'
    assert answer_in_words(question('m'), ['x', 'z']) == 'Awareness; Duty'
    assert answer_in_words(question('n'), 1500.0) == '1500'
    assert answer_in_words(question('t'), 'main streaming') == 'main streaming'
    assert answer_in_words(question('o'), ['2', '1']) == 'Plan > Assess'
    assert answer_in_words(question('p'), {'i': 'd'}) == 'Integration \u2192 Identity shaped by migration'


def test_unanswered_questions_read_as_empty():
    assert all(answer_in_words(q, None) == '' for q in CONTENT.questions)


def test_answer_keys_read_in_words():
    assert correct_answer_in_words(question('s')) == '304 million'
    assert correct_answer_in_words(question('m')) == 'Awareness; Pull'
    assert correct_answer_in_words(question('n')) == '304 \u00b1 5%'
    assert correct_answer_in_words(question('t')) == 'mainstreaming | /main.?stream.*/'
    assert correct_answer_in_words(question('o')) == 'Assess > Plan'
    expected = 'Integration \u2192 Mutual adaptation; Diaspora \u2192 Identity shaped by migration'
    assert correct_answer_in_words(question('p')) == expected
