"""Respondents' answers (which items are shown, what is required) and the figures, against hand-computed values."""
import math

import pytest

from cifal_core.errors import AnswerError
from cifal_core.questionnaire.answers import clean_response, missing_required, shown_items
from cifal_core.questionnaire.figures import breakdown, indicators, tally
from cifal_core.questionnaire.parse import parse_questionnaire_string
from cifal_core.statistics.reaction import wilson_interval
from tests.unit.test_questionnaire_olx import ISSUE_EXAMPLE

CONTENT = parse_questionnaire_string(ISSUE_EXAMPLE).content
MULTI = parse_questionnaire_string(
    '<cifal_questionnaire><item id="mm" type="multiple" other="true" required="true"><prompt>P</prompt>'
    '<option id="a">A</option><option id="b">B</option></item></cifal_questionnaire>').content


def test_valid_answers_of_every_type_are_kept():
    response = clean_response(CONTENT, {'group': 'gov', 'q1': 2, 'm1': {'apply': 5}, 'rec': 0, 'why': ' More '})
    assert response.answers == {'group': 'gov', 'q1': 2, 'm1': {'apply': 5}, 'rec': 0, 'why': 'More'}


@pytest.mark.parametrize('answers, words', [
    ({'q1': 6}, 'not a point from 1 to 5'), ({'q1': 'na'}, 'not a point'), ({'q1': True}, 'not a point'),
    ({'q1': 2.5}, 'not a point'), ({'rec': 11}, 'from 0 to 10'), ({'group': 'xx'}, 'not one of its options'),
    ({'m1': {'nope': 3}}, 'not one of its rows'), ({'m1': [3]}, 'map rows to points'), ({'zz': 1}, 'unknown item'),
    ({'why': 'x' * 2001}, 'longer than 2000'), ({'why': 5}, 'must be text'),
])
def test_answers_that_cannot_answer_their_item_are_refused(answers, words):
    with pytest.raises(AnswerError) as refused:
        clean_response(CONTENT, answers)
    assert words in str(refused.value)


def test_a_hidden_item_s_answer_is_discarded_and_it_is_not_required():
    satisfied = clean_response(CONTENT, {'group': 'gov', 'q1': 5, 'why': 'ignored'})
    unhappy = clean_response(CONTENT, {'group': 'gov', 'q1': 1, 'why': 'kept'})

    assert 'why' not in satisfied.answers and unhappy.answers['why'] == 'kept'
    assert 'why' not in shown_items(CONTENT, satisfied.answers) and 'why' in shown_items(CONTENT, unhappy.answers)


def test_an_unanswered_item_hides_what_depends_on_it():
    assert 'why' not in shown_items(CONTENT, {})


def test_missing_required_items_are_named_in_order():
    assert missing_required(CONTENT, clean_response(CONTENT, {'rec': 3})) == ['group', 'q1']
    assert missing_required(CONTENT, clean_response(CONTENT, {'group': 'io', 'q1': 4})) == []


def test_other_please_say_needs_its_text_to_count_as_an_answer():
    assert missing_required(MULTI, clean_response(MULTI, {'mm': ['other']})) == ['mm']
    answered = clean_response(MULTI, {'mm': ['other']}, {'mm': ' A pilot in Lyon '})
    assert answered.other == {'mm': 'A pilot in Lyon'} and missing_required(MULTI, answered) == []
    assert clean_response(MULTI, {'mm': ['a']}, {'mm': 'dropped'}).other == {}  # not chosen: not kept


def test_the_wilson_interval_matches_a_hand_computation():
    # 17 favourable of 20: p = 0.85, z = 1.96: centre 0.7899..., half 0.1467...
    low, high = wilson_interval(17, 20)
    assert low == pytest.approx(0.6396, abs=1e-4) and high == pytest.approx(0.9476, abs=1e-4)
    assert wilson_interval(0, 5)[0] == 0.0 and wilson_interval(5, 5)[1] == 1.0 and wilson_interval(0, 0) is None


RESPONSES = [
    {'answers': {'group': 'gov', 'q1': 5, 'm1': {'apply': 4, 'materials': 2}, 'rec': 10}},
    {'answers': {'group': 'gov', 'q1': 4, 'm1': {'apply': 5}, 'rec': 9}},
    {'answers': {'group': 'civ', 'q1': 2, 'rec': 6, 'why': 'Too fast <script>'}},
    {'answers': {'group': 'civ', 'q1': 1, 'rec': 7}},
    {'answers': {'q1': 3, 'rec': 8}},
]


def test_item_figures_match_hand_computed_values():
    result = tally(CONTENT, RESPONSES)
    q1 = result.statements['q1', '']

    assert result.responses == 5 and q1.n == 5 and dict(q1.counts) == {5: 1, 4: 1, 2: 1, 1: 1, 3: 1}
    assert q1.mean() == 3.0 and q1.sd() == pytest.approx(math.sqrt(2.5))
    assert q1.favourable == 2 and q1.favourable_percent() == 40.0
    expected = [100 * bound for bound in wilson_interval(2, 5)]
    assert list(q1.interval()) == pytest.approx(expected)
    rec = result.statements['rec', '']
    assert rec.shares() == {'promoters': 40.0, 'passives': 40.0, 'detractors': 20.0} and rec.nps() == 20.0
    apply_row = result.statements['m1', 'apply']
    assert apply_row.n == 2 and apply_row.favourable_percent() == 100.0
    assert result.statements['group', ''].counts == {'gov': 2, 'civ': 2}
    assert result.comments == [('why', 'Too fast <script>')]


def test_headline_indicators_are_the_tagged_statements():
    found = dict(indicators(CONTENT, tally(CONTENT, RESPONSES)))
    assert set(found) == {'utility', 'applicability', 'recommend'}
    assert found['recommend'].favourable_percent() == 40.0  # promoters


def test_a_breakdown_hides_small_groups_and_the_group_that_would_reveal_them():
    responses = ([{'answers': {'group': 'gov', 'q1': 5}}] * 6 + [{'answers': {'group': 'civ', 'q1': 1}}] * 5
                 + [{'answers': {'group': 'io', 'q1': 2}}] * 2)
    cells = {cell.group: cell for cell in breakdown(tally(CONTENT, responses), 'group', ('q1', ''), 5)}

    assert cells['io'].suppressed and cells['io'].statement is None  # 2 < 5
    assert cells['civ'].suppressed  # the smallest shown group goes too: total - gov would give io away
    assert not cells['gov'].suppressed and cells['gov'].statement.favourable_percent() == 100.0


def test_respondents_who_did_not_say_their_group_are_a_group_of_their_own():
    responses = [{'answers': {'group': 'gov', 'q1': 5}}] * 5 + [{'answers': {'q1': 1}}] * 5
    cells = {cell.group: cell for cell in breakdown(tally(CONTENT, responses), 'group', ('q1', ''), 5)}
    assert set(cells) == {'gov', ''} and cells[''].statement.favourable_percent() == 0.0
