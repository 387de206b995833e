"""
Platform facts that only exist inside Open edX, read defensively so the blocks also run in the workbench.

Nothing here imports edx-platform: fields such as ``due`` come from LMS mixins and are simply absent elsewhere.
"""
from datetime import UTC, datetime, timedelta


def utcnow():
    """Now, timezone-aware (the LMS's dates are aware; a naive date never compares with them)."""
    return datetime.now(UTC)


def as_aware(moment):
    """Treat a naive datetime as UTC, as the LMS stores them."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def effective_due(block):
    """The moment after which submissions are refused: ``due`` plus the course's grace period, or None."""
    due = as_aware(getattr(block, 'due', None))
    if due is None:
        return None
    grace = getattr(block, 'graceperiod', None)
    return due + grace if isinstance(grace, timedelta) else due


def is_past_due(block, now=None):
    """True once the LMS's due date (with grace period) has passed; never in the workbench, which has no due."""
    due = effective_due(block)
    return due is not None and (now or utcnow()) > due


def course_key(block):
    """The course key as text (``course-v1:...`` in the LMS; the workbench has none)."""
    usage_id = block.scope_ids.usage_id
    context_key = getattr(usage_id, 'context_key', None) or getattr(usage_id, 'course_key', None)
    if context_key is not None:
        return str(context_key)
    return str(getattr(block.runtime, 'course_id', None) or 'workbench')


def usage_key(block):
    """The block's usage key as text; stable for seeding shuffles and for keying records."""
    return str(block.scope_ids.usage_id)


def platform_secret():
    """The deployment's secret key (the LMS's, or the workbench's), which keys the learner codes of options."""
    from django.conf import settings  # pylint: disable=import-outside-toplevel  (settings are configured late)
    return settings.SECRET_KEY
