"""Quiz settings: one spec shared by import, export and the XBlock fields."""
import pytest

from cifal_core.quiz.settings import QUIZ_SETTINGS, coerce_setting, default_settings, format_setting, parse_bool


def test_defaults_match_the_documented_behaviour():
    assert default_settings() == {
        'display_name': 'Quiz', 'role': 'knowledge_check', 'pair': '', 'weight': 1.0, 'max_attempts': 0,
        'grading': 'best', 'pass_mark': 50.0, 'show_answers': 'after_attempt', 'show_correctness': 'always',
        'shuffle_questions': False, 'shuffle_choices': False, 'draw': 0}


@pytest.mark.parametrize(('name', 'raw', 'value'), [
    ('max_attempts', '3', 3), ('max_attempts', '2.0', 2), ('draw', '0', 0), ('weight', '0.5', 0.5),
    ('pass_mark', '100', 100.0), ('shuffle_questions', 'True', True), ('shuffle_questions', 'no', False),
    ('shuffle_choices', '1', True), ('role', ' pre ', 'pre'), ('display_name', ' Pré-test ', ' Pré-test '),
    ('weight', 2, 2.0), ('shuffle_choices', False, False),
])
def test_coerce_setting(name, raw, value):
    coerced = coerce_setting(name, raw)
    assert coerced == value
    assert type(coerced) is type(value)


@pytest.mark.parametrize(('name', 'raw', 'reason'), [
    ('max_attempts', '-1', 'below the minimum of 0'),
    ('draw', 'all', 'not a number'),
    ('weight', '-0.1', 'below the minimum'),
    ('weight', 'nan', 'not a finite number'),
    ('pass_mark', '101', 'above the maximum of 100'),
    ('grading', 'median', 'not one of best, last, first, average'),
    ('show_correctness', 'sometimes', 'not one of always, never'),
    ('shuffle_questions', 'oui', 'not true or false'),
    ('max_attempts', True, 'not a number'),
])
def test_coerce_setting_refuses_bad_values_with_a_reason(name, raw, reason):
    with pytest.raises(ValueError, match=reason):
        coerce_setting(name, raw)


def test_unknown_setting_is_a_key_error():
    with pytest.raises(KeyError):
        coerce_setting('due', '2030-01-01')


@pytest.mark.parametrize(('name', 'value', 'text'), [
    ('weight', 1.0, '1'), ('weight', 0.25, '0.25'), ('max_attempts', 3, '3'), ('shuffle_choices', True, 'true'),
    ('shuffle_choices', False, 'false'), ('role', 'post', 'post'), ('pass_mark', 62.5, '62.5'),
])
def test_format_setting_writes_what_a_trainer_would(name, value, text):
    assert format_setting(name, value) == text
    assert coerce_setting(name, text) == value


def test_every_default_formats_and_coerces_back():
    for name, spec in QUIZ_SETTINGS.items():
        assert coerce_setting(name, format_setting(name, spec.default)) == spec.default


def test_parse_bool_refuses_words_it_does_not_know():
    with pytest.raises(ValueError):
        parse_bool('maybe')
