"""
Who is asking, read only through the user service, as the LMS and the suite's workbench both provide it.

The runtime's own staff and anonymous-id attributes are deprecated; the user service is what the LMS,
the Learning Core runtime and the workbench settings of this suite all offer.
"""
from dataclasses import dataclass

ANONYMOUS_ID = 'edx-platform.anonymous_user_id'
IS_STAFF = 'edx-platform.user_is_staff'
USERNAME = 'edx-platform.username'


@dataclass(frozen=True)
class Identity:
    """The current user as a block needs it. ``anonymous_id`` is None when no user is bound (mobile data, reports)."""

    anonymous_id: str | None
    is_staff: bool
    username: str | None
    full_name: str | None
    email: str | None


NOBODY = Identity(anonymous_id=None, is_staff=False, username=None, full_name=None, email=None)


def current_identity(block):
    """Read the current user from the block's user service; NOBODY when the runtime has none."""
    service = block.runtime.service(block, 'user')
    if service is None:
        return NOBODY
    user = service.get_current_user()
    if user is None:
        return NOBODY
    attrs = getattr(user, 'opt_attrs', {}) or {}
    emails = getattr(user, 'emails', None) or []
    return Identity(
        anonymous_id=attrs.get(ANONYMOUS_ID),
        is_staff=bool(attrs.get(IS_STAFF, False)),
        username=attrs.get(USERNAME),
        full_name=getattr(user, 'full_name', None),
        email=emails[0] if emails else None,
    )
