"""Learner payloads are checked and canonicalised before they are scored or saved."""
from pathlib import Path

import pytest
from lxml import etree

from cifal_core.errors import AnswerError
from cifal_core.quiz.answers import clean_answers, clean_draft
from cifal_core.quiz.parse import parse_quiz_element

SAMPLE = Path(__file__).parent.parent / 'fixtures' / 'olx' / 'sample_quiz.xml'
CONTENT = parse_quiz_element(etree.parse(str(SAMPLE)).getroot()).content
STAGES = ['assessment', 'goals', 'planning', 'funding', 'implementation', 'evaluation']


def test_valid_answers_are_canonicalised():
    cleaned = clean_answers(CONTENT, {
        'icrmw-adoption': 'y1990',
        'icrmw-obstacles': ['reporting', 'awareness'],
        'migrant-stock': '303,5',
        'mainstreaming': '  Mainstreaming  ',
        'gmg-stages': list(reversed(STAGES)),
        'terms': {'integration': 'diaspora', 'remittances': 'remittances'},
    })
    assert cleaned == {
        'icrmw-adoption': 'y1990',
        'icrmw-obstacles': ['awareness', 'reporting'],  # the question's choice order
        'migrant-stock': 303.5,
        'mainstreaming': 'Mainstreaming',
        'gmg-stages': list(reversed(STAGES)),
        'terms': {'integration': 'diaspora', 'remittances': 'remittances'},
    }


def test_numbers_may_be_posted_as_json_numbers():
    assert clean_answers(CONTENT, {'migrant-stock': 304}) == {'migrant-stock': 304.0}
    assert clean_answers(CONTENT, {'migrant-stock': 0}) == {'migrant-stock': 0.0}


@pytest.mark.parametrize('empty', [None, '', '   ', [], {}])
def test_empty_values_mean_unanswered(empty):
    question_id = {list: 'icrmw-obstacles', dict: 'terms'}.get(type(empty), 'mainstreaming')
    assert clean_answers(CONTENT, {question_id: empty}) == {}


def test_unanswered_premises_are_dropped_from_matching():
    assert clean_answers(CONTENT, {'terms': {'integration': 'integration', 'diaspora': None}}) == {
        'terms': {'integration': 'integration'}}


@pytest.mark.parametrize(('payload', 'message'), [
    (['y1990'], 'answers must be an object'),
    ({'q99': 'a'}, "unknown question 'q99'"),
    ({'icrmw-adoption': 'y2024'}, "question 'icrmw-adoption': 'y2024' is not one of its choices"),
    ({'icrmw-adoption': ['y1990']}, 'is not one of its choices'),
    ({'icrmw-obstacles': 'awareness'}, 'must be a list of choice ids'),
    ({'icrmw-obstacles': ['awareness', 'awareness']}, 'selected twice'),
    ({'icrmw-obstacles': ['awareness', 'nope']}, "'nope' is not one of its choices"),
    ({'migrant-stock': '12abc'}, "question 'migrant-stock': '12abc' is not a number"),
    ({'migrant-stock': True}, 'is not a number'),
    ({'migrant-stock': [304]}, 'is not a number'),
    ({'mainstreaming': 42}, 'must be text'),
    ({'mainstreaming': 'x' * 1001}, 'longer than 1000 characters'),
    ({'gmg-stages': STAGES[:-1]}, 'each of its items exactly once'),
    ({'gmg-stages': STAGES[:-1] + ['assessment']}, 'each of its items exactly once'),
    ({'gmg-stages': STAGES + ['extra']}, 'each of its items exactly once'),
    ({'terms': [['integration', 'integration']]}, 'must map premises to responses'),
    ({'terms': {'refugee': 'integration'}}, "'refugee' is not one of its premises"),
    ({'terms': {'integration': 'refugee'}}, "'refugee' is not one of its responses"),
])
def test_invalid_payloads_raise_answer_error_naming_the_problem(payload, message):
    with pytest.raises(AnswerError, match=message.replace('(', r'\(')):
        clean_answers(CONTENT, payload)


def test_answer_error_carries_the_question_id():
    with pytest.raises(AnswerError) as caught:
        clean_answers(CONTENT, {'migrant-stock': 'lots'})
    assert caught.value.question_id == 'migrant-stock'


def test_drafts_keep_numbers_and_text_as_typed():
    draft = clean_draft(CONTENT, {'migrant-stock': '1,', 'mainstreaming': 'main ', 'icrmw-adoption': 'y1951'})
    assert draft == {'migrant-stock': '1,', 'mainstreaming': 'main ', 'icrmw-adoption': 'y1951'}


def test_drafts_are_still_checked():
    with pytest.raises(AnswerError):
        clean_draft(CONTENT, {'icrmw-adoption': 'y2024'})
    with pytest.raises(AnswerError, match='longer than 1000'):
        clean_draft(CONTENT, {'mainstreaming': 'x' * 1001})
    with pytest.raises(AnswerError, match='longer than 100'):
        clean_draft(CONTENT, {'migrant-stock': '1' * 101})
