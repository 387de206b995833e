"""The authors' condition language: what it means, what it refuses, and that it never runs code."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cifal_core.conditions import ConditionError, parse

ANSWERS = {'q1': 2, 'group': 'gov', 'rec': 9, 'mm': ['a', 'c'], 'm1.apply': 4, 'why': '', 'na': None, 'yes': True}


def holds(text, answers=None):
    return parse(text).holds((answers or ANSWERS).get)


@pytest.mark.parametrize('text, expected', [
    ('q1 <= 2', True), ('q1 < 2', False), ('q1 == 2', True), ('q1 != 2', False), ('q1 >= 2.0', True),
    ('group == "gov"', True), ("group == 'civ'", False), ('group in ("gov", "io")', True), ('group in ("io")', False),
    ('rec >= 9 and group == "gov"', True), ('rec >= 10 or q1 <= 2', True), ('not (rec >= 9)', False),
    ('mm == "a"', True), ('mm == "b"', False), ('mm != "b"', True), ('mm in ("b", "c")', True),
    ('m1.apply >= 4', True), ('yes', True), ('why', False), ('not why', True),
    ('q1 <= 2 and rec >= 9 or group == "civ"', True), ('q1 > 2 and (rec >= 9 or group == "gov")', False),
])
def test_conditions_mean_what_they_say(text, expected):
    assert holds(text) is expected


@pytest.mark.parametrize('text', ['na <= 2', 'na >= 2', 'na == 2', 'na != 2', 'unknown == "x"', 'na in (1, 2)'])
def test_an_item_without_an_answer_makes_every_comparison_false(text):
    assert holds(text) is False


def test_ordering_comparisons_between_text_and_numbers_are_false_not_errors():
    assert holds('group < 3') is False and holds('mm > 1') is False


def test_names_lists_what_a_condition_reads():
    assert parse('q1 <= 2 and (m1.apply > 3 or group in ("gov"))').names() == {'q1', 'm1.apply', 'group'}


@pytest.mark.parametrize('text, words', [
    ('', 'empty'), ('q1 <=', 'ends too early'), ('q1 <= 2 q2', "unexpected 'q2' at character 9"),
    ('(q1 <= 2', "the '(' at character 1 is never closed"), ('q1 === 2', "'=' at character 6 is not part"),
    ('q1 in "a"', "needs a list"), ('__import__("os").system("x")', "'.' at character 17 is not part"),
    ('q1 ; q2', "';' at character 4"),
    ('(' * 30 + 'q1' + ')' * 30, 'nested more than 20'), ('q1 == 1 or ' * 60 + 'q1', 'longer than 500'),
])
def test_conditions_that_do_not_parse_say_where_and_why(text, words):
    with pytest.raises(ConditionError) as refused:
        parse(text)
    assert words in str(refused.value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='q12 <=>!"()andortin.,ab', max_size=60))
def test_any_text_parses_or_is_refused_and_never_raises_anything_else(text):
    try:
        condition = parse(text)
    except ConditionError:
        return
    assert condition.holds(ANSWERS.get) in (True, False)
