"""Attempt layouts are random per learner but reproducible, and never give the answer away."""
import subprocess
import sys

import pytest

from cifal_core.quiz.models import Choice, Item, Pair, Question, QuizContent
from cifal_core.quiz.sampling import AttemptLayout, layout_attempt, rng_for


def single(question_id):
    choices = tuple(Choice(id=f'{question_id}-{letter}', html=letter, correct=letter == 'a') for letter in 'abcde')
    return Question(id=question_id, type='single', prompt_html='P', choices=choices)


POOL = QuizContent(questions=tuple(single(f'q{index}') for index in range(10)))
ORDERING = Question(id='order', type='ordering', prompt_html='P', items=(Item('i1', '1'), Item('i2', '2')))
MATCHING = Question(id='match', type='matching', prompt_html='P',
                    pairs=(Pair('p1', 'a', '1'), Pair('p2', 'b', '2')))
NUMERIC_ONLY = Question(id='n', type='text', prompt_html='P')


def layout(learner, content=POOL, attempt=1, **options):
    options = {'shuffle_questions': True, 'shuffle_choices': True, 'draw': 0} | options
    return layout_attempt(content, seed_parts=('course', 'block', learner, attempt), **options)


def test_rng_for_is_stable_across_processes():
    here = rng_for('course', 'block', 'learner-1').random()
    code = "from cifal_core.quiz.sampling import rng_for; print(repr(rng_for('course', 'block', 'learner-1').random()))"
    other = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True,
                           env={'PYTHONPATH': ':'.join(sys.path), 'PYTHONHASHSEED': '123'})
    assert float(other.stdout) == here


def test_rng_for_separates_its_parts():
    assert rng_for('ab', 'c').random() != rng_for('a', 'bc').random()


def test_same_seed_gives_the_same_layout():
    assert layout('learner-1') == layout('learner-1')


def test_different_learners_and_attempts_get_different_layouts():
    layouts = {layout(f'learner-{index}').question_ids for index in range(5)}
    assert len(layouts) == 5
    assert layout('learner-1', attempt=1) != layout('learner-1', attempt=2)


def test_without_shuffling_everything_stays_in_olx_order():
    result = layout('learner-1', shuffle_questions=False, shuffle_choices=False)
    assert result.question_ids == POOL.question_ids()
    assert result.option_orders['q3'] == ('q3-a', 'q3-b', 'q3-c', 'q3-d', 'q3-e')


def test_shuffled_choices_are_a_permutation():
    result = layout('learner-1')
    assert sorted(result.question_ids) == sorted(POOL.question_ids())
    assert result.question_ids != POOL.question_ids()
    assert sorted(result.option_orders['q3']) == ['q3-a', 'q3-b', 'q3-c', 'q3-d', 'q3-e']


@pytest.mark.parametrize(('draw', 'size'), [(3, 3), (9, 9), (10, 10), (25, 10), (0, 10)])
def test_draw_picks_that_many_questions(draw, size):
    result = layout('learner-1', draw=draw)
    assert len(result.question_ids) == size
    assert len(set(result.question_ids)) == size
    assert set(result.option_orders) == set(result.question_ids)


def test_drawn_questions_keep_olx_order_unless_shuffled():
    result = layout('learner-1', draw=4, shuffle_questions=False)
    assert list(result.question_ids) == sorted(result.question_ids, key=POOL.question_ids().index)
    assert {layout(f'learner-{index}', draw=4).question_ids for index in range(5)} != {result.question_ids}


def test_the_shown_order_of_two_items_says_nothing_about_the_key():
    """An order that avoided the correct one would give it away: two items always shown reversed are the key."""
    content = QuizContent(questions=(ORDERING, MATCHING, NUMERIC_ONLY))
    layouts = [layout(f'learner-{index}', content=content, shuffle_choices=False) for index in range(400)]

    orderings = [result.option_orders['order'] for result in layouts]
    responses = [result.option_orders['match'] for result in layouts]
    assert 150 < orderings.count(('i1', 'i2')) < 250  # about half each way
    assert 150 < responses.count(('p1', 'p2')) < 250
    assert all('n' not in result.option_orders for result in layouts)


def test_every_order_of_a_longer_ordering_is_as_likely():
    items = tuple(Item(f'i{index}', str(index)) for index in range(3))
    content = QuizContent(questions=(Question(id='o', type='ordering', prompt_html='P', items=items),))
    orders = [layout(f'learner-{index}', content=content).option_orders['o'] for index in range(1200)]

    counts = {order: orders.count(order) for order in set(orders)}
    assert len(counts) == 6
    assert all(140 < count < 260 for count in counts.values())  # 200 expected each; seeds are fixed, no flake


def test_layout_round_trips_through_json_dicts():
    result = layout('learner-1', draw=3)
    assert AttemptLayout.from_dict(result.to_dict()) == result
