"""Authoring checks and the editor's validation: one set of rules, each problem located where the author fixes it."""
import pytest

from cifal_core.errors import OlxError
from cifal_core.quiz.authoring import ERROR, WARNING, Problem, authoring_problems
from cifal_core.quiz.editor import preview_question, validate_olx, validate_quiz
from cifal_core.quiz.parse import parse_quiz_string
from cifal_core.quiz.serialize import quiz_to_string

CHOICES = [{'id': 'a', 'html': 'Yes', 'correct': True}, {'id': 'b', 'html': 'No', 'correct': False}]


def single(question_id='q1', **changes):
    return {'id': question_id, 'type': 'single', 'points': '1', 'prompt_html': '<p>Pick one</p>',
            'choices': CHOICES, **changes}


def where(problems):
    """(severity, field, question index, part id) of each problem, for compact assertions."""
    return [(problem.severity, problem.field, problem.question_index, problem.part_id) for problem in problems]


def errors(problems):
    return [problem for problem in problems if problem.is_error]


# ---- OlxError: located and translatable -----------------------------------------------------------------------

def test_olx_errors_say_which_question_and_field():
    with pytest.raises(OlxError) as caught:
        parse_quiz_string('<cifal_quiz>\n<question id="q1" type="ordering"><prompt>P</prompt>'
                          '<item id="i1">A</item><item id="i2"> </item></question></cifal_quiz>')
    error = caught.value
    assert (error.question_id, error.field, error.part_id, error.line) == ('q1', 'item', 'i2', 2)
    assert str(error) == "line 2: question 'q1': item 'i2' is empty"


def test_olx_errors_translate_their_template_and_nested_setting_reasons():
    with pytest.raises(OlxError) as caught:
        parse_quiz_string('<cifal_quiz max_attempts="-1"/>')
    french = {'attribute {name}: {reason}': 'attribut {name}\u00a0: {reason}',
              '{value} is below the minimum of {minimum}': '{value} est inférieur au minimum de {minimum}'}
    assert caught.value.field == 'max_attempts'
    assert caught.value.translated(lambda text: french.get(text, text)) == (
        "attribut max_attempts\u00a0: '-1' est inférieur au minimum de 0")
    assert caught.value.translated(lambda text: text + ' {broken}') == caught.value.reason


# ---- authoring problems ---------------------------------------------------------------------------------------

def content_of(*questions, settings=''):
    xml = f'<cifal_quiz {settings}>' + ''.join(questions) + '</cifal_quiz>'
    parsed = parse_quiz_string(xml)
    return parsed.settings, parsed.content


SINGLE_XML = ('<question id="{id}" type="single"><prompt>P</prompt><choice id="a" correct="true">A</choice>'
              '<choice id="b">B</choice></question>')


def test_a_sound_quiz_has_no_problem():
    settings, content = content_of(SINGLE_XML.format(id='q1'), SINGLE_XML.format(id='q2'), settings='draw="2"')
    assert authoring_problems(settings, content) == []


@pytest.mark.parametrize(('settings', 'expected'), [
    ('draw="3"', (ERROR, 'draw')),
    ('role="pre" max_attempts="1"', (ERROR, 'pair')),
    ('role="post" pair=" " max_attempts="1"', (ERROR, 'pair')),
    ('role="pre" pair="m1"', (WARNING, 'max_attempts')),
    ('pair="m1"', (WARNING, 'pair')),
])
def test_quiz_settings_learners_would_pay_for(settings, expected):
    quiz_settings, content = content_of(SINGLE_XML.format(id='q1'), SINGLE_XML.format(id='q2'), settings=settings)
    assert [(problem.severity, problem.field) for problem in authoring_problems(quiz_settings, content)] == [expected]


def test_out_of_range_numbers_that_did_not_come_through_the_parser():
    problems = authoring_problems({'pass_mark': 120, 'max_attempts': -1, 'draw': -2, 'weight': -1}, content_of()[1])
    assert {problem.field for problem in errors(problems)} == {'pass_mark', 'max_attempts', 'draw', 'weight'}


def test_an_empty_quiz_is_only_a_warning():
    assert where(authoring_problems({}, content_of()[1])) == [(WARNING, 'questions', None, None)]


def test_duplicate_choice_texts_compare_what_learners_read():
    _, content = content_of('<question id="q1" type="single"><prompt>P</prompt><choice id="a" correct="true">'
                            '<p>Réfugiés</p></choice><choice id="b">  refugies </choice><choice id="c">Other</choice>'
                            '</question>')
    (problem,) = authoring_problems({}, content)
    assert where([problem]) == [(ERROR, 'choice', 0, 'b')]
    assert problem.english() == "question 'q1': choices 'a' and 'b' read the same"


def test_duplicate_items_premises_and_responses():
    _, content = content_of(
        '<question id="o" type="ordering"><prompt>P</prompt><item id="i1">A</item><item id="i2">a</item></question>',
        '<question id="m" type="matching"><prompt>P</prompt><pair id="p1"><premise>X</premise><response>1</response>'
        '</pair><pair id="p2"><premise>X</premise><response>1</response></pair></question>')
    assert where(authoring_problems({}, content)) == [
        (ERROR, 'item', 0, 'i2'), (ERROR, 'premise', 1, 'p2'), (ERROR, 'response', 1, 'p2')]


def test_a_prompt_without_any_text_is_refused_even_when_it_shows_an_image():
    _, content = content_of('<question id="q1" type="text"><prompt><img src="/map.png"/></prompt>'
                            '<answer>x</answer></question>')
    assert where(authoring_problems({}, content)) == [(ERROR, 'prompt', 0, None)]


def test_a_multiple_choice_question_with_every_choice_correct_is_a_warning():
    _, content = content_of('<question id="q1" type="multiple"><prompt>P</prompt><choice id="a" correct="true">A'
                            '</choice><choice id="b" correct="true">B</choice></question>')
    assert where(authoring_problems({}, content)) == [(WARNING, 'choices', 0, None)]


# ---- the editor's data ----------------------------------------------------------------------------------------

def test_valid_editor_data_gives_typed_settings_and_sanitized_content():
    settings, content, problems = validate_quiz(
        {'max_attempts': '2', 'shuffle_choices': True, 'pass_mark': '60'},
        {'description_html': '<p>Intro<script>x()</script></p>', 'questions': [
            single(prompt_html='<p onclick="x()">Pick <em>one</em></p>', points='1,5'),
            {'id': 'n', 'type': 'numeric', 'prompt_html': 'N', 'numeric': {'value': '1 500', 'tolerance': '5',
                                                                           'relative': True}},
        ]})
    assert problems == []
    assert settings['max_attempts'] == 2 and settings['shuffle_choices'] is True and settings['pass_mark'] == 60
    assert content.description_html == '<p>Intro</p>'
    assert content.questions[0].prompt_html == '<p>Pick <em>one</em></p>' and content.questions[0].points == 1.5
    assert content.questions[1].numeric.value == 1500 and content.questions[1].numeric.relative


def test_parts_of_another_type_are_ignored_so_switching_type_loses_nothing_in_the_browser():
    _, content, problems = validate_quiz({}, {'questions': [
        {'id': 't', 'type': 'text', 'prompt_html': 'T', 'choices': CHOICES, 'text_answers': [{'text': 'x'}]}]})
    assert problems == [] and content.questions[0].choices == ()


@pytest.mark.parametrize(('question', 'expected'), [
    (single(choices=[{'id': 'a', 'html': 'A'}, {'id': 'b', 'html': 'B'}]), ('choices', None)),
    (single(choices=[{'id': 'a', 'html': 'A', 'correct': True}, {'id': 'b', 'html': '<p></p>'}]), ('choice', 'b')),
    (single(prompt_html='<p></p>'), ('prompt', None)),
    (single(id=''), ('id', None)),
    (single(type='essay'), ('type', None)),
    (single(points='lots'), ('points', None)),
    (single(points='0'), ('points', None)),
    ({'id': 'n', 'type': 'numeric', 'prompt_html': 'N', 'numeric': {'value': 'abc'}}, ('answer', None)),
    ({'id': 'n', 'type': 'numeric', 'prompt_html': 'N', 'numeric': {'value': '3', 'tolerance': '-1'}},
     ('tolerance', None)),
    ({'id': 't', 'type': 'text', 'prompt_html': 'T', 'text_answers': []}, ('answers', None)),
    ({'id': 't', 'type': 'text', 'prompt_html': 'T', 'text_answers': [{'text': 'ok'}, {'text': 'a(', 'regex': True}]},
     ('answers', '1')),
    ({'id': 'o', 'type': 'ordering', 'prompt_html': 'O', 'items': [{'id': 'i1', 'html': 'A'}]}, ('items', None)),
    ({'id': 'm', 'type': 'matching', 'prompt_html': 'M', 'pairs': [
        {'id': 'p1', 'premise_html': 'A', 'response_html': '1'},
        {'id': 'p2', 'premise_html': 'B', 'response_html': ''}]}, ('response', 'p2')),
])
def test_each_olx_rule_is_reported_on_its_question_and_field(question, expected):
    _, _, problems = validate_quiz({}, {'questions': [single('ok'), question]})
    assert [(problem.field, problem.part_id) for problem in errors(problems)] == [expected]
    assert errors(problems)[0].question_index == 1


def test_every_question_is_checked_not_only_the_first_wrong_one():
    _, _, problems = validate_quiz({'draw': '9', 'grading': 'worst'}, {'questions': [
        single('q1', prompt_html=''), single('q2', points='x'), single('q1')]})
    assert [(problem.field, problem.question_index) for problem in errors(problems)] == [
        ('grading', None), ('prompt', 0), ('points', 1), ('id', 2), ('draw', None)]


@pytest.mark.parametrize(('settings', 'content'), [
    ([], {'questions': []}),
    ({}, {'questions': 'q1'}),
    ({}, {'questions': ['q1']}),
    ({'due': '2030-01-01'}, {'questions': []}),
])
def test_malformed_editor_data_is_an_error_not_an_exception(settings, content):
    assert errors(validate_quiz(settings, content)[2])


# ---- the OLX tab ----------------------------------------------------------------------------------------------

def test_olx_text_errors_and_authoring_problems_carry_line_numbers():
    text = '<cifal_quiz role="pre">\n' + SINGLE_XML.format(id='q1') + '\n' + SINGLE_XML.format(id='q2').replace(
        '>B<', '>a<') + '\n</cifal_quiz>'
    _, _, problems = validate_olx(text)
    assert [(problem.field, problem.line) for problem in errors(problems)] == [('pair', 1), ('choice', 3)]
    assert errors(problems)[1].translated(lambda text: text).startswith("line 3: question 'q2': ")


def test_olx_text_that_does_not_parse_is_one_located_error():
    _, _, problems = validate_olx('<cifal_quiz>\n<question id="q1" type="riddle"><prompt>P</prompt></question>\n'
                                  '</cifal_quiz>')
    assert where(problems) == [(ERROR, 'type', None, None)] and problems[0].line == 2


def test_attributes_the_editor_cannot_keep_are_refused_except_the_runtimes():
    _, _, problems = validate_olx('<cifal_quiz url_name="x" due="2030"/>', ignored_attributes=('url_name',))
    assert [problem.params for problem in errors(problems)] == [{'name': 'due'}]


def test_the_editor_and_the_olx_tab_agree():
    settings, content, problems = validate_quiz({'role': 'pre', 'pair': 'm1', 'max_attempts': 1},
                                                {'questions': [single()]})
    olx_settings, olx_content, olx_problems = validate_olx(quiz_to_string(content, settings))
    assert problems == olx_problems == []
    assert (olx_settings, olx_content) == (settings, content)


def test_problem_to_dict_is_what_the_editor_reads():
    problem = Problem('{name} is wrong', {'name': 'x'}, field='points', question_id='q1', question_index=0, line=4)
    assert problem.to_dict(lambda text: text) == {
        'field': 'points', 'question_id': 'q1', 'question_index': 0, 'part_id': None, 'line': 4,
        'severity': 'error', 'message': 'line 4: x is wrong'}


# ---- the editor's live preview of one question ----------------------------------------------------------------

@pytest.mark.parametrize('question', [
    single(), single(choices=[{'id': 'a', 'html': 'A'}, {'id': 'b', 'html': 'B'}]), single(points='lots'),
    {'id': 'm', 'type': 'matching', 'prompt_html': 'M', 'pairs': [{'id': 'p1', 'premise_html': 'A'}]},
])
def test_the_preview_reports_what_a_save_would_about_its_question(question):
    _, _, saved = validate_quiz({}, {'questions': [single('first'), question]})

    _, problems = preview_question(question, 1)

    assert where(problems) == [item for item in where(saved) if item[2] == 1]


def test_the_preview_sanitizes_a_question_that_the_olx_rules_still_refuse():
    question, problems = preview_question(single(
        points='lots', prompt_html='<p onclick="x()">Pick<script>alert(1)</script></p>',
        choices=[{'id': 'a', 'html': '<img src="x" onerror="alert(2)">A', 'feedback_html': '<script>y()</script>'},
                 {'id': 'b', 'html': ''}]), 0, empty_text='(empty <yet>)')

    assert errors(problems)
    assert question.prompt_html == '<p>Pick</p>'
    assert [choice.html for choice in question.choices] == ['<img src="x">A', '(empty &lt;yet&gt;)']
    assert question.choices[0].feedback_html == ''
