"""Per-learner attempt layouts: which questions are drawn and in which order options are shown.

Layouts must be reproducible (a page reload, the mobile app and the grader must see the same
attempt) without storing a random state, so every random choice comes from a generator seeded with
a hash of stable parts such as (course, block, learner, attempt number). Python's ``hash()`` is
salted per process and therefore unusable here; sha256 is the same everywhere.
"""
import hashlib
import random
from dataclasses import dataclass

_SEPARATOR = '\x1f'  # unit separator: ("ab", "c") and ("a", "bc") must not give the same seed


def rng_for(*parts) -> random.Random:
    """A random generator determined by ``parts`` (converted with str), identical across processes."""
    digest = hashlib.sha256(_SEPARATOR.join(str(part) for part in parts).encode('utf-8')).digest()
    return random.Random(int.from_bytes(digest, 'big'))


@dataclass(frozen=True)
class AttemptLayout:
    """The questions of one attempt in display order, and per question the display order of its options.

    ``option_orders`` has an entry for choice questions (choice ids), ordering questions (item ids)
    and matching questions (the pair ids of the responses); numeric and text questions have no
    options and no entry. Ordering items and matching responses are always shuffled, uniformly: an
    order that avoided the correct one would give it away (two items shown reversed are the key).
    """

    question_ids: tuple[str, ...]
    option_orders: dict[str, tuple[str, ...]]

    def to_dict(self) -> dict:
        """A JSON-serialisable dict, to store the layout with the attempt."""
        return {
            'question_ids': list(self.question_ids),
            'option_orders': {question_id: list(order) for question_id, order in self.option_orders.items()},
        }

    @classmethod
    def from_dict(cls, data) -> 'AttemptLayout':
        """Rebuild a layout from ``to_dict`` output."""
        return cls(
            question_ids=tuple(data['question_ids']),
            option_orders={question_id: tuple(order) for question_id, order in data['option_orders'].items()},
        )


def layout_attempt(content, *, seed_parts: tuple, shuffle_questions: bool, shuffle_choices: bool,
                   draw: int) -> AttemptLayout:
    """Lay out one attempt: draw ``draw`` questions (0 or more than the pool: all), in OLX order unless
    ``shuffle_questions``, and order each question's options.

    Each question's options use their own generator (seeded with the question id), so that editing one
    question does not reshuffle the others for learners who are mid-attempt.
    """
    pool = list(content.questions)
    if 0 < draw < len(pool):
        drawn = rng_for(*seed_parts, 'draw').sample(range(len(pool)), draw)
        pool = [pool[index] for index in sorted(drawn)]
    if shuffle_questions:
        rng_for(*seed_parts, 'questions').shuffle(pool)
    option_orders = {}
    for question in pool:
        order = _option_order(question, rng_for(*seed_parts, 'options', question.id), shuffle_choices)
        if order is not None:
            option_orders[question.id] = order
    return AttemptLayout(question_ids=tuple(question.id for question in pool), option_orders=option_orders)


def _option_order(question, rng, shuffle_choices):
    if question.type in ('single', 'multiple'):
        ids = [choice.id for choice in question.choices]
        if shuffle_choices:
            rng.shuffle(ids)
        return tuple(ids)
    if question.type == 'ordering':
        return _shuffled([item.id for item in question.items], rng)
    if question.type == 'matching':
        return _shuffled([pair.id for pair in question.pairs], rng)
    return None


def _shuffled(ids, rng):
    """Every order equally likely, the authored one included: nothing about the shown order says which is right.
    (An ordering question left as shown is unanswered, not right: the learner must move an item or confirm.)"""
    rng.shuffle(ids)
    return tuple(ids)
