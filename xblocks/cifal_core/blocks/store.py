"""The results store (``cifal_results``) as the blocks reach it: through its ``api`` module only, and only where it
is installed (the LMS and Studio load it as a plugin app, the workbench lists it; a bare runtime may not have it)."""
from django.apps import apps


def results_api():
    """``cifal_results.api``, or None where the app is not installed (the blocks then keep learner state only)."""
    if not apps.is_installed('cifal_results'):
        return None
    from cifal_results import api  # pylint: disable=import-outside-toplevel  (needs the app registry ready)
    return api
