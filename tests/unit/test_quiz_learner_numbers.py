"""Numbers in the learner's results: their language's way, and rounded so that a partial score never reads as none
or as full marks."""
import pytest
from django.utils import translation

from cifal_core.quiz.models import NumericAnswer
from cifal_core.quiz.words import numeric_key_on_page
from cifal_quiz.presenter import shown_number, shown_percent, shown_points


@pytest.mark.parametrize(('language', 'value', 'possible', 'expected'), [
    ('en', 4.266667, 7, '4.3'),
    ('fr', 4.266667, 7, '4,3'),
    ('es', 0.666667, 2, '0,7'),
    ('en', 1.5, 2, '1.5'),
    ('en', 6.0, 10, '6'),
    ('en', 0.96, 1, '0.96'),  # not "1": the score is partial
    ('en', 0.04, 1, '0.04'),  # not "0"
    ('en', 0.0, 1, '0'),
    ('en', 1.0, 1, '1'),
])
def test_points_earned_read_the_learners_way(language, value, possible, expected):
    with translation.override(language):
        assert shown_points(value, possible) == expected


@pytest.mark.parametrize(('language', 'fraction', 'expected'), [
    ('en', 0.65, '65'),
    ('fr', 0.485, '48'),
    ('en', 0.996, '99.6'),  # not "100": not full marks
    ('en', 0.003, '0.3'),
    ('en', 1.0, '100'),
    ('en', None, '0'),
])
def test_percentages_never_round_to_full_or_empty(language, fraction, expected):
    with translation.override(language):
        assert shown_percent(fraction) == expected


def test_a_percentage_below_the_pass_mark_never_reads_as_the_pass_mark():
    assert shown_percent(0.596, marks=(60,)) == '59.6'
    assert shown_percent(0.6, marks=(60,)) == '60'
    assert shown_percent(0.604, marks=(60,)) == '60'


def test_numbers_the_learner_typed_are_shown_as_typed_in_their_language():
    with translation.override('fr'):
        assert shown_number(48.5) == '48,5'
        assert shown_number(1500.25) == '1\u202f500,25'
        assert numeric_key_on_page(NumericAnswer(48.0, 0.5), shown_number) == '48 (\u00b1 0,5)'
    with translation.override('en'):
        assert shown_number(1500.25) == '1,500.25'
        assert shown_number(1e-7) == '1e-07'
    assert numeric_key_on_page(NumericAnswer(304.0, 5.0, relative=True)) == '304 (\u00b1 5%)'  # reports' own way
