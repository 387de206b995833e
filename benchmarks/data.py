"""A synthetic course: a 20-question pre-test (every question type) with N attempts, and its post-test.

Learners have an ability and questions a difficulty, so that marks correlate as in a real cohort and the item
statistics have something to find. Answers are scored by the suite's own scoring, so the records are those the
quiz would have written. Rows are inserted with ``bulk_create`` in batches, never all held at once.
"""
import math
import random
from datetime import UTC, datetime, timedelta

from cifal_core.quiz.models import Choice, Item, NumericAnswer, Pair, Question, QuizContent, TextAnswer
from cifal_core.quiz.scoring import score_attempt

COURSE = 'course-v1:UNITAR+BENCH+2025'
PAIR = 'module-1'
BATCH = 2000
TYPES = ['single'] * 6 + ['multiple'] * 5 + ['numeric'] * 3 + ['text'] * 3 + ['ordering'] * 2 + ['matching']
WRONG_TEXTS = ('integration', 'planning', '=HYPERLINK("http://x","y")', 'migration policy', 'I do not know')


def question(number: int, kind: str) -> Question:
    qid, prompt = f'q{number}', f'<p>Question {number} about <em>migration</em> ({kind})?</p>'
    if kind in ('single', 'multiple'):
        correct = {1} if kind == 'single' else {0, 2}
        choices = tuple(Choice(f'c{i}', f'<p>Option {i} of question {number}</p>', i in correct) for i in range(4))
        return Question(qid, kind, prompt, choices=choices)
    if kind == 'numeric':
        return Question(qid, kind, prompt, numeric=NumericAnswer(304.0, 5.0))
    if kind == 'text':
        return Question(qid, kind, prompt, text_answers=(TextAnswer('mainstreaming'),))
    if kind == 'ordering':
        return Question(qid, kind, prompt, items=tuple(Item(f'i{i}', f'Stage {i}') for i in range(4)))
    return Question(qid, kind, prompt, points=2.0,
                    pairs=tuple(Pair(f'p{i}', f'Term {i}', f'Definition {i}') for i in range(3)))


CONTENT = QuizContent('<p>Benchmark quiz</p>', tuple(question(n + 1, kind) for n, kind in enumerate(TYPES)))


def answer(rng: random.Random, item: Question, right: bool):
    """A right or wrong answer in the cleaned form the quiz stores."""
    kind = item.type
    if kind == 'single':
        return 'c1' if right else rng.choice(['c0', 'c2', 'c3'])
    if kind == 'multiple':
        return ['c0', 'c2'] if right else rng.choice([['c0'], ['c1', 'c2'], ['c0', 'c2', 'c3'], ['c3']])
    if kind == 'numeric':
        return 302.0 if right else float(rng.randint(100, 250))
    if kind == 'text':
        return 'mainstreaming' if right else rng.choice(WRONG_TEXTS)
    if kind == 'ordering':
        return ['i0', 'i1', 'i2', 'i3'] if right else rng.choice([['i1', 'i0', 'i2', 'i3'], ['i3', 'i2', 'i1', 'i0']])
    return {'p0': 'p0', 'p1': 'p1', 'p2': 'p2'} if right else {'p0': 'p1', 'p1': 'p0', 'p2': 'p2'}


def attempt_row(rng, ability, difficulties, number, learner, series_start, block, version, role):
    from cifal_results.models import Submission  # pylint: disable=import-outside-toplevel

    answers = {}
    for item, difficulty in zip(CONTENT.questions, difficulties, strict=True):
        if rng.random() < 0.03:
            continue  # left unanswered
        chance = 1 / (1 + math.exp(-(ability - difficulty) * 2))
        answers[item.id] = answer(rng, item, rng.random() < chance)
    score = score_attempt(CONTENT.questions, answers)
    return Submission(
        kind=Submission.QUIZ_ATTEMPT, course_key=COURSE, usage_key=block, block_type='cifal_quiz',
        content_version=version, learner_id=f'{learner:032x}', series='s1', sequence=number, role=role, pair=PAIR,
        answers=answers,
        scores=[{'id': q.question_id, 'earned': q.earned, 'possible': q.possible, 'status': q.status}
                for q in score.questions],
        context={'grading': 'best', 'max_attempts': 0, 'pass_mark': 50.0}, earned=score.earned,
        possible=score.possible, submitted_at=series_start + timedelta(minutes=number),
    )


class Cohort:
    """A pre-test and its post-test that grow: ``grow_to(n)`` adds learners until the pre-test has ``n`` attempts
    (every fourth learner takes two; about half of them take the post-test once), so that one database serves
    every size a benchmark measures, each size a superset of the one before."""

    def __init__(self, seed: int = 2025):
        from cifal_results.api import content_version  # pylint: disable=import-outside-toplevel

        self.rng = random.Random(seed)
        definition = CONTENT.to_dict()
        self.blocks = {role: f'block-v1:UNITAR+BENCH+2025+type@cifal_quiz+block@{role}' for role in ('pre', 'post')}
        self.versions = {role: content_version(key, 'cifal_quiz', f'{role.title()}-test', definition)
                         for role, key in self.blocks.items()}
        self.difficulties = [self.rng.uniform(-1.5, 1.5) for _ in CONTENT.questions]
        self.start = datetime(2025, 3, 1, 9, tzinfo=UTC)
        self.counts = {'pre': 0, 'post': 0}
        self.learners = 0

    def grow_to(self, attempts: int) -> None:
        from cifal_results.models import Submission  # pylint: disable=import-outside-toplevel

        batch = []

        def add(row):
            batch.append(row)
            self.counts[row.role] += 1
            if len(batch) >= BATCH:
                Submission.objects.bulk_create(batch)
                batch.clear()

        rng, blocks, versions = self.rng, self.blocks, self.versions
        while self.counts['pre'] < attempts:
            self.learners += 1
            learner = self.learners
            ability = rng.gauss(0, 1)
            taken = min(2 if learner % 4 == 0 else 1, attempts - self.counts['pre'])
            for number in range(1, taken + 1):
                add(attempt_row(rng, ability, self.difficulties, number, learner, self.start, blocks['pre'],
                                versions['pre'], 'pre'))
            if learner % 2 == 0:
                add(attempt_row(rng, ability + 0.8, self.difficulties, 1, learner, self.start + timedelta(days=5),
                                blocks['post'], versions['post'], 'post'))
        if batch:
            Submission.objects.bulk_create(batch)

    def summary(self) -> dict:
        return {**self.blocks, 'pre_rows': self.counts['pre'], 'post_rows': self.counts['post'],
                'learners': self.learners}


def generate(attempts: int, seed: int = 2025) -> dict[str, str]:
    """``attempts`` attempts of the pre-test and about half as many of the post-test (``Cohort``). Returns
    {'pre': usage key, 'post': usage key, 'pre_rows': ..., 'post_rows': ..., 'learners': ...}."""
    cohort = Cohort(seed)
    cohort.grow_to(attempts)
    return cohort.summary()
