"""Who is behind an anonymous id, for identified exports only (off unless the operator turns them on).

Submissions store the learner's anonymous id and nothing else, so a leaked export or database dump does not name
anybody. When an identified export is allowed, ids are resolved here in batches, as the export streams:
- in the LMS, through the student app's ``AnonymousUserId`` table (imported when called, never at import time:
  this app must load in the workbench, where edx-platform does not exist);
- in the workbench, by recomputing ``anonymous_id_for(student_id)`` for the student ids it has seen (its
  ``XBlockState`` rows), the way its user service derives them.
An id that cannot be resolved gets empty cells, never an error: a deleted account must not stop an export.
"""
from collections.abc import Iterable
from typing import NamedTuple

from django.apps import apps

BATCH = 500


class Identity(NamedTuple):
    username: str
    name: str
    email: str


UNKNOWN = Identity('', '', '')


def _lms_anonymous_user_id_model():
    try:
        from common.djangoapps.student.models import AnonymousUserId  # pylint: disable=import-outside-toplevel
    except ImportError:
        return None
    return AnonymousUserId


class IdentityResolver:
    """Resolves anonymous ids; one per export (the workbench's id table is computed once per resolver)."""

    def __init__(self):
        self._workbench_ids: dict[str, Identity] | None = None

    def resolve(self, anonymous_ids: Iterable[str | None]) -> dict[str, Identity]:
        """{anonymous id: Identity} for the ids that belong to a known user."""
        wanted = sorted({anonymous_id for anonymous_id in anonymous_ids if anonymous_id})
        if not wanted:
            return {}
        model = _lms_anonymous_user_id_model()
        if model is not None:
            return self._from_lms(model, wanted)
        if apps.is_installed('workbench'):
            return self._from_workbench(wanted)
        return {}

    @staticmethod
    def _from_lms(model, wanted):
        found = {}
        for start in range(0, len(wanted), BATCH):
            batch = wanted[start:start + BATCH]
            rows = model.objects.filter(anonymous_user_id__in=batch).select_related('user__profile')
            for row in rows:
                user = row.user
                profile = getattr(user, 'profile', None)  # UserProfile; absent for some service accounts
                name = getattr(profile, 'name', '') or user.get_full_name()
                found[row.anonymous_user_id] = Identity(user.username, name, user.email)
        return found

    def _from_workbench(self, wanted):
        if self._workbench_ids is None:
            from workbench.models import XBlockState  # pylint: disable=import-outside-toplevel

            from cifal_workbench.services import anonymous_id_for  # pylint: disable=import-outside-toplevel

            students = XBlockState.objects.order_by().values_list('user_id', flat=True).distinct()
            self._workbench_ids = {
                anonymous_id_for(student): Identity(student, f'Workbench user {student}', f'{student}@example.com')
                for student in students if student
            }
        return {anonymous_id: self._workbench_ids[anonymous_id]
                for anonymous_id in wanted if anonymous_id in self._workbench_ids}
