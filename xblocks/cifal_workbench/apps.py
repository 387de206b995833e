"""
Make the stock workbench behave as the LMS does where this suite depends on it.

Two behaviours of xblock-sdk 0.15 are replaced when the app is ready (see docs/decisions/0002-workbench-runtime.md):

* the index loads every installed block's ``workbench_scenarios()``; one peer block whose method raises makes the
  index answer 500. Here such a block is logged and skipped.
* every render and handler call sets ``block.due`` to *now* (for the LTI block), which would make every submission
  late. The LMS sets ``due`` only where the course does; here it is left absent, as the issue asks.
"""
import logging

from django.apps import AppConfig

log = logging.getLogger(__name__)


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


def patch_xblock_without_due(runtime, block):  # pylint: disable=unused-argument
    """The sdk's legacy patching, minus the fake ``due`` and ``graceperiod``: the workbench has no due dates."""
    from unittest.mock import Mock
    try:
        block.location = Mock(html_id=Mock(return_value='course-v1:CIFAL+Workbench+2026'))
        block.course_id = block.location.html_id()
        block.category = 'chapter'
    except AttributeError:
        pass


class CifalWorkbenchConfig(AppConfig):
    """Installs the two workbench fixes above."""

    name = 'cifal_workbench'
    verbose_name = 'CIFAL workbench support'

    def ready(self):
        from workbench import runtime, scenarios
        scenarios.init_scenarios = load_scenarios_safely
        runtime.WorkbenchRuntime._patch_xblock = patch_xblock_without_due  # pylint: disable=protected-access
