"""Errors the blocks catch; importable before Django's apps are ready (no model import)."""


class DuplicateAttempt(Exception):
    """The same attempt of the same learner is already recorded (a retried or simultaneous request)."""

    def __init__(self, existing):
        super().__init__(f'attempt {existing.sequence} is already recorded')
        self.existing = existing


class AttemptLimitReached(Exception):
    """The database refused an attempt beyond the quiz's ``max_attempts`` (``attempt_limit``)."""


class AlreadyAnswered(Exception):
    """The learner has already answered this anonymous questionnaire (their receipt is recorded)."""
