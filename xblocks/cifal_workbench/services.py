"""
The LMS's user service, as far as this suite relies on it, for the workbench.

The workbench knows a learner only by the ``?student=`` query parameter. The LMS tells a block who is staff and
gives every learner an anonymous id; the blocks read both through the user service only, so that the same code
runs in the workbench and in the LMS. Here a student id starting with ``staff`` is course staff.
"""
import hashlib
import hmac
import warnings

from django.conf import settings
from xblock.reference.user_service import UserService, XBlockUser

STAFF_PREFIX = 'staff'


def anonymous_id_for(student_id):
    """A stable, opaque id for a student id (the LMS derives its anonymous ids from the secret key the same way)."""
    digest = hmac.new(settings.SECRET_KEY.encode(), str(student_id).encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


class WorkbenchUserService(UserService):
    """
    User service loaded through ``WORKBENCH['services']``.

    The workbench builds its services before it knows the student, then sets the runtime's user id; so the user is
    built on each call from the runtime, not in ``__init__``.
    """

    runtime = None  # set by the workbench runtime right after construction

    def __init__(self):
        super().__init__(user=None)

    def get_current_user(self):
        with warnings.catch_warnings():
            # The workbench has no other way to say who the student is; the blocks never read it from the runtime.
            warnings.simplefilter('ignore')
            student_id = getattr(self.runtime, 'user_id', None) or 'student_1'
        is_staff = str(student_id).startswith(STAFF_PREFIX)
        user = XBlockUser(
            is_current_user=True,
            emails=[f'{student_id}@example.com'],
            full_name=f'Workbench user {student_id}',
        )
        user.opt_attrs.update({
            'edx-platform.anonymous_user_id': anonymous_id_for(student_id),
            'edx-platform.user_is_staff': is_staff,
            'edx-platform.username': str(student_id),
            'edx-platform.user_role': 'staff' if is_staff else 'student',
            'xblock-workbench.user_id': student_id,
        })
        return user
