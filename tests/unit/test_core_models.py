"""Content model and error values."""
import json
from pathlib import Path

import pytest
from lxml import etree

from cifal_core.errors import AnswerError, OlxError
from cifal_core.quiz.models import QuizContent
from cifal_core.quiz.parse import parse_quiz_element

SAMPLE = Path(__file__).parent.parent / 'fixtures' / 'olx' / 'sample_quiz.xml'
CONTENT = parse_quiz_element(etree.parse(str(SAMPLE)).getroot()).content


def test_content_survives_a_json_round_trip():
    assert QuizContent.from_dict(json.loads(json.dumps(CONTENT.to_dict()))) == CONTENT


def test_empty_dict_is_an_empty_quiz():
    assert QuizContent.from_dict({}) == QuizContent()
    assert QuizContent.from_dict(None).max_points == 0


def test_question_lookup():
    assert CONTENT.question('terms').type == 'matching'
    assert CONTENT.question_ids()[0] == 'migrant-stock'
    with pytest.raises(KeyError):
        CONTENT.question('nope')


def test_models_are_immutable_and_hashable():
    question = CONTENT.question('terms')
    with pytest.raises(AttributeError):
        question.points = 5
    assert hash(question) == hash(CONTENT.question('terms'))


@pytest.mark.parametrize(('error', 'text'), [
    (OlxError('bad', line=12, source='quiz.xml'), 'quiz.xml:12: bad'),
    (OlxError('bad', line=12), 'line 12: bad'),
    (OlxError('bad', source='quiz.xml'), 'quiz.xml: bad'),
    (OlxError('bad'), 'bad'),
])
def test_olx_error_text(error, text):
    assert str(error) == text
    assert error.reason == 'bad'
    assert isinstance(error, ValueError)


def test_answer_error():
    error = AnswerError("question 'q2': nope", question_id='q2')
    assert (str(error), error.question_id) == ("question 'q2': nope", 'q2')
