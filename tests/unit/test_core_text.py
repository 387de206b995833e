"""Typed answers: trivial differences are forgiven, meaningful ones are not."""
import threading

import pytest

from cifal_core.errors import PatternError
from cifal_core.quiz.text import compile_answer_pattern, normalize_text, text_matches


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


def test_invalid_patterns_raise_a_pattern_error():
    with pytest.raises(PatternError):
        compile_answer_pattern('main(stream')


@pytest.mark.parametrize(('pattern', 'words'), [
    (r'(main)\1', 'backreferences'),
    ('(?=main)mainstreaming', 'look-ahead ((?=...))'),
    ('(?<!de)mainstreaming', 'look-behind'),
    ('x' * 501, 'longer than 500'),
])
def test_patterns_that_need_backtracking_are_refused_with_what_to_change(pattern, words):
    with pytest.raises(PatternError) as refused:
        compile_answer_pattern(pattern)

    assert words in str(refused.value)


def test_a_catastrophic_pattern_still_answers_a_long_answer():
    """With Python's backtracking re, (a+)+b on this answer never returns (exponential time: one learner could
    hold a worker). A liveness check, not a speed target: the match must come back at all."""
    results = []
    worker = threading.Thread(target=lambda: results.append(text_matches('a' * 1000 + '!', '(a+)+b', regex=True)),
                              daemon=True)
    worker.start()
    worker.join(timeout=30)

    assert results == [False]
