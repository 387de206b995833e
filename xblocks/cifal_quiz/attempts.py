"""
A learner's attempts, as plain data: opening, recording, rescoring and the score the grading method keeps.

Records are dicts so they sit in ``Scope.user_state`` as they are; scores are recomputed from the stored answers
and the current content, so a corrected answer key changes the grade when an instructor rescores.
"""
from dataclasses import dataclass

from cifal_core.payloads import needs_repair, repair_value
from cifal_core.quiz.grading import kept_score
from cifal_core.quiz.sampling import layout_attempt
from cifal_core.quiz.scoring import score_attempt
from cifal_core.schema import Schema, unchanged

# An attempt record, as the user state and the results store keep it. Version 1: issue 2's shape (ADR 9).
ATTEMPT_SCHEMA = Schema('quiz attempt', 1, {0: unchanged})


class AttemptTaken(Exception):
    """The attempt is already recorded (a retried or simultaneous request)."""


class AttemptsExhausted(Exception):
    """The store refused an attempt beyond ``max_attempts``."""


@dataclass(frozen=True)
class LearnerAttempts:
    """A learner's submitted attempts (oldest first), the attempt being answered, and the store's series."""

    records: tuple
    current_attempt: int
    series: str = ''

    @classmethod
    def of(cls, records, current_attempt, series=''):
        """``current_attempt`` from the user state, kept consistent with the records: never below the last one
        (results shown), never more than one past it (the open attempt)."""
        used = len(records)
        current = min(max(current_attempt if isinstance(current_attempt, int) else 1, used, 1), used + 1)
        return cls(records=tuple(records), current_attempt=current, series=series)

    @property
    def used(self):
        return len(self.records)

    @property
    def is_open(self):
        """True while an attempt is being answered; False while the last attempt's results are shown."""
        return self.current_attempt > self.used

    @property
    def last(self):
        return self.records[-1] if self.records else None

    def find(self, number):
        """The submitted record with this attempt number, or None."""
        return next((record for record in self.records if record['number'] == number), None)


def stored_record(record):
    """A record as read back from the user state or the store, upgraded to the current schema and safe to show and
    export: text stored before the request boundary refused unencodable characters has them replaced (ADR 7)."""
    record = ATTEMPT_SCHEMA.upgrade(record)
    return repair_value(record) if needs_repair(record) else record


def seed_parts(usage_key, anonymous_id, attempt_number):
    """What a learner's shuffles and draws are seeded with: stable across reloads, new for each attempt."""
    return (usage_key, anonymous_id or 'anonymous', attempt_number)


def layout_for(content, quiz_settings, usage_key, anonymous_id, attempt_number):
    """The questions and option orders this learner sees in this attempt."""
    return layout_attempt(
        content,
        seed_parts=seed_parts(usage_key, anonymous_id, attempt_number),
        shuffle_questions=quiz_settings['shuffle_questions'],
        shuffle_choices=quiz_settings['shuffle_choices'],
        draw=quiz_settings['draw'],
    )


def questions_of(content, question_ids):
    """The questions of an attempt that still exist in the content (an author may have deleted some since)."""
    present = set(content.question_ids())
    return [content.question(question_id) for question_id in question_ids if question_id in present]


def rescore(record, content):
    """Score a stored attempt again with the current answer key."""
    return score_attempt(questions_of(content, record['question_ids']), record['answers'])


def make_record(number, question_ids, answers, attempt_score, submitted_at):
    """The stored form of a submitted attempt."""
    return ATTEMPT_SCHEMA.stamp({
        'number': number,
        'question_ids': list(question_ids),
        'answers': answers,
        'scores': [
            {'id': q.question_id, 'earned': q.earned, 'possible': q.possible, 'status': q.status}
            for q in attempt_score.questions
        ],
        'earned': attempt_score.earned,
        'possible': attempt_score.possible,
        'submitted_at': submitted_at,
    })


def attempt_fraction(attempt_score):
    """An attempt's share of its possible points (0 when it had nothing to score)."""
    return attempt_score.earned / attempt_score.possible if attempt_score.possible else 0.0


def kept_fraction(records, content, grading_method, score=None):
    """The fraction of the maximum that the grading method keeps over all attempts, rescored; None if none.
    ``score(record)``: the record's score with the current key, if it is known already (``rescore`` otherwise)."""
    fractions = [attempt_fraction(score(record) if score else rescore(record, content)) for record in records]
    return kept_score(fractions, grading_method)
