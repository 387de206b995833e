"""
Make the stock workbench behave as the LMS does where this suite depends on it.

Three behaviours of xblock-sdk 0.15 are replaced when the app is ready (see docs/decisions/0002-workbench-runtime.md):

* the index loads every installed block's ``workbench_scenarios()``; one peer block whose method raises makes the
  index answer 500. Here such a block is logged and skipped.
* every render and handler call sets ``block.due`` to *now* (for the LTI block), which would make every submission
  late. The LMS sets ``due`` only where the course does; here it is left absent, as the issue asks.
* its state table has no unique key, so simultaneous first requests of one learner (a double tap, a mobile retry)
  each create a row for the same state and every later request fails with ``MultipleObjectsReturned``. The LMS's
  StudentModule has that key; here state rows are created under a lock and read oldest first.
"""
import contextlib
import logging
import threading

from django.apps import AppConfig

log = logging.getLogger(__name__)
_STATE_ROW_LOCK = threading.Lock()


def load_scenarios_safely():
    """Build the workbench's scenario list, skipping blocks whose scenarios cannot be loaded."""
    from django.conf import settings
    from workbench import scenarios
    from xblock.core import XBlock

    scenarios.SCENARIOS.clear()
    if settings.WORKBENCH['reset_state_on_restart']:
        scenarios.WORKBENCH_KVS.clear()
    else:
        scenarios.WORKBENCH_KVS.prep_for_scenario_loading()
    for class_name, cls in sorted(XBlock.load_classes(fail_silently=True)):
        try:
            scenarios.add_class_scenarios(class_name, cls, fail_silently=True)
        except Exception:  # pylint: disable=broad-exception-caught
            log.warning('Skipping the workbench scenarios of %s: its workbench_scenarios() failed', class_name,
                        exc_info=True)
    load_course_previews(settings, scenarios)


def load_course_previews(settings, scenarios):
    """The units of the previewed course (``cifal-course preview``, or the shipped course under ``make serve``)
    as scenarios after the block demos; a course that cannot be read is logged and skipped."""
    from cifal_course.preview import unit_scenarios
    for folder in settings.CIFAL_PREVIEW_COURSES:
        try:
            for name, description, xml in unit_scenarios(folder):
                scenarios.add_xml_scenario(name, description, xml)
        except Exception:  # pylint: disable=broad-exception-caught
            log.warning('Skipping the preview of %s: it could not be read (run cifal-course validate on it)', folder,
                        exc_info=True)


def patch_xblock_without_due(runtime, block):  # pylint: disable=unused-argument
    """The sdk's legacy patching, minus the fake ``due`` and ``graceperiod``: the workbench has no due dates."""
    from unittest.mock import Mock
    try:
        block.location = Mock(html_id=Mock(return_value='course-v1:CIFAL+Workbench+2026'))
        block.course_id = block.location.html_id()
        block.category = 'chapter'
    except AttributeError:
        pass


@contextlib.contextmanager
def _database_lock(name):
    """A lock every process shares on MySQL (GET_LOCK); SQLite serialises writers itself, threads use the lock."""
    from django.db import connection
    if connection.vendor != 'mysql':
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute('SELECT GET_LOCK(%s, 10)', [name])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute('SELECT RELEASE_LOCK(%s)', [name])


def state_row_for_key(cls, key):
    """``XBlockState.get_for_key`` with one row per key whatever the concurrency (the sdk's lookup, race-safe)."""
    from workbench.models import shorten_scope_name
    from xblock.fields import Scope
    if key.scope in [Scope.parent, Scope.children]:
        scope_name = shorten_scope_name(key.scope.attr_name)
    else:
        scope_name = shorten_scope_name(key.scope.block.attr_name)
    if scope_name in ('type', 'all'):
        scenario, tag = None, key.block_scope_id
    else:
        scenario, tag = key.block_scope_id.split('.', 2)[:2]
    lookup = {'scope': scope_name, 'scope_id': key.block_scope_id, 'user_id': key.user_id, 'scenario': scenario,
              'tag': tag}
    record = cls.objects.filter(**lookup).order_by('id').first()
    if record is not None:
        return record
    with _STATE_ROW_LOCK, _database_lock('cifal_workbench_state'):
        return cls.objects.filter(**lookup).order_by('id').first() or cls.objects.create(**lookup)


class CifalWorkbenchConfig(AppConfig):
    """Installs the three workbench fixes above."""

    name = 'cifal_workbench'
    verbose_name = 'CIFAL workbench support'

    def ready(self):
        from workbench import runtime, scenarios
        from workbench.models import XBlockState
        scenarios.init_scenarios = load_scenarios_safely
        runtime.WorkbenchRuntime._patch_xblock = patch_xblock_without_due  # pylint: disable=protected-access
        XBlockState.get_for_key = classmethod(state_row_for_key)
