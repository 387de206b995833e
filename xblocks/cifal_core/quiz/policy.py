"""When learners may see the right answers, the correctness of their own, and how many tries are left.

Pre-tests keep answers hidden so that the post-test still measures something; knowledge checks
reveal them straight away because they are for learning. The rules live here, in one place, so
that the web page, the mobile API and the reports agree. Staff previews are the XBlock's business.
"""
from cifal_core.quiz.settings import SHOW_ANSWERS, SHOW_CORRECTNESS


def answers_visible(show_answers, *, attempts_used, max_attempts, passed) -> bool:
    """Whether correct answers and explanations may be revealed to the learner."""
    if show_answers == 'after_attempt':
        return attempts_used >= 1
    if show_answers == 'after_final_attempt':
        return max_attempts > 0 and attempts_used >= max_attempts
    if show_answers == 'after_pass':
        return bool(passed)
    if show_answers == 'never':
        return False
    raise ValueError(f'unknown show_answers {show_answers!r} (expected one of {", ".join(SHOW_ANSWERS)})')


def correctness_visible(show_correctness, *, attempts_used) -> bool:
    """Whether a learner is told which of their answers were right, after submitting."""
    if show_correctness == 'always':
        return attempts_used >= 1
    if show_correctness == 'never':
        return False
    raise ValueError(
        f'unknown show_correctness {show_correctness!r} (expected one of {", ".join(SHOW_CORRECTNESS)})')


def attempts_remaining(max_attempts, attempts_used) -> int | None:
    """Attempts the learner still has; None when attempts are unlimited (max_attempts 0)."""
    if not max_attempts:
        return None
    return max(0, max_attempts - attempts_used)
