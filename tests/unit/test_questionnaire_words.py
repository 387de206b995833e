"""Answers in words, as the reports and the Problem Responses report print them."""
from cifal_core.questionnaire.parse import parse_questionnaire_string
from cifal_core.questionnaire.words import Wording, scale_labels
from tests.integration.questionnaires import REACTION

CONTENT = parse_questionnaire_string(REACTION).content
WORDING = Wording(CONTENT)


def item(item_id):
    return CONTENT.item(item_id)


def test_every_kind_of_answer_reads_as_words():
    assert WORDING.answer(item('q1'), 4) == '4 - Agree'
    assert WORDING.answer(item('m1'), {'apply': 5, 'materials': 'na'}) == (
        'What I learned applies to my work.: 5 - Strongly agree; The materials were of good quality.: Not applicable')
    assert WORDING.answer(item('rec'), 9) == '9'
    assert WORDING.answer(item('group'), 'civ') == 'Civil society'
    assert WORDING.answer(item('topics'), ['transit', 'other'], 'Housing') == 'Transit; Other: Housing'
    assert WORDING.answer(item('why'), 'More <b>examples</b>') == 'More <b>examples</b>'  # text stays as written
    assert WORDING.answer(item('q1'), None) == ''


def test_values_off_the_scale_or_unknown_options_are_shown_as_they_are():
    assert WORDING.point(item('q1'), 9) == '9' and WORDING.point(item('q1'), 'x') == 'x'
    assert WORDING.answer(item('group'), 'gone') == 'gone'


def test_texts_are_plain_and_in_the_reader_s_language():
    french = Wording(CONTENT, {'Agree': 'D’accord', 'Other': 'Autre'}.get)
    assert french.point(item('q1'), 4) == '4 - D’accord' and french.answer(item('topics'), ['other']) == 'Autre:'
    assert WORDING.prompts['q1'] == 'The course met its stated learning objectives.'
    assert scale_labels(CONTENT, item('q1'))[-1] == 'Strongly agree'
