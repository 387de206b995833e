"""Typed answers: trivial differences are forgiven, meaningful ones are not."""
import re

import pytest

from cifal_core.questions.text import compile_answer_pattern, normalize_text, text_matches


@pytest.mark.parametrize(('typed', 'expected'), [
    ('Mainstreaming', 'mainstreaming'),
    ('  main   streaming \n', 'main streaming'),
    ('Réfugié', 'refugie'),
    ('ÉVALUATION', 'evaluation'),
    ('niño\u00a0año', 'nino ano'),
    ('Straße', 'strasse'),
    ('main-streaming', 'main-streaming'),
])
def test_normalize_text(typed, expected):
    assert normalize_text(typed) == expected


def test_case_accents_and_spacing_do_not_matter_but_hyphens_do():
    assert text_matches('  MAINSTREAMING ', 'mainstreaming')
    assert text_matches('intégration', 'Integration')
    assert text_matches('migration   mainstreaming', 'migration mainstreaming')
    assert not text_matches('main-streaming', 'mainstreaming')
    assert not text_matches('mainstream', 'mainstreaming')


def test_regex_answers_fully_match_the_normalised_answer_ignoring_case():
    assert text_matches('Main-Streaming', 'main-?streaming', regex=True)
    assert text_matches('  mainstreaming', 'main-?streaming', regex=True)
    assert not text_matches('mainstreaming policies', 'main-?streaming', regex=True)


def test_regex_patterns_with_accents_match_answers_with_or_without_them():
    assert text_matches('réfugiés', 'réfugiés?', regex=True)
    assert text_matches('refugie', 'réfugiés?', regex=True)


def test_invalid_patterns_raise_re_error():
    with pytest.raises(re.error):
        compile_answer_pattern('main(stream')
